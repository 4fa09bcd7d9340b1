/**
 * The quick iLQR-VAE experiment must show the paper's effect (issue #10 acceptance): on the
 * sparse-input system the iLQR-VAE's input R² is at least 0.8 and at least 0.3 above the amortised
 * baseline's. One seed by default (ILQR_TEST_SEEDS="1,2,3" runs more); budget about 3 minutes on a
 * quiet 2-core machine, more under load.
 */
import { describe, expect, it } from 'vitest';
import experiment from './experiment';

const SEEDS = (process.env.ILQR_TEST_SEEDS ?? '1').split(',').map(Number);

describe.each(SEEDS)('iLQR-VAE quick experiment (seed %i)', (SEED) => {
  it(
    'infers sparse inputs that the amortised encoder misses, and recovers the eigenvalues',
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
      for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
    },
    900_000,
  );
});
