/**
 * The Lorenz worker's session on the shipped checkpoint (weights/lorenz.json), in Node: it loads,
 * regenerates the script's test trials, and its extras answer the views; R²_k recomputed here is
 * the number the training script wrote into the checkpoint.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtraOptions, PrepareOptions } from '../../../shared/run/trainingWorker';
import type { LorenzCheckpointFile } from '../core/lorenzViews';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import { plainHooks } from '../../../shared/run/plainHooks';
import type { LorenzProgress } from './protocolLorenz';
import { FREE_RUN_STEPS, K_MAX, LorenzSession } from './sessionLorenz';

const file = JSON.parse(readFileSync(new URL('../weights/lorenz.json', import.meta.url), 'utf8')) as LorenzCheckpointFile;

const prepare = (progress: LorenzProgress[] = []): PrepareOptions<LorenzProgress> => ({
  onProgress: (p) => progress.push(p),
  yieldNow: () => Promise.resolve(),
  cancelled: () => false,
});
const extra = (calls: [number, number][] = []): ExtraOptions => ({
  onProgress: (d, t) => calls.push([d, t]),
  yieldNow: () => Promise.resolve(),
  cancelled: () => false,
});

describe('LorenzSession (the shipped checkpoint)', async () => {
  const progress: LorenzProgress[] = [];
  const s = await LorenzSession.create({}, prepare(progress));
  const T = file.system.T;

  it('loads the checkpoint and its facts, regenerates the test trials, and runs the model freely', () => {
    expect(progress.map((p) => p.phase)).toEqual(['checkpoint', 'data', 'free run', 'free run', 'free run']);
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4 });
    const { info } = s;
    expect(info.checkpoint).toMatchObject({ steps: file.steps, seed: file.seed, batch: file.batch, r2k: file.test.r2k, testTrials: file.system.testTrials });
    expect(info.checkpoint.segments).toBeGreaterThan(0);
    expect(info.checkpoint.reproduce).toContain('scripts/train/ilqr.ts');
    expect(info.model).toMatchObject({ n: 20, m: 5, no: 3, nBeg: 4, T });
    expect(info.clean).toHaveLength(file.system.testTrials);
    expect(info.observations[0].length).toBe(T * 3);
    expect(info.attractor.length).toBe((file.system.trainTrials + file.system.testTrials) * T * 3);
    expect(info.freeRun.length).toBe(FREE_RUN_STEPS * 3);
    const a = info.onAttractor;
    expect(a.referenceMedian).toBeGreaterThan(0);
    expect(a.freeRunMedian).toBeGreaterThanOrEqual(0);
    expect(a.shareWithin).toBeGreaterThanOrEqual(0);
    expect(a.shareWithin).toBeLessThanOrEqual(1);
    expect(a.spread).toHaveLength(3);
    expect(() => s.step()).toThrow('trained offline');
  });

  it('infers a test trial: a reconstruction of the observations and the inputs’ sizes, pre-trial bins first', async () => {
    const calls: [number, number][] = [];
    const r = await s.trial(2, extra(calls));
    expect(r.trial).toBe(2);
    expect(r.reconstruction.length).toBe(T * 3);
    expect(r.inputNorms.length).toBe(T + 3);
    expect(r.inputX[0]).toBe(-3);
    expect(r.r2).toBeLessThanOrEqual(1);
    expect(r.iterations).toBeGreaterThan(0);
    expect(calls.at(-1)).toEqual([1, 1]);
    await expect(s.trial(16, extra())).rejects.toThrow('There is no test trial 17: the checkpoint has test trials 1–16.');
  });

  it('replays a cold iLQR solve: costs fall, one reconstruction per cost, and it ends at the trial’s posterior', async () => {
    const trace = await s.infer(2, extra());
    expect(trace.reconstructions).toHaveLength(trace.costs.length);
    expect(trace.inputNorms).toHaveLength(trace.costs.length);
    expect(trace.inputNorms[0].every((v) => v === 0)).toBe(true);
    for (let i = 1; i < trace.costs.length; i++) expect(trace.costs[i]).toBeLessThanOrEqual(trace.costs[i - 1]);
    const r = await s.trial(2, extra());
    expect(Array.from(trace.reconstructions.at(-1)!)).toEqual(Array.from(r.reconstruction));
  });

  it('predicts from bin t: the reconstruction up to t, then the model alone, with the k-step errors', async () => {
    const r = await s.trial(5, extra());
    const p = await s.predict(5, 30, extra());
    expect(p.prediction.length).toBe(T * 3);
    expect(Array.from(p.prediction.subarray(0, 90))).toEqual(Array.from(r.reconstruction.subarray(0, 90)));
    expect(p.errors.length).toBe(T - 30 + 1);
    const clean = s.info.clean[5];
    expect(p.errors[0]).toBeCloseTo(Math.hypot(clean[87] - p.prediction[87], clean[88] - p.prediction[88], clean[89] - p.prediction[89]), 5);
    await expect(s.predict(5, 100, extra())).rejects.toThrow('Predict from a bin between 1 and 99, not 100.');
  });

  it('recomputes the checkpoint’s R²_k on its test trials, to the digits the script kept', async () => {
    const calls: [number, number][] = [];
    const r = await s.recomputeR2(extra(calls));
    expect(r.r2k).toHaveLength(K_MAX + 1);
    expect(calls.at(-1)).toEqual([16, 16]);
    // the file keeps 6 significant digits
    r.r2k.forEach((v, k) => expect(v).toBeCloseTo(file.test.r2k[k], 4));
    expect(r.iterations).toEqual(file.test.iterations);
    expect(r.converged).toBe(file.test.converged);
  }, 300_000);

  it('serves the extras through the kit’s handlers, and refuses them before the checkpoint is loaded', async () => {
    const handlers = trainingHandlers({
      create: (args: Record<string, never>, opts: PrepareOptions<LorenzProgress>) => LorenzSession.create(args, opts),
      extras: { predict: (session: LorenzSession, args: { trial: number; from: number }, opts: ExtraOptions) => session.predict(args.trial, args.from, opts) },
      extraNoSession: { predict: 'The Lorenz checkpoint is still loading.' },
      tf: plainHooks('test'),
    });
    const ctx = { progress: () => undefined, signal: new AbortController().signal };
    await expect(handlers.predict({ trial: 0, from: 10 }, ctx)).rejects.toThrow('still loading');
    await handlers.prepare({}, ctx);
    const p = await handlers.predict({ trial: 0, from: 10 }, ctx);
    expect(p.from).toBe(10);
    expect(await handlers.memory(undefined)).toEqual({ numTensors: 0 });
  });
});
