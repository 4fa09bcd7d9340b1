/**
 * The link state of the StyleAlign page: which latent the explorer shows (the seed's latent number
 * `z`), the parent W direction it moves along (`dir`, a principal direction of the parent's W) and by
 * how much (`edit`, in standard deviations of W along it), the morph's t, the fine-tune checkpoint
 * under the scrubber (`step`) and the length of the live fine-tune (`ftSteps`). Seed and backend are
 * the common fields. What the workers computed (images, the live run) never goes in the link.
 *
 * A link can be well-formed and still name something the page does not have (a checkpoint step the
 * training script never writes): `settingsProblem` names it and the fix.
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';

/** The fine-tune steps `scripts/train/stylealign.ts --stage child` keeps as child-step<k>.bin. */
export const CHECKPOINT_STEPS = [0, 250, 500, 1000, 2000, 3000] as const;
/** How many principal directions of the parent's W the explorer offers. */
export const DIRECTIONS = 8;
export const EDIT_LIMIT = 3;
export const MAX_LATENT = 9999;

export const stylealignSchema = defineUrlSchema({
  id: 'stylealign',
  version: 1,
  shape: {
    /** The latent's number under the seed: z = N(0, I) from the stream `stylealign/explore/<z>`. */
    z: z.int().min(0).max(MAX_LATENT).default(0),
    /** 1-based principal direction of the parent's W that the edit slider moves along. */
    dir: z.int().min(1).max(DIRECTIONS).default(1),
    /** How far along it, in standard deviations of the parent's W along that direction. */
    edit: z.number().min(-EDIT_LIMIT).max(EDIT_LIMIT).default(0),
    /** The morph's t: 0 is the parent (its weights and code), 1 the child. */
    t: z.number().min(0).max(1).default(0.5),
    /** The shipped fine-tune checkpoint the scrubber shows (one of CHECKPOINT_STEPS). */
    step: z.int().min(0).max(3000).default(3000),
    /** Steps of the live fine-tune in this browser. */
    ftSteps: z.int().min(10).max(1000).default(300),
  },
});

export type StyleAlignUrlValues = ValuesOf<typeof stylealignSchema>;

/** What is wrong with a well-formed link, naming the fix; null when nothing is. */
export function settingsProblem(values: Pick<StyleAlignUrlValues, 'step'>): string | null {
  if (!(CHECKPOINT_STEPS as readonly number[]).includes(values.step)) {
    const nearest = CHECKPOINT_STEPS.reduce((a, b) => (Math.abs(b - values.step) < Math.abs(a - values.step) ? b : a));
    return (
      `The link asks for fine-tune checkpoint step=${values.step}, which the training script does not keep: ` +
      `it keeps steps ${CHECKPOINT_STEPS.join(', ')}. Pick one with the scrubber (the nearest is ${nearest}), or set step=${nearest} in the link.`
    );
  }
  return null;
}

/** The nearest kept checkpoint step (what the scrubber shows for a link with another step). */
export function nearestCheckpoint(step: number): number {
  return CHECKPOINT_STEPS.reduce((a, b) => (Math.abs(b - step) < Math.abs(a - step) ? b : a));
}

export const useStyleAlignUrl = createUrlStore(stylealignSchema);
