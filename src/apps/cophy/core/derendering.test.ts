import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { expectNoLeak } from '../../../shared/tf/testing';
import { generateExample } from './dataset';
import {
  DEFAULT_DERENDER_CONFIG,
  DerenderModel,
  derenderLoss,
  foldBatchNorm,
  forwardPair,
  framesToFloat,
  gaussianMaps,
  lineFilterBank,
  paramCount,
  softArgmax,
  stdForMap,
  type DerenderConfig,
} from './derendering';
import { DerenderTrainer, PAIR_OFFSET, pairBatch, scheduledStd } from './derenderTrainer';
import { BALLS_VIDEO_SOURCE } from './videoSource';
import { floorTest, floorTestOf } from './floorTest';
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

  it('folds batch norm into the kernel for inference: the fused conv equals conv, batch norm and ReLU', () => {
    const rng = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 97.13 + i * 12.9898) * 0.7);
    const [cin, cout] = [3, 5];
    const params = {
      'b/kernel': tf.tensor4d(rng(9 * cin * cout, 1), [3, 3, cin, cout]),
      'b/gamma': tf.tensor1d(rng(cout, 2).map((v) => 1 + v)),
      'b/beta': tf.tensor1d(rng(cout, 3)),
    };
    const bn = { 'b/mean': tf.tensor1d(rng(cout, 4)), 'b/var': tf.tensor1d(rng(cout, 5).map((v) => 0.2 + v * v)) };
    const x = tf.tensor4d(rng(2 * 6 * 6 * cin, 6), [2, 6, 6, cin]);
    const [fused, reference] = tf.tidy(() => {
      const { filter, bias } = foldBatchNorm(params, bn, 'b');
      const f = tf.fused.conv2d({ x, filter, strides: 2, pad: 'same', bias, activation: 'relu' });
      const y = tf.conv2d(x, params['b/kernel'], 2, 'same');
      const normed = tf.add(tf.mul(tf.sub(y, bn['b/mean']), tf.div(params['b/gamma'], tf.sqrt(tf.add(bn['b/var'], 1e-5)))), params['b/beta']);
      return [f.dataSync(), tf.relu(normed).dataSync()];
    });
    expect(fused.length).toBe(2 * 3 * 3 * cout);
    expect(reference.some((v) => v > 0) && reference.some((v) => v === 0)).toBe(true);
    for (let i = 0; i < fused.length; i++) expect(fused[i]).toBeCloseTo(reference[i], 5);
    tf.dispose([...Object.values(params), ...Object.values(bn), x]);
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

  it('weights the target\'s object pixels and widens the Gaussians early only when asked (our deviations), and still resumes exactly', async () => {
    const size = TINY_CONFIG.imageSize;
    // the weights: W on the balls (L-PSNR's foreground rule against the empty floor), 1 elsewhere
    const batch = pairBatch(examples, [0, 1], [0, 5], size, undefined, 10);
    expect(pairBatch(examples, [0, 1], [0, 5], size).weights).toBeUndefined();
    const weights = batch.weights!;
    expect(weights.length).toBe(2 * size * size);
    const heavy = weights.filter((w) => w === 10).length;
    expect(heavy).toBeGreaterThan(6); // three balls of radius ~1.8 px at 32²
    expect(heavy).toBeLessThan(0.2 * weights.length);
    expect(weights.every((w) => w === 1 || w === 10)).toBe(true);
    const [cx, cy] = BALLS_VIDEO_SOURCE.objectPixels(examples[0], 'cd', PAIR_OFFSET, size)[0];
    expect(weights[Math.floor(cy) * size + Math.floor(cx)], 'a ball centre is weighted').toBe(10);
    // the loss: Σ w·(p − t)² / Σ w in the MSE term; all-ones weights give the official loss
    const sq = [0.25, 0.25, 0, 1, 0.0625, 1, 0, 0.25, 0.5, 0, 0.125, 0.75];
    const p = tf.tensor4d(sq.map(Math.sqrt), [1, 2, 2, 3]);
    const t = tf.zerosLike(p) as tf.Tensor4D;
    const wPix = [1, 3, 1, 1];
    const w = tf.tensor4d(wPix, [1, 2, 2, 1]);
    const [plain] = derenderLoss(p, t);
    const [ones] = derenderLoss(p, t, tf.onesLike(w) as tf.Tensor4D);
    const [weighted, mse] = derenderLoss(p, t, w);
    expect(ones.dataSync()[0]).toBeCloseTo(plain.dataSync()[0], 2);
    const fitted = sq.reduce((a, v, i) => a + v * wPix[Math.floor(i / 3)], 0) / (3 * wPix.reduce((a, b) => a + b, 0));
    expect(mse.dataSync()[0]).toBeCloseTo(sq.reduce((a, b) => a + b, 0) / 12, 6);
    expect(weighted.dataSync()[0] - plain.dataSync()[0]).toBeCloseTo(10_000 * (fitted - mse.dataSync()[0]), 1);
    tf.dispose([p, t, w, plain, ones, weighted, mse]);
    // the schedule: from `start` down to the config's std, linearly, then the config's
    const schedule = { start: 0.6, steps: 4 };
    expect(scheduledStd(MICRO_CONFIG, schedule, 0)).toBe(0.6);
    expect(scheduledStd(MICRO_CONFIG, schedule, 2)).toBeCloseTo((0.6 + MICRO_CONFIG.std) / 2, 12);
    expect(scheduledStd(MICRO_CONFIG, schedule, 4)).toBe(MICRO_CONFIG.std);
    expect(scheduledStd(MICRO_CONFIG, null, 0)).toBe(MICRO_CONFIG.std);
    // both on: the first step differs from the official one, and 4 straight steps equal 2 + JSON + 2 (WASM)
    await initNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const deviating = { ...options, objectWeight: 10, stdSchedule: schedule };
    const official = new DerenderTrainer(examples, options);
    const officialLoss = official.step().loss;
    official.dispose();
    const straight = new DerenderTrainer(examples, deviating);
    expect(straight.step().loss).not.toBe(officialLoss);
    for (let i = 0; i < 3; i++) straight.step();
    const want = straight.checkpoint();
    straight.dispose();
    const first = new DerenderTrainer(examples, deviating);
    for (let i = 0; i < 2; i++) first.step();
    const saved = JSON.stringify(first.checkpoint());
    first.dispose();
    const second = new DerenderTrainer(examples, deviating);
    second.restore(JSON.parse(saved));
    for (let i = 0; i < 2; i++) second.step();
    expect(second.checkpoint().params).toEqual(want.params);
    // a checkpoint of other deviations is refused, naming them
    const plainTrainer = new DerenderTrainer(examples, options);
    expect(() => plainTrainer.restore(JSON.parse(saved))).toThrow(/object weight 10 ≠ 1; std schedule differs/);
    plainTrainer.dispose();
    second.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await initNodeBackend('cpu');
  });

  it('the floor test tells a model that paints the floor from one that draws the balls', () => {
    const size = TINY_CONFIG.imageSize;
    const targets = [0, 1, 2].map((i) => BALLS_VIDEO_SOURCE.render(examples[i], 'cd', 30, size));
    const floors = [0, 1, 2].map((i) => BALLS_VIDEO_SOURCE.background!(examples[i], size));
    const paintsFloor = floorTestOf(framesToFloat(floors), targets, floors);
    expect(paintsFloor.objectPixels).toBeGreaterThan(0);
    expect(paintsFloor.objectMseToFloor).toBeLessThan(1e-12);
    expect(paintsFloor.nearerTarget).toBe(0);
    expect(paintsFloor.modelLoss).toBeCloseTo(paintsFloor.floorOnlyLoss, 4);
    expect(paintsFloor.floorOnlyLoss).toBeGreaterThan(0);
    const drawsBalls = floorTestOf(framesToFloat(targets), targets, floors);
    expect(drawsBalls.objectMseToTarget).toBeLessThan(1e-12);
    expect(drawsBalls.nearerTarget).toBe(1);
    expect(drawsBalls.modelLoss).toBeLessThan(1e-9);
    expect(drawsBalls.summary).toMatch(/100% nearer the target/);
    // on a model: finite figures, no tensor left behind
    const model = DerenderModel.create(TINY_CONFIG, 1);
    const before = tf.memory().numTensors;
    const r = floorTest(model, examples, BALLS_VIDEO_SOURCE, 4)!;
    expect(r.pairs).toBe(4);
    expect(Number.isFinite(r.modelLoss) && Number.isFinite(r.objectMseToTarget)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
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
