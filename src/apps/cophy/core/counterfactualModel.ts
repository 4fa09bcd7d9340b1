/**
 * The seam between the experiment and the learned model: what a counterfactual model must do to be
 * scored, written as the official evaluation calls it (evaluate_pipeline.py @151a2fd, Pipeline.forward
 * l. 51–80: keypoints and coefficients of AB and CD from the de-rendering encoder, the confounders from
 * AB, a rollout from C's state, and D rendered from the predicted states with the dense features of
 * C, the first CD frame). The experiment, the metrics and the mass probe depend on this interface only,
 * so the de-rendering model (derendering.ts), the dynamics (CoDy, written separately) and the toy models
 * of the tests (referenceModels.ts) all plug into the same harness.
 */

/**
 * Per-frame keypoint states, frame-major: `values[(t·K + k)·D + j]`, D = 2 + C + 1 numbers per keypoint:
 * (row, column) in [−1, 1] (the official convention, Derendering.get_keypoint_location), then the C
 * coefficients and the gate, each in (0, 1). No velocities: a dynamics model adds its own finite
 * differences (as Keypoints_Loaders.py l. 24–29 and evaluate_pipeline.py add_speed, l. 82–86).
 */
export interface KeypointStates {
  readonly frames: number;
  /** K */
  readonly keypoints: number;
  /** D = 2 + C + 1 */
  readonly stateSize: number;
  readonly values: Float32Array;
}

/**
 * A trained (or toy) counterfactual model. Frames are `imageSize`² RGB, channels last, values in [−1, 1]
 * (the official loader's 2·(v/255) − 1), concatenated frame after frame in one Float32Array.
 */
export interface CounterfactualModel {
  readonly name: string;
  readonly imageSize: number;
  /** K keypoints per frame. */
  readonly keypoints: number;
  /** D numbers per keypoint per frame (2 + C + 1). */
  readonly stateSize: number;
  /** Length of the confounder code per keypoint (u_k, 32 in the paper and here). */
  readonly confounderSize: number;
  /**
   * Video frames between two steps of the dynamics (1: every frame, as the official CoDy). The
   * experiment gives `confounder` the AB states at t = 0, s, 2s, … and compares the rollout with D at
   * the same times.
   */
  readonly timeStride: number;
  /** De-rendering encoder: the states of `count` frames. */
  extract(frames: Float32Array, count: number): KeypointStates;
  /** Abduction: the confounder code of each keypoint from the AB states (K × confounderSize values). */
  confounder(ab: KeypointStates): Float32Array;
  /**
   * Prediction: from C's state (one frame) and a confounder code, `steps` steps of the dynamics.
   * Returns steps + 1 frames; frame 0 is the model's own version of C (the official CoDy decodes its
   * encoded start as well, CoDy.forward l. 98–114).
   */
  rollout(c: KeypointStates, u: Float32Array, steps: number): KeypointStates;
  /** Rendering: frames from states, with the dense features of `source` (one frame: C). */
  decode(states: KeypointStates, source: Float32Array): Float32Array;
  /** Frees whatever the model holds (tensors). */
  dispose(): void;
}

/** The dynamics half of a model (CoDy): what a CoDy implementation provides to `composeModel`. */
export interface CounterfactualDynamics {
  readonly name: string;
  readonly confounderSize: number;
  readonly timeStride: number;
  confounder(ab: KeypointStates): Float32Array;
  rollout(c: KeypointStates, u: Float32Array, steps: number): KeypointStates;
  dispose(): void;
}

/** The rendering half (the de-rendering model): encoder and decoder. */
export interface StateRenderer {
  readonly name: string;
  readonly imageSize: number;
  readonly keypoints: number;
  readonly stateSize: number;
  extract(frames: Float32Array, count: number): KeypointStates;
  decode(states: KeypointStates, source: Float32Array): Float32Array;
  dispose(): void;
}

/** A full model from a renderer and dynamics trained on its keypoints (the paper's two stages, §4.3). */
export function composeModel(renderer: StateRenderer, dynamics: CounterfactualDynamics): CounterfactualModel {
  return {
    name: `${renderer.name} + ${dynamics.name}`,
    imageSize: renderer.imageSize,
    keypoints: renderer.keypoints,
    stateSize: renderer.stateSize,
    confounderSize: dynamics.confounderSize,
    timeStride: dynamics.timeStride,
    extract: (frames, count) => renderer.extract(frames, count),
    confounder: (ab) => dynamics.confounder(ab),
    rollout: (c, u, steps) => dynamics.rollout(c, u, steps),
    decode: (states, source) => renderer.decode(states, source),
    dispose: () => {
      dynamics.dispose();
      renderer.dispose();
    },
  };
}

export function makeStates(frames: number, keypoints: number, stateSize: number, values?: Float32Array): KeypointStates {
  const n = frames * keypoints * stateSize;
  if (values && values.length !== n) throw new RangeError(`${frames} frames of ${keypoints} keypoints × ${stateSize} numbers need ${n} values, got ${values.length}`);
  return { frames, keypoints, stateSize, values: values ?? new Float32Array(n) };
}

/** The states of the given frames (indices into `states`), in that order. */
export function selectFrames(states: KeypointStates, frames: readonly number[]): KeypointStates {
  const per = states.keypoints * states.stateSize;
  const out = makeStates(frames.length, states.keypoints, states.stateSize);
  frames.forEach((t, i) => {
    if (!(t >= 0 && t < states.frames)) throw new RangeError(`frame ${t} is outside 0–${states.frames - 1}`);
    out.values.set(states.values.subarray(t * per, (t + 1) * per), i * per);
  });
  return out;
}

/** One frame repeated `frames` times (Copy-C: C for every frame of D). */
export function repeatFrame(states: KeypointStates, frame: number, frames: number): KeypointStates {
  return selectFrames(states, new Array<number>(frames).fill(frame));
}

/** The frame times a model with time step `stride` works on in a video of `frames` frames: 0, s, 2s, … */
export function strideTimes(frames: number, stride: number): number[] {
  if (!(Number.isInteger(stride) && stride >= 1)) throw new RangeError(`a time stride is a whole number ≥ 1, not ${stride}`);
  const out: number[] = [];
  for (let t = 0; t < frames; t += stride) out.push(t);
  return out;
}

/** Thrown when shipped weights are missing: the message names the file and the command that makes it. */
export class MissingWeightsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingWeightsError';
  }
}
