/**
 * Training of the StyleAlign pair: a parent GAN from random initialisation on one domain, and a child
 * fine-tuned from the parent's G and D on the other (StyleAlign §3: "the child is obtained from the
 * parent via fine-tuning"; the official README: train the parent, then fine-tune with `--resume`).
 * A scratch child (same domain, random initialisation) is the control.
 *
 * One iteration follows StyleGAN2-ADA's loop (Karras et al. 2020; NVlabs/stylegan2-ada train.py, whose
 * 'cifar' config is the 32-px one: lr 0.0025, γ 0.01, EMA 500 kimg with ramp-up 0.05 over the run):
 *   G step:  non-saturating loss softplus(−D(G(z)))
 *   D step:  softplus(D(G(z))) + softplus(−D(x)), and every R1_INTERVAL steps the lazy R1 penalty
 *            (γ/2)·‖∇ₓD(x)‖² on the reals, multiplied by the interval (lazy regularisation, StyleGAN2 §B)
 *   EMA:     G_ema ← G + β·(G_ema − G), β = 0.5^(batch / ema_nimg), ema_nimg = min(EMA_KIMG·1000, ramp·images seen)
 * Adam with β1 = 0, β2 = 0.99, ε = 1e-8 for both networks. Unlike StyleGAN2 we add R1 to the D step of
 * the same iteration (one optimizer step instead of a separate regularisation step with lr and betas
 * adjusted by 16/17).
 *
 * The PRNG state is (seed, step): each step's latents come from streams named by the step, and the
 * reals are images `step·batch …` of the procedural domain under `dataSeed` (the data cursor). A
 * checkpoint holds those, the weights of G, D and G_ema, w_avg and both Adams' moments and step counts:
 * restoring one continues bit for bit (on the same backend) where an unbroken run would be.
 */
import * as tf from '@tensorflow/tfjs-core';
import { renderBatch, type DomainId } from './domains';
import { Discriminator, DEFAULT_DISCRIMINATOR_CONFIG, discriminatorComponent, discriminatorSpecs, type DiscriminatorConfig } from './discriminator';
import { DEFAULT_GENERATOR_CONFIG, Generator, generatorComponent, generatorSpecs, imageSizeOf, sampleLatents, W_AVG_BETA, type GeneratorConfig } from './generator';
import { Adam, type AdamState } from '../../../shared/tf/adam';
import { assignValues, gradsOf, toArrays, toFloat32, type FlatParams, type ParamSpec } from './nn';

export const DEFAULT_BATCH = 16;
export const DEFAULT_LR = 0.0025;
export const ADAM_BETA1 = 0;
export const ADAM_BETA2 = 0.99;
/** StyleGAN2-ADA's 'cifar' (32 px) R1 weight. */
export const DEFAULT_R1_GAMMA = 0.01;
export const R1_INTERVAL = 16;
/** EMA half-life in thousands of images: StyleGAN2-ADA's 'auto' rule, batch·10/32, at batch 16. */
export const DEFAULT_EMA_KIMG = 5;
export const DEFAULT_EMA_RAMPUP = 0.05;

export interface GanOptions {
  domain: DomainId;
  /** latents and initial weights */
  seed: number;
  /** which procedural images are the reals */
  dataSeed: number;
  batch: number;
  learningRate: number;
  r1Gamma: number;
  r1Interval: number;
  emaKimg: number;
  emaRampup: number | null;
  generator: GeneratorConfig;
  discriminator: DiscriminatorConfig;
}

export function defaultGanOptions(domain: DomainId, seed: number, overrides: Partial<GanOptions> = {}): GanOptions {
  return {
    domain,
    seed,
    dataSeed: 1,
    batch: DEFAULT_BATCH,
    learningRate: DEFAULT_LR,
    r1Gamma: DEFAULT_R1_GAMMA,
    r1Interval: R1_INTERVAL,
    emaKimg: DEFAULT_EMA_KIMG,
    emaRampup: DEFAULT_EMA_RAMPUP,
    generator: DEFAULT_GENERATOR_CONFIG,
    discriminator: DEFAULT_DISCRIMINATOR_CONFIG,
    ...overrides,
  };
}

