/**
 * The plain data that crosses the StyleAlign page's two workers' boundaries: the explorer worker
 * (explore.worker.ts: the shipped generators, rendered on demand) and the training worker
 * (train.worker.ts: the child fine-tuned live from the parent with the kit's runner). Images travel as
 * RGBA bytes, 32 × 32 each, row-major, one after another.
 */
import type { PrepareProgress } from '../../../shared/run/training';

/** A shipped file's name (e.g. `parent.bin`) → its absolute URL; only files the build ships are listed. */
export type WeightUrls = Record<string, string>;

/** A weight file the page would use but the build does not ship, and the command that makes it. */
export interface MissingFile {
  file: string;
  /** What it would give the page, e.g. "the parent generator". */
  role: string;
  command: string;
}

/** What the explorer worker loaded. */
export interface ExplorerInfo {
  parent: ModelFacts | null;
  child: ModelFacts | null;
  scratch: ModelFacts | null;
  /** Fine-tune steps whose child-step<k>.bin ships, ascending. */
  checkpointSteps: number[];
  missing: MissingFile[];
  /** Fraction of the parent W's variance along each offered direction (empty without a parent). */
  directionVariance: number[];
  /** Whether the morph and the translation are built (their core modules exist in this build). */
  morphBuilt: boolean;
  translateBuilt: boolean;
  imageSize: number;
  backend: string;
  ms: number;
}

export interface ModelFacts {
  file: string;
  /** Training steps recorded in its manifest. */
  steps: number;
  domain: string;
}

export interface RenderRequest {
  seed: number;
  z: number;
  /** 1-based principal direction of the parent's W */
  dir: number;
  /** standard deviations along it */
  edit: number;
  /** morph t */
  t: number;
  /** the checkpoint the scrubber shows */
  step: number;
}

/** RGBA 32 × 32 per model; null where the model is not shipped (or, for morph, not built). */
export interface RenderResult {
  request: RenderRequest;
  parent: Uint8ClampedArray | null;
  child: Uint8ClampedArray | null;
  scratch: Uint8ClampedArray | null;
  checkpoint: Uint8ClampedArray | null;
  /** the step actually shown (the nearest shipped one) */
  checkpointStep: number | null;
  morph: Uint8ClampedArray | null;
  ms: number;
}

/** The same latents through each shipped model: `count` images per row, RGBA. */
export interface GridResult {
  seed: number;
  count: number;
  parent: Uint8ClampedArray | null;
  child: Uint8ClampedArray | null;
  scratch: Uint8ClampedArray | null;
}

/** Raw (unclipped) generator outputs for the backend check: parent then child (where shipped), count × 32 × 32 × 3 floats each. */
export interface ProbeResult {
  seed: number;
  count: number;
  /** generators in `values` (2 with parent and child, 1 with either) */
  models: number;
  values: Float32Array;
  backend: string;
}

/** The generator's measured throughput on the worker's backend. */
export interface SpeedResult {
  imagesPerSecond: number;
  batch: number;
  batches: number;
  ms: number;
  backend: string;
}

export interface TranslateRequest {
  /** the visitor's drawing, RGBA 32 × 32 */
  rgba: Uint8ClampedArray;
  steps: number;
  seed: number;
}

export interface TranslateProgress {
  done: number;
  total: number;
  /** the parent's current reconstruction and the child's rendering of the same z, RGBA */
  parent?: Uint8ClampedArray;
  child?: Uint8ClampedArray;
  loss?: number;
}

export type TranslateResult =
  | { kind: 'done'; parent: Uint8ClampedArray; child: Uint8ClampedArray; loss: number; ms: number }
  | { kind: 'unavailable'; message: string };

// ---- the live fine-tune (train.worker.ts) ----

export interface FineTuneConfig {
  /** the shipped files (parent.bin, its manifest, oracles.bin, its manifest) */
  files: WeightUrls;
  steps: number;
  seed: number;
  batch: number;
}

export interface FineTuneSizes {
  /** latents shown at each checkpoint */
  show: number;
  /** latents the live alignment is measured on */
  alignCount: number;
  /** checkpoints per run (besides step 0 in the prepared info) */
  checkpoints: number;
}

export type FineTuneProgress = PrepareProgress;

/** Pearson r of one pre-declared attribute pair between the parent oracle on G_p(z) and the child oracle on G_c(z). */
export interface PairR {
  parent: string;
  child: string;
  r: number;
}

export interface FineTuneCheckpoint {
  step: number;
  /** G_ema of the child for the shown latents, RGBA */
  images: Uint8ClampedArray;
  /** live alignment on `alignCount` latents; null without oracles.bin */
  pairs: PairR[] | null;
  meanAbsR: number | null;
  /** fraction the domain classifier calls critters; null without oracles.bin */
  critterFraction: number | null;
}

export interface FineTuneStep {
  step: number;
  lossG: number;
  lossD: number;
  ms: number;
  checkpoint?: FineTuneCheckpoint;
}

export interface FineTuneInfo {
  parentSteps: number;
  batch: number;
  totalSteps: number;
  show: number;
  alignCount: number;
  /** G_ema of the parent for the shown latents, RGBA */
  parentImages: Uint8ClampedArray;
  /** the child before any step (= the parent), with its alignment */
  start: FineTuneCheckpoint;
  /** why there is no live alignment (no oracles.bin, or one that does not fit); null when there is */
  alignmentProblem: string | null;
  seconds: number;
}
