/**
 * The least-squares map (with intercept) from inferred to true quantities: the model is identified
 * only up to a change of basis, so the inferred inputs are shown, and scored, after the linear
 * regression of the true inputs on them (paper Appendix J).
 */
import { cholesky, cholSolve } from './linalg';

export interface LinearFit {
  /** q + 1 rows (the last one the intercept) × p columns, row-major. */
  weights: Float64Array;
  p: number;
  q: number;
}

/** Fits target (rows × p) ≈ [predictors (rows × q), 1] · W by the normal equations; null when singular. */
export function fitLeastSquares(target: ArrayLike<number>, p: number, predictors: ArrayLike<number>, q: number, rows: number): LinearFit | null {
  const d = q + 1;
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
  return { weights: cholSolve(l, xty, d, p), p, q };
}

/** The fitted values [predictors, 1] · W (rows × p). */
export function applyFit(fit: LinearFit, predictors: ArrayLike<number>, rows: number): Float64Array {
  const { weights: w, p, q } = fit;
  const out = new Float64Array(rows * p);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < p; c++) {
      let s = w[q * p + c];
      for (let j = 0; j < q; j++) s += predictors[r * q + j] * w[j * p + c];
      out[r * p + c] = s;
    }
  }
  return out;
}

/** Pooled R² of `fitted` against `target` (rows × p): 1 − Σ residual² / Σ (target − column mean)². */
export function pooledR2(target: ArrayLike<number>, fitted: ArrayLike<number>, p: number, rows: number): number {
  const mean = new Float64Array(p);
  for (let r = 0; r < rows; r++) for (let c = 0; c < p; c++) mean[c] += target[r * p + c] / rows;
  let ssRes = 0;
  let ssTot = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < p; c++) {
      ssRes += (target[r * p + c] - fitted[r * p + c]) ** 2;
      ssTot += (target[r * p + c] - mean[c]) ** 2;
    }
  }
  return 1 - ssRes / ssTot;
}
