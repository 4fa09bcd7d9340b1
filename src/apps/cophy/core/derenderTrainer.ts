/**
 * Training of the de-rendering module, the first of Filtered-CoPhy's two stages (arXiv 2202.00368 §4.3;
 * official train_derendering.py @151a2fd): (source, target) frame pairs from the CD videos, the source
 * at t ∈ [0, 22] and the target at t + 22 (Video_Loaders.py get_rgb l. 151–153: randint(0, int(0.15·150))
 * and t + int(0.15·150)), loss 1e4·MSE + 0.1·Sobel-gradient MSE, Adam.
 *
 * Frames are rendered on demand from the examples' trajectories (render.ts). Everything random is drawn
 * from streams named by position, so a run is a pure function of (examples, options, step):
 *   - the data cursor: an epoch-wise shuffled order of the examples (stream `cophy/derender/epoch/<e>`),
 *     and the position in it;
 *   - each step's frame times from stream `cophy/derender/step/<s>`.
 * The PRNG state is therefore (seed, epoch, position, step), and a checkpoint holds those plus the
 * weights, the batch-norm running statistics and Adam's moments and step count: restoring one continues
 * bit for bit (on the same backend) where an unbroken run would be.
 *
 * Adam is the shared src/shared/tf/adam.ts (not tf.train.adam) so that its whole state is ours to save:
 * torch.optim.Adam's update, lr·m̂/(√v̂ + ε) with bias corrections computed in float64 from the step count.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../shared/random';
import { Adam, gradsByParamName, type AdamState } from '../../../shared/tf/adam';
import { BALLS_VIDEO_SOURCE, type BallsVideoExample, type VideoSource } from './videoSource';
import {
  DEFAULT_DERENDER_CONFIG,
  DerenderModel,
  derenderLoss,
  forwardPair,
  framesToFloat,
  initialParams,
  objectPixelWeights,
  type BnBatchStats,
  type DerenderConfig,
  type FlatParams,
} from './derendering';

/** Frames between source and target: int(0.15 · 150) (Video_Loaders.py l. 151–153). */
export const PAIR_OFFSET = 22;
/** The source frame is uniform in [0, MAX_SOURCE_T] (randint is inclusive). */
export const MAX_SOURCE_T = 22;
/** The official learning rate (train_derendering.py l. 17) and batch (l. 29). */
export const OFFICIAL_LR = 1e-4;
export const OFFICIAL_BATCH = 64;

/** What the trainer needs of a BallsCF example: its CD trajectory and how to draw it. */
export type DerenderExample = BallsVideoExample;

export interface DerenderTrainerOptions<E = DerenderExample> {
  seed: number;
  /** frame pairs per step (default 16; the official 64) */
  batch?: number;
  /** Adam's learning rate (default DEFAULT_DERENDER_LR) */
  learningRate?: number;
  config?: DerenderConfig;
  /** where the frames come from (default BallsCF's renderer; the 3-D scenarios pass the ray-caster's) */
  source?: VideoSource<E>;
  /**
   * Our deviation, off by default (1): the MSE term weights the target's object pixels (the L-PSNR
   * foreground rule against the empty floor) by this much. Needs a source that draws its empty scene.
   */
  objectWeight?: number;
  /**
   * Our deviation, off by default: the keypoint Gaussians' std starts at `start` and falls linearly to
   * the config's over the first `steps` steps, so a keypoint far from an object still gets a gradient.
   */
  stdSchedule?: StdSchedule | null;
}

export interface StdSchedule {
  start: number;
  steps: number;
}

/** The Gaussians' std for a 0-based training step under a schedule (the config's without one). */
export function scheduledStd(config: DerenderConfig, schedule: StdSchedule | null | undefined, step: number): number {
  if (!schedule || step >= schedule.steps) return config.std;
  return schedule.start + (config.std - schedule.start) * (step / schedule.steps);
}

/** Our default learning rate: 1e-3, ten times the official 1e-4, for a run of 3k steps at batch 16 instead of ~4.3k at 64. */
export const DEFAULT_DERENDER_LR = 1e-3;
export const DEFAULT_DERENDER_BATCH = 16;
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

export interface DerenderStepStats {
  /** 1-based index of the step just taken */
  step: number;
  loss: number;
  mse: number;
  gradientMse: number;
  ms: number;
}

