import { describe, expect, it } from 'vitest';
import type { ExtraOptions, PrepareOptions } from '../../../shared/run/trainingWorker';
import type { DataProgress, SessionConfig } from './protocol';
import { IlqrSession } from './session';

const base: SessionConfig = { system: 'sparse', prior: 'student', trials: 2, bins: 60, noise: 0.1, lrScale: 0.04, steps: 4, implicit: true, seed: 5 };

const prepare = (progress: DataProgress[] = []): PrepareOptions<DataProgress> => ({
  onProgress: (p) => progress.push(p),
  yieldNow: () => Promise.resolve(),
  cancelled: () => false,
});
const extra = (calls: [number, number][] = []): ExtraOptions => ({
  onProgress: (d, t) => calls.push([d, t]),
  yieldNow: () => Promise.resolve(),
  cancelled: () => false,
});

describe('IlqrSession', () => {
  it('generates the trials, steps with losses, and sends checkpoints with mapped inputs of every trial', async () => {
    const progress: DataProgress[] = [];
    const s = await IlqrSession.create(base, prepare(progress));
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 });
    expect(s.info).toMatchObject({ n: 3, no: 10, bins: 60, trials: 2 });
    expect(s.info.observations[0].length).toBe(60 * 10);
    expect(s.info.trueInputs[1].length).toBe(59 * 3);
    const reports = [];
    for (let i = 0; i < base.steps; i++) reports.push(s.step());
    expect(reports.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    for (const r of reports) {
      expect(Number.isFinite(r.loss)).toBe(true);
      expect(r.iterations).toBeGreaterThanOrEqual(0);
    }
    // the first step solves from a cold start; later ones may find the warm start already converged
    expect(reports[0].iterations).toBeGreaterThan(0);
    expect(reports[0].checkpoint).toBeDefined();
    const last = reports.at(-1)!.checkpoint!;
    expect(last.step).toBe(4);
    expect(last.inputR2).toBeGreaterThan(-1);
    expect(last.inputR2).toBeLessThanOrEqual(1);
    expect(last.learnedEigenvalues).toHaveLength(3);
    expect(last.mappedInputs).toHaveLength(2);
    expect(last.mappedInputs[0].length).toBe(59 * 3);
    expect(last.mappedLatents[1].length).toBe(60 * 3);
    expect(s.info.trueLatents[0].length).toBe(60 * 3);
    s.dispose();
  });

  it('replays one cold iLQR solve: costs fall, one iterate per cost, progress reported', async () => {
    const s = await IlqrSession.create(base, prepare());
    s.step();
    const calls: [number, number][] = [];
    const trace = await s.infer(1, extra(calls));
    expect(trace.trial).toBe(1);
    expect(trace.iterates).toHaveLength(trace.costs.length);
    expect(trace.costs.length).toBeGreaterThan(1);
    for (let i = 1; i < trace.costs.length; i++) expect(trace.costs[i]).toBeLessThanOrEqual(trace.costs[i - 1]);
    expect(trace.iterates[0].every((v, i) => Math.abs(v - trace.iterates[0][i % 3]) < 1e-6)).toBe(true); // u = 0 maps to the intercepts
    expect(calls.length).toBe(trace.costs.length - 1);
    await expect(s.infer(2, extra())).rejects.toThrow('There is no trial 3: this run has trials 1–2.');
  });

  it('scores a long held-out trial through the training maps, after the first checkpoint only', async () => {
    const s = await IlqrSession.create(base, prepare());
    await expect(s.longTrial(300, extra())).rejects.toThrow('Train to the first checkpoint first');
    for (let i = 0; i < base.steps; i++) s.step();
    const calls: [number, number][] = [];
    const long = await s.longTrial(300, extra(calls));
    expect(long.bins).toBe(300);
    expect(long.trueNorm.length).toBe(299);
    expect(long.inferredNorm.length).toBe(299);
    expect(long.inputR2).toBeLessThanOrEqual(1);
    expect(long.latentR2).toBeGreaterThan(0.5); // 4 steps in: the latents are already tracked
    expect(long.iterations).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([1, 1]);
    // The held-out trial is not a training trial: its first inputs differ from trial 1's.
    const u = s.info.trueInputs;
    const gap = (r: number) => Math.max(...Array.from({ length: 20 }, (_, t) => Math.abs(long.trueNorm[t] - Math.hypot(u[r][t * 3], u[r][t * 3 + 1], u[r][t * 3 + 2]))));
    for (let r = 0; r < base.trials; r++) expect(gap(r)).toBeGreaterThan(1e-3);
  });

  it('gives the same numbers for the same seed, and refuses settings too big to stay live', async () => {
    const a = await IlqrSession.create(base, prepare());
    const b = await IlqrSession.create(base, prepare());
    expect(a.step()).toMatchObject({ loss: b.step().loss });
    expect(Array.from(a.info.observations[0].slice(0, 5))).toEqual(Array.from(b.info.observations[0].slice(0, 5)));
    await expect(IlqrSession.create({ ...base, trials: 20, bins: 1000 }, prepare())).rejects.toThrow('keep trials × bins at most');
  });

  it('trains the autonomous system (b): inputs only in the pre-trial bin, their share reported, no map onto zero inputs', async () => {
    const auto: SessionConfig = { ...base, system: 'autonomous', trials: 3, bins: 40, steps: 3 };
    const s = await IlqrSession.create(auto, prepare());
    expect(s.info.system).toBe('autonomous');
    // the true inputs: only bin 0 (the initial condition) is non-zero
    for (const norms of s.info.trueInputNorms) {
      expect(norms.length).toBe(40);
      expect(norms[0]).toBeGreaterThan(0);
      expect(Math.max(...norms.subarray(1))).toBe(0);
    }
    let cp;
    for (let i = 0; i < auto.steps; i++) cp = s.step().checkpoint ?? cp;
    expect(cp!.firstBinShare).toBeGreaterThan(0);
    expect(cp!.firstBinShare).toBeLessThanOrEqual(1);
    expect(Number.isNaN(cp!.inputR2)).toBe(true);
    expect(cp!.inputNorms[0].length).toBe(40);
    // the shown inputs are iLQR's own (unmapped): their norms match
    const u = cp!.mappedInputs[0];
    expect(Math.hypot(u[0], u[1], u[2])).toBeCloseTo(cp!.inputNorms[0][1], 5);
    const trace = await s.infer(0, extra());
    expect(trace.norms).toHaveLength(trace.costs.length);
    expect(trace.norms[0].every((v) => v === 0)).toBe(true);
    expect(Number.isNaN(trace.inputR2)).toBe(true);
    expect(trace.firstBinShare).toBeGreaterThan(0);
    await expect(s.longTrial(200, extra())).rejects.toThrow('the autonomous system has none');
  });
});
