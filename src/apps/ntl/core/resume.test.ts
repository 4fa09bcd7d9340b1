/**
 * A trainer saved mid-run and restored into a fresh one takes exactly the steps the uninterrupted
 * trainer takes (same backend): weights, losses, batch order and dropout, bit for bit. The state
 * goes through structuredClone, as it does through a worker message and IndexedDB.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { generateDomain } from './domains';
import { PAPER_LOSS } from './loss';
import { createTrainer, type StepStats, type TrainerConfig } from './trainer';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const source = generateDomain('S', { n: 24, seed: 5, split: 'train' });
const target = generateDomain('T1', { n: 24, seed: 5, split: 'train' });
const losses = (s: StepStats) => [s.ls, s.lt, s.mmd, s.total];

describe.each<[string, TrainerConfig]>([
  ['NTL (two samplers, dropout, the MMD term)', { mode: 'ntl', source, target, seed: 9, batchSize: 10, loss: PAPER_LOSS }],
  ['SL', { mode: 'sl', source, seed: 9, batchSize: 10 }],
])('trainer resume: %s', (_name, config) => {
  it('continues bit for bit, across an epoch boundary, and frees what it made', async () => {
    const before = tf.memory().numTensors;
    const whole = createTrainer(config);
    const wholeStats = Array.from({ length: 12 }, () => losses(whole.step()));
    const wholeWeights = whole.snapshot();

    const first = createTrainer(config);
    for (let i = 0; i < 8; i++) first.step();
    const saved = structuredClone(await first.saveState());
    first.dispose();
    expect(saved.steps).toBe(8);

    const resumed = createTrainer(config);
    await resumed.restoreState(saved);
    expect(resumed.steps).toBe(8);
    // Steps 9–12 cross an epoch boundary of the sampler (24 images, 10 per batch).
    const resumedStats = Array.from({ length: 4 }, () => losses(resumed.step()));
    expect(resumedStats).toEqual(wholeStats.slice(8));
    expect(resumed.snapshot()).toEqual(wholeWeights);
    whole.dispose();
    resumed.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to restore into a trainer that has already stepped', async () => {
    const t = createTrainer(config);
    const state = await t.saveState();
    t.step();
    await expect(t.restoreState(state)).rejects.toThrow(/only a fresh trainer/);
    t.dispose();
  });
});
