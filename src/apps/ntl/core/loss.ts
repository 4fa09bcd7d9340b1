/**
 * NTL's objective (Wang et al., ICLR 2022, arXiv 2106.06916; official code conditionWang/NTL at
 * commit 9580990).
 *
 * Paper form:  L = L_S − min(β, α · L_T · L_dis),   L_dis = min(β′, α′ · MMD(Φ(x_S), Φ(x_T))),
 *              α = α′ = 0.1, β = β′ = 1, L_S and L_T the KL divergence to the one-hot label, i.e. the
 *              cross-entropy (CE).
 * Code form (conditionWang/NTL, `src/ntl/ntl_digit.py`):
 *              L = KL_S − clamp(0.1 · KL_T, ≤ 1) · clamp(0.1 · MMD, ≤ 1), no outer min, where
 *              torch's `KLDivLoss()` averages over batch × 10 classes, so each KL term is CE / 10.
 *
 * MMD: the biased estimator mean(K_SS + K_TT − K_ST − K_TS) on paired batches, with a sum of five
 * Gaussian kernels exp(−d² / h_i), h_i = h̄ · 2^(i−2) (i = 0..4), h̄ the mean off-diagonal squared
 * distance over the pooled batch, taken without gradient (the DAN `guassian_kernel` the code uses).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossVariant } from './settings';

export interface NtlLossConfig {
  variant: LossVariant;
  /** α (scales L_T · L_dis); 0.1 in the paper. */
  alpha: number;
  /** β (cap on the whole subtracted term); 1 in the paper. Unused by the code form. */
  beta: number;
  /** α′ (scales MMD); 0.1. */
  alphaDis: number;
  /** β′ (cap on L_dis); 1. */
  betaDis: number;
}

export const PAPER_LOSS: NtlLossConfig = { variant: 'paper', alpha: 0.1, beta: 1, alphaDis: 0.1, betaDis: 1 };
export const CODE_LOSS: NtlLossConfig = { variant: 'code', alpha: 0.1, beta: 1, alphaDis: 0.1, betaDis: 1 };

export const MMD_KERNELS = 5;
export const MMD_KERNEL_MUL = 2;

/** Mean cross-entropy of `logits` (batch × k) against integer `labels` (batch). */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const k = logits.shape[1];
    const oneHot = tf.oneHot(tf.cast(labels, 'int32'), k);
    const picked = tf.sum(tf.mul(oneHot, logits), 1);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), picked)) as tf.Scalar;
  });
}

/** Identity forward, zero gradient: tfjs has no stop_gradient, so build one (for h̄). */
const stopGradient = tf.customGrad((...inputs: unknown[]) => ({
  value: tf.clone(inputs[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as (x: tf.Tensor) => tf.Tensor;

/** Pairwise squared Euclidean distances of the rows of z (n × d), clamped at 0. */
export function pairwiseSquaredDistances(z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(z), 1, true); // n × 1
    const gram = tf.matMul(z, z, false, true); // n × n
    return tf.relu(tf.sub(tf.add(sq, tf.transpose(sq)), tf.mul(2, gram))) as tf.Tensor2D;
  });
}

/**
 * Multi-bandwidth Gaussian-kernel MMD between feature batches `fs` and `ft` of the same size
 * (biased estimator on paired batches). Differentiable; h̄ carries no gradient.
 */
export function mmd(fs: tf.Tensor2D, ft: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const b = fs.shape[0];
    if (ft.shape[0] !== b) throw new Error(`mmd: paired batches needed, got ${b} and ${ft.shape[0]}`);
    const z = tf.concat([fs, ft], 0) as tf.Tensor2D;
    const n = 2 * b;
    const d2 = pairwiseSquaredDistances(z);
    // h̄ = Σ d² / (n² − n): the diagonal is zero, so this is the mean off-diagonal squared distance.
    const hbar = stopGradient(tf.maximum(tf.div(tf.sum(d2), n * n - n), 1e-12));
    const base = tf.div(hbar, MMD_KERNEL_MUL ** Math.floor(MMD_KERNELS / 2));
    let k: tf.Tensor = tf.zerosLike(d2);
    for (let i = 0; i < MMD_KERNELS; i++) {
      k = tf.add(k, tf.exp(tf.neg(tf.div(d2, tf.mul(base, MMD_KERNEL_MUL ** i)))));
    }
    const kss = tf.slice(k, [0, 0], [b, b]);
    const ktt = tf.slice(k, [b, b], [b, b]);
    const kst = tf.slice(k, [0, b], [b, b]);
    const kts = tf.slice(k, [b, 0], [b, b]);
    return tf.mean(tf.sub(tf.add(kss, ktt), tf.add(kst, kts))) as tf.Scalar;
  });
}

