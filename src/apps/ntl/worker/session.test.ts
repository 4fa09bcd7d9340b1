import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import type { SessionConfig, SessionSizes } from './protocol';
import { checkpointSteps, NtlSession } from './session';

const TINY: Partial<SessionSizes> = {
  trainPerDomain: 40,
  testPerDomain: 20,
  neighboursPerCell: 2,
  neighboursTestPerCell: 1,
  liveEvalPerSet: 10,
  projectionPerSet: 8,
  gridPerRow: 4,
  fineTuneSteps: 2,
  overwriteSteps: 2,
  fisherSamples: 12,
};

const base: SessionConfig = {
  mode: 'target',
  source: 'S',
  target: 'T1',
  alpha: 0.1,
  beta: 1,
  loss: 'paper',
  lr: 2e-3,
  steps: 6,
  batch: 8,
  baseline: true,
  seed: 3,
};

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('checkpointSteps', () => {
  it('has about eight checkpoints and always the last step', () => {
    const c = checkpointSteps(200);
    expect(c.has(200)).toBe(true);
    expect(c.size).toBeGreaterThanOrEqual(8);
    expect(c.size).toBeLessThanOrEqual(9);
    expect([...checkpointSteps(3)]).toEqual([3]);
  });
});

describe('NtlSession', () => {
  it('runs every mode step by step, reports checkpoints, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    for (const mode of ['sl', 'target', 'sourceOnly', 'ownership', 'authorization'] as const) {
      const progress: string[] = [];
      const s = await NtlSession.create({ ...base, mode }, { sizes: TINY, onProgress: (p) => progress.push(p.label) });
      expect(progress.length).toBeGreaterThan(4);
      expect(s.info.rows[0].images).toHaveLength(4);
      const reports = Array.from({ length: base.steps }, () => s.step());
      expect(reports.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
      const last = reports[reports.length - 1].checkpoint;
      expect(last, mode).toBeDefined();
      expect(last!.perSet).toBe(20);
      for (const k of s.info.evalKeys) expect(last!.ntl[k], `${mode} ${k}`).toBeGreaterThanOrEqual(0);
      expect(Boolean(last!.sl)).toBe(mode !== 'sl');
      expect(last!.projection.ntl.points.length).toBe(2 * 8 * s.info.projectionNames.length);
      if (mode === 'sl') expect(Number.isNaN(reports[0].ntl.lt)).toBe(true);
      else expect(Number.isFinite(reports[0].ntl.mmd)).toBe(true);
      if (mode === 'sourceOnly' || mode === 'authorization') expect(s.info.evalKeys).toContain('N');
      if (mode === 'authorization') expect(s.info.roles).toEqual({ source: 'src+patch', target: 'S' });
      s.dispose();
      expect(tf.memory().numTensors, mode).toBe(before);
    }
  });

  it('attacks an ownership model without leaking, and refuses attacks in other modes', async () => {
    const before = tf.memory().numTensors;
    const s = await NtlSession.create({ ...base, mode: 'ownership', steps: 2 }, { sizes: TINY });
    s.step();
    s.step();
    const ticks: number[] = [];
    const ftal = await s.attack('ftal', { onProgress: (d) => ticks.push(d) });
    expect(ticks).toEqual([1, 2]);
    expect(ftal.after.clean).toBeGreaterThanOrEqual(0);
    const prune = await s.attack('prune', { fraction: 0.9 });
    expect(prune.sparsity).toBeGreaterThan(0.85);
    // EWC counts its Fisher images before its steps: min(fisherSamples 12, the attacker's
    // max(batch 8, 10% of 40) = 8 images), then its 2 steps; AU only its steps.
    const ewcTicks: [number, number][] = [];
    const ewc = await s.attack('ewc', { onProgress: (d, t) => ewcTicks.push([d, t]) });
    expect(ewcTicks).toEqual([[8, 10], [9, 10], [10, 10]]);
    expect(ewc.kind).toBe('ewc');
    expect(ewc.steps).toBe(2);
    const au = await s.attack('au');
    expect(au.after.patched).toBeGreaterThanOrEqual(0);
    expect(au.after.clean).toBeLessThanOrEqual(1);
    const over = await s.attack('overwrite');
    expect(over.attackerPatched).toBeGreaterThanOrEqual(0);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const t = await NtlSession.create({ ...base, steps: 2 }, { sizes: TINY });
    await expect(t.attack('ftal')).rejects.toThrow(/Ownership verification/);
    t.dispose();
  });

  it('names the fix when source and target are the same domain', async () => {
    await expect(NtlSession.create({ ...base, target: 'S' }, { sizes: TINY })).rejects.toThrow(/pick a different target/);
  });

  it('gives the same numbers for the same seed', async () => {
    const run = async () => {
      const s = await NtlSession.create({ ...base, steps: 3 }, { sizes: TINY });
      const r = [s.step(), s.step(), s.step()];
      s.dispose();
      return r.map((x) => [x.ntl.ls, x.ntl.lt, x.sl?.ls]);
    };
    expect(await run()).toEqual(await run());
  });
});
