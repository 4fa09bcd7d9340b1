import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import lorenzWeights from './weights/lorenz.json';
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
  it('quotes weights/lorenz.cold-start.txt, whose dilqr row is the checkpoint’s own cold-start record', () => {
    const txt = readFileSync(join(import.meta.dirname, 'weights/lorenz.cold-start.txt'), 'utf8');
    const row = (name: string) => {
      const m = new RegExp(`^${name}\\s+iterations ([\\d,]+); median ([\\d.]+), ≤ 20 in (\\d+)/(\\d+)`, 'm').exec(txt);
      if (!m) throw new Error(`no ${name} row in lorenz.cold-start.txt`);
      return { iterations: m[1].split(',').map(Number), median: m[2], within: m[3], of: m[4] };
    };
    const dilqr = row('dilqr');
    const doubling = row('doubling');
    expect(dilqr.iterations).toEqual(lorenzWeights.test.iterations);
    expect(txt).toContain(`${lorenzWeights.steps} steps`);
    const text = DIFFERENCES.join('\n');
    expect(text).toContain(`the median is ${dilqr.median} and only ${dilqr.within} converge within 20`);
    expect(text).toContain(`a median of ${doubling.median} (${doubling.within} of ${doubling.of} within 20)`);
  });
});
