import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { expectNoLeak } from '../../../shared/tf/testing';
import { generateExample } from './dataset';
import {
  DEFAULT_DERENDER_CONFIG,
  DerenderModel,
  derenderLoss,
  forwardPair,
  framesToFloat,
  gaussianMaps,
  lineFilterBank,
  paramCount,
  softArgmax,
  stdForMap,
  type DerenderConfig,
} from './derendering';
import { DerenderTrainer, PAIR_OFFSET, pairBatch } from './derenderTrainer';
import { keypointAgreement } from './keypointAgreement';

/** A tiny model for fast tests: 32² frames, 8² maps, narrow layers. */
export const TINY_CONFIG: DerenderConfig = {
  imageSize: 32,
  keypoints: 3,
  coefficients: 4,
  encoder: [4, 4, 8, 8, 8],
  featureChannels: 4,
  poseChannels: 8,
  mlpHidden: [16, 8],
  decoder: [8, 8, 8, 8, 4, 4, 4],
  std: stdForMap(8),
  outerKernel: 3,
};

/** Smaller still, for the bitwise resume test on the CPU backend (whose conv filter gradient is a slow loop). */
const MICRO_CONFIG: DerenderConfig = { ...TINY_CONFIG, imageSize: 16, encoder: [2, 2, 4, 4, 4], featureChannels: 2, poseChannels: 4, mlpHidden: [8, 8], decoder: [4, 4, 4, 4, 2, 2, 2], std: stdForMap(4) };

const examples = Array.from({ length: 8 }, (_, i) => generateExample(3, 'train', i));

beforeAll(async () => {
  await initNodeBackend('cpu');
});

describe('de-rendering model', () => {
  it('has half the official widths and about 0.3M parameters at the default size', () => {
    expect(DEFAULT_DERENDER_CONFIG.encoder).toEqual([16, 16, 32, 32, 64]);
    expect(DEFAULT_DERENDER_CONFIG.std).toBeCloseTo(0.18, 2);
    const count = paramCount(DEFAULT_DERENDER_CONFIG);
    expect(count).toBeGreaterThan(200_000);
    expect(count * 4).toBeLessThan(5e6);
  });

  it('builds the official line filters: a one-pixel line through the centre at each angle iπ/C', () => {
    const bank = lineFilterBank(4);
    const at = (i: number, j: number, k: number) => bank[(i * 5 + j) * 4 + k];
    // θ = 0: dist = |y| → the centre column (j = 2) is 1 down every row
    for (let i = 0; i < 5; i++) expect(at(i, 2, 0)).toBeCloseTo(1, 6);
    expect(at(0, 0, 0)).toBeCloseTo(Math.exp(-25), 12);
    // θ = π/2: dist = |x| → the centre row
    for (let j = 0; j < 5; j++) expect(at(2, j, 2)).toBeCloseTo(1, 6);
    // θ = π/4: the diagonal x = y
    for (let i = 0; i < 5; i++) expect(at(i, i, 1)).toBeCloseTo(1, 6);
    expect(at(0, 4, 1)).toBeCloseTo(Math.exp(-50), 12);
    // the table for C = 4 matches the general formula
    const general = (k: number, i: number, j: number) => {
      const th = (k * Math.PI) / 4;
      const g = [-5, -2.5, 0, 2.5, 5];
      const d = g[i] * Math.sin(th) - g[j] * Math.cos(th);
      return Math.exp(-d * d);
    };
    for (let k = 0; k < 4; k++) for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(at(i, j, k)).toBeCloseTo(general(k, i, j), 6);
  });

  it('soft-argmax finds a peak and the Gaussian is centred on it (official (row, column) convention)', () => {
    tf.tidy(() => {
      const heat = tf.buffer([1, 8, 8, 1]);
      heat.set(50, 0, 2, 6, 0);
      const kp = softArgmax(heat.toTensor() as tf.Tensor4D).arraySync() as number[][][];
      expect(kp[0][0][0]).toBeCloseTo(-1 + (2 * 2) / 7, 3);
      expect(kp[0][0][1]).toBeCloseTo(-1 + (2 * 6) / 7, 3);
      const g = gaussianMaps(tf.tensor3d([[[kp[0][0][0], kp[0][0][1]]]]), 8, 0.2).arraySync() as number[][][][];
      expect(g[0][2][6][0]).toBeCloseTo(1, 3);
      expect(g[0][2][5][0]).toBeLessThan(0.5);
    });
  });

  it('reconstructs a batch without leaking tensors, in [−1, 1], with the loss of get_loss', async () => {
    const model = DerenderModel.create(TINY_CONFIG, 1);
    const batch = pairBatch(examples, [0, 1], [0, 5], TINY_CONFIG.imageSize);
    await expectNoLeak(() => {
      const out = model.reconstruct(batch.source, batch.target, 2);
      expect(out.length).toBe(2 * 32 * 32 * 3);
      expect(Math.max(...out)).toBeLessThanOrEqual(1);
      expect(Math.min(...out)).toBeGreaterThanOrEqual(-1);
      const { keypoints, coefficients } = model.keypointsOf(batch.target, 2);
      expect(keypoints.length).toBe(2 * 3 * 2);
      expect(coefficients.length).toBe(2 * 3 * 5);
      tf.tidy(() => {
        const s = 32;
        const src = tf.tensor4d(batch.source, [2, s, s, 3]);
        const tgt = tf.tensor4d(batch.target, [2, s, s, 3]);
        const res = forwardPair(TINY_CONFIG, model.params, model.bn, model.bank, src, tgt, { training: true });
        const [total, mse, grad] = derenderLoss(res.image, tgt);
        expect(total.dataSync()[0]).toBeCloseTo(1e4 * mse.dataSync()[0] + 0.1 * grad.dataSync()[0], 0);
        // a perfect reconstruction costs nothing
        expect(derenderLoss(tgt, tgt)[0].dataSync()[0]).toBe(0);
      });
    });
    model.dispose();
  });

  it('pairs CD frames t and t + 22 in [−1, 1] (the official 2·(v/255) − 1)', () => {
    expect(PAIR_OFFSET).toBe(22);
    expect(Array.from(framesToFloat([new Uint8Array([0, 255, 51])]))).toEqual([-1, 1, Math.fround(-0.6)]);
  });
});

