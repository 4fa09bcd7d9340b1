/**
 * Oracles: small CNNs trained on procedural renders whose parameters are known, used to read
 * attributes off generated images (StyleAlign's alignment is about attributes that correspond across
 * domains; the paper judges them by eye and by pretrained classifiers, we by regressors of the known
 * parameters). Three of them:
 *   - 'faces':    regresses the six face attributes (the parent's supervision in the zero-shot experiment);
 *   - 'critters': regresses the four critter attributes (used for evaluation only);
 *   - 'domain':   tells a face (0) from a critter (1) (the quality gate's "classified as child").
 *
 * `fd` is the Fréchet distance between Gaussians fitted to an oracle's 64 pooled features of two image
 * sets (Heusel et al.'s formula, in our oracle's feature space, not Inception's: it is not FID).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../shared/random';
import { reduce } from '../../../shared/einops';
import { ATTRIBUTES, IMAGE_SIZE, renderBatch, type DomainId } from './domains';
import { Adam, type AdamState } from '../../../shared/tf/adam';
import { assignValues, gradsOf, initialValues, makeVariables, paramCountOf, readValues, toArrays, toFloat32, type FlatParams, type ParamSpec, type Params } from './nn';
import { symmetricEigenvalues } from '../../../shared/linalg';

export type OracleKind = DomainId | 'domain';
export const ORACLE_KINDS: readonly OracleKind[] = ['faces', 'critters', 'domain'];

/** conv widths at 32, 16, 8, 4 px; the features are the global mean of the last */
export const ORACLE_CHANNELS = [16, 32, 64, 64];
export const FEATURE_DIM = ORACLE_CHANNELS[ORACLE_CHANNELS.length - 1];
export const ORACLE_BATCH = 32;
export const ORACLE_LR = 2e-3;

export const oracleOutputs = (kind: OracleKind) => (kind === 'domain' ? 1 : ATTRIBUTES[kind].length);

/**
 * Attributes read by a branch of their own (same layers as the trunk, own weights) instead of the shared
 * trunk's head. The face oracle with one shared trunk read the smile at held-out r 0.035 after 1,500
 * steps (and at r ≈ 0 again with the smile's error weighted ×10), although the smile is drawn (a mouth
 * curve of about 1.6 px at 32 px): the same network trained on the smile alone reached r 0.66 at step
 * 400 and 0.99 at step 600 (a probe run, README). The trunk settles on the easy attributes and never
 * leaves the smile's plateau; a branch whose only gradient is the smile's does, as in the probe.
 * The trunk's head keeps a column for the attribute (unused, so untrained) so that outputs keep their order.
 */
export const SEPARATE_BRANCHES: Partial<Record<OracleKind, readonly string[]>> = { faces: ['smile'] };

const branchesOf = (kind: OracleKind) => SEPARATE_BRANCHES[kind] ?? [];

function trunkSpecs(prefix: string, outputs: number): ParamSpec[] {
  const specs: ParamSpec[] = [];
  let cin = 3;
  ORACLE_CHANNELS.forEach((c, i) => {
    specs.push({ name: `${prefix}conv${i}.w`, shape: [3, 3, cin, c], init: 'normal', gain: Math.SQRT2 / Math.sqrt(9 * cin), lrMul: 1 });
    specs.push({ name: `${prefix}conv${i}.b`, shape: [c], init: 'const', value: 0, gain: 1, lrMul: 1 });
    cin = c;
  });
  specs.push({ name: `${prefix}head.w`, shape: [cin, outputs], init: 'normal', gain: 1 / Math.sqrt(cin), lrMul: 1 });
  specs.push({ name: `${prefix}head.b`, shape: [outputs], init: 'const', value: 0, gain: 1, lrMul: 1 });
  return specs;
}

/** The trunk first (its initial values do not depend on the branches), then one branch per separate attribute. */
export function oracleSpecs(kind: OracleKind): ParamSpec[] {
  return [...trunkSpecs('', oracleOutputs(kind)), ...branchesOf(kind).flatMap((a) => trunkSpecs(`${a}.`, 1))];
}

