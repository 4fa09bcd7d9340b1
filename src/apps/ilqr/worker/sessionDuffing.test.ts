import { describe, expect, it } from 'vitest';
import type { ExtraOptions, PrepareOptions } from '../../../shared/run/trainingWorker';
import { chanceTiming, DUFFING_SYSTEM, type DuffingSystemConfig } from '../core/duffing';
import { DUFFING_LIVE } from '../core/systems';
import type { DuffingDataProgress, DuffingSessionConfig } from './protocolDuffing';
import { DuffingSession, LIVE_DUFFING_SYSTEM } from './sessionDuffing';

/** Tiny: 6 training and 3 held-out trials of 40 bins, 12 neurons. */
const TINY: Partial<DuffingSystemConfig> = { trainTrials: 6, testTrials: 3, T: 40, perturbFrom: 10, perturbTo: 30, neurons: 12 };
const config: DuffingSessionConfig = { steps: 4, seed: 5 };

const prepare = (progress: DuffingDataProgress[] = []): PrepareOptions<DuffingDataProgress> & { system: Partial<DuffingSystemConfig> } => ({
  onProgress: (p) => progress.push(p),
  yieldNow: () => Promise.resolve(),
  cancelled: () => false,
  system: TINY,
});
const extra = (calls: [number, number][] = []): ExtraOptions => ({
  onProgress: (d, t) => calls.push([d, t]),
  yieldNow: () => Promise.resolve(),
  cancelled: () => false,
});

describe('DuffingSession', () => {
  it('runs the experiment’s system with the live number of held-out trials', () => {
    expect(LIVE_DUFFING_SYSTEM).toEqual({ ...DUFFING_SYSTEM, testTrials: DUFFING_LIVE.testTrials });
  });

  it('generates the spike trains, steps with losses, and sends checkpoints scored on every held-out trial', async () => {
    const progress: DuffingDataProgress[] = [];
    const s = await DuffingSession.create(config, prepare(progress));
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 });
    const info = s.info;
    expect(info).toMatchObject({ system: 'duffing', neurons: 12, bins: 40, trainTrials: 6, testTrials: 3, n: 4, m: 2 });
    expect(info.spikes).toHaveLength(3);
    expect(info.spikes[0].length).toBe(40 * 12);
    expect(info.states[2].length).toBe(40 * 2);
    for (const p of info.perturbation) expect(p).toBeGreaterThanOrEqual(10);
    expect(info.maxCount).toBe(Math.max(...info.spikes.flatMap((k) => Array.from(k))));
    expect(info.chance).toEqual(chanceTiming({ perturbFrom: 10, perturbTo: 30 }));
    expect(info.untrained.within2).toBeGreaterThanOrEqual(0);
    const reports = [];
    for (let i = 0; i < config.steps; i++) reports.push(s.step());
    expect(reports.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    for (const r of reports) expect(Number.isFinite(r.loss)).toBe(true);
    expect(reports[0].checkpoint).toBeDefined();
    const cp = reports.at(-1)!.checkpoint!;
    expect(cp.step).toBe(4);
    expect(cp.inferredBins).toHaveLength(3);
    expect(cp.iterations).toHaveLength(3);
    // ‖u*‖ for every input after the pre-trial bins: T − 1 of them (the input at entry j lands on bin j + 1)
    expect(cp.norms[0].length).toBe(39);
    for (let r = 0; r < 3; r++) {
      const bin = cp.inferredBins[r];
      expect(cp.norms[r][bin - 1]).toBe(Math.max(...cp.norms[r]));
    }
    expect(cp.mappedStates[1].length).toBe(40 * 2);
    expect(cp.phaseR2).toBeLessThanOrEqual(1);
    expect(cp.rateR2).toBeLessThanOrEqual(1);
    expect(cp.within2).toBeGreaterThanOrEqual(0);
    expect(cp.within2).toBeLessThanOrEqual(1);
    s.dispose();
  });

  it('is a function of the seed', async () => {
    const a = await DuffingSession.create(config, prepare());
    const b = await DuffingSession.create(config, prepare());
    const c = await DuffingSession.create({ ...config, seed: 6 }, prepare());
    expect(Array.from(a.info.spikes[0])).toEqual(Array.from(b.info.spikes[0]));
    expect(Array.from(a.info.spikes[0])).not.toEqual(Array.from(c.info.spikes[0]));
    expect(a.step().loss).toBe(b.step().loss);
  });

  it('a saved session restored into a fresh one takes the same steps as the uninterrupted one', async () => {
    const cfg = { ...config, steps: 6 };
    const whole = await DuffingSession.create(cfg, prepare());
    const wholeLosses = Array.from({ length: 5 }, () => whole.step().loss);
    const first = await DuffingSession.create(cfg, prepare());
    first.step();
    first.step();
    const saved = structuredClone(first.saveState());
    const resumed = await DuffingSession.create(cfg, prepare());
    resumed.restoreState(saved);
    expect(resumed.steps).toBe(2);
    expect(Array.from({ length: 3 }, () => resumed.step().loss)).toEqual(wholeLosses.slice(2));
    expect(() => resumed.restoreState(saved)).toThrow(/fresh session/);
  });

  it('replays one cold iLQR solve: costs fall, one ‖u‖ profile per cost, progress reported, bad trials named', async () => {
    const s = await DuffingSession.create(config, prepare());
    s.step();
    const calls: [number, number][] = [];
    const trace = await s.infer(2, extra(calls));
    expect(trace.trial).toBe(2);
    expect(trace.costs.length).toBeGreaterThan(1);
    expect(trace.norms).toHaveLength(trace.costs.length);
    expect(trace.detected).toHaveLength(trace.costs.length);
    expect(trace.detected[0]).toBeNull();
    expect(trace.norms[0].every((v) => v === 0)).toBe(true);
    for (let i = 1; i < trace.costs.length; i++) expect(trace.costs[i]).toBeLessThanOrEqual(trace.costs[i - 1]);
    expect(calls.length).toBe(trace.costs.length - 1);
    expect(trace.mappedStates.length).toBe(40 * 2);
    await expect(s.infer(3, extra())).rejects.toThrow('There is no held-out trial 4: this run has trials 1–3.');
  });

  it('refuses a run without steps, with the reason', async () => {
    await expect(DuffingSession.create({ ...config, steps: 0 }, prepare())).rejects.toThrow('at least one Adam step');
  });
});
