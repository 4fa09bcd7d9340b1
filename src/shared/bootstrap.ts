/**
 * Percentile bootstrap intervals (Efron & Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13):
 * resample the units (examples) with replacement, recompute the statistic, and take the 2.5th and
 * 97.5th percentiles of the recomputed values. Deterministic: the resamples come from the suite's
 * seeded PRNG (src/shared/random.ts), so a report reproduces from its seed.
 */
import { createRng } from './random';

export interface BootstrapInterval {
  /** The statistic on the units as given (not a bootstrap average). */
  value: number;
  /** Lower and upper ends of the interval (percentiles of the resampled statistic). */
  lo: number;
  hi: number;
  /** Coverage, e.g. 0.95. */
  level: number;
  resamples: number;
  /** Units resampled. */
  n: number;
}

export interface BootstrapOptions {
  /** Resamples (default 1000). */
  resamples?: number;
  /** Coverage (default 0.95). */
  level?: number;
  /** Seed of the resampling stream (default 1). */
  seed?: number | string;
}

/** The q-quantile of sorted values, linear between order statistics (numpy's default "linear"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i] + (sorted[i + 1] - sorted[i]) * f : sorted[i];
}

/**
 * The interval of any statistic of `n` units: `statistic(indices)` gets the indices of one resample
 * (with repeats) and returns a number. NaN resamples (e.g. a ratio with an empty denominator) are
 * dropped before taking percentiles.
 */
export function bootstrapStatistic(n: number, statistic: (indices: Int32Array) => number, opts: BootstrapOptions = {}): BootstrapInterval {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap level must be in (0, 1), got ${level}`);
  if (!(Number.isInteger(resamples) && resamples >= 1)) throw new RangeError(`bootstrap needs a whole number of resamples ≥ 1, got ${resamples}`);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const value = n > 0 ? statistic(all) : NaN;
  if (n === 0) return { value, lo: NaN, hi: NaN, level, resamples, n };
  const rng = createRng(opts.seed ?? 1).fork('bootstrap');
  const stats: number[] = [];
  const idx = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    const s = statistic(idx);
    if (!Number.isNaN(s)) stats.push(s);
  }
  stats.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { value, lo: quantileSorted(stats, tail), hi: quantileSorted(stats, 1 - tail), level, resamples, n };
}

/** The interval of the mean of `values` (one value per unit). */
export function bootstrapMean(values: ArrayLike<number>, opts: BootstrapOptions = {}): BootstrapInterval {
  return bootstrapStatistic(
    values.length,
    (idx) => {
      let s = 0;
      for (let i = 0; i < idx.length; i++) s += values[idx[i]];
      return s / idx.length;
    },
    opts,
  );
}

/**
 * The interval of a ratio of sums Σ numerators / Σ denominators over units (an accuracy pooled over
 * examples that hold different numbers of objects; a kept fraction over examples with different
 * numbers of candidates): the units are resampled, not the objects inside them.
 */
export function bootstrapRatio(numerators: ArrayLike<number>, denominators: ArrayLike<number>, opts: BootstrapOptions = {}): BootstrapInterval {
  if (numerators.length !== denominators.length) throw new RangeError(`bootstrapRatio needs as many numerators as denominators, got ${numerators.length} and ${denominators.length}`);
  return bootstrapStatistic(
    numerators.length,
    (idx) => {
      let a = 0;
      let b = 0;
      for (let i = 0; i < idx.length; i++) {
        a += numerators[idx[i]];
        b += denominators[idx[i]];
      }
      return b === 0 ? NaN : a / b;
    },
    opts,
  );
}