export const oracleParamCount = (kind: OracleKind) => paramCountOf(oracleSpecs(kind));

export class Oracle {
  readonly kind: OracleKind;
  readonly specs: ParamSpec[];
  private readonly gains: Record<string, number>;
  readonly params: Params;

  constructor(kind: OracleKind, values: FlatParams) {
    this.kind = kind;
    this.specs = oracleSpecs(kind);
    this.gains = Object.fromEntries(this.specs.map((s) => [s.name, s.gain]));
    this.params = makeVariables(this.specs, values, `oracle-${kind}`);
  }

  static initial(kind: OracleKind, seed: number): FlatParams {
    return initialValues(oracleSpecs(kind), createRng(seed).fork(`stylealign/oracle/${kind}/init`));
  }

  private p(name: string): tf.Tensor {
    return tf.mul(this.params[name], this.gains[name]);
  }

  /** images [b, 32, 32, 3] in [−1, 1] → pooled features [b, FEATURE_DIM] (of the trunk, or of a branch's `prefix`) */
  features(images: tf.Tensor4D, prefix = ''): tf.Tensor2D {
    let x: tf.Tensor4D = tf.clipByValue(images, -1, 1);
    ORACLE_CHANNELS.forEach((_, i) => {
      if (i > 0) x = reduce(x, 'b (h 2) (w 2) c -> b h w c', 'mean') as tf.Tensor4D;
      x = tf.relu(tf.add(tf.conv2d(x, this.p(`${prefix}conv${i}.w`) as tf.Tensor4D, 1, 'same'), this.p(`${prefix}conv${i}.b`))) as tf.Tensor4D;
    });
    return reduce(x, 'b h w c -> b c', 'mean') as tf.Tensor2D;
  }

  /** The outputs from the trunk's features `f`, with each separate attribute's column taken from its branch. */
  private outputsOf(images: tf.Tensor4D, f: tf.Tensor2D): tf.Tensor2D {
    const trunk = tf.add(tf.matMul(f, this.p('head.w') as tf.Tensor2D), this.p('head.b')) as tf.Tensor2D;
    const branches = branchesOf(this.kind);
    if (!branches.length) return trunk;
    const names = ATTRIBUTES[this.kind as DomainId];
    const columns = tf.split(trunk, names.length, 1);
    for (const a of branches) {
      columns[names.indexOf(a)] = tf.add(tf.matMul(this.features(images, `${a}.`), this.p(`${a}.head.w`) as tf.Tensor2D), this.p(`${a}.head.b`));
    }
    return tf.concat(columns, 1) as tf.Tensor2D;
  }

  /** images → outputs [b, k]: attributes (regressors) or the critter logit (domain classifier) */
  forward(images: tf.Tensor4D): tf.Tensor2D {
    return this.outputsOf(images, this.features(images));
  }

  /** Plain data in and out: `count` images (float32 NHWC in [−1, 1]) → outputs and features, row-major. */
  evaluate(images: Float32Array, count: number, chunk = 100): { outputs: Float32Array; features: Float32Array } {
    const k = oracleOutputs(this.kind);
    const outputs = new Float32Array(count * k);
    const features = new Float32Array(count * FEATURE_DIM);
    const px = IMAGE_SIZE * IMAGE_SIZE * 3;
    for (let i = 0; i < count; i += chunk) {
      const n = Math.min(chunk, count - i);
      tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(i * px, (i + n) * px), [n, IMAGE_SIZE, IMAGE_SIZE, 3]);
        const f = this.features(x);
        const o = this.outputsOf(x, f);
        outputs.set(o.dataSync(), i * k);
        features.set(f.dataSync(), i * FEATURE_DIM);
      });
    }
    return { outputs, features };
  }

  values(): FlatParams {
    return readValues(this.params);
  }

  load(values: FlatParams): void {
    assignValues(this.params, values);
  }

  dispose(): void {
    for (const v of Object.values(this.params)) v.dispose();
  }
}

