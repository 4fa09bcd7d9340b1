/**
 * The link state of the Filtered-CoPhy demo: which example of the test split (generated from the
 * seed, core/dataset.ts), the user's intervention on C (the dataset's own, one ball removed, or one
 * ball started at (x, y): intervention.ts), and the frame the videos show. Seed and backend are the
 * common fields. What the worker computed (the example, the verdict, the frames) lives in
 * `ui/liveStore.ts`, never in the URL.
 *
 * A link can be well-formed and still name an impossible C (ball 4 of a 3-ball scene, a ball on top
 * of another): the page shows `settingsProblem`'s sentence for it and keeps the example.
 *
 * Part 2 (issue #14) adds `scenario` (BallsCF, BlocktowerCF, CollisionCF), the edit `flip` (CollisionCF's
 * cylinder) and `z` (the height of CollisionCF's moving object); in the 3-D scenarios `ball` names the
 * object (cube 1–4 bottom up; 1 the cylinder, 2 the ball). All three default to what part 1's links
 * meant, so an old BallsCF link opens unchanged; `settingsProblem3d` names what does not fit a 3-D A.
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';
import { DATASET_SIZES } from './core/dataset';
import { FRAMES } from './core/simulator';
import { interventionOf, interventionProblem, MOVE_LIMIT, type InterventionValues } from './intervention';
import { intervention3dOf, intervention3dProblem, Z_LIMIT_3D, type Setup3d } from './worker/intervention3d';

/** The most balls a scene can have (the paper's 4; ours has 3 by default: differences.ts). */
export const MAX_BALLS = 4;

export const cophySchema = defineUrlSchema({
  id: 'cophy',
  version: 1,
  shape: {
    /** The paper's scenario: BallsCF (part 1, 2-D), BlocktowerCF or CollisionCF (part 2, 3-D: Rapier, ray-cast frames). */
    scenario: z.enum(['balls', 'blocktower', 'collision']).default('balls'),
    /** 1-based example of the test split. */
    example: z.int().min(1).max(DATASET_SIZES.test).default(1),
    /** The intervention on C: the dataset's, a removal, or a move of `ball` to (x, y). */
    edit: z.enum(['dataset', 'remove', 'move', 'flip']).default('dataset'),
    /** 1-based ball (object, in 3-D) of A that `edit` removes or moves. */
    ball: z.int().min(1).max(MAX_BALLS).default(1),
    x: z.number().min(-MOVE_LIMIT).max(MOVE_LIMIT).default(0),
    y: z.number().min(-MOVE_LIMIT).max(MOVE_LIMIT).default(0),
    /** CollisionCF: the height the moved object starts at (BlocktowerCF keeps a cube on its level; BallsCF is flat). */
    z: z.number().min(0).max(Z_LIMIT_3D).default(0),
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
  if (values.edit === 'flip') return 'BallsCF has no cylinder to flip (that is CollisionCF): move or remove a ball instead.';
  if (!a) return null;
  return interventionProblem(interventionOf(ballsValues(values)), a, a.colors);
}

/** The link's intervention as BallsCF reads it (a `flip`, which only CollisionCF has, reads as the dataset's C; settingsProblem names it). */
export function ballsValues(values: Pick<CophyUrlValues, 'edit' | 'ball' | 'x' | 'y'>): InterventionValues {
  return { edit: values.edit === 'flip' ? 'dataset' : values.edit, ball: values.ball, x: values.x, y: values.y };
}

/** Frames of each scenario's videos (BallsCF and BlocktowerCF 150, CollisionCF 75). */
export const SCENARIO_FRAMES = { balls: FRAMES, blocktower: 150, collision: 75 } as const;

/**
 * What is wrong with the link for a 3-D A (null while A is not known yet, or when nothing is): the
 * intervention's problem (worker/intervention3d.ts, the sentence the worker gives for the same C), or a
 * frame past the end of CollisionCF's 75 frames.
 */
export function settingsProblem3d(values: CophyUrlValues, setup: Setup3d | null): string | null {
  if (values.scenario === 'collision' && values.frame >= SCENARIO_FRAMES.collision) {
    return `Frame ${values.frame} is past the end: CollisionCF's videos have ${SCENARIO_FRAMES.collision} frames (0–${SCENARIO_FRAMES.collision - 1}); the player shows the last one.`;
  }
  if (!setup) return null;
  return intervention3dProblem(intervention3dOf(values), setup);
}

export const useCophyUrl = createUrlStore(cophySchema);
