import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { loadChem, type Chem } from '../core/chem';
import type { DataProgress, SessionConfig } from './protocol';
import { GrammarSession } from './session';

let chem: Chem;
beforeAll(async () => {
  await initNodeBackend('wasm');
  chem = await loadChem();
});

const opts = (log: DataProgress[] = []) => ({ onProgress: (p: DataProgress) => void log.push(p), yieldNow: () => Promise.resolve(), cancelled: () => false });
const config = (over: Partial<SessionConfig> = {}): SessionConfig => ({ dataset: 'isocyanates', pasted: null, n: 40, epochs: 2, rewardSamples: 20, seed: 2, ...over });

describe('the DEG worker session', () => {
  it('builds the grammar with a drawn trace, samples N drawn molecules with badges, trains an epoch per step and frees everything', async () => {
    const before = tf.memory().numTensors;
    const progress: DataProgress[] = [];
    const s = await GrammarSession.create(config(), opts(progress), () => Promise.resolve(chem));
    const info = s.info;
    expect(info.molecules).toHaveLength(11);
    expect(info.molecules.every((m) => m.svg.includes('<svg'))).toBe(true);
    expect(info.trace.length).toBeGreaterThan(0);
    expect(info.trace.every((t) => t.svg.includes('<svg') && t.iteration >= 1 && t.iteration <= info.iterations)).toBe(true);
    expect(info.trainingDerivations).toHaveLength(11);
    const g = { ...info.grammar, samples: progress.flatMap((p) => p.samples ?? []) };
    expect(info.grammar.samples, 'the samples come with the progress, in batches').toEqual([]);
    expect(Math.max(...progress.map((p) => p.samples?.length ?? 0))).toBeLessThanOrEqual(20);
    expect(g.rules.length).toBe(g.metrics.rules);
    expect(g.rules.every((r) => r.svg.includes('<svg'))).toBe(true);
    expect(g.samples.length).toBe(g.metrics.samples);
    expect(g.metrics.valid).toBe(1);
    const memb = g.samples.filter((x) => x.member).length / g.samples.length;
    expect(memb).toBeCloseTo(g.metrics.memb, 6);
    expect(g.samples.every((x) => x.rules.length >= 1 && g.rules.some((r) => r.id === x.rules[0] && r.start))).toBe(true);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['rdkit', 'read', 'build', 'sample']));

    const r1 = await s.step();
    expect(r1.epoch).toBe(1);
    expect(r1.rewards).toHaveLength(5);
    expect(Number.isFinite(r1.meanReward)).toBe(true);
    expect(s.steps).toBe(1);
    const best = await s.sampleBest({ onProgress: () => undefined, yieldNow: () => Promise.resolve(), cancelled: () => false });
    expect(best.epoch).toBe(1);
    expect(best.samples.length).toBeGreaterThan(0);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(chem.live()).toBe(0);
  }, 120_000);

  it('the same seed gives the same grammar and samples', async () => {
    const [pa, pb]: DataProgress[][] = [[], []];
    const a = await GrammarSession.create(config({ n: 30 }), opts(pa), () => Promise.resolve(chem));
    const b = await GrammarSession.create(config({ n: 30 }), opts(pb), () => Promise.resolve(chem));
    const smiles = (ps: DataProgress[]) => ps.flatMap((p) => p.samples ?? []).map((x) => x.smiles);
    expect(smiles(pa).length).toBeGreaterThan(0);
    expect(smiles(pb)).toEqual(smiles(pa));
    a.dispose();
    b.dispose();
  }, 60_000);

  it('a saved run restored into a fresh session takes the same epochs as the uninterrupted one, the best grammar included', async () => {
    const cfg = config({ n: 10, epochs: 3, rewardSamples: 10 });
    const make = () => GrammarSession.create(cfg, opts(), () => Promise.resolve(chem));
    const whole = await make();
    const wholeRewards: number[][] = [];
    for (let k = 0; k < 3; k++) wholeRewards.push((await whole.step()).rewards);
    const first = await make();
    await first.step();
    const saved = structuredClone(await first.saveState());
    first.dispose();
    const resumed = await make();
    await resumed.restoreState(saved);
    expect(resumed.steps).toBe(1);
    const after = [(await resumed.step()).rewards, (await resumed.step()).rewards];
    expect(after).toEqual(wholeRewards.slice(1));
    const sample = async (s: GrammarSession) => (await s.sampleBest({ onProgress: () => undefined, yieldNow: () => Promise.resolve(), cancelled: () => false })).samples.map((x) => x.smiles);
    expect(await sample(resumed)).toEqual(await sample(whole));
    whole.dispose();
    resumed.dispose();
  }, 120_000);

  it('a pasted list: bad lines are listed with their numbers and the rest is used; a list with nothing usable names its lines', async () => {
    const s = await GrammarSession.create(config({ pasted: 'CCO\nnot a smiles\n\nC1CC\nO=C=NCCN=C=O', n: 20 }), opts(), () => Promise.resolve(chem));
    expect(s.info.source).toEqual({ kind: 'pasted' });
    expect(s.info.problems.map((p) => p.line)).toEqual(expect.arrayContaining([2, 4]));
    expect(s.info.molecules.length).toBe(2);
    expect(s.info.grammar.metrics.samples).toBeGreaterThan(0);
    s.dispose();
    await expect(GrammarSession.create(config({ pasted: 'xx\nC1CC' }), opts(), () => Promise.resolve(chem))).rejects.toThrow(/No usable molecule.*line 1/);
  }, 60_000);
});
