/**
 * Inverting an image into a generator's Z space by optimisation: the translation of StyleAlign
 * (arXiv 2110.11323) inverts a parent-domain image into the *parent's* Z and renders the same z with
 * the child. Follows the official betterze/StyleAlign @4e75a75 `projector_z.py` (itself StyleGAN2-ADA's
 * projector moved from W to Z):
 *   - the variable is z itself, [count, zDim], started at zero (`_dlatent_avg = zeros`, projector_z.py:71,
 *     95, 242), rendered through the full generator, mapping included (projector_z.py:101);
 *   - each step adds Gaussian noise of std 1 × 0.05 × max(0, 1 − t/0.75)² to z (projector_z.py:32, 35, 72, 170),
 *     t = step / steps;
 *   - Adam (tflib.Optimizer's default: TF's AdamOptimizer, β1 0.9, β2 0.999, ε 1e-8; projector_z.py:137)
 *     with learning rate 0.1 × a cosine ramp-down over the last 25% × a linear ramp-up over the first 5%
 *     (projector_z.py:31, 33-34, 171-174); 500 steps in the script's `project2` (projector_z.py:218);
 *   - the loss is the sum over the batch of each image's distance (projector_z.py:118).
 * Deviations (differences.ts): the distance is pixel MSE (mean over a 32 × 32 × 3 image in [−1, 1]) plus,
 * optionally, `featureWeight` × the MSE between a face oracle's pooled features of output and target, a
 * perceptual stand-in for LPIPS-VGG (projector_z.py:117), which we do not have; there are no noise
 * inputs, so no noise regularisation (projector_z.py:121-131).
 *
 * Small-step friendly: `step(n)` runs n iterations and returns, so a worker can report progress between
 * calls. Plain data in and out; the projector owns two tensors (target, target features), freed by `dispose()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../../shared/random';
import type { Generator } from './generator';
import type { Oracle } from './oracle';

export interface ProjectorOptions {
  /** iterations in all (the schedule's length); projector_z.py's project2 uses 500 */
  steps: number;
  initialLearningRate: number;
  initialNoiseFactor: number;
  lrRampdownLength: number;
  lrRampupLength: number;
  noiseRampLength: number;
  /** weight of the oracle-feature MSE (0: pixel MSE only) */
  featureWeight: number;
  /** seed of the z-noise stream */
  seed: number;
  /** where z starts: zero as in projector_z.py, or given latents */
  init: 'zero' | Float32Array;
}

export const PROJECTOR_DEFAULTS: ProjectorOptions = {
  steps: 500,
  initialLearningRate: 0.1,
  initialNoiseFactor: 0.05,
  lrRampdownLength: 0.25,
  lrRampupLength: 0.05,
  noiseRampLength: 0.75,
  featureWeight: 0,
  seed: 1,
  init: 'zero',
};

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPS = 1e-8;

/** The schedule of step `step` of `steps` (projector_z.py:169-174). */
export function projectorSchedule(step: number, o: Pick<ProjectorOptions, 'steps' | 'initialLearningRate' | 'initialNoiseFactor' | 'lrRampdownLength' | 'lrRampupLength' | 'noiseRampLength'>): { learningRate: number; noise: number } {
  const t = step / o.steps;
  const noise = 1 * o.initialNoiseFactor * Math.max(0, 1 - t / o.noiseRampLength) ** 2;
  let ramp = Math.min(1, (1 - t) / o.lrRampdownLength);
  ramp = 0.5 - 0.5 * Math.cos(ramp * Math.PI);
  ramp *= Math.min(1, t / o.lrRampupLength);
  return { learningRate: o.initialLearningRate * ramp, noise };
}

export interface ProjectorStats {
  /** iterations done */
  step: number;
  /** the loss of the last iteration (summed over the batch), with its pixel and feature parts */
  loss: number;
  pixel: number;
  feature: number;
  done: boolean;
}

export class ZProjector {
  readonly options: ProjectorOptions;
  readonly count: number;
  private readonly z: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly rng: Rng;
  private readonly target: tf.Tensor4D;
  private readonly targetFeatures: tf.Tensor2D | null;
  private stepCount = 0;
  private last: ProjectorStats;

