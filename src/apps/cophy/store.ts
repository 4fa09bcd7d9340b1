/**
 * The link state of the Filtered-CoPhy demo: which example of the test split (generated from the
 * seed, core/dataset.ts), the user's intervention on C (the dataset's own, one ball removed, or one
 * ball started at (x, y): intervention.ts), and the frame the videos show. Seed and backend are the
 * common fields. What the worker computed (the example, the verdict, the frames) lives in
 * `ui/liveStore.ts`, never in the URL.
 *
 * A link can be well-formed and still name an impossible C (ball 4 of a 3-ball scene, a ball on top
 * of another): the page shows `settingsProblem`'s sentence for it and keeps the example.
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';
import { DATASET_SIZES } from './core/dataset';
import { FRAMES } from './core/simulator';
import { interventionOf, interventionProblem, MOVE_LIMIT } from './intervention';

/** The most balls a scene can have (the paper's 4; ours has 3 by default: differences.ts). */
export const MAX_BALLS = 4;

export const cophySchema = defineUrlSchema({
  id: 'cophy',
  version: 1,
  shape: {
    /** 1-based example of the test split. */
    example: z.int().min(1).max(DATASET_SIZES.test).default(1),
    /** The intervention on C: the dataset's, a removal, or a move of `ball` to (x, y). */
    edit: z.enum(['dataset', 'remove', 'move']).default('dataset'),
    /** 1-based ball of A that `edit` removes or moves. */
    ball: z.int().min(1).max(MAX_BALLS).default(1),
    x: z.number().min(-MOVE_LIMIT).max(MOVE_LIMIT).default(0),
    y: z.number().min(-MOVE_LIMIT).max(MOVE_LIMIT).default(0),
    /** The frame the videos show (0 = A and C). */
    frame: z.int().min(0).max(FRAMES - 1).default(0),
  },
});

export type CophyUrlValues = ValuesOf<typeof cophySchema>;

/**
 * What is wrong with the link's C for this A (null while A is not known yet, or when nothing is),
 * naming the fix: the sentence the worker throws for the same C.
 */
export function settingsProblem(values: CophyUrlValues, a: { n: number; positions: Float64Array; colors?: readonly number[] } | null): string | null {
  if (!a) return null;
  return interventionProblem(interventionOf(values), a, a.colors);
}

export const useCophyUrl = createUrlStore(cophySchema);
