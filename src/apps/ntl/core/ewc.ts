/**
 * Elastic weight consolidation (Kirkpatrick et al., PNAS 2017) as a watermark-removal attack, as
 * REFIT uses it (Chen et al., "REFIT: A Unified Watermark Removal Framework for Deep Learning
 * Systems with Limited Data", AsiaCCS 2021): the attacker fine-tunes the stolen model on its own
 * small labelled set, with a penalty that keeps the weights that matter for the main task close to
 * the stolen ones, so the task survives while the rest of the network (where a watermark may live)
 * is free to move:
 *
 *   L = CE(attacker's data) + (λ / 2) · Σ_i F_i · (θ_i − θ*_i)²
 *
 * θ* are the stolen weights and F the diagonal Fisher information, estimated on the attacker's
 * data as the mean squared per-example gradient of log p(y | x) at θ* (the empirical Fisher, with
 * the attacker's labels). Our choice: F is divided by its mean over all parameters, so λ does not
 * depend on the scale of the gradients (a confident model has tiny ones); see `EWC_DEFAULTS`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { EWC_DEFAULTS } from './attackSettings';
import { IMAGE_SIZE, PIXELS, type DigitSet } from './domains';
import { createCnn, PARAM_NAMES, PARAM_SPECS, type CnnWeights, type ParamName } from './model';

/** The EWC term of a trainer config: anchor θ*, (normalised) Fisher F and the weight λ. */
export interface EwcPenalty {
  anchor: CnnWeights;
  fisher: CnnWeights;
  lambda: number;
}

export { EWC_DEFAULTS } from './attackSettings';

/**
 * (λ / 2) · Σ_i F_i (θ_i − θ*_i)² as a scalar tensor, differentiable in `variables`. Zero at the
 * anchor, and it grows quadratically along any direction where F > 0.
 */
export function ewcPenaltyTensor(
  variables: Record<ParamName, tf.Variable | tf.Tensor>,
  anchor: Record<ParamName, tf.Tensor>,
  fisher: Record<ParamName, tf.Tensor>,
  lambda: number,
): tf.Scalar {
  return tf.tidy(() => {
    const terms = PARAM_NAMES.map((n) => tf.sum(tf.mul(fisher[n], tf.square(tf.sub(variables[n], anchor[n])))));
    return tf.mul(tf.addN(terms), lambda / 2) as tf.Scalar;
  });
}

/** The penalty for plain weights (no gradient), e.g. for tests and reports. */
export function ewcPenaltyValue(weights: CnnWeights, penalty: EwcPenalty): number {
  return tf.tidy(() => {
    const t = (w: CnnWeights) => Object.fromEntries(PARAM_NAMES.map((n) => [n, tf.tensor(w[n], [...PARAM_SPECS[n]])])) as Record<ParamName, tf.Tensor>;
    return ewcPenaltyTensor(t(weights), t(penalty.anchor), t(penalty.fisher), penalty.lambda).dataSync()[0];
  });
}

/**
 * Σ over images `start` … `start + count − 1` of `data` of the squared gradient of log p(y | x) at
 * `weights` (y = the image's label), per parameter: the raw sums behind the empirical Fisher, so a
 * worker can estimate it in chunks. No dropout; images in order.
 */
export function fisherSquaredSums(weights: CnnWeights, data: DigitSet, start: number, count: number): CnnWeights {
  const end = Math.min(data.n, start + count);
  const model = createCnn(0, weights);
  const sums = Object.fromEntries(PARAM_NAMES.map((p) => [p, new Float32Array(weights[p].length)])) as CnnWeights;
  const varList = PARAM_NAMES.map((p) => model.variables[p]);
  try {
    for (let i = start; i < end; i++) {
      const x = tf.tensor4d(data.images.subarray(i * PIXELS, (i + 1) * PIXELS), [1, IMAGE_SIZE, IMAGE_SIZE, 3]);
      const y = tf.tensor1d([data.labels[i]], 'int32');
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.forward(x).logits;
        // −log p(y | x); its gradient squared equals that of log p(y | x).
        return tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(y, logits.shape[1])))) as tf.Scalar;
      }, varList);
      for (const p of PARAM_NAMES) {
        const g = grads[model.variables[p].name].dataSync();
        const s = sums[p];
        for (let k = 0; k < g.length; k++) s[k] += g[k] * g[k];
      }
      tf.dispose([value, x, y, ...Object.values(grads)]);
    }
  } finally {
    model.dispose();
  }
  return sums;
}

/**
 * Adds chunks of `fisherSquaredSums` and divides each parameter by the mean over all parameters,
 * so the result has mean 1 (the overall scale, including the number of images, drops out).
 */
export function normaliseFisher(chunks: CnnWeights[]): CnnWeights {
  if (chunks.length === 0) throw new Error('normaliseFisher: no chunks');
  let total = 0;
  let count = 0;
  const out = {} as CnnWeights;
  for (const p of PARAM_NAMES) {
    const acc = new Float64Array(chunks[0][p].length);
    for (const c of chunks) for (let k = 0; k < acc.length; k++) acc[k] += c[p][k];
    for (const v of acc) total += v;
    count += acc.length;
    out[p] = Float32Array.from(acc);
  }
  const mean = total / count;
  for (const p of PARAM_NAMES) for (let k = 0; k < out[p].length; k++) out[p][k] = mean > 0 ? out[p][k] / mean : 1;
  return out;
}

/**
 * The diagonal empirical Fisher of `weights` on the first `samples` images of `data`: the mean over
 * images of the squared gradient of log p(y | x), each parameter divided by the mean over all
 * parameters (so the result has mean 1).
 */
export function estimateFisher(weights: CnnWeights, data: DigitSet, samples: number = EWC_DEFAULTS.fisherSamples): CnnWeights {
  const n = Math.min(samples, data.n);
  if (n < 1) throw new Error('estimateFisher: no attacker data');
  return normaliseFisher([fisherSquaredSums(weights, data, 0, n)]);
}
