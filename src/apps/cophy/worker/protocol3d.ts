/**
 * What crosses the 3-D CoPhy worker's boundary (worker/cophy3d.worker.ts, worker/session3d.ts): the
 * BlocktowerCF or CollisionCF example a link names, the user's intervention on C, the filter's verdict
 * (part 1's VerdictInfo, on 3-D distances), C's poses for the three.js view, ray-cast frames (RGBA,
 * transferred) and the filter's statistics on a sample. Types only, so the page imports them for free.
 */
import type { Tower } from '../core3d/blocktower';
import type { Arena } from '../core3d/collision';
import type { DoOperation3d, Scenario3d } from '../core3d/dataset3d';
import type { ObjectKind } from '../core3d/physics';
import type { Intervention3d } from './intervention3d';
import type { FilterStats, VerdictInfo } from './protocol';

export interface Example3dRequest {
  scenario: Scenario3d;
  seed: number;
  /** 0-based index in the test split. */
  index: number;
}

/** Object poses at one instant: kinds, centres (x, y, z each) and unit quaternions (x, y, z, w each). */
export interface Poses3d {
  kinds: ObjectKind[];
  positions: Float64Array;
  rotations: Float64Array;
  /** Palette colour of each object (core3d/raycast.ts OBJECT_COLOR_NAMES). */
  colors: number[];
}

export interface Example3dInfo {
  scenario: Scenario3d;
  seed: number;
  index: number;
  n: number;
  frames: number;
  /** The true masses (1 or 10): hidden, shown only on request. */
  masses: number[];
  colors: number[];
  floor: number;
  /** A's start, as the three.js view draws it. */
  a: Poses3d;
  /** A as the scenario describes it (the tower's cubes and yaws; the arena's mover, orientation and launch). */
  setup: { kind: 'blocktower'; tower: Tower } | { kind: 'collision'; arena: Arena };
  datasetOp: DoOperation3d;
  /** The dataset's do-operation as an editor intervention (what "Back to the dataset's C" writes into the link). */
  datasetIntervention: Intervention3d;
  datasetCounterfactual: number[];
  /** A's RGBA frame 0 (64 × 64 × 4). */
  firstFrame: Uint8ClampedArray;
  /** Seconds the generation took in the worker. */
  ms: number;
}

export interface Evaluation3d {
  intervention: Intervention3d;
  /** Why this C cannot be simulated, naming the fix; then nothing else is set. */
  problem: string | null;
  /** C's start, for the three.js view; for each object of C its index in A. */
  c: Poses3d | null;
  objects: number[];
  verdict: VerdictInfo | null;
  /** BlocktowerCF: whether C's tower passes the official stability test with the true masses; null otherwise. */
  cStable: boolean | null;
  /** C's RGBA frame (frame 0 of CD). */
  cFrame: Uint8ClampedArray;
  ms: number;
}

export interface Video3dRequest {
  scenario: Scenario3d;
  seed: number;
  index: number;
  part: 'ab' | 'cd';
  intervention?: Intervention3d;
}

export interface Stats3dRequest {
  scenario: Scenario3d;
  seed: number;
  examples: number;
  unfiltered: number;
}

export type Stats3d = FilterStats & { scenario: Scenario3d; stabilityMismatch: number };

export interface Stats3dProgress {
  done: number;
  total: number;
}

/**
 * The model's D for the user's C in a 3-D scenario (worker/predict.ts, as BallsCF's PredictRequest):
 * the scenario's shipped weights (src/apps/cophy/weights/<scenario>/), by file name as absolute URLs
 * (ui/weightUrls3d.ts); the answer streams PredictProgress<Intervention3d> and ends in
 * PredictResult<Intervention3d>.
 */
export interface Predict3dRequest extends Example3dRequest {
  intervention: Intervention3d;
  weightUrls: Readonly<Record<string, string>>;
  backend?: 'auto' | 'webgl' | 'wasm' | 'cpu';
  /** The video frame under the scrubber: its batch is decoded first. */
  frame?: number;
}
