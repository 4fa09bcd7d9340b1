/**
 * The demo's metrics. The model is identified only up to a change of basis of the latent space
 * (and of the inputs), so inferred inputs and latents are compared with the true ones through a
 * least-squares regression (paper Appendix J: "the R² of a linear regression of the true inputs
 * on the inferred ones"), and learned dynamics through their eigenvalues.
 */
import { cholesky, cholSolve, eigenvalues, type Complex } from './linalg';

/**
 * Pooled R² of the least-squares regression (with intercept) of `target` (rows × p) on
 * `predictors` (rows × q): 1 − Σ residual² / Σ (target − its column mean)², summed over all p
 * columns. Rows are time bins.
 */
export function regressionR2(target: Float64Array, p: number, predictors: Float64Array, q: number, rows: number): number {
  const fit = regressionFit(target, p, predictors, q, rows);
  if (!fit) return NaN;
  const mean = new Float64Array(p);
  for (let r = 0; r < rows; r++) for (let c = 0; c < p; c++) mean[c] += target[r * p + c] / rows;
  let ssRes = 0;
  let ssTot = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < p; c++) {
      ssRes += (target[r * p + c] - fit[r * p + c]) ** 2;
      ssTot += (target[r * p + c] - mean[c]) ** 2;
    }
  }
  return 1 - ssRes / ssTot;
}

/**
 * The fitted values (rows × p) of the least-squares regression (with intercept) of `target` on
 * `predictors`: the inferred quantity mapped into the true one's basis, for plotting them together.
 * Null when the normal equations are singular.
 */
export function regressionFit(target: Float64Array, p: number, predictors: Float64Array, q: number, rows: number): Float64Array | null {
  const d = q + 1;
  // normal equations XᵀX W = XᵀY with X = [predictors, 1]
  const xtx = new Float64Array(d * d);
  const xty = new Float64Array(d * p);
  const xRow = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < q; j++) xRow[j] = predictors[r * q + j];
    xRow[q] = 1;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) xtx[a * d + b] += xRow[a] * xRow[b];
      for (let c = 0; c < p; c++) xty[a * p + c] += xRow[a] * target[r * p + c];
    }
  }
  // a whisper of ridge keeps the solve defined when a predictor column is constant (e.g. all zero)
  let tr = 0;
  for (let a = 0; a < d; a++) tr += xtx[a * d + a];
  for (let a = 0; a < d; a++) xtx[a * d + a] += 1e-12 * tr;
  const l = new Float64Array(d * d);
  if (!cholesky(l, xtx, d)) return null;
  const w = cholSolve(l, xty, d, p);
  const out = new Float64Array(rows * p);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < p; c++) {
      let fit = w[q * p + c];
      for (let j = 0; j < q; j++) fit += predictors[r * q + j] * w[j * p + c];
      out[r * p + c] = fit;
    }
  }
  return out;
}

/**
 * Mean distance |λ_learned − λ_true| in the complex plane after matching the learned eigenvalues to
 * the true ones (the best of all pairings; n ≤ 8).
 */
export function eigenvalueError(learned: Complex[], truth: Complex[]): number {
  const n = truth.length;
  if (learned.length !== n) throw new RangeError('eigenvalueError: different counts');
  if (n > 8) throw new RangeError('eigenvalueError: n ≤ 8 (it tries every pairing)');
  let best = Infinity;
  const used = new Array<boolean>(n).fill(false);
  const walk = (i: number, acc: number) => {
    if (acc >= best) return;
    if (i === n) {
      best = acc;
      return;
    }
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      used[j] = true;
      walk(i + 1, acc + Math.hypot(learned[i][0] - truth[j][0], learned[i][1] - truth[j][1]));
      used[j] = false;
    }
  };
  walk(0, 0);
  return best / n;
}

export function matrixEigenvalues(a: Float64Array, n: number): Complex[] {
  return eigenvalues(a, n);
}

/**
 * Share of the inferred inputs' energy Σ|u_t|² that sits in the pre-trial bins (t < nBeg), over
 * all trials: near 1 when an autonomous system's inputs have "migrated" into the initial condition.
 */
export function firstBinInputShare(inputs: Float64Array[], m: number, nBeg = 1): number {
  let first = 0;
  let all = 0;
  for (const us of inputs) {
    for (let i = 0; i < us.length; i++) {
      const e = us[i] * us[i];
      all += e;
      if (i < nBeg * m) first += e;
    }
  }
  return all > 0 ? first / all : NaN;
}
