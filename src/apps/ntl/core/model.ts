/**
 * The small digit CNN of the demo:
 *
 *   Φ (feature extractor): conv3×3·8 → ReLU → maxpool2 → conv3×3·16 → ReLU → maxpool2  ⇒ 8×8×16
 *   Ω (classifier):        conv3×3·32 → ReLU → maxpool2 → flatten (4×4×32) → dense 32 → ReLU → dropout → dense 10
 *
 * 22,778 parameters. Three choices against a first design (conv16-pool-conv32-pool → conv64-GAP-dense64);
 * the measurements behind them are in the demo's README ("Design measurements"):
 * - the head flattens a 4×4 map instead of global average pooling, which learned the source too slowly;
 * - Φ has 8 and 16 channels instead of 16 and 32, so a step is cheap enough for the quick experiment;
 * - three conv1 filters start as dormant colour-opponent units (see OPPONENT_FILTERS).
 *
 * The paper uses an ImageNet VGG11 and takes MMD on `features[:10]` flattened (a conv block's
 * output); here MMD is taken on Φ's flattened 1,024-dim output in the same spirit.
 *
 * Written with explicit `tf.variable`s rather than tf.layers, so weights can be snapshotted,
 * restored, re-initialised per layer (RTAL) and pruned by magnitude without layer plumbing, and
 * so initialisation comes from the suite's seeded PRNG (identical on every backend).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../shared/random';
import { IMAGE_SIZE } from './domains';
import { FEATURE_DIM, PARAM_NAMES, PARAM_SPECS, type CnnWeights, type ParamName } from './params';

export { PARAM_SPECS, PARAM_NAMES, PHI_PARAMS, OMEGA_PARAMS, KERNEL_PARAMS, FEATURE_DIM, NUM_CLASSES, paramCount } from './params';
export type { ParamName, CnnWeights } from './params';

/** Size of the flattened 4×4×32 map entering the dense head. */
const HEAD_DIM = (IMAGE_SIZE / 8) * (IMAGE_SIZE / 8) * 32;

function sizeOf(name: ParamName): number {
  return PARAM_SPECS[name].reduce((x, y) => x * y, 1);
}

/**
 * Three of conv1's 8 filters start as colour-opponent units (R−G, G−B, B−R summed over the 3×3
 * window, gain 4, bias −0.1) instead of random ones: our stand-in for the paper's ImageNet-
 * pretrained first layer, which already holds colour-opponent filters, so its features react to
 * the ownership patch (+20/255 on the red channel) from the first step. A from-scratch CNN has
 * none, and without them NTL never noticed the patch; always-on opponent filters did, but hurt
 * SL's transfer to T1 (README, "Design measurements"). Hence these units are dormant on grey
 * images (R = G = B makes their input exactly 0, the bias keeps them at 0 through ReLU, so no
 * gradient ever reaches them from grey data) and conv2 starts with zero weights from them
 * (`silenceOpponentInputs`): an SL model trained on grey digits is the same as without them, while
 * NTL's target terms, on tinted or coloured images, can recruit them.
 */
export const OPPONENT_FILTERS = 3;
const OPPONENT_GAIN = 4;
const OPPONENT_BIAS = -0.1;

function seedOpponentFilters(kernel: Float32Array): void {
  const [kh, kw, cin, cout] = PARAM_SPECS['conv1/kernel'];
  for (let o = 0; o < Math.min(OPPONENT_FILTERS, cout); o++) {
    const plus = o % cin;
    const minus = (o + 1) % cin;
    for (let y = 0; y < kh; y++) {
      for (let x = 0; x < kw; x++) {
        for (let c = 0; c < cin; c++) {
          const base = c === plus ? OPPONENT_GAIN : c === minus ? -OPPONENT_GAIN : 0;
          kernel[((y * kw + x) * cin + c) * cout + o] = base;
        }
      }
    }
  }
}

/**
 * conv2 starts with zero weights from the opponent channels: on grey source digits those channels
 * are exactly 0 (R = G = B), so supervised training never changes these weights and an SL model
 * ignores colour-opponent evidence, as before; NTL's target terms do reach them (their input is
 * non-zero on tinted or coloured images), and Adam's per-parameter step size lets them grow fast
 * even while the NTL term is small.
 */
function silenceOpponentInputs(kernel: Float32Array): void {
  const [kh, kw, cin, cout] = PARAM_SPECS['conv2/kernel'];
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let c = 0; c < Math.min(OPPONENT_FILTERS, cin); c++) {
        for (let o = 0; o < cout; o++) kernel[((y * kw + x) * cin + c) * cout + o] = 0;
      }
    }
  }
}

