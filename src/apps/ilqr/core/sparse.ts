/**
 * The headline system (paper §3.3, Fig. 3 and Table S1): sparse inputs to a linear dynamical
 * system with n = m = 3 latents and inputs and n_o = 10 observations, input events arriving as
 * Bernoulli(0.03) per bin with N(0, I) magnitudes.
 *
 * The paper leaves the true A, C and the observation noise unstated; we fix them (and say so in
 * differences.ts): A has eigenvalues 0.97·e^{±0.15i} and 0.93 in a random orthonormal basis,
 * C ~ N(0, 1/n) entrywise, no bias, Gaussian observation noise σ = 0.1. The initial condition
 * z_1 = u_0 ~ N(0, I) (the pre-trial bin, as the model's).
 */
import type { Rng } from '../../../shared/random';
import { qrPositive, type Complex } from './linalg';

export interface SparseSystemConfig {
  n: number;
  no: number;
  /** time bins per trial */
  T: number;
  trials: number;
  eventProbability: number;
  noiseStd: number;
  /** modulus and angle of the complex pair, and the real eigenvalue */
  radius: number;
  angle: number;
  realEigenvalue: number;
}

export const SPARSE_SYSTEM: SparseSystemConfig = {
  n: 3,
  no: 10,
  T: 1000,
  trials: 1,
  eventProbability: 0.03,
  noiseStd: 0.1,
  radius: 0.97,
  angle: 0.15,
  realEigenvalue: 0.93,
};

/**
 * System (b), an autonomous linear system: the same dynamics and readout with no input events, so
 * all that drives a trial is its initial state; 10 trials of 100 bins. Trained iLQR-VAE inputs
 * "migrate" into the pre-trial bin that sets the initial condition (paper §3.1, the LDS toy: ours
 * keeps n = m = 3 since the code's pre-trial bins need n to be a multiple of m).
 */
export const AUTONOMOUS_SYSTEM: SparseSystemConfig = { ...SPARSE_SYSTEM, eventProbability: 0, trials: 10, T: 100 };

export interface SparseData {
  config: SparseSystemConfig;
  /** true A (n × n) and C (n_o × n) */
  a: Float64Array;
  c: Float64Array;
  trueEigenvalues: Complex[];
  /** per trial: true inputs u_0 … u_{T−1} (T × n, u_0 the initial condition) */
  inputs: Float64Array[];
  /** per trial: true latents z_0 … z_T ((T+1) × n, z_0 = 0) */
  latents: Float64Array[];
  /** per trial: observations o_1 … o_T (T × n_o) */
  observations: Float64Array[];
}

export function generateSparseData(config: SparseSystemConfig, rng: Rng): SparseData {
  const { n, no, T, trials, eventProbability, noiseStd, radius, angle, realEigenvalue } = config;
  if (n !== 3) throw new RangeError('the sparse-input system is defined for n = 3 (one complex pair and one real eigenvalue)');
  const sys = rng.fork('system');
  // A = P Λ Pᵀ with Λ the real block form of the eigenvalues and P a random orthogonal matrix
  const lambda = Float64Array.from([
    radius * Math.cos(angle), -radius * Math.sin(angle), 0,
    radius * Math.sin(angle), radius * Math.cos(angle), 0,
    0, 0, realEigenvalue,
  ]);
  const p = new Float64Array(9);
  qrPositive(p, new Float64Array(9), Float64Array.from({ length: 9 }, () => sys.normal()), 3);
  const a = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
    let s = 0;
    for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) s += p[i * 3 + k] * lambda[k * 3 + l] * p[j * 3 + l];
    a[i * 3 + j] = s;
  }
  const c = Float64Array.from({ length: no * n }, () => sys.normal() / Math.sqrt(n));
  const trueEigenvalues: Complex[] = [
    [radius * Math.cos(angle), -radius * Math.sin(angle)],
    [radius * Math.cos(angle), radius * Math.sin(angle)],
    [realEigenvalue, 0],
  ];
  const inputs: Float64Array[] = [];
  const latents: Float64Array[] = [];
  const observations: Float64Array[] = [];
  for (let r = 0; r < trials; r++) {
    const tr = rng.fork(`trial ${r}`);
    const u = new Float64Array(T * n);
    for (let i = 0; i < n; i++) u[i] = tr.normal();
    for (let t = 1; t < T; t++) {
      if (tr.next() < eventProbability) for (let i = 0; i < n; i++) u[t * n + i] = tr.normal();
    }
    const z = new Float64Array((T + 1) * n);
    for (let i = 0; i < n; i++) z[n + i] = u[i];
    for (let t = 1; t < T; t++) {
      for (let i = 0; i < n; i++) {
        let s = u[t * n + i];
        for (let j = 0; j < n; j++) s += a[i * n + j] * z[t * n + j];
        z[(t + 1) * n + i] = s;
      }
    }
    const o = new Float64Array(T * no);
    for (let t = 1; t <= T; t++) {
      for (let i = 0; i < no; i++) {
        let s = noiseStd * tr.normal();
        for (let j = 0; j < n; j++) s += c[i * n + j] * z[t * n + j];
        o[(t - 1) * no + i] = s;
      }
    }
    inputs.push(u);
    latents.push(z);
    observations.push(o);
  }
  return { config, a, c, trueEigenvalues, inputs, latents, observations };
}