export interface GanStepStats {
  /** 1-based index of the step just taken */
  step: number;
  lossG: number;
  lossD: number;
  /** mean ‖∇ₓD(x)‖² over the reals on R1 steps, NaN otherwise */
  r1: number;
  realScore: number;
  fakeScore: number;
  ms: number;
}

/** The weights of one GAN as plain data (also what a fine-tune starts from). */
export interface GanWeights {
  g: Record<string, number[]>;
  d: Record<string, number[]>;
  gEma: Record<string, number[]>;
  wAvg: number[];
}

export type GanOrigin = { kind: 'scratch' } | { kind: 'finetune'; parentDomain: DomainId; parentSteps: number };

export interface GanCheckpoint {
  version: 1;
  options: GanOptions;
  origin: GanOrigin;
  step: number;
  /** index of the next real image of the domain */
  realCursor: number;
  weights: GanWeights;
  adamG: AdamState;
  adamD: AdamState;
}

export class GanTrainer {
  readonly options: GanOptions;
  readonly origin: GanOrigin;
  readonly G: Generator;
  readonly D: Discriminator;
  /** the EMA copy of G: what is sampled, evaluated and shipped */
  readonly Gema: Generator;
  private readonly adamG: Adam;
  private readonly adamD: Adam;
  private stepCount = 0;
  private realCursor = 0;

  private constructor(options: GanOptions, origin: GanOrigin, g: FlatParams, d: FlatParams, gEma: FlatParams, wAvg?: Float32Array) {
    if (imageSizeOf(options.generator) !== 4 * 2 ** (options.discriminator.channels.length - 1)) {
      throw new Error('GanTrainer: the generator and discriminator resolutions differ');
    }
    this.options = options;
    this.origin = origin;
    this.G = new Generator(options.generator, g, wAvg);
    this.D = new Discriminator(options.discriminator, d);
    this.Gema = new Generator(options.generator, gEma, wAvg, false);
    this.adamG = new Adam(this.G.params, options.learningRate, ADAM_BETA1, ADAM_BETA2);
    this.adamD = new Adam(this.D.params, options.learningRate, ADAM_BETA1, ADAM_BETA2);
  }

  /** A GAN from random initialisation (the parent, or the scratch child). */
  static scratch(options: GanOptions): GanTrainer {
    const g = Generator.initial(options.generator, options.seed);
    return new GanTrainer(options, { kind: 'scratch' }, g, Discriminator.initial(options.discriminator, options.seed), g);
  }

  /**
   * The child: G, D and G_ema start from the parent's weights (and w_avg); Adam starts fresh and the
   * image count (EMA ramp-up) from 0, as StyleGAN2-ADA does on `--resume`. `options` must use the
   * parent's network configs; its domain is the child's.
   */
  static fineTune(parent: GanCheckpoint, options: GanOptions): GanTrainer {
    if (JSON.stringify(parent.options.generator) !== JSON.stringify(options.generator) || JSON.stringify(parent.options.discriminator) !== JSON.stringify(options.discriminator)) {
      throw new Error('fineTune: the child must have the parent architecture (aligned models share it)');
    }
    const w = parent.weights;
    return new GanTrainer(
      options,
      { kind: 'finetune', parentDomain: parent.options.domain, parentSteps: parent.step },
      toFloat32(w.g),
      toFloat32(w.d),
      toFloat32(w.gEma),
      Float32Array.from(w.wAvg),
    );
  }

  /** Rebuilds a trainer from its checkpoint. */
  static fromCheckpoint(ckpt: GanCheckpoint): GanTrainer {
    if (ckpt.version !== 1) throw new Error(`GanTrainer: checkpoint version ${String(ckpt.version)} is not 1`);
    const w = ckpt.weights;
    const t = new GanTrainer(ckpt.options, ckpt.origin, toFloat32(w.g), toFloat32(w.d), toFloat32(w.gEma), Float32Array.from(w.wAvg));
    t.adamG.restore(ckpt.adamG);
    t.adamD.restore(ckpt.adamD);
    t.stepCount = ckpt.step;
    t.realCursor = ckpt.realCursor;
    return t;
  }

  get steps(): number {
    return this.stepCount;
  }

  private latents(role: 'G' | 'D'): tf.Tensor2D {
    const { seed, batch, domain, generator } = this.options;
    return tf.tensor2d(sampleLatents(seed, `stylealign/train/${domain}/${this.stepCount}/${role}`, batch, generator.zDim), [batch, generator.zDim]);
  }

