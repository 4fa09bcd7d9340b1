/**
 * Keypoint extraction, the bridge between Filtered-CoPhy's two training stages (arXiv 2202.00368 §4.3;
 * official generate_keypoints.py @151a2fd l. 48–81): a trained de-rendering encoder is run, in inference
 * mode, over every frame of an example's AB and CD videos, and each frame gives per keypoint its
 * (row, column) and its C + 1 sigmoid coefficients (the last the gate): C + 3 numbers, 7 for C = 4.
 * The official script stores these per example (keypoints_ab.npy, keypoints_cd.npy); the velocities are
 * added when the examples are loaded (Keypoints_Loaders.py l. 24–29), and so here: `withVelocities`.
 *
 * Frames are rendered on demand (render.ts) and encoded in batches. `stride` keeps every stride-th
 * frame (t = 0, stride, 2·stride, …), a stated reduction when extraction over all 150 frames would take
 * too long; the dynamics then work on the strided sequence.
 */
import { framesToFloat } from './derendering';
import { BALLS_VIDEO_SOURCE, type VideoSource } from './videoSource';
import { strideTimes, type StateRenderer } from './counterfactualModel';

/** The frame times kept at a stride (0, stride, 2·stride, …): one definition, the model seam's. */
export { strideTimes };
import type { DerenderExample } from './derenderTrainer';

/**
 * The frame stride the shipped CoDy is trained at: every 2nd frame (12.5 fps, 75 frames, a 74-step
 * rollout covering the whole 6 s). Extracting all 150 frames of the 1,000 training examples measured
 * 23–25 min on WASM on a loaded 2-core machine, and a CoDy step at 150 frames 10–19 s (scripts/
 * cophy-keypoints-bench.ts, scripts/cophy-cody-bench.ts); stride 2 halves both. 1 is the official.
 */
export const DEFAULT_KEYPOINT_STRIDE = 2;

/** The per-frame numbers the encoder gives per keypoint: (row, column) and C + 1 coefficients. */
export function rawStateSize(coefficients: number): number {
  return 2 + coefficients + 1;
}

/** The extracted, velocity-free states of one example: frames × keypoints × rawStateSize, frame-major. */
export interface ExampleStates {
  ab: Float32Array;
  cd: Float32Array;
}

export interface StateLayout {
  /** frames kept per video (⌈150 / stride⌉) */
  frames: number;
  keypoints: number;
  /** numbers per keypoint per frame (C + 3) */
  raw: number;
  stride: number;
}

/**
 * A frames → states encoder with the de-rendering's state layout ((row, column) in [−1, 1], then its
 * coefficients, the gate last): the trained de-rendering (shippedModel.ts DerenderStateRenderer), or the
 * colour-centroid reference (referenceModels.ts), whose exact keypoints let a CoDy be trained without the
 * de-rendering's errors (a diagnostic, not the paper's model).
 */
export type StateEncoder = Pick<StateRenderer, 'name' | 'imageSize' | 'keypoints' | 'stateSize' | 'extract'>;

/**
 * Runs the encoder over the AB and CD frames (at `stride`) of each example, `chunk` frames per encoder
 * call. Returns one ExampleStates per example (keypoints (row, column) in [−1, 1], then the coefficients).
 */
export function extractStates<E = DerenderExample>(
  encoder: StateEncoder,
  examples: readonly E[],
  opts: { stride?: number; chunk?: number; source?: VideoSource<E> } = {},
): ExampleStates[] {
  const video = opts.source ?? (BALLS_VIDEO_SOURCE as unknown as VideoSource<E>);
  const stride = opts.stride ?? 1;
  const chunk = opts.chunk ?? 50;
  const size = encoder.imageSize;
  const perFrame = encoder.keypoints * encoder.stateSize;
  // every (example, part, time) in order; encoded `chunk` at a time
  const jobs: { e: number; part: 'ab' | 'cd'; slot: number }[] = [];
  const out: ExampleStates[] = examples.map((ex, e) => {
    const abTimes = strideTimes(video.frames(ex, 'ab'), stride);
    const cdTimes = strideTimes(video.frames(ex, 'cd'), stride);
    abTimes.forEach((_, slot) => jobs.push({ e, part: 'ab', slot }));
    cdTimes.forEach((_, slot) => jobs.push({ e, part: 'cd', slot }));
    return { ab: new Float32Array(abTimes.length * perFrame), cd: new Float32Array(cdTimes.length * perFrame) };
  });
  const pixels = new Float32Array(chunk * size * size * 3);
  for (let start = 0; start < jobs.length; start += chunk) {
    const part = jobs.slice(start, start + chunk);
    const frames = part.map((j) => video.render(examples[j.e], j.part, j.slot * stride, size));
    const input = framesToFloat(frames, pixels).subarray(0, part.length * size * size * 3);
    const states = encoder.extract(input, part.length).values;
    part.forEach((j, i) => out[j.e][j.part].set(states.subarray(i * perFrame, (i + 1) * perFrame), j.slot * perFrame));
  }
  return out;
}

/**
 * The dynamics' state (Keypoints_Loaders.py l. 24–29): each frame's raw numbers followed by their
 * finite difference to the previous kept frame (zero at t = 0). frames × K × raw → frames × K × 2·raw.
 */
export function withVelocities(raw: Float32Array, frames: number, keypoints: number, rawSize: number): Float32Array {
  const s = 2 * rawSize;
  const out = new Float32Array(frames * keypoints * s);
  for (let t = 0; t < frames; t++) {
    for (let p = 0; p < keypoints; p++) {
      const src = (t * keypoints + p) * rawSize;
      const prev = ((t - 1) * keypoints + p) * rawSize;
      const dst = (t * keypoints + p) * s;
      for (let q = 0; q < rawSize; q++) {
        out[dst + q] = raw[src + q];
        out[dst + rawSize + q] = t === 0 ? 0 : raw[src + q] - raw[prev + q];
      }
    }
  }
  return out;
}
