import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { eigenvalueError, regressionFit, regressionR2 } from './metrics';

describe('metrics', () => {
  it('regression R² is 1 for any invertible linear map of the truth (plus offset), lower with noise, ~0 for noise alone', () => {
    const rng = createRng('metrics');
    const rows = 400;
    const truth = Float64Array.from({ length: rows * 3 }, () => rng.normal());
    const mixed = new Float64Array(rows * 3);
    const m = [0.3, -1.2, 2, 0.5, 0.1, -0.7, 1.1, 0.4, 0.9];
    for (let r = 0; r < rows; r++) for (let i = 0; i < 3; i++) {
      let s = 5;
      for (let j = 0; j < 3; j++) s += m[i * 3 + j] * truth[r * 3 + j];
      mixed[r * 3 + i] = s;
    }
    expect(regressionR2(truth, 3, mixed, 3, rows)).toBeCloseTo(1, 10);
    const fit = regressionFit(truth, 3, mixed, 3, rows)!;
    expect(fit.reduce((mx, v, i) => Math.max(mx, Math.abs(v - truth[i])), 0)).toBeLessThan(1e-6);
    const noisy = Float64Array.from(mixed, (v) => v + rng.normal());
    const r2 = regressionR2(truth, 3, noisy, 3, rows);
    expect(r2).toBeGreaterThan(0.3);
    expect(r2).toBeLessThan(0.95);
    const noise = Float64Array.from({ length: rows * 3 }, () => rng.normal());
    expect(Math.abs(regressionR2(truth, 3, noise, 3, rows))).toBeLessThan(0.05);
  });

  it('eigenvalue error matches eigenvalues in the best order', () => {
    const truth: [number, number][] = [[0.9, 0.1], [0.9, -0.1], [0.5, 0]];
    expect(eigenvalueError([[0.5, 0], [0.9, -0.1], [0.9, 0.1]], truth)).toBe(0);
    expect(eigenvalueError([[0.6, 0], [0.9, -0.1], [0.9, 0.1]], truth)).toBeCloseTo(0.1 / 3, 12);
  });
});
