import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { createRng } from '../../../shared/random';
import type { CodyConfig } from './cody';
import { CodyTrainer, type CodyCheckpoint, type CodyExample } from './codyTrainer';

/** A tiny CoDy and short sequences, so ten steps take well under a second. */
const TINY: CodyConfig = { keypoints: 2, stateSize: 14, confounderSize: 4, gnHidden: 8, gnLayers: 1, embSize: 8, liftSize: 8, codecHidden: 8 };
const FRAMES = 6;

function examples(count: number): CodyExample[] {
  const r = createRng(11);
  const n = FRAMES * TINY.keypoints * TINY.stateSize;
  return Array.from({ length: count }, () => ({ ab: Float32Array.from({ length: n }, () => r.uniform(-1, 1)), cd: Float32Array.from({ length: n }, () => r.uniform(-1, 1)) }));
}

describe('CodyTrainer', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it('10 steps straight equal 5 steps, a checkpoint through JSON, a fresh trainer and 5 more, bit for bit; nothing leaks', () => {
    const data = examples(7); // batch 3 over 7 examples: the cursor crosses epochs
    const opts = { seed: 5, frames: FRAMES, batch: 3, config: TINY, horizon: 4 };
    const before = tf.memory().numTensors;
    const straight = new CodyTrainer(data, opts);
    const lossesA: number[] = [];
    for (let i = 0; i < 10; i++) lossesA.push(straight.step().loss);
    const a = straight.checkpoint();
    straight.dispose();

    const first = new CodyTrainer(data, opts);
    const lossesB: number[] = [];
    for (let i = 0; i < 5; i++) lossesB.push(first.step().loss);
    const saved = JSON.parse(JSON.stringify(first.checkpoint())) as CodyCheckpoint;
    first.dispose();
    const second = new CodyTrainer(data, opts);
    second.restore(saved);
    for (let i = 0; i < 5; i++) lossesB.push(second.step().loss);
    const b = second.checkpoint();
    second.dispose();
    expect(tf.memory().numTensors).toBe(before);

    expect(lossesB).toEqual(lossesA);
    expect(b.step).toBe(10);
    expect(b.cursor).toEqual(a.cursor);
    expect(b.cursor.epoch).toBeGreaterThan(0);
    expect(b.params).toEqual(a.params);
    expect(b.adam).toEqual(a.adam);
  });

  it('a rate set by a schedule is used by the next steps and survives a checkpoint; epochsCompleted counts passes', () => {
    const data = examples(7);
    const opts = { seed: 5, frames: FRAMES, batch: 3, config: TINY, horizon: 4 };
    const run = (halveAt: number | null, resumeAt: number | null) => {
      let t = new CodyTrainer(data, opts);
      const losses: number[] = [];
      for (let i = 0; i < 8; i++) {
        if (i === halveAt) t.setLearningRate(t.currentLearningRate / 2);
        if (i === resumeAt) {
          const saved = JSON.parse(JSON.stringify(t.checkpoint())) as CodyCheckpoint;
          t.dispose();
          t = new CodyTrainer(data, opts);
          t.restore(saved);
        }
        losses.push(t.step().loss);
      }
      const out = { losses, rate: t.currentLearningRate, epochs: t.epochsCompleted, ckpt: t.checkpoint() };
      t.dispose();
      return out;
    };
    const constant = run(null, null);
    const halved = run(3, null);
    const halvedResumed = run(3, 5);
    expect(halved.losses.slice(0, 4)).toEqual(constant.losses.slice(0, 4));
    expect(halved.losses.slice(4)).not.toEqual(constant.losses.slice(4));
    expect(halvedResumed.losses).toEqual(halved.losses);
    expect(halvedResumed.rate).toBe(5e-4);
    expect(halved.ckpt.currentLearningRate).toBe(5e-4);
    expect(constant.ckpt.currentLearningRate).toBeUndefined();
    expect(constant.epochs).toBe(3); // 8 steps × 3 = 24 examples: 3 passes over 7
  });

  it('refuses a checkpoint made with other settings, and a horizon past the sequence', () => {
    const data = examples(4);
    const t = new CodyTrainer(data, { seed: 1, frames: FRAMES, batch: 2, config: TINY });
    const ckpt = t.checkpoint();
    t.dispose();
    const other = new CodyTrainer(data, { seed: 1, frames: FRAMES, batch: 2, config: TINY, horizon: 3 });
    expect(() => other.restore(ckpt)).toThrow(/horizon 5 ≠ 3/);
    other.dispose();
    expect(() => new CodyTrainer(data, { seed: 1, frames: FRAMES, config: TINY, horizon: FRAMES })).toThrow(/horizon must be in \[1, 5\]/);
  });
});