/** Glorot-uniform kernels (tf.layers' default) and zero biases, from `createRng(seed)`. */
export function initialWeights(seed: number, only?: readonly ParamName[]): Partial<CnnWeights> {
  const rng = createRng(seed).fork('ntl/init');
  const out: Partial<CnnWeights> = {};
  for (const name of only ?? PARAM_NAMES) {
    const shape = PARAM_SPECS[name];
    const values = new Float32Array(sizeOf(name));
    if (name.endsWith('/kernel')) {
      const receptive = shape.length === 4 ? shape[0] * shape[1] : 1;
      const fanIn = receptive * shape[shape.length - 2];
      const fanOut = receptive * shape[shape.length - 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const r = rng.fork(name);
      for (let i = 0; i < values.length; i++) values[i] = r.uniform(-limit, limit);
      if (name === 'conv1/kernel' && OPPONENT_FILTERS > 0) seedOpponentFilters(values);
      if (name === 'conv2/kernel') silenceOpponentInputs(values);
    }
    // A small negative bias keeps the opponent units exactly silent on grey images (their
    // pre-activation there is 0 up to rounding), so no gradient reaches them from grey data.
    if (name === 'conv1/bias') values.fill(OPPONENT_BIAS, 0, Math.min(OPPONENT_FILTERS, values.length));
    out[name] = values;
  }
  return out;
}

export function cloneWeights(w: CnnWeights): CnnWeights {
  const out = {} as CnnWeights;
  for (const n of PARAM_NAMES) out[n] = w[n].slice();
  return out;
}

export interface ForwardResult {
  /** Φ(x), flattened: batch × FEATURE_DIM (1,024). */
  features: tf.Tensor2D;
  /** Ω(Φ(x)): batch × 10 logits. */
  logits: tf.Tensor2D;
}

export interface DigitCnn {
  readonly variables: Record<ParamName, tf.Variable>;
  /** Forward pass; call inside tf.tidy (or a gradient function). Dropout only when `training`. */
  forward(x: tf.Tensor4D, opts?: { training?: boolean; dropoutSeed?: number }): ForwardResult;
  /** Downloads the weights (synchronous read-back). */
  snapshot(): CnnWeights;
  /** Overwrites some or all weights. */
  load(w: Partial<CnnWeights>): void;
  dispose(): void;
}

export const DROPOUT_RATE = 0.3;

/** Builds the CNN with weights `init` (default: `initialWeights(seed)`). */
export function createCnn(seed: number, init?: CnnWeights): DigitCnn {
  const start = (init ?? (initialWeights(seed) as CnnWeights));
  const variables = {} as Record<ParamName, tf.Variable>;
  for (const name of PARAM_NAMES) {
    const shape = [...PARAM_SPECS[name]];
    variables[name] = tf.tidy(() => tf.variable(tf.tensor(start[name], shape), true));
  }
  const v = variables;
  // Inputs stay in [0, 1]: ImageNet normalisation (the paper's pipeline) slowed SL training here
  // (0.84–0.94 source accuracy after 150 steps vs 0.99) and the opponent gain does its job.
  const forward: DigitCnn['forward'] = (x, opts = {}) => {
    const h1: tf.Tensor4D = tf.maxPool(tf.relu(tf.add(tf.conv2d(x, v['conv1/kernel'] as tf.Tensor4D, 1, 'same'), v['conv1/bias'])) as tf.Tensor4D, 2, 2, 'valid');
    const h2: tf.Tensor4D = tf.maxPool(tf.relu(tf.add(tf.conv2d(h1, v['conv2/kernel'] as tf.Tensor4D, 1, 'same'), v['conv2/bias'])) as tf.Tensor4D, 2, 2, 'valid');
    const batch = x.shape[0];
    const features = tf.reshape(h2, [batch, FEATURE_DIM]) as tf.Tensor2D;
    const h3 = tf.maxPool(tf.relu(tf.add(tf.conv2d(h2, v['conv3/kernel'] as tf.Tensor4D, 1, 'same'), v['conv3/bias'])) as tf.Tensor4D, 2, 2, 'valid');
    const pooled = tf.reshape(h3, [batch, HEAD_DIM]) as tf.Tensor2D;
    let d1 = tf.relu(tf.add(tf.matMul(pooled, v['dense1/kernel'] as tf.Tensor2D), v['dense1/bias'])) as tf.Tensor2D;
    if (opts.training) d1 = tf.dropout(d1, DROPOUT_RATE, undefined, opts.dropoutSeed) as tf.Tensor2D;
    const logits = tf.add(tf.matMul(d1, v['out/kernel'] as tf.Tensor2D), v['out/bias']) as tf.Tensor2D;
    return { features, logits };
  };
  return {
    variables,
    forward,
    snapshot() {
      const out = {} as CnnWeights;
      for (const n of PARAM_NAMES) out[n] = variables[n].dataSync() as Float32Array;
      // dataSync may return the backend's own buffer on some backends: copy to own it.
      for (const n of PARAM_NAMES) out[n] = out[n].slice();
      return out;
    },
    load(w) {
      for (const n of PARAM_NAMES) {
        const values = w[n];
        if (!values) continue;
        if (values.length !== sizeOf(n)) throw new Error(`load: ${n} has ${values.length} values, expected ${sizeOf(n)}`);
        tf.tidy(() => variables[n].assign(tf.tensor(values, [...PARAM_SPECS[n]])));
      }
    },
    dispose() {
      for (const n of PARAM_NAMES) variables[n].dispose();
    },
  };
}
