import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lorenzWeights from './weights/lorenz.json';
import lorenzManifest from './weights/lorenz.manifest.json';
import { DIFFERENCES } from './differences';
import { QUICK_SIZES, SPARSE_TRAINER } from './experiment';
import { SPARSE_SYSTEM } from './core/sparse';
import { DEFAULT_DUFFING_TRAINER, DUFFING_MODEL, DUFFING_SYSTEM } from './core/duffing';
import { DEFAULT_LORENZ_TRAINER, LORENZ_SYSTEM } from './core/lorenz';
import { FREE_RUN_STEPS, FREE_RUN_TRANSIENT } from './worker/sessionLorenz';

describe('the differences list says what the code does', () => {
  it('states the constants the code uses', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain(`c = ${SPARSE_TRAINER.lrScale}`);
    expect(SPARSE_TRAINER.lrScale).toBe(0.04);
    expect(text).toContain(`${SPARSE_TRAINER.timeBand} bins below the diagonal`);
    expect(text).toContain(`σ = ${SPARSE_SYSTEM.noiseStd}`);
    expect(text).toContain('0.97·e^{±0.15i} and 0.93');
    expect(text).toContain(`${QUICK_SIZES.baselineHidden} units`);
    expect(SPARSE_TRAINER.pcaInit).toBe(true);
  });

  it('states the Duffing set-up the code uses (Appendix I)', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain(`${DUFFING_SYSTEM.neurons} Poisson neurons instead of the paper's 200`);
    expect(text).toContain(`from ${DUFFING_SYSTEM.perturbFrom} to ${DUFFING_SYSTEM.perturbTo}`);
    expect(text).toContain(`n = ${DUFFING_MODEL.n} latents and m = ${DUFFING_MODEL.m} inputs`);
    expect(text).toContain(`c = ${DEFAULT_DUFFING_TRAINER.lrScale}`);
    expect(text).toContain('median error 15 bins, 9.6% within ±2');
    expect(DUFFING_MODEL.dynamics).toBe('mgu2');
    expect(DUFFING_MODEL.prior).toBe('student');
    expect(DUFFING_MODEL.likelihood).toBe('poisson');
    expect([DUFFING_SYSTEM.alpha, DUFFING_SYSTEM.beta, DUFFING_SYSTEM.delta, DUFFING_SYSTEM.dt]).toEqual([-1, 1, 0, 0.03]);
  });

  it('states the Lorenz set-up the code uses', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain(`minibatch of ${DEFAULT_LORENZ_TRAINER.batch} of the ${LORENZ_SYSTEM.trainTrials} training trials`);
    expect(text).toContain(`after a ${LORENZ_SYSTEM.burnIn}-step burn-in`);
    expect(text).toContain(`the ${LORENZ_SYSTEM.testTrials} held-out test trials`);
    expect(FREE_RUN_STEPS).toBe(10_000);
    expect(text).toContain(`after the first ${FREE_RUN_TRANSIENT} steps`);
  });
});

describe('the cold-start sentence matches scripts/ilqr-cold-start.ts on the shipped checkpoint', () => {
  it('quotes weights/lorenz.cold-start.txt, whose default row is the checkpoint’s own cold-start record, and the manifest’s two scores', () => {
    const txt = readFileSync(join(import.meta.dirname, 'weights/lorenz.cold-start.txt'), 'utf8');
    const row = (label: string) => {
      const line = txt.split('\n').find((l) => l.startsWith(`${label}: iterations `));
      const m = line && /iterations ([\d,]+); median ([\d.]+), ≤ 20 in (\d+)\/(\d+), unconverged (\d+)/.exec(line);
      if (!m) throw new Error(`no "${label}" row in lorenz.cold-start.txt`);
      const iterations = m[1].split(',').map(Number);
      return { iterations, median: m[2], within: m[3], of: m[4], unconverged: m[5], max: Math.max(...iterations) };
    };
    const exact = row('exact Hessian, dilqr μ');
    const doubling = row('exact Hessian, doubling μ');
    const ours = row('exact else majorizer, dilqr μ (default)');
    expect(ours.iterations).toEqual(lorenzWeights.test.iterations);
    expect(txt).toContain(`${lorenzWeights.steps} steps`);
    const text = DIFFERENCES.join('\n');
    expect(text).toContain(`the median is ${exact.median} iterations and only ${exact.within} of ${exact.of} converge within 20 (${exact.unconverged} stop unconverged at 100)`);
    expect(text).toContain(`a median of ${doubling.median} (${doubling.within} of ${doubling.of} within 20)`);
    expect(text).toContain(`our search needs a median of ${ours.median} and at most ${ours.max} (${ours.within} of ${ours.of} within 20)`);
    const rescored = lorenzManifest.rescored!.at(-1)!;
    expect(text).toContain(`R²₃₀ down to ${rescored.before.r2_30.toFixed(3)} (ours: ${rescored.after.r2_30.toFixed(3)})`);
    expect(rescored.after.r2_30).toBeCloseTo(lorenzWeights.test.r2k[30], 5);
  });
});
