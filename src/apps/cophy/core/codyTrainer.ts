/**
 * Training of CoDy, the second of Filtered-CoPhy's two stages (arXiv 2202.00368 §4.3; official
 * train_cody.py @151a2fd l. 95–138): on frozen keypoint states (keypointStates.ts), roll out from
 * C = cd[:, 0] for T − 1 steps and minimise 1e3·MSE(cd, ĉd) + 1e3·MSE(cd, decoder(encoder(cd))), Adam at
 * the official learning rate 1e-3 (l. 13, 115).
 *
 * As derenderTrainer.ts: Adam is the shared src/shared/tf/adam.ts, whose moments are ours to save, and the data cursor is
 * an epoch-wise shuffled order from the stream `cophy/cody/epoch/<e>` and a position in it; there is no
 * other randomness in a step. A checkpoint (weights, Adam's moments and step count, the cursor) therefore
 * holds the whole state, and restoring one continues bit for bit on the same backend.
 *
 * `horizon` (default T − 1, the official full rollout) is the stated cut for a slow machine: train on the
 * first horizon + 1 frames of CD only (the confounder still sees all of AB); inference still rolls out 149.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../shared/random';
import { Adam, gradsByParamName, type AdamState } from '../../../shared/tf/adam';
import { DEFAULT_CODY_CONFIG, codyLossTf, codyParamSpecs, initialCodyParams, lossTarget, timeMajor, type CodyConfig } from './cody';
import type { FlatParams } from './derendering';

/** The official learning rate (train_cody.py l. 13) and batch (l. 100). */
export const OFFICIAL_CODY_LR = 1e-3;
export const OFFICIAL_CODY_BATCH = 64;
export const DEFAULT_CODY_BATCH = 16;
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/** One example's states with velocities, frame-major: frames × K × S. */
export interface CodyExample {
  readonly ab: Float32Array;
  readonly cd: Float32Array;
}

export interface CodyTrainerOptions {
  seed: number;
  /** frames per video in the states (150, or fewer at a stride) */
  frames: number;
  batch?: number;
  learningRate?: number;
  config?: CodyConfig;
  /** training rollout length (default frames − 1, the official) */
  horizon?: number;
}

export interface CodyStepStats {
  step: number;
  loss: number;
  predictionMse: number;
  autoencodeMse: number;
  ms: number;
}

/** Plain data (JSON-safe: float32 values written as numbers round-trip exactly). */
export interface CodyCheckpoint {
  version: 1;
  seed: number;
  batch: number;
  learningRate: number;
  frames: number;
  horizon: number;
  config: CodyConfig;
  examples: number;
  step: number;
  cursor: { epoch: number; position: number };
  /** the rate of the next step where a schedule has changed it from `learningRate` (absent: unchanged) */
  currentLearningRate?: number;
  params: Record<string, number[]>;
  adam: AdamState;
}

const read = (vars: Record<string, tf.Variable>) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, Array.from(v.dataSync() as Float32Array)]));

export class CodyTrainer {
  readonly config: CodyConfig;
  readonly seed: number;
  readonly batch: number;
  readonly learningRate: number;
  readonly frames: number;
  readonly horizon: number;
  readonly params: Record<string, tf.Variable>;
  private readonly adam: Adam;
  private stepCount = 0;
  /** the rate the next step uses: `learningRate` until a schedule (the script's) sets another */
  private rate: number;
  private epoch = 0;
  private position = 0;
  private order: number[];

