import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { Adam } from './adam';
import { AUTONOMOUS_SYSTEM, generateSparseData, SPARSE_SYSTEM } from './sparse';
import { IlqrVaeTrainer } from './trainer';

describe('training the iLQR-VAE', () => {
  it('Adam follows lr = c/(1+√k) and descends a quadratic', () => {
    const adam = new Adam(2, 0.04);
    expect(adam.learningRate(0)).toBeCloseTo(0.04, 15);
    expect(adam.learningRate(9)).toBeCloseTo(0.01, 15);
    const p = Float64Array.from([1, -2]);
    for (let k = 0; k < 3000; k++) adam.step(p, Float64Array.from(p, (v) => 2 * v));
    expect(Math.hypot(p[0], p[1])).toBeLessThan(0.05);
  });

  it('a saved trainer restored into a fresh one continues bit for bit (parameters, Adam, noise, warm starts)', () => {
    const data = generateSparseData({ ...SPARSE_SYSTEM, T: 60, trials: 3 }, createRng(4).fork('data'));
    const whole = new IlqrVaeTrainer(data, { seed: 4, timeBand: 10 });
    const wholeLosses = Array.from({ length: 8 }, () => whole.step().loss);
    const first = new IlqrVaeTrainer(data, { seed: 4, timeBand: 10 });
    for (let k = 0; k < 5; k++) first.step();
    const saved = structuredClone(first.saveState());
    const resumed = new IlqrVaeTrainer(data, { seed: 4, timeBand: 10 });
    resumed.restoreState(saved);
    expect(Array.from({ length: 3 }, () => resumed.step().loss)).toEqual(wholeLosses.slice(5));
    expect(Array.from(resumed.vae.theta)).toEqual(Array.from(whole.vae.theta));
    expect(() => resumed.restoreState(saved)).toThrow(/only a fresh trainer/);
  });

  it('the ELBO rises during training (sparse system, one trial of 200 bins)', () => {
    const data = generateSparseData({ ...SPARSE_SYSTEM, T: 200 }, createRng(3).fork('data'));
    const trainer = new IlqrVaeTrainer(data, { seed: 3, timeBand: 10 });
    const losses: number[] = [];
    for (let k = 0; k < 300; k++) losses.push(trainer.step().loss);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const first = mean(losses.slice(0, 30));
    const last = mean(losses.slice(-30));
    // −ELBO/(T·n_o) falls, i.e. the ELBO rises, by a clear margin (single-sample noise averaged over 30 steps)
    expect(last).toBeLessThan(first - 0.3);
    expect(trainer.steps).toBe(300);
    for (const l of losses) expect(Number.isFinite(l)).toBe(true);
  });

  it('on the autonomous system (b) the inferred inputs migrate into the initial-condition bin', () => {
    const data = generateSparseData({ ...AUTONOMOUS_SYSTEM, trials: 5 }, createRng(1).fork('data'));
    const trainer = new IlqrVaeTrainer(data, { seed: 1, prior: 'gaussian' });
    trainer.step();
    const early = trainer.evaluate().firstBinShare;
    for (let k = 0; k < 400; k++) trainer.step();
    const late = trainer.evaluate().firstBinShare;
    console.log(`first-bin share: ${early.toFixed(3)} after 1 step, ${late.toFixed(3)} after 401`);
    expect(late).toBeGreaterThan(early + 0.2);
    expect(late).toBeGreaterThan(0.8);
  });
});