  step(): GanStepStats {
    const t0 = performance.now();
    const { batch, r1Gamma, r1Interval, domain, dataSeed } = this.options;
    const size = imageSizeOf(this.options.generator);
    const doR1 = r1Interval > 0 && r1Gamma > 0 && this.stepCount % r1Interval === 0;

    // G: non-saturating loss; w_avg follows the batch mean of w (StyleGAN2's w_avg_beta)
    const zG = this.latents('G');
    let wMean: tf.Tensor | null = null;
    const g = gradsOf(() => {
      const w = this.G.mapping(zG);
      wMean = tf.keep(tf.mean(w, 0));
      const fake = this.G.synthesis(this.G.broadcast(w));
      return tf.mean(tf.softplus(tf.neg(this.D.forward(fake))));
    }, this.G.params);
    this.adamG.apply(g.grads);
    tf.tidy(() => {
      const next = tf.add(wMean as unknown as tf.Tensor, tf.mul(tf.sub(this.G.wAvg, wMean as unknown as tf.Tensor), W_AVG_BETA));
      this.G.wAvg.assign(next);
      this.Gema.wAvg.assign(next);
    });

    // D: both halves of the logistic loss, plus lazy R1 on the reals
    const zD = this.latents('D');
    const fake = tf.tidy(() => this.G.forward(zD));
    const realData = renderBatch(domain, dataSeed, this.realCursor, batch, size);
    this.realCursor += batch;
    const real = tf.tensor4d(realData.images, [batch, size, size, 3]);
    let parts: tf.Tensor | null = null;
    const d = gradsOf(() => {
      const fakeLogits = this.D.forward(fake);
      const realLogits = this.D.forward(real);
      const main = tf.add(tf.mean(tf.softplus(fakeLogits)), tf.mean(tf.softplus(tf.neg(realLogits))));
      let penalty: tf.Tensor = tf.scalar(NaN);
      let total: tf.Tensor = main;
      if (doR1) {
        const gradient = tf.grad((x: tf.Tensor) => tf.sum(this.D.forward(x as tf.Tensor4D)))(real);
        penalty = tf.div(tf.sum(tf.square(gradient)), batch);
        total = tf.add(main, tf.mul(penalty, (r1Gamma / 2) * r1Interval));
      }
      parts = tf.keep(tf.stack([main, penalty, tf.mean(realLogits), tf.mean(fakeLogits)]));
      return total as tf.Scalar;
    }, this.D.params);
    this.adamD.apply(d.grads);

    // EMA of G
    const { emaKimg, emaRampup } = this.options;
    const seen = this.stepCount * batch;
    let emaNimg = emaKimg * 1000;
    if (emaRampup !== null) emaNimg = Math.min(emaNimg, seen * emaRampup);
    const beta = 0.5 ** (batch / Math.max(emaNimg, 1e-8));
    tf.tidy(() => {
      for (const [name, p] of Object.entries(this.G.params)) {
        const e = this.Gema.params[name];
        e.assign(tf.add(p, tf.mul(tf.sub(e, p), beta)));
      }
    });

    const lossG = g.value.dataSync()[0];
    const values = (parts as tf.Tensor | null)?.dataSync() ?? new Float32Array(4);
    tf.dispose([g.value, d.value, zG, zD, fake, real, wMean as tf.Tensor | null, parts as tf.Tensor | null].filter((t): t is tf.Tensor => t !== null));
    tf.dispose([...Object.values(g.grads), ...Object.values(d.grads)]);
    this.stepCount++;
    return { step: this.stepCount, lossG, lossD: values[0], r1: values[1], realScore: values[2], fakeScore: values[3], ms: performance.now() - t0 };
  }

  /** `count` images of G_ema (or of G) for the latents of stream `label`, float32 NHWC in [−1, 1]. */
  sample(count: number, label: string, options: { ema?: boolean; psi?: number; chunk?: number } = {}): Float32Array {
    const net = options.ema === false ? this.G : this.Gema;
    const z = sampleLatents(this.options.seed, label, count, this.options.generator.zDim);
    return generateInChunks(net, z, count, options.chunk ?? 64, options.psi ?? 1);
  }