  constructor(
    private readonly examples: readonly CodyExample[],
    options: CodyTrainerOptions,
  ) {
    if (examples.length === 0) throw new Error('CodyTrainer: no examples');
    this.config = options.config ?? DEFAULT_CODY_CONFIG;
    this.seed = options.seed;
    this.batch = options.batch ?? DEFAULT_CODY_BATCH;
    this.learningRate = options.learningRate ?? OFFICIAL_CODY_LR;
    this.rate = this.learningRate;
    this.frames = options.frames;
    this.horizon = options.horizon ?? this.frames - 1;
    if (!(this.horizon >= 1 && this.horizon <= this.frames - 1)) throw new Error(`CodyTrainer: horizon must be in [1, ${this.frames - 1}], not ${this.horizon}`);
    const per = this.frames * this.config.keypoints * this.config.stateSize;
    examples.forEach((e, i) => {
      if (e.ab.length !== per || e.cd.length !== per) throw new Error(`CodyTrainer: example ${i} does not hold ${this.frames} × ${this.config.keypoints} × ${this.config.stateSize} numbers per video`);
    });
    const init = initialCodyParams(this.config, this.seed);
    this.params = {};
    for (const s of codyParamSpecs(this.config)) {
      this.params[s.name] = tf.tidy(() => tf.variable(tf.tensor(init[s.name], [...s.shape]), true));
    }
    this.adam = new Adam(this.params, this.learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
    this.order = this.epochOrder(0);
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Passes over the training examples completed so far (an epoch ends inside the step that takes its last example). */
  get epochsCompleted(): number {
    return Math.floor((this.stepCount * this.batch) / this.examples.length);
  }

  /** The learning rate of the next step. */
  get currentLearningRate(): number {
    return this.rate;
  }

  /** Sets the learning rate of the next steps (a schedule, as the official ReduceLROnPlateau in train_cody.py l. 116). */
  setLearningRate(rate: number): void {
    if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`CodyTrainer: the learning rate must be positive, not ${rate}`);
    this.rate = rate;
  }

  private epochOrder(epoch: number): number[] {
    return createRng(this.seed)
      .fork(`cophy/cody/epoch/${epoch}`)
      .shuffle(Array.from({ length: this.examples.length }, (_, i) => i));
  }

  /** The examples of step `this.steps + 1`; advances the data cursor. */
  private nextBatch(): number[] {
    const chosen: number[] = [];
    for (let i = 0; i < this.batch; i++) {
      if (this.position >= this.order.length) {
        this.epoch++;
        this.position = 0;
        this.order = this.epochOrder(this.epoch);
      }
      chosen.push(this.order[this.position++]);
    }
    return chosen;
  }

  step(): CodyStepStats {
    const t0 = performance.now();
    const chosen = this.nextBatch();
    const { keypoints: k, stateSize: s } = this.config;
    const per = this.frames * k * s;
    const count = this.horizon + 1;
    const b = chosen.length;
    const abData = new Float32Array(b * per);
    const cdData = new Float32Array(b * per);
    chosen.forEach((e, i) => {
      abData.set(this.examples[e].ab, i * per);
      cdData.set(this.examples[e].cd, i * per);
    });
    const ab = tf.tensor4d(timeMajor(abData, b, this.frames, k, s), [this.frames, b, k, s]);
    const cd = tf.tensor4d(timeMajor(cdData, b, this.frames, k, s, count), [count, b, k, s]);
    const target = tf.tensor4d(lossTarget(cdData, b, this.frames, k, s, count), [count, 2 * b, k, s]);
    let parts: tf.Tensor | null = null;
    const { value, grads } = tf.variableGrads(() => {
      const [total, prediction, autoencode] = codyLossTf(this.config, this.params, ab, cd, target);
      parts = tf.keep(tf.stack([total, prediction, autoencode]));
      return total;
    }, Object.values(this.params));
    this.adam.apply(gradsByParamName(grads, this.params), this.rate);
    const values = (parts as tf.Tensor | null)?.dataSync() ?? new Float32Array(3);
    tf.dispose([value, ab, cd, target, parts as tf.Tensor | null].filter((t): t is tf.Tensor => t !== null));
    tf.dispose(Object.values(grads));
    this.stepCount++;
    return { step: this.stepCount, loss: values[0], predictionMse: values[1], autoencodeMse: values[2], ms: performance.now() - t0 };
  }

  /** The current weights as plain arrays (for the plain-TypeScript rollout or the weight file). */
  snapshot(): FlatParams {
    return Object.fromEntries(Object.entries(this.params).map(([k, v]) => [k, (v.dataSync() as Float32Array).slice()]));
  }

  checkpoint(): CodyCheckpoint {
    return {
      version: 1,
      seed: this.seed,
      batch: this.batch,
      learningRate: this.learningRate,
      frames: this.frames,
      horizon: this.horizon,
      config: this.config,
      examples: this.examples.length,
      step: this.stepCount,
      cursor: { epoch: this.epoch, position: this.position },
      ...(this.rate !== this.learningRate ? { currentLearningRate: this.rate } : {}),
      params: read(this.params),
      adam: this.adam.state(),
    };
  }

  /** Continues from a checkpoint made with the same examples and options (checked). */
  restore(ckpt: CodyCheckpoint): void {
    if (ckpt.version !== 1) throw new Error(`restore: checkpoint version ${String(ckpt.version)} is not 1`);
    const mismatch: string[] = [];
    if (ckpt.seed !== this.seed) mismatch.push(`seed ${ckpt.seed} ≠ ${this.seed}`);
    if (ckpt.batch !== this.batch) mismatch.push(`batch ${ckpt.batch} ≠ ${this.batch}`);
    if (ckpt.learningRate !== this.learningRate) mismatch.push(`learning rate ${ckpt.learningRate} ≠ ${this.learningRate}`);
    if (ckpt.frames !== this.frames) mismatch.push(`${ckpt.frames} frames ≠ ${this.frames}`);
    if (ckpt.horizon !== this.horizon) mismatch.push(`horizon ${ckpt.horizon} ≠ ${this.horizon}`);
    if (ckpt.examples !== this.examples.length) mismatch.push(`${ckpt.examples} examples ≠ ${this.examples.length}`);
    if (JSON.stringify(ckpt.config) !== JSON.stringify(this.config)) mismatch.push('model config differs');
    if (mismatch.length) throw new Error(`restore: the checkpoint was made with other settings (${mismatch.join('; ')})`);
    tf.tidy(() => {
      for (const s of codyParamSpecs(this.config)) {
        this.params[s.name].assign(tf.tensor(Float32Array.from(ckpt.params[s.name]), [...s.shape]));
      }
    });
    this.adam.restore(ckpt.adam);
    this.stepCount = ckpt.step;
    this.rate = ckpt.currentLearningRate ?? this.learningRate;
    this.epoch = ckpt.cursor.epoch;
    this.position = ckpt.cursor.position;
    this.order = this.epochOrder(this.epoch);
  }

  dispose(): void {
    for (const t of Object.values(this.params)) t.dispose();
    this.adam.dispose();
  }
}