describe('de-rendering trainer', () => {
  const options = { seed: 5, batch: 4, config: MICRO_CONFIG, learningRate: 3e-3 };

  it.each(['cpu', 'wasm'] as const)('resumes exactly on %s: 10 steps straight equal 5 steps, a JSON checkpoint, a new trainer, 5 steps (bitwise)', async (backend) => {
    await initNodeBackend(backend);
    const before = tf.memory().numTensors;
    const straight = new DerenderTrainer(examples, options);
    for (let i = 0; i < 10; i++) straight.step();
    const want = straight.checkpoint();
    straight.dispose();

    const first = new DerenderTrainer(examples, options);
    for (let i = 0; i < 5; i++) first.step();
    const saved = JSON.stringify(first.checkpoint());
    first.dispose();
    const second = new DerenderTrainer(examples, options);
    second.restore(JSON.parse(saved));
    for (let i = 0; i < 5; i++) second.step();
    const got = second.checkpoint();
    second.dispose();

    expect(got.step).toBe(10);
    expect(got.cursor).toEqual(want.cursor);
    expect(got.cursor).toEqual({ epoch: 4, position: 8 }); // 40 draws over 8 examples: epochs crossed
    for (const name of Object.keys(want.params)) expect(got.params[name], name).toEqual(want.params[name]);
    expect(got.bn).toEqual(want.bn);
    expect(got.adam).toEqual(want.adam);
    expect(tf.memory().numTensors).toBe(before);
    await initNodeBackend('cpu');
  });

  it('refuses a checkpoint made with other settings', () => {
    const a = new DerenderTrainer(examples, options);
    const b = new DerenderTrainer(examples, { ...options, batch: 2 });
    expect(() => b.restore(a.checkpoint())).toThrow(/batch 4 ≠ 2/);
    a.dispose();
    b.dispose();
  });

  it('learns (WASM backend, 32² frames): the loss falls over 30 steps, and keypoint agreement is reported', async () => {
    await initNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const trainer = new DerenderTrainer(examples, { ...options, config: TINY_CONFIG, seed: 2, learningRate: 1e-2 });
    const losses: number[] = [];
    for (let i = 0; i < 30; i++) losses.push(trainer.step().loss);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const head = mean(losses.slice(0, 5));
    const tail = mean(losses.slice(-5));
    console.log(`tiny de-rendering: loss ${head.toFixed(1)} (steps 1–5) → ${tail.toFixed(1)} (steps 26–30)`);
    expect(tail).toBeLessThan(0.85 * head);
    const agreement = keypointAgreement(trainer.model, examples);
    console.log(`tiny de-rendering after 30 steps: ${agreement.summary}`);
    expect(agreement.frames).toBe(examples.length);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await initNodeBackend('cpu');
  });
});