  weights(): GanWeights {
    return {
      g: toArrays(this.G.values()),
      d: toArrays(this.D.values()),
      gEma: toArrays(this.Gema.values()),
      wAvg: Array.from(this.G.wAvgValues()),
    };
  }

  checkpoint(): GanCheckpoint {
    return {
      version: 1,
      options: this.options,
      origin: this.origin,
      step: this.stepCount,
      realCursor: this.realCursor,
      weights: this.weights(),
      adamG: this.adamG.state(),
      adamD: this.adamD.state(),
    };
  }

  /** Continues from a checkpoint made with the same options (checked). */
  restore(ckpt: GanCheckpoint): void {
    if (JSON.stringify(ckpt.options) !== JSON.stringify(this.options)) throw new Error('restore: the checkpoint was made with other options (domain, seeds, batch, rates or networks)');
    assignValues(this.G.params, toFloat32(ckpt.weights.g));
    assignValues(this.D.params, toFloat32(ckpt.weights.d));
    assignValues(this.Gema.params, toFloat32(ckpt.weights.gEma));
    tf.tidy(() => {
      this.G.wAvg.assign(tf.tensor1d(ckpt.weights.wAvg));
      this.Gema.wAvg.assign(tf.tensor1d(ckpt.weights.wAvg));
    });
    this.adamG.restore(ckpt.adamG);
    this.adamD.restore(ckpt.adamD);
    this.stepCount = ckpt.step;
    this.realCursor = ckpt.realCursor;
  }

  dispose(): void {
    this.G.dispose();
    this.D.dispose();
    this.Gema.dispose();
    this.adamG.dispose();
    this.adamD.dispose();
  }
}

/** Runs the generator over `count` latents in chunks (bounded memory); float32 NHWC in [−1, 1]. */
export function generateInChunks(net: Generator, z: Float32Array, count: number, chunk: number, psi = 1): Float32Array {
  const zDim = net.config.zDim;
  const s = net.imageSize;
  const px = s * s * 3;
  const out = new Float32Array(count * px);
  for (let i = 0; i < count; i += chunk) {
    const n = Math.min(chunk, count - i);
    out.set(net.generate(z.subarray(i * zDim, (i + n) * zDim), n, psi), i * px);
  }
  return out;
}

/**
 * |Δθ| / |θ_parent| per component, on the weights as the network uses them (stored value × the
 * equalised-learning-rate gain), so that the mapping's ×0.01 storage does not inflate its change
 * (StyleAlign §4, "which parts change": mapping, affine A, convolutions per resolution, toRGB).
 * Besides every component it reports 'conv' (all resolutions together) and 'all'.
 */
export function weightChange(parent: FlatParams, child: FlatParams, specs: readonly ParamSpec[], componentOf: (name: string) => string): Record<string, number> {
  const num = new Map<string, number>();
  const den = new Map<string, number>();
  const add = (key: string, d: number, p: number) => {
    num.set(key, (num.get(key) ?? 0) + d);
    den.set(key, (den.get(key) ?? 0) + p);
  };
  for (const s of specs) {
    const a = parent[s.name];
    const b = child[s.name];
    if (!a || !b || a.length !== b.length) throw new Error(`weightChange: ${s.name} missing or of another size`);
    let d2 = 0;
    let p2 = 0;
    for (let i = 0; i < a.length; i++) {
      const pa = a[i] * s.gain;
      const diff = (b[i] - a[i]) * s.gain;
      d2 += diff * diff;
      p2 += pa * pa;
    }
    const comp = componentOf(s.name);
    add(comp, d2, p2);
    if (comp.startsWith('conv')) add('conv', d2, p2);
    add('all', d2, p2);
  }
  const out: Record<string, number> = {};
  for (const [k, d] of num) out[k] = Math.sqrt(d) / Math.sqrt(den.get(k) ?? 1);
  return out;
}

export const generatorWeightChange = (config: GeneratorConfig, parent: FlatParams, child: FlatParams) => weightChange(parent, child, generatorSpecs(config), generatorComponent);
export const discriminatorWeightChange = (config: DiscriminatorConfig, parent: FlatParams, child: FlatParams) =>
  weightChange(parent, child, discriminatorSpecs(config), discriminatorComponent);
