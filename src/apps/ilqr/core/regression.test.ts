import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { applyFit, fitLeastSquares, pooledR2 } from './regression';

describe('least-squares map from inferred to true', () => {
  it('recovers an exact linear change of basis with intercept (R² = 1)', () => {
    const rng = createRng(3);
    const rows = 50;
    const x = Float64Array.from({ length: rows * 2 }, () => rng.normal());
    // y = x·M + b with M = [[2, -1], [0.5, 3]], b = [1, -2]
    const y = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      y[r * 2] = 2 * x[r * 2] + 0.5 * x[r * 2 + 1] + 1;
      y[r * 2 + 1] = -1 * x[r * 2] + 3 * x[r * 2 + 1] - 2;
    }
    const fit = fitLeastSquares(y, 2, x, 2, rows)!;
    expect(Array.from(fit.weights).map((v) => +v.toFixed(9))).toEqual([2, -1, 0.5, 3, 1, -2]);
    const fitted = applyFit(fit, x, rows);
    expect(pooledR2(y, fitted, 2, rows)).toBeCloseTo(1, 10);
  });

  it('scores unrelated predictors near 0 and a constant target fit by its mean', () => {
    const rng = createRng(4);
    const rows = 2000;
    const x = Float64Array.from({ length: rows }, () => rng.normal());
    const y = Float64Array.from({ length: rows }, () => rng.normal());
    const fit = fitLeastSquares(y, 1, x, 1, rows)!;
    const r2 = pooledR2(y, applyFit(fit, x, rows), 1, rows);
    expect(r2).toBeGreaterThanOrEqual(0);
    expect(r2).toBeLessThan(0.01);
    // all-zero predictors: the ridge keeps the solve defined, and the fit is the mean
    const zero = new Float64Array(rows);
    const meanFit = applyFit(fitLeastSquares(y, 1, zero, 1, rows)!, zero, rows);
    const mean = y.reduce((a, v) => a + v, 0) / rows;
    expect(meanFit[0]).toBeCloseTo(mean, 9);
  });
});