/** Plain data (JSON-safe: float32 values written as numbers round-trip exactly). */
export interface DerenderCheckpoint {
  version: 1;
  seed: number;
  batch: number;
  learningRate: number;
  config: DerenderConfig;
  examples: number;
  step: number;
  cursor: { epoch: number; position: number };
  params: Record<string, number[]>;
  bn: Record<string, number[]>;
  adam: AdamState;
  /** absent in checkpoints made before these options existed: 1 and none */
  objectWeight?: number;
  stdSchedule?: StdSchedule | null;
}

const toArrays = (p: FlatParams) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.from(v)]));
const toFloat32 = (p: Record<string, number[]>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Float32Array.from(v)]));

/** A (source, target) batch: frame times and examples, and the pixels in [−1, 1]. */
export interface PairBatch {
  examples: number[];
  times: number[];
  source: Float32Array;
  target: Float32Array;
  /** per-pixel loss weights of the targets (n × S × S), when the object weighting is on */
  weights?: Float32Array;
}

export class DerenderTrainer<E = DerenderExample> {
  readonly config: DerenderConfig;
  readonly seed: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly objectWeight: number;
  readonly stdSchedule: StdSchedule | null;
  readonly model: DerenderModel;
  private readonly adam: Adam;
  private stepCount = 0;
  private epoch = 0;
  private position = 0;
  private order: number[];
  private readonly source: VideoSource<E>;

  constructor(
    private readonly examples: readonly E[],
    options: DerenderTrainerOptions<E>,
  ) {
    if (examples.length === 0) throw new Error('DerenderTrainer: no examples');
    this.source = options.source ?? (BALLS_VIDEO_SOURCE as unknown as VideoSource<E>);
    this.config = options.config ?? DEFAULT_DERENDER_CONFIG;
    this.seed = options.seed;
    this.batch = options.batch ?? DEFAULT_DERENDER_BATCH;
    this.learningRate = options.learningRate ?? DEFAULT_DERENDER_LR;
    this.objectWeight = options.objectWeight ?? 1;
    this.stdSchedule = options.stdSchedule ?? null;
    if (!(this.objectWeight >= 1)) throw new Error(`objectWeight must be at least 1, not ${this.objectWeight}`);
    if (this.objectWeight !== 1 && !this.source.background) throw new Error('objectWeight needs a video source that draws its empty scene (background)');
    if (this.stdSchedule && !(this.stdSchedule.start > 0 && this.stdSchedule.steps >= 1)) throw new Error('stdSchedule needs start > 0 and steps ≥ 1');
    this.model = new DerenderModel(this.config, initialParams(this.config, this.seed));
    this.adam = new Adam(this.model.params, this.learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
    this.order = this.epochOrder(0);
  }

  get steps(): number {
    return this.stepCount;
  }

  private epochOrder(epoch: number): number[] {
    const rng = createRng(this.seed).fork(`cophy/derender/epoch/${epoch}`);
    return rng.shuffle(Array.from({ length: this.examples.length }, (_, i) => i));
  }

  /** The batch of step `this.steps + 1`; advances the data cursor. */
  private nextBatch(): PairBatch {
    const rng = createRng(this.seed).fork(`cophy/derender/step/${this.stepCount}`);
    const chosen: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < this.batch; i++) {
      if (this.position >= this.order.length) {
        this.epoch++;
        this.position = 0;
        this.order = this.epochOrder(this.epoch);
      }
      chosen.push(this.order[this.position++]);
      times.push(rng.int(MAX_SOURCE_T + 1));
    }
    return pairBatch(this.examples, chosen, times, this.config.imageSize, this.source, this.objectWeight);
  }

  /** The Gaussians' std of the next step. */
  get currentStd(): number {
    return scheduledStd(this.config, this.stdSchedule, this.stepCount);
  }

  step(): DerenderStepStats {
    const t0 = performance.now();
    const data = this.nextBatch();
    const s = this.config.imageSize;
    const n = data.examples.length;
    const source = tf.tensor4d(data.source, [n, s, s, 3]);
    const target = tf.tensor4d(data.target, [n, s, s, 3]);
    const weights = data.weights ? tf.tensor4d(data.weights, [n, s, s, 1]) : undefined;
    const std = this.currentStd;
    const stats: BnBatchStats[] = [];
    let parts: tf.Tensor | null = null;
    const trainable = Object.values(this.model.params);
    const { value, grads } = tf.variableGrads(() => {
      const collected: BnBatchStats[] = [];
      const out = forwardPair(this.config, this.model.params, this.model.bn, this.model.bank, source, target, { training: true, collect: collected, std });
      const [total, mse, grad] = derenderLoss(out.image, target, weights);
      for (const c of collected) stats.push({ name: c.name, mean: tf.keep(c.mean), variance: tf.keep(c.variance), count: c.count });
      parts = tf.keep(tf.stack([total, mse, grad]));
      return total;
    }, trainable);
    this.adam.apply(gradsByParamName(grads, this.model.params));
    this.model.updateRunningStats(stats);
    const values = (parts as tf.Tensor | null)?.dataSync() ?? new Float32Array(3);
    tf.dispose([value, source, target, weights ?? null, parts as tf.Tensor | null].filter((t): t is tf.Tensor => t !== null));
    tf.dispose(Object.values(grads));
    for (const st of stats) tf.dispose([st.mean, st.variance]);
    this.stepCount++;
    return { step: this.stepCount, loss: values[0], mse: values[1], gradientMse: values[2], ms: performance.now() - t0 };
  }

