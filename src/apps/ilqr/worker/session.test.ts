import { describe, expect, it } from 'vitest';
import { trainingHandlers, type PrepareOptions, type TfHooks } from '../../../shared/run/trainingWorker';
import { DEFAULT_SETTINGS } from '../core/settings';
import type { DataProgress, SessionConfig } from './protocol';
import { checkpointSteps, IlqrSession } from './session';

const small = { ...DEFAULT_SETTINGS, T: 60, steps: 16 };

describe('IlqrSession (the worker-side run)', () => {
  it('prepares the trial, steps one Adam step at a time, and sends about eight checkpoints', async () => {
    const progress: number[] = [];
    const s = await IlqrSession.create(small, { onProgress: (p) => progress.push(p.done), yieldNow: () => Promise.resolve(), cancelled: () => false });
    expect(progress).toEqual([0, 1]);
    expect(s.info.observations.length).toBe(60 * 10);
    expect(s.info.trueEigenvalues).toHaveLength(3);
    const reports = [];
    for (let i = 0; i < small.steps; i++) reports.push(s.step());
    expect(s.steps).toBe(16);
    expect(reports.map((r) => r.step)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const cps = reports.filter((r) => r.checkpoint).map((r) => r.checkpoint!);
    expect(cps.map((c) => c.step)).toEqual([...checkpointSteps(16)].sort((a, b) => a - b));
    expect(cps[cps.length - 1].final).toBe(true);
    const last = cps[cps.length - 1];
    expect(last.inferredInputs.length).toBe(60 * 3);
    expect(last.predictedObservations.length).toBe(60 * 10);
    expect(last.alignedInputs.length).toBe(59 * 3);
    expect(last.alignedLatents.length).toBe(60 * 3);
    for (const r of reports) expect(Number.isFinite(r.loss)).toBe(true);
    const trace = s.inferTrace();
    expect(trace.inputs.length).toBe(trace.costs.length);
    for (let i = 1; i < trace.costs.length; i++) expect(trace.costs[i]).toBeLessThan(trace.costs[i - 1]);
    s.dispose();
  });

  it('same seed, same numbers; the baseline model runs and refuses the iLQR animation; bad settings throw the page\'s sentence', async () => {
    const a = await IlqrSession.create(small);
    const b = await IlqrSession.create(small);
    expect(a.step().loss).toBe(b.step().loss);
    const base = await IlqrSession.create({ ...small, model: 'baseline', steps: 5 });
    const r = [1, 2, 3, 4, 5].map(() => base.step());
    expect(r[4].checkpoint?.final).toBe(true);
    expect(() => base.inferTrace()).toThrow(/iLQR-VAE/);
    await expect(IlqrSession.create({ ...small, T: 5 })).rejects.toThrow(/trial length/);
  });

  it('runs the autonomous system (b): ten trials, the first-bin share in every checkpoint', async () => {
    const s = await IlqrSession.create({ ...small, system: 'autonomous', steps: 3, prior: 'gaussian' });
    expect(s.info.trials).toBe(10);
    expect(s.info.T).toBe(100);
    const r = [1, 2, 3].map(() => s.step());
    const cp = r[2].checkpoint!;
    expect(cp.firstBinShare).toBeGreaterThan(0);
    expect(cp.firstBinShare).toBeLessThanOrEqual(1);
  });

  it("plugs into the kit's trainingHandlers (tf hooks that start no tfjs: the core needs none)", async () => {
    const noTf: TfHooks = {
      initBackend: async () => ({ name: 'cpu', reason: 'the iLQR-VAE core is plain TypeScript', forced: false }),
      isContextLost: () => false,
      simulateContextLoss: () => false,
      numTensors: () => 0,
    };
    const handlers = trainingHandlers({
      create: (args: { config: SessionConfig }, opts: PrepareOptions<DataProgress>) => IlqrSession.create(args.config, opts),
      extras: { infer: (session: IlqrSession, args: { maxIterations?: number }) => session.inferTrace(args.maxIterations) },
      tf: noTf,
    });
    const ctx = { progress: () => {}, signal: new AbortController().signal };
    const info = await handlers.prepare({ config: { ...small, steps: 2 } }, ctx);
    expect(info.T).toBe(60);
    const r1 = await handlers.step(undefined);
    const r2 = await handlers.step(undefined);
    expect([r1.step, r2.step]).toEqual([1, 2]);
    expect(r2.checkpoint?.final).toBe(true);
    const trace = await handlers.infer({ maxIterations: 10 }, ctx);
    expect(trace.costs.length).toBeGreaterThan(1);
    expect((await handlers.dispose(undefined)).numTensors).toBe(0);
  });
});
