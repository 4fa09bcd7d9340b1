import { describe, expect, it } from 'vitest';
import { createRng } from './random';
import { bootstrapMean, bootstrapRatio, bootstrapStatistic, quantileSorted } from './bootstrap';

describe('bootstrap intervals', () => {
  it('quantiles interpolate linearly between order statistics (numpy "linear")', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10], 0.3)).toBe(10);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('the mean interval contains the mean, is deterministic per seed, and shrinks like 1/√n', () => {
    const rng = createRng(3);
    const small = Array.from({ length: 25 }, () => rng.normal());
    const large = Array.from({ length: 400 }, () => rng.normal());
    const a = bootstrapMean(small, { seed: 7 });
    expect(a.lo).toBeLessThanOrEqual(a.value);
    expect(a.hi).toBeGreaterThanOrEqual(a.value);
    expect(bootstrapMean(small, { seed: 7 })).toEqual(a);
    expect(bootstrapMean(small, { seed: 8 })).not.toEqual(a);
    const b = bootstrapMean(large, { seed: 7 });
    // standard error of the mean of N(0, 1): 1/√n; the 95% interval is about 3.92 of them wide
    expect(a.hi - a.lo).toBeGreaterThan(0.6 * (3.92 / 5));
    expect(a.hi - a.lo).toBeLessThan(1.5 * (3.92 / 5));
    expect(b.hi - b.lo).toBeGreaterThan(0.6 * (3.92 / 20));
    expect(b.hi - b.lo).toBeLessThan(1.5 * (3.92 / 20));
  });

  it('a constant sample has a zero-width interval; an empty one is NaN', () => {
    const c = bootstrapMean([2, 2, 2, 2]);
    expect([c.value, c.lo, c.hi]).toEqual([2, 2, 2]);
    const e = bootstrapMean([]);
    expect(e.value).toBeNaN();
    expect(e.lo).toBeNaN();
  });

  it('a ratio pools sums over resampled units and skips empty resamples', () => {
    const r = bootstrapRatio([1, 0, 2, 3], [1, 1, 2, 4], { seed: 2 });
    expect(r.value).toBeCloseTo(6 / 8, 12);
    expect(r.lo).toBeLessThanOrEqual(r.value);
    expect(r.hi).toBeGreaterThanOrEqual(r.value);
    const withEmpty = bootstrapRatio([1, 0], [1, 0], { seed: 2, resamples: 200 });
    expect(withEmpty.value).toBe(1);
    expect(withEmpty.lo).toBe(1);
    expect(() => bootstrapRatio([1], [1, 2])).toThrow(/as many/);
  });

  it('checks its options', () => {
    expect(() => bootstrapStatistic(3, () => 0, { level: 1 })).toThrow(/level/);
    expect(() => bootstrapStatistic(3, () => 0, { resamples: 0 })).toThrow(/resamples/);
  });
});
