/**
 * Small statistics for the StyleAlign analyses, on plain arrays: Pearson r (oracle.ts), Spearman ρ,
 * ridge regression, and column access into row-major [n, k] tables.
 */
import { pearson } from './oracle';

export { pearson };

/** Column `j` of a row-major table of `n` rows × `k` columns, optionally only the rows in `rows`. */
export function column(table: ArrayLike<number>, k: number, j: number, rows?: ArrayLike<number>): Float64Array {
  const n = rows ? rows.length : table.length / k;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = table[(rows ? rows[i] : i) * k + j];
  return out;
}

/** Ranks 1…n, ties sharing their mean rank. */
export function ranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let q = i; q <= j; q++) out[order[q]] = r;
    i = j + 1;
  }
  return out;
}

/** Spearman's ρ: Pearson r of the ranks. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}

/** Pick `rows` of a plain array. */
export function pick(x: ArrayLike<number>, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = x[rows[i]];
  return out;
}

/** A linear model y ≈ x·β + b on `d` features. */
export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

/**
 * Ridge regression on centred features: minimises Σ (yᵢ − xᵢ·β − b)² + λ‖β‖² (the bias unpenalised).
 * `x` is row-major [n, d]. Solved by Cholesky on the d × d normal equations.
 */
export function ridge(x: ArrayLike<number>, y: ArrayLike<number>, n: number, d: number, lambda = 1e-3): LinearModel {
  const mx = new Float64Array(d);
  let my = 0;
  for (let i = 0; i < n; i++) {
    my += y[i];
    for (let j = 0; j < d; j++) mx[j] += x[i * d + j];
  }
  my /= n;
  for (let j = 0; j < d; j++) mx[j] /= n;
  const a = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const yi = y[i] - my;
    for (let p = 0; p < d; p++) {
      const xp = x[i * d + p] - mx[p];
      rhs[p] += xp * yi;
      for (let q = p; q < d; q++) a[p * d + q] += xp * (x[i * d + q] - mx[q]);
    }
  }
  let trace = 0;
  for (let p = 0; p < d; p++) trace += a[p * d + p];
  const reg = lambda * Math.max(trace / d, 1e-12);
  for (let p = 0; p < d; p++) {
    a[p * d + p] += reg;
    for (let q = 0; q < p; q++) a[p * d + q] = a[q * d + p];
  }
  const weights = solveSpd(a, rhs, d);
  let bias = my;
  for (let j = 0; j < d; j++) bias -= weights[j] * mx[j];
  return { weights, bias };
}

/** Predictions of a linear model for `n` rows of `x` ([n, d] row-major). */
export function predict(model: LinearModel, x: ArrayLike<number>, n: number): Float64Array {
  const d = model.weights.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = model.bias;
    for (let j = 0; j < d; j++) s += model.weights[j] * x[i * d + j];
    out[i] = s;
  }
  return out;
}

/** Solves A x = b for a symmetric positive-definite A (Cholesky). */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0)) throw new Error('solveSpd: the matrix is not positive definite');
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