  /**
   * `target`: `count` images, float32 NHWC in [−1, 1] at the generator's size. `oracle` (with
   * `featureWeight` > 0) supplies the perceptual stand-in; it must read images of that size.
   */
  constructor(
    readonly generator: Generator,
    target: Float32Array,
    count: number,
    options: Partial<ProjectorOptions> = {},
    readonly oracle: Oracle | null = null,
  ) {
    this.options = { ...PROJECTOR_DEFAULTS, ...options };
    if (this.options.featureWeight > 0 && !oracle) throw new Error('ZProjector: featureWeight > 0 needs an oracle');
    const s = generator.imageSize;
    if (target.length !== count * s * s * 3) throw new Error(`ZProjector: ${count} targets of ${s} × ${s} × 3 need ${count * s * s * 3} values, got ${target.length}`);
    this.count = count;
    const zDim = generator.config.zDim;
    const init = this.options.init;
    if (init !== 'zero' && init.length !== count * zDim) throw new Error(`ZProjector: init needs ${count * zDim} values`);
    this.z = init === 'zero' ? new Float32Array(count * zDim) : Float32Array.from(init);
    this.m = new Float32Array(count * zDim);
    this.v = new Float32Array(count * zDim);
    this.rng = createRng(this.options.seed).fork('stylealign/projector/noise');
    this.target = tf.tensor4d(target, [count, s, s, 3]);
    this.targetFeatures = oracle && this.options.featureWeight > 0 ? tf.tidy(() => oracle.features(this.target)) : null;
    this.last = { step: 0, loss: NaN, pixel: NaN, feature: NaN, done: this.options.steps <= 0 };
  }

  get steps(): number {
    return this.stepCount;
  }

  get done(): boolean {
    return this.stepCount >= this.options.steps;
  }

  get stats(): ProjectorStats {
    return this.last;
  }

  /** Runs up to `n` iterations (fewer at the end of the schedule). */
  step(n = 1): ProjectorStats {
    const zDim = this.generator.config.zDim;
    const count = this.count;
    const fw = this.options.featureWeight;
    for (let k = 0; k < n && !this.done; k++) {
      const { learningRate, noise } = projectorSchedule(this.stepCount, this.options);
      const noisy = new Float32Array(this.z.length);
      for (let i = 0; i < noisy.length; i++) noisy[i] = this.z[i] + this.rng.normal() * noise;
      let pixel = 0;
      let feature = 0;
      const { grad, loss } = tf.tidy(() => {
        const zt = tf.tensor2d(noisy, [count, zDim]);
        const parts: tf.Tensor[] = [];
        const f = (x: tf.Tensor) => {
          const img = this.generator.forward(x as tf.Tensor2D);
          // per image: mean over pixels; summed over the batch (projector_z.py:118)
          const pix = tf.sum(tf.mean(tf.square(tf.sub(img, this.target)), [1, 2, 3]));
          parts.push(tf.keep(pix));
          if (this.targetFeatures && this.oracle) {
            const feat = tf.sum(tf.mean(tf.square(tf.sub(this.oracle.features(img), this.targetFeatures)), 1));
            parts.push(tf.keep(feat));
            return tf.add(pix, tf.mul(feat, fw)) as tf.Scalar;
          }
          return pix as tf.Scalar;
        };
        const r = tf.valueAndGrad(f)(zt);
        const out = { grad: r.grad.dataSync() as Float32Array, loss: r.value.dataSync()[0] };
        const vals = parts.map((p) => p.dataSync()[0]);
        tf.dispose(parts);
        pixel = vals[0];
        feature = vals[1] ?? 0;
        return out;
      });
      // Adam on z (TF's AdamOptimizer, bias-corrected step size)
      const t = this.stepCount + 1;
      const lrT = (learningRate * Math.sqrt(1 - ADAM_BETA2 ** t)) / (1 - ADAM_BETA1 ** t);
      for (let i = 0; i < this.z.length; i++) {
        this.m[i] = ADAM_BETA1 * this.m[i] + (1 - ADAM_BETA1) * grad[i];
        this.v[i] = ADAM_BETA2 * this.v[i] + (1 - ADAM_BETA2) * grad[i] * grad[i];
        this.z[i] -= (lrT * this.m[i]) / (Math.sqrt(this.v[i]) + ADAM_EPS);
      }
      this.stepCount++;
      this.last = { step: this.stepCount, loss, pixel, feature, done: this.done };
    }
    return this.last;
  }

  /** The current latents (a copy), [count, zDim]. */
  latents(): Float32Array {
    return this.z.slice();
  }

  /** The generator's images of the current latents (no noise), float32 NHWC in [−1, 1]. */
  images(): Float32Array {
    return this.generator.generate(this.z, this.count);
  }

  dispose(): void {
    this.target.dispose();
    this.targetFeatures?.dispose();
  }
}

/** Runs a whole projection; convenience for Node experiments. */
export function projectToZ(generator: Generator, target: Float32Array, count: number, options: Partial<ProjectorOptions> = {}, oracle: Oracle | null = null): { z: Float32Array; stats: ProjectorStats } {
  const p = new ZProjector(generator, target, count, options, oracle);
  try {
    const stats = p.step(p.options.steps);
    return { z: p.latents(), stats };
  } finally {
    p.dispose();
  }
}