  checkpoint(): DerenderCheckpoint {
    const snap = this.model.snapshot();
    return {
      version: 1,
      seed: this.seed,
      batch: this.batch,
      learningRate: this.learningRate,
      config: this.config,
      examples: this.examples.length,
      step: this.stepCount,
      cursor: { epoch: this.epoch, position: this.position },
      params: toArrays(snap.params),
      bn: toArrays(snap.bn),
      adam: this.adam.state(),
      objectWeight: this.objectWeight,
      stdSchedule: this.stdSchedule,
    };
  }

  /** Continues from a checkpoint made with the same examples and options (checked). */
  restore(ckpt: DerenderCheckpoint): void {
    if (ckpt.version !== 1) throw new Error(`restore: checkpoint version ${String(ckpt.version)} is not 1`);
    const mismatch: string[] = [];
    if (ckpt.seed !== this.seed) mismatch.push(`seed ${ckpt.seed} ≠ ${this.seed}`);
    if (ckpt.batch !== this.batch) mismatch.push(`batch ${ckpt.batch} ≠ ${this.batch}`);
    if (ckpt.learningRate !== this.learningRate) mismatch.push(`learning rate ${ckpt.learningRate} ≠ ${this.learningRate}`);
    if (ckpt.examples !== this.examples.length) mismatch.push(`${ckpt.examples} examples ≠ ${this.examples.length}`);
    if (JSON.stringify(ckpt.config) !== JSON.stringify(this.config)) mismatch.push('model config differs');
    if ((ckpt.objectWeight ?? 1) !== this.objectWeight) mismatch.push(`object weight ${ckpt.objectWeight ?? 1} ≠ ${this.objectWeight}`);
    if (JSON.stringify(ckpt.stdSchedule ?? null) !== JSON.stringify(this.stdSchedule)) mismatch.push('std schedule differs');
    if (mismatch.length) throw new Error(`restore: the checkpoint was made with other settings (${mismatch.join('; ')})`);
    this.model.load(toFloat32(ckpt.params), toFloat32(ckpt.bn));
    this.adam.restore(ckpt.adam);
    this.stepCount = ckpt.step;
    this.epoch = ckpt.cursor.epoch;
    this.position = ckpt.cursor.position;
    this.order = this.epochOrder(this.epoch);
  }

  dispose(): void {
    this.model.dispose();
    this.adam.dispose();
  }
}

/**
 * Renders the CD frames t and t + PAIR_OFFSET of the listed examples, as [−1, 1] floats; with an
 * `objectWeight` other than 1 also the targets' per-pixel loss weights (objectPixelWeights).
 */
export function pairBatch<E = DerenderExample>(examples: readonly E[], chosen: readonly number[], times: readonly number[], size: number, source?: VideoSource<E>, objectWeight = 1): PairBatch {
  const video = source ?? (BALLS_VIDEO_SOURCE as unknown as VideoSource<E>);
  const sources: Uint8Array[] = [];
  const targets: Uint8Array[] = [];
  chosen.forEach((e, i) => {
    sources.push(video.render(examples[e], 'cd', times[i], size));
    targets.push(video.render(examples[e], 'cd', times[i] + PAIR_OFFSET, size));
  });
  const batch: PairBatch = { examples: [...chosen], times: [...times], source: framesToFloat(sources), target: framesToFloat(targets) };
  if (objectWeight !== 1) {
    const background = video.background;
    if (!background) throw new Error('objectWeight needs a video source that draws its empty scene (background)');
    batch.weights = new Float32Array(chosen.length * size * size);
    chosen.forEach((e, i) => batch.weights!.set(objectPixelWeights(targets[i], background(examples[e], size), objectWeight), i * size * size));
  }
  return batch;
}
