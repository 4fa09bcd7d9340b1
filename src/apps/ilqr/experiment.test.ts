/**
 * The quick iLQR-VAE experiment must show the paper's effect (issue #10 acceptance): on the
 * sparse-input system the iLQR-VAE's input R² is at least 0.8 and at least 0.3 above the amortised
 * baseline's; on the Duffing oscillator (Appendix I) the largest inferred input marks the mid-trial
 * perturbation; the shipped Lorenz checkpoint scores what it claims. One seed by default (ILQR_TEST_SEEDS="1,2,3" runs more); budget about 3 minutes on
 * a quiet 2-core machine, more under load.
 */
import { describe, expect, it } from 'vitest';
import experiment from './experiment';
import lorenzWeights from './weights/lorenz.json';

const SEEDS = (process.env.ILQR_TEST_SEEDS ?? '1').split(',').map(Number);

describe.each(SEEDS)('iLQR-VAE quick experiment (seed %i)', (SEED) => {
  it(
    'infers sparse inputs that the amortised encoder misses, recovers the eigenvalues, and times the Duffing perturbation',
    async () => {
      const lines: string[] = [];
      const report = await experiment({ quick: true, seed: SEED, log: (l) => lines.push(l) });
      const m = report.metrics;
      console.log(lines.join('\n'));
      console.log(JSON.stringify(m));
      expect(m['sparse.inputR2']).toBeGreaterThanOrEqual(0.8);
      expect(m['sparse.inputR2'] - m['sparse.baselineInputR2']).toBeGreaterThanOrEqual(0.3);
      expect(m['sparse.latentR2']).toBeGreaterThanOrEqual(0.9);
      expect(m['sparse.eigenError']).toBeLessThanOrEqual(0.1);
      expect(m['sparse.stepsTo08']).toBeGreaterThan(0);
      // System (d), Appendix I: the largest inferred input finds the Duffing perturbation far better
      // than a uniform guess in the perturbation window (median error 15 bins, 9.6% within ±2),
      // better than the untrained model, and iLQR converges from a cold start in ≤ 20 iterations.
      expect(m['duffing.timingErrorBins']).toBeLessThan(m['duffing.chanceErrorBins']);
      expect(m['duffing.timingErrorBins']).toBeLessThanOrEqual(2);
      expect(m['duffing.timingWithin2']).toBeGreaterThanOrEqual(Math.max(0.5, 3 * m['duffing.chanceWithin2']));
      expect(m['duffing.timingWithin2']).toBeGreaterThan(m['duffing.untrainedTimingWithin2']);
      expect(m['duffing.rateR2']).toBeGreaterThan(0.8);
      expect(m['duffing.iterations']).toBeLessThanOrEqual(20);
      expect(m['duffing.coldConvergedFraction']).toBe(1);
      // System (c): the shipped Lorenz checkpoint, scored by this code, gives the R²_k stored with it
      // by scripts/train/ilqr.ts (so the page's numbers are this code's), and its one-step
      // prediction beats its 30-step one.
      expect(m['lorenz.r2_30']).toBeCloseTo(lorenzWeights.test.r2k[30], 5);
      expect(m['lorenz.r2_50']).toBeCloseTo(lorenzWeights.test.r2k[50], 5);
      expect(m['lorenz.r2_1']).toBeGreaterThan(m['lorenz.r2_30']);
      expect(m['lorenz.steps']).toBe(lorenzWeights.steps);
      for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
    },
    900_000,
  );
});
