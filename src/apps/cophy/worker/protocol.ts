/**
 * What crosses the Filtered-CoPhy worker's boundary (worker/cophy.worker.ts, worker/session.ts):
 * the example a link names, the user's intervention on C, the filter's verdict on it, rendered
 * frames (RGBA bytes, transferred, never re-rendered on the page) and the dataset's filtering
 * statistics. Types only, so the page imports them for free.
 *
 * The model's prediction of D (`predict`) streams PredictProgress and ends with a PredictResult: a
 * 'no-weights' answer until the trained weights ship (src/apps/cophy/weights/, scripts/train/cophy.ts).
 */
import type { BackendInfo } from '../../../shared/tf';
import type { DoOperation } from '../core/interventions';
import type { FilterReason } from '../core/filter';

/** The example a link names: example `index` (0-based) of the test split generated from `seed`. */
export interface ExampleRequest {
  seed: number;
  index: number;
}

/**
 * The user's do-operation on A (one at a time, as the paper's): C as the dataset made it, one ball
 * removed, or one ball started somewhere else (its velocity unchanged). Ball indices are A's, 0-based.
 */
export type Intervention =
  | { readonly kind: 'dataset' }
  | { readonly kind: 'remove'; readonly ball: number }
  | { readonly kind: 'move'; readonly ball: number; readonly x: number; readonly y: number };

export interface ExampleInfo {
  seed: number;
  /** 0-based index in the test split. */
  index: number;
  n: number;
  frames: number;
  /** The true masses (1 or 10) of A's balls: hidden from the model, revealed on the page only on request. */
  masses: number[];
  /** Palette colour of each ball of A (core/render.ts BALL_COLOR_NAMES). */
  colors: number[];
  floor: number;
  /** A's start positions [x0, y0, x1, y1, …] and velocities. */
  aPositions: Float64Array;
  aVelocities: Float64Array;
  /** The dataset's own do-operation and the balls the filter found consequential for it. */
  datasetOp: DoOperation;
  datasetCounterfactual: number[];
  /** AB under the true masses, (t·n + k)·2 + {0, 1}: the page draws no trajectory itself, but the headline compares end points. */
  abPositions: Float64Array;
  /** A's RGBA frame 0 (64 × 64 × 4), to show before the video arrives. */
  firstFrame: Uint8ClampedArray;
  ms: number;
}

/** The filter's verdict on a C (core/filter.ts judgeCandidate), in plain data. */
export interface VerdictInfo {
  epsilon: number;
  kept: boolean;
  reason: FilterReason;
  /** Balls of A whose mass flip changes CD by more than ε. */
  counterfactual: number[];
  /** Balls whose mass flip changes AB or CD. */
  consequential: number[];
  /** Mass combinations (itertools order) that AB cannot tell from the true one. */
  confusable: number[];
  /** Those whose CD differs: why a C is not identifiable. */
  ambiguous: number[];
  /** For each ball of A: how far CD moves (the largest per-object error Σ_t ‖Δp‖) when that ball's mass is flipped; null for a removed ball. */
  flipChange: (number | null)[];
  /** For each ball of A: how far AB moves when its mass is flipped. */
  abFlipChange: number[];
}

export interface Evaluation {
  /** The intervention this answers (the page drops answers to older ones). */
  intervention: Intervention;
  /** Why this C cannot be simulated (a ball too close to another, a ball that does not exist), naming the fix; then nothing else is set. */
  problem: string | null;
  /** C's start positions per ball of C, and for each ball of C its index in A. */
  cPositions: Float64Array;
  objects: number[];
  verdict: VerdictInfo | null;
  /** CD under the true masses, (t·m + j)·2 + {0, 1} for the m balls of C. */
  cdPositions: Float64Array;
  /** C's RGBA frame (frame 0 of CD), 64 × 64 × 4. */
  cFrame: Uint8ClampedArray;
  ms: number;
}

/** A batch of rendered frames, sent as progress while a video renders: `count` frames from `from`, 64 × 64 × 4 bytes each. */
export interface FrameBatch {
  from: number;
  count: number;
  rgba: Uint8ClampedArray;
}