/** A batch for oracle `kind`: images, targets [b, k]. The domain classifier sees half faces, half critters. */
export function oracleBatch(kind: OracleKind, dataSeed: number, step: number, batch = ORACLE_BATCH): { images: Float32Array; targets: Float32Array } {
  if (kind !== 'domain') {
    const { images, attributes } = renderBatch(kind, dataSeed, step * batch, batch);
    return { images, targets: attributes };
  }
  const half = batch / 2;
  const f = renderBatch('faces', dataSeed, step * half, half);
  const c = renderBatch('critters', dataSeed, step * half, half);
  const images = new Float32Array(f.images.length + c.images.length);
  images.set(f.images);
  images.set(c.images, f.images.length);
  const targets = new Float32Array(batch);
  targets.fill(1, half);
  return { images, targets };
}

/** Oracles train on their own renders: data seed `ORACLE_DATA_SEED_OFFSET + seed`, never the GANs' reals. */
export const ORACLE_DATA_SEED_OFFSET = 1000;

export interface OracleTrainStats {
  step: number;
  loss: number;
}

/** Adam on fresh renders each step: MSE for the regressors, logistic loss for the domain classifier. */
export class OracleTrainer {
  readonly oracle: Oracle;
  private readonly adam: Adam;
  private stepCount = 0;

  constructor(
    readonly kind: OracleKind,
    readonly seed: number,
  ) {
    this.oracle = new Oracle(kind, Oracle.initial(kind, seed));
    this.adam = new Adam(this.oracle.params, ORACLE_LR, 0.9, 0.999);
  }

  get steps(): number {
    return this.stepCount;
  }

  step(): OracleTrainStats {
    const { images, targets } = oracleBatch(this.kind, ORACLE_DATA_SEED_OFFSET + this.seed, this.stepCount);
    const k = oracleOutputs(this.kind);
    const b = targets.length / k;
    const x = tf.tensor4d(images, [b, IMAGE_SIZE, IMAGE_SIZE, 3]);
    const y = tf.tensor2d(targets, [b, k]);
    const { value, grads } = gradsOf(() => {
      const out = this.oracle.forward(x);
      return (this.kind === 'domain' ? tf.losses.sigmoidCrossEntropy(y, out) : tf.losses.meanSquaredError(y, out)) as tf.Scalar;
    }, this.oracle.params);
    this.adam.apply(grads);
    const loss = value.dataSync()[0];
    tf.dispose([x, y, value, ...Object.values(grads)]);
    this.stepCount++;
    return { step: this.stepCount, loss };
  }

  checkpoint(): OracleCheckpoint {
    return { kind: this.kind, seed: this.seed, step: this.stepCount, params: toArrays(this.oracle.values()), adam: this.adam.state() };
  }

  restore(c: OracleCheckpoint): void {
    if (c.kind !== this.kind || c.seed !== this.seed) throw new Error(`restore: checkpoint of oracle ${c.kind} seed ${c.seed}, not ${this.kind} seed ${this.seed}`);
    this.oracle.load(toFloat32(c.params));
    this.adam.restore(c.adam);
    this.stepCount = c.step;
  }

  dispose(): void {
    this.adam.dispose();
    this.oracle.dispose();
  }
}

export interface OracleCheckpoint {
  kind: OracleKind;
  seed: number;
  step: number;
  params: Record<string, number[]>;
  adam: AdamState;
}

