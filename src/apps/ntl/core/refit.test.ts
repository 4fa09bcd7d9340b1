/** The two REFIT attacks: EWC's penalty and Fisher, AU's augmented pool and its stolen labels. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { auConfig, augmentImages, ewcConfig, pseudoLabel, REFIT_LEARNING_RATE, runTrainer } from './attacks';
import { generateDomain, headSet, PIXELS } from './domains';
import { estimateFisher, ewcPenaltyValue, type EwcPenalty } from './ewc';
import { cloneWeights, initialWeights, PARAM_NAMES, type CnnWeights } from './model';
import { createTrainer } from './trainer';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const data = generateDomain('S', { n: 40, seed: 11, split: 'train' });
// A model that has learnt something, so its Fisher is not flat.
const stolen = (): CnnWeights => runTrainer({ mode: 'sl', source: data, seed: 3, batchSize: 16 }, 15).weights;

describe('EWC', () => {
  it('estimates a non-negative Fisher with mean 1, without leaking tensors', () => {
    const w = stolen();
    const before = tf.memory().numTensors;
    const f = estimateFisher(w, data, 20);
    expect(tf.memory().numTensors).toBe(before);
    let sum = 0;
    let count = 0;
    for (const n of PARAM_NAMES) {
      for (const v of f[n]) {
        expect(v).toBeGreaterThanOrEqual(0);
        sum += v;
        count++;
      }
    }
    expect(sum / count).toBeCloseTo(1, 4);
    // Not flat: some parameters matter far more than others.
    const all = PARAM_NAMES.flatMap((n) => Array.from(f[n]));
    expect(Math.max(...all)).toBeGreaterThan(10);
  });

  it('has a penalty of zero at the stolen weights that grows away from them', () => {
    const w = stolen();
    const penalty: EwcPenalty = { anchor: w, fisher: estimateFisher(w, data, 20), lambda: 0.1 };
    expect(ewcPenaltyValue(w, penalty)).toBe(0);
    const delta = initialWeights(99) as CnnWeights; // a random direction
    const moved = (t: number) => {
      const out = cloneWeights(w);
      for (const n of PARAM_NAMES) for (let i = 0; i < out[n].length; i++) out[n][i] += t * delta[n][i];
      return out;
    };
    const values = [0.01, 0.1, 0.5, 1].map((t) => ewcPenaltyValue(moved(t), penalty));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    expect(values[0]).toBeGreaterThan(0);
    // Quadratic in the distance: ×10 in t gives ×100 in the penalty.
    expect(values[1] / values[0]).toBeCloseTo(100, 0);
    // λ scales it linearly.
    expect(ewcPenaltyValue(moved(0.5), { ...penalty, lambda: 0.2 })).toBeCloseTo(2 * values[2], 3);
  });

  it('puts the penalty into the trainer\'s objective and pulls the weights back', () => {
    const w = stolen();
    const cfg = ewcConfig(w, data, { seed: 4, batchSize: 16, fisherSamples: 20, lambda: 0.1 });
    expect(cfg.learningRate).toBe(REFIT_LEARNING_RATE);
    expect(cfg.ewc?.lambda).toBe(0.1);
    // Started at the anchor: the penalty is 0, so the first step's total equals its L_S.
    const t = createTrainer(cfg);
    const first = t.step();
    expect(first.total).toBeCloseTo(first.ls, 6);
    for (let i = 0; i < 5; i++) t.step();
    const later = t.step();
    expect(later.total).toBeGreaterThan(later.ls);
    t.dispose();
    // A huge λ keeps the weights closer to the stolen ones than plain fine-tuning does.
    const dist = (a: CnnWeights) => PARAM_NAMES.reduce((s, n) => s + a[n].reduce((q, v, i) => q + (v - w[n][i]) ** 2, 0), 0);
    const plain = runTrainer({ ...cfg, ewc: undefined }, 10).weights;
    const anchored = runTrainer({ ...cfg, ewc: { ...cfg.ewc!, lambda: 1000 } }, 10).weights;
    expect(dist(anchored)).toBeLessThan(dist(plain) / 2);
  });
});

describe('AU', () => {
  it('augments the attacker\'s images (originals first, seeded) without changing their number per copy', () => {
    const small = headSet(data, 10);
    const a = augmentImages(small, 5, { copies: 3 });
    expect(a.n).toBe(40);
    expect(a.images.subarray(0, 10 * PIXELS)).toEqual(small.images);
    expect(a.images.subarray(10 * PIXELS)).not.toEqual(small.images);
    expect(augmentImages(small, 5, { copies: 3 }).images).toEqual(a.images);
    expect(Math.min(...a.images)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.images)).toBeLessThanOrEqual(1);
  });

  it('labels the pool with the stolen model\'s predictions, not the true labels', () => {
    // An untrained model predicts mostly wrong labels, so "labels = predictions" cannot hold by accident.
    const w = initialWeights(8) as CnnWeights;
    const pool = augmentImages(headSet(data, 20), 6, { copies: 2 });
    const labelled = pseudoLabel(w, pool);
    const t = createTrainer({ mode: 'sl', source: pool, seed: 0, init: w });
    const predicted = t.predict(pool, pool.n).predicted;
    t.dispose();
    expect(Array.from(labelled.labels)).toEqual(Array.from(predicted));
    const truth = generateDomain('S', { n: 40, seed: 11, split: 'train' }).labels.subarray(0, 20);
    let agree = 0;
    for (let i = 0; i < 20; i++) if (labelled.labels[i] === truth[i]) agree++;
    expect(agree).toBeLessThan(15);
    // auConfig trains on exactly that pool.
    const cfg = auConfig(w, headSet(data, 20), { seed: 6 });
    const again = pseudoLabel(w, augmentImages(headSet(data, 20), 6));
    expect(Array.from(cfg.source.labels)).toEqual(Array.from(again.labels));
    expect(cfg.source.n).toBe(20 * 5);
    expect(cfg.learningRate).toBe(REFIT_LEARNING_RATE);
  });
});