export interface VideoRequest {
  part: 'ab' | 'cd';
  /** For 'cd': the intervention whose CD to render (the session renders the latest evaluated one when it matches). */
  intervention?: Intervention;
}

/** The filter's statistics on a sample of the dataset (core/filter.ts, core/dataset.ts), as scripts/cophy-dataset.ts computes them. */
export interface FilterStats {
  seed: number;
  /** Test examples generated (each until the filter keeps one). */
  examples: number;
  abCandidates: number;
  cdTrials: number;
  shiftOverlaps: number;
  notCounterfactual: number;
  notIdentifiable: number;
  kept: number;
  /** The ε sweep on unfiltered candidates (the paper's Fig. 7): share identifiable, counterfactual, both. */
  unfiltered: number;
  sweep: { epsilon: number; identifiable: number; counterfactual: number; kept: number }[];
  ms: number;
}

export interface StatsRequest {
  seed: number;
  examples: number;
  unfiltered: number;
}

export interface StatsProgress {
  done: number;
  total: number;
}

/**
 * The model's D for the user's C (worker/predict.ts): the shipped de-rendering model and CoDy
 * (core/shippedModel.ts), loaded once per worker from `weightUrls`.
 */
export interface PredictRequest {
  seed: number;
  index: number;
  intervention: Intervention;
  /**
   * The weight files the build ships, by name (derender.bin, cody.manifest.json…), as absolute URLs
   * (ui/weightUrls.ts); others are not asked for.
   */
  weightUrls: Readonly<Record<string, string>>;
  /** The page's backend choice for tfjs in the worker ('auto' lets initBackend pick). */
  backend?: 'auto' | 'webgl' | 'wasm' | 'cpu';
  /** The video frame under the scrubber: its batch is decoded first. */
  frame?: number;
}

/** A series per model time: ours and the two copying baselines (core/metrics.ts). */
export interface ScoreCurves {
  psnr: Float64Array;
  lpsnr: Float64Array;
}

/**
 * What `predict` streams, in this order: the predicted keypoints (fast: no decoding), then the
 * encoder's keypoints of the simulated D and the baselines' scores, then decoded frames in batches
 * (the batch holding `frame` first). Index i everywhere is model time `times[i]` (a video frame).
 */
export type PredictProgress<I = Intervention> =
  | {
      kind: 'keypoints';
      /** The C this prediction is for (BallsCF's Intervention, or the 3-D scenarios' Intervention3d). */
      intervention: I;
      /** Video frames the model steps through: 0, s, 2s, … (s = the model's time stride). */
      times: number[];
      keypoints: number;
      /** Side of the decoded frames (the de-rendering model's image size). */
      size: number;
      /** Per time and keypoint: (row, column) in [−1, 1] (−1 is the top or left edge). */
      positions: Float32Array;
      /** Per time and keypoint: the gate in (0, 1) (how much the keypoint draws). */
      gates: Float32Array;
      /** The confounder code abducted from AB, K × its size (u_k per keypoint), for the mass probe on the page. */
      u: Float32Array;
      /** AB's keypoints at t = 0, (row, column) per keypoint: where each ball of A is matched to its u_k. */
      abKeypoints0: Float32Array;
    }
  | {
      kind: 'reference';
      /** The encoder's keypoints of the simulated D at the same times (for its overlay), and their gates. */
      positions: Float32Array;
      gates: Float32Array;
      copyB: ScoreCurves;
      copyC: ScoreCurves;
    }
  | {
      kind: 'frames';
      /** `count` decoded frames from time index `from`, size² × 4 RGBA bytes each, and their scores against the simulated D. */
      from: number;
      count: number;
      rgba: Uint8ClampedArray;
      psnr: Float64Array;
      lpsnr: Float64Array;
    };

/** The answer: the whole prediction was streamed, or there is no trained model to predict with (the message names the training command). */
export type PredictResult<I = Intervention> =
  | { kind: 'predicted'; intervention: I; frames: number; model: string; /** the worker's tfjs backend (the page's header shows it) */ backend: BackendInfo | null; ms: number }
  | { kind: 'no-weights'; intervention: I; message: string };
