/**
 * PCA to two dimensions in plain JS, for the feature-space view (Φ features of several domains in
 * one plane). Power iteration with deflation on the centred data: each iteration computes
 * Xᵀ(X v), O(n·d), so it never forms the d × d covariance (d = 1,024 here). The start vector
 * comes from a seeded stream, so the same features always give the same picture (up to nothing:
 * the sign of each axis is fixed by making its largest-magnitude loading positive).
 */
import { createRng } from '../../../shared/random';

export interface Pca2d {
  /** n × 2 projected coordinates, row-major. */
  points: Float32Array;
  /** Variance along each of the two axes. */
  variances: [number, number];
  /** Share of the total variance each axis explains (0..1). */
  explained: [number, number];
  /** The two unit axes (each d long). */
  axes: [Float64Array, Float64Array];
  /** The mean that was subtracted (d long). */
  mean: Float64Array;
}

export function pca2d(data: Float32Array, n: number, d: number, opts: { iterations?: number; seed?: number } = {}): Pca2d {
  if (data.length !== n * d) throw new Error(`pca2d: expected ${n}×${d} values, got ${data.length}`);
  const iterations = opts.iterations ?? 60;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += data[i * d + k];
  for (let k = 0; k < d; k++) mean[k] /= Math.max(1, n);
  const x = new Float64Array(n * d);
  let totalVar = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) {
      const v = data[i * d + k] - mean[k];
      x[i * d + k] = v;
      totalVar += v * v;
    }
  }
  totalVar /= Math.max(1, n - 1);
  const rng = createRng(opts.seed ?? 0).fork('ntl/pca');
  const axes: Float64Array[] = [];
  const variances: number[] = [];
  const xv = new Float64Array(n);
  for (let c = 0; c < 2; c++) {
    let v: Float64Array = new Float64Array(d);
    for (let k = 0; k < d; k++) v[k] = rng.normal();
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      // Deflate: keep v orthogonal to the axes already found.
      for (const a of axes) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += a[k] * v[k];
        for (let k = 0; k < d; k++) v[k] -= dot * a[k];
      }
      for (let i = 0; i < n; i++) {
        let s = 0;
        const row = i * d;
        for (let k = 0; k < d; k++) s += x[row + k] * v[k];
        xv[i] = s;
      }
      const next = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const s = xv[i];
        if (s === 0) continue;
        const row = i * d;
        for (let k = 0; k < d; k++) next[k] += x[row + k] * s;
      }
      let norm = 0;
      for (let k = 0; k < d; k++) norm += next[k] * next[k];
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      lambda = norm / Math.max(1, n - 1);
      for (let k = 0; k < d; k++) next[k] /= norm;
      v = next;
    }
    let big = 0;
    for (let k = 0; k < d; k++) if (Math.abs(v[k]) > Math.abs(big)) big = v[k];
    if (big < 0) for (let k = 0; k < d; k++) v[k] = -v[k];
    axes.push(v);
    variances.push(lambda);
  }
  const points = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x[i * d + k] * axes[c][k];
      points[i * 2 + c] = s;
    }
  }
  const share = (v: number) => (totalVar > 0 ? v / totalVar : 0);
  return {
    points,
    variances: [variances[0], variances[1]],
    explained: [share(variances[0]), share(variances[1])],
    axes: [axes[0], axes[1]],
    mean,
  };
}