export interface NtlTerms {
  /** L_S: cross-entropy on the source batch. */
  ls: tf.Scalar;
  /** L_T: cross-entropy on the target batch. */
  lt: tf.Scalar;
  /** MMD(Φ(x_S), Φ(x_T)). */
  mmd: tf.Scalar;
}

/** Combines the terms into the total loss and L_dis (both differentiable). */
export function ntlObjective(t: NtlTerms, cfg: NtlLossConfig): { total: tf.Scalar; ldis: tf.Scalar } {
  return tf.tidy(() => {
    if (cfg.variant === 'paper') {
      const ldis = tf.minimum(cfg.betaDis, tf.mul(cfg.alphaDis, t.mmd)) as tf.Scalar;
      const penalty = tf.minimum(cfg.beta, tf.mul(tf.mul(cfg.alpha, t.lt), ldis));
      return { total: tf.sub(t.ls, penalty) as tf.Scalar, ldis };
    }
    // Code form: KL = CE / 10 (KLDivLoss averages over the 10 classes too).
    const klS = tf.div(t.ls, 10);
    const klT = tf.div(t.lt, 10);
    const ldis = tf.minimum(cfg.betaDis, tf.mul(cfg.alphaDis, t.mmd)) as tf.Scalar;
    const penalty = tf.mul(tf.minimum(cfg.beta, tf.mul(cfg.alpha, klT)), ldis);
    return { total: tf.sub(klS, penalty) as tf.Scalar, ldis };
  });
}

/** The same objective on plain numbers (for tests, tooltips and the UI's equation panel). */
export function ntlObjectiveValue(ls: number, lt: number, mmdValue: number, cfg: NtlLossConfig): { total: number; ldis: number } {
  const ldis = Math.min(cfg.betaDis, cfg.alphaDis * mmdValue);
  if (cfg.variant === 'paper') return { total: ls - Math.min(cfg.beta, cfg.alpha * lt * ldis), ldis };
  return { total: ls / 10 - Math.min(cfg.beta, (cfg.alpha * lt) / 10) * ldis, ldis };
}

/** Plain-JS reference MMD (same estimator and bandwidths) on row-major n × d arrays, for tests. */
export function mmdReference(fs: Float32Array, ft: Float32Array, b: number, d: number): number {
  const n = 2 * b;
  const row = (i: number) => (i < b ? fs.subarray(i * d, (i + 1) * d) : ft.subarray((i - b) * d, (i - b + 1) * d));
  const d2 = new Float64Array(n * n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = row(i);
      const c = row(j);
      let s = 0;
      for (let k = 0; k < d; k++) s += (a[k] - c[k]) ** 2;
      d2[i * n + j] = s;
      sum += s;
    }
  }
  const base = Math.max(sum / (n * n - n), 1e-12) / MMD_KERNEL_MUL ** Math.floor(MMD_KERNELS / 2);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let kv = 0;
      for (let q = 0; q < MMD_KERNELS; q++) kv += Math.exp(-d2[i * n + j] / (base * MMD_KERNEL_MUL ** q));
      total += (i < b) === (j < b) ? kv : -kv;
    }
  }
  return total / (b * b);
}
