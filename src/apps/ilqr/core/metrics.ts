/**
 * The demo's metrics. The model is identified only up to a change of basis of the latent space
 * (and of the inputs), so inferred inputs and latents are compared with the true ones through a
 * least-squares regression (paper Appendix J: "the R² of a linear regression of the true inputs
 * on the inferred ones"), and learned dynamics through their eigenvalues.
 */
import { eigenvalues, type Complex } from './linalg';
import { applyFit, fitLeastSquares, pooledR2 } from './regression';

/**
 * Pooled R² of the least-squares regression (with intercept) of `target` (rows × p) on
 * `predictors` (rows × q): 1 − Σ residual² / Σ (target − its column mean)², summed over all p
 * columns. Rows are time bins.
 */
export function regressionR2(target: Float64Array, p: number, predictors: Float64Array, q: number, rows: number): number {
  const fit = fitLeastSquares(target, p, predictors, q, rows);
  return fit ? pooledR2(target, applyFit(fit, predictors, rows), p, rows) : NaN;
}

/**
 * The fitted values (rows × p) of the least-squares regression (with intercept) of `target` on
 * `predictors`: the inferred quantity mapped into the true one's basis, for plotting them together.
 * Null when the normal equations are singular.
 */
export function regressionFit(target: Float64Array, p: number, predictors: Float64Array, q: number, rows: number): Float64Array | null {
  const fit = fitLeastSquares(target, p, predictors, q, rows);
  return fit ? applyFit(fit, predictors, rows) : null;
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