/** Per attribute on held-out renders: Pearson r between truth and prediction (regressors), or accuracy (domain). */
export function oracleQuality(oracle: Oracle, dataSeed: number, count = 500): Record<string, number> {
  if (oracle.kind === 'domain') {
    const { images, targets } = oracleBatch('domain', dataSeed, 0, count);
    const { outputs } = oracle.evaluate(images, count);
    let right = 0;
    for (let i = 0; i < count; i++) if (outputs[i] > 0 === targets[i] > 0.5) right++;
    return { accuracy: right / count };
  }
  const names = ATTRIBUTES[oracle.kind];
  const { images, attributes } = renderBatch(oracle.kind, dataSeed, 0, count);
  const { outputs } = oracle.evaluate(images, count);
  const out: Record<string, number> = {};
  names.forEach((name, j) => {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < count; i++) {
      a.push(attributes[i * names.length + j]);
      b.push(outputs[i * names.length + j]);
    }
    out[name] = pearson(a, b);
  });
  return out;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Mean and covariance (float64) of `count` rows of `dim` features. */
export function gaussianOf(features: ArrayLike<number>, count: number, dim: number): { mean: Float64Array; cov: Float64Array } {
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) mean[j] += features[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= count;
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < count; i++) {
    for (let a = 0; a < dim; a++) {
      const da = features[i * dim + a] - mean[a];
      for (let b = a; b < dim; b++) cov[a * dim + b] += da * (features[i * dim + b] - mean[b]);
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b] / Math.max(1, count - 1);
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { mean, cov };
}

/** Eigenvalues (ascending) and eigenvectors (columns of `vectors`) of a symmetric matrix: the shared Jacobi solver. */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  symmetricEigenvalues(values, matrix, n, new Float64Array(n * n), 0, vectors);
  return { values, vectors };
}

/**
 * Fréchet distance between N(μ1, Σ1) and N(μ2, Σ2): ‖μ1 − μ2‖² + tr Σ1 + tr Σ2 − 2 tr (Σ1^½ Σ2 Σ1^½)^½
 * (the last trace equals tr (Σ1Σ2)^½ and needs symmetric square roots only).
 */
export function frechetDistance(g1: { mean: Float64Array; cov: Float64Array }, g2: { mean: Float64Array; cov: Float64Array }): number {
  const n = g1.mean.length;
  let d = 0;
  for (let i = 0; i < n; i++) d += (g1.mean[i] - g2.mean[i]) ** 2;
  const e1 = symmetricEigen(g1.cov, n);
  // Σ1^½ = V diag(√λ) Vᵀ
  const s1 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc += e1.vectors[i * n + k] * Math.sqrt(Math.max(e1.values[k], 0)) * e1.vectors[j * n + k];
      s1[i * n + j] = acc;
    }
  }
  const mul = (x: Float64Array, y: Float64Array) => {
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
      const xik = x[i * n + k];
      if (xik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += xik * y[k * n + j];
    }
    return out;
  };
  const m = mul(mul(s1, g2.cov), s1);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = (m[i * n + j] + m[j * n + i]) / 2;
  const e = symmetricEigen(m, n);
  let trSqrt = 0;
  for (let i = 0; i < n; i++) trSqrt += Math.sqrt(Math.max(e.values[i], 0));
  let tr = 0;
  for (let i = 0; i < n; i++) tr += g1.cov[i * n + i] + g2.cov[i * n + i];
  return d + tr - 2 * trSqrt;
}

/** fd between two image sets in oracle `oracle`'s feature space. */
export function fd(oracle: Oracle, a: Float32Array, countA: number, b: Float32Array, countB: number): number {
  const fa = oracle.evaluate(a, countA).features;
  const fb = oracle.evaluate(b, countB).features;
  return frechetDistance(gaussianOf(fa, countA, FEATURE_DIM), gaussianOf(fb, countB, FEATURE_DIM));
}

/** The domain classifier's verdict: the fraction of images it calls critters. */
export function critterFraction(domainOracle: Oracle, images: Float32Array, count: number): number {
  if (domainOracle.kind !== 'domain') throw new Error('critterFraction needs the domain classifier');
  const { outputs } = domainOracle.evaluate(images, count);
  let k = 0;
  for (let i = 0; i < count; i++) if (outputs[i] > 0) k++;
  return k / count;
}
