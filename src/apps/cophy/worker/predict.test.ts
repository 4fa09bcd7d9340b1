/**
 * The worker's `predict` in Node, on weights made here (random de-rendering and CoDy parameters at
 * micro sizes, packed as the trainers pack them and served by an in-memory WeightReader): the order
 * of the messages (keypoints before frames), their shapes, finite scores, the missing-weights answer,
 * and no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { initialCodyParams, packCodyWeights, type CodyConfig } from '../core/cody';
import { initialBnStats, initialParams, packWeights, stdForMap, type DerenderConfig } from '../core/derendering';
import { CODY_TRAIN_COMMAND, DERENDER_TRAIN_COMMAND, type WeightReader } from '../core/shippedModel';
import type { CounterfactualModel } from '../core/counterfactualModel';
import { ballsVideos, CONFOUNDER_CACHE_SIZE, fetchWeightReader, loadPredictionModel, MissingWeightsError, predictD, type ConfounderCache } from './predict';
import type { Intervention, PredictProgress } from './protocol';
import { CophySession } from './session';
import { initPhysics } from '../core3d/physics';
import { renderFrame3d } from '../core3d/raycast';
import { framesToFloat } from '../core/derendering';
import { videos3d } from './predict3d';
import { Cophy3dSession } from './session3d';
import { evaluateExample } from '../core/evaluate';
import { evaluation3d } from '../core3d/evaluation3d';
import type { Intervention3d } from './intervention3d';

const SIZE = 16;
const DERENDER: DerenderConfig = {
  imageSize: SIZE,
  keypoints: 2,
  coefficients: 4,
  encoder: [2, 2, 4, 4, 4],
  featureChannels: 2,
  poseChannels: 4,
  mlpHidden: [8, 8],
  decoder: [4, 4, 4, 4, 2, 2, 2],
  std: stdForMap(4),
  outerKernel: 3,
};
const CODY: CodyConfig = { keypoints: 2, stateSize: 14, confounderSize: 4, gnHidden: 8, gnLayers: 1, embSize: 8, liftSize: 8, codecHidden: 8 };
const STRIDE = 10;

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const bytes = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function weightFiles(): Record<string, Uint8Array> {
  return {
    'derender.bin': bytes(packWeights(DERENDER, initialParams(DERENDER, 1), initialBnStats(DERENDER))),
    'derender.manifest.json': json({ config: DERENDER }),
    'cody.bin': bytes(packCodyWeights(CODY, initialCodyParams(CODY, 2))),
    'cody.manifest.json': json({ config: CODY, keypoints: { stride: STRIDE } }),
  };
}

function reader(files: Record<string, Uint8Array>): WeightReader {
  return async (name) => files[name] ?? null;
}

beforeAll(async () => {
  await initNodeBackend('cpu');
  await initPhysics();
});

describe('the worker’s prediction of D', () => {
  const session = CophySession.create(1, 0);
  const e = session.example;

  it('streams the keypoints, the frame under the scrubber, then the simulated D’s keypoints and the baselines, then every other frame once, with finite scores, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    let began = false;
    const model = await loadPredictionModel(reader(weightFiles()), async () => {
      began = true;
    });
    expect(began).toBe(true);
    expect(model.timeStride).toBe(STRIDE);
    const intervention = { kind: 'remove', ball: 0 } as const;
    const { cd, colors } = session.counterfactual(intervention);
    const messages: PredictProgress[] = [];
    const transferred: ArrayBufferLike[][] = [];
    const { frames } = await predictD(
      model,
      { intervention, ...ballsVideos(e.ab, e.colors, cd, colors, e.floor), frame: 75 },
      { onProgress: (p, list) => (messages.push(p), transferred.push(list)), batch: 4, chunk: 8 },
    );
    const T = Math.ceil(150 / STRIDE);
    expect(frames).toBe(T);
    expect(messages.map((m) => m.kind).slice(0, 3)).toEqual(['keypoints', 'frames', 'reference']);
    const kp = messages[0] as Extract<PredictProgress, { kind: 'keypoints' }>;
    expect(kp.times).toEqual(Array.from({ length: T }, (_, i) => i * STRIDE));
    expect([kp.keypoints, kp.size, kp.positions.length, kp.gates.length]).toEqual([2, SIZE, T * 2 * 2, T * 2]);
    for (const v of kp.positions) expect(Math.abs(v)).toBeLessThanOrEqual(1.5);
    const ref = messages[2] as Extract<PredictProgress, { kind: 'reference' }>;
    expect(ref.positions.length).toBe(T * 2 * 2);
    for (const curve of [ref.copyB.psnr, ref.copyB.lpsnr, ref.copyC.psnr, ref.copyC.lpsnr]) {
      expect(curve.length).toBe(T);
      expect(Array.from(curve).every(Number.isFinite)).toBe(true);
    }
    // Copy-C's first frame is C itself: a perfect frame (PSNR capped by the +1e-4 offset only)
    expect(ref.copyC.psnr[0]).toBeGreaterThan(60);
    const batches = messages.filter((m) => m.kind !== 'keypoints' && m.kind !== 'reference') as Extract<PredictProgress, { kind: 'frames' }>[];
    expect(batches.length).toBe(messages.length - 2);
    expect(batches.every((b) => b.kind === 'frames')).toBe(true);
    // frame 75 → time index 7: decoded first, alone; then its batch (from 4) without it, then the others
    expect(T).toBe(15);
    expect(batches.map((b) => [b.from, b.count])).toEqual([[7, 1], [4, 3], [8, 4], [12, 3], [0, 4]]);
    const covered = batches.flatMap((b) => Array.from({ length: b.count }, (_, i) => b.from + i)).sort((a, b) => a - b);
    expect(covered).toEqual(Array.from({ length: T }, (_, i) => i));
    for (const b of batches) {
      expect(b.rgba.length).toBe(b.count * SIZE * SIZE * 4);
      expect(b.psnr.length).toBe(b.count);
      expect(Array.from(b.psnr).every(Number.isFinite)).toBe(true);
      expect(Array.from(b.lpsnr).every(Number.isFinite)).toBe(true);
    }
    // every buffer named for transfer is a distinct buffer of its own message
    for (const list of transferred) expect(new Set(list).size).toBe(list.length);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between chunks when cancelled', async () => {
    const before = tf.memory().numTensors;
    const model = await loadPredictionModel(reader(weightFiles()));
    const { cd, colors } = session.counterfactual({ kind: 'dataset' });
    const kinds: string[] = [];
    const run = predictD(
      model,
      { intervention: { kind: 'dataset' }, ...ballsVideos(e.ab, e.colors, cd, colors, e.floor) },
      { onProgress: (p) => kinds.push(p.kind), cancelled: () => kinds.length > 0 },
    );
    await expect(run).rejects.toThrow(/cancelled/);
    expect(kinds).toEqual(['keypoints']);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('remembers AB\'s confounder code per abKey: an edit of C encodes only C and D, and gives the keypoints a fresh run gives', async () => {
    const before = tf.memory().numTensors;
    const model = await loadPredictionModel(reader(weightFiles()));
    let extracted = 0;
    const counting: CounterfactualModel = Object.assign(Object.create(model) as CounterfactualModel, {
      extract: (frames: Float32Array, count: number) => ((extracted += count), model.extract(frames, count)),
    });
    const T = Math.ceil(150 / STRIDE);
    const confounders: ConfounderCache = new Map();
    const keypointsFor = async (intervention: Intervention, cache?: ConfounderCache, abKey?: string) => {
      const { cd, colors } = session.counterfactual(intervention);
      let kp: Float32Array | null = null;
      extracted = 0;
      await predictD(counting, { intervention, ...ballsVideos(e.ab, e.colors, cd, colors, e.floor), abKey }, {
        onProgress: (p) => {
          if (p.kind === 'keypoints') kp = p.positions;
        },
        confounders: cache,
      });
      return { kp: Array.from(kp!), extracted };
    };
    const first = await keypointsFor({ kind: 'remove', ball: 0 }, confounders, '1/0');
    expect(first.extracted).toBe(T + 1 + T); // AB, C, then D
    const edit = { kind: 'remove', ball: 1 } as const;
    const cachedRun = await keypointsFor(edit, confounders, '1/0');
    expect(cachedRun.extracted).toBe(1 + T); // C and D only
    const fresh = await keypointsFor(edit);
    expect(fresh.extracted).toBe(T + 1 + T);
    expect(cachedRun.kp).toEqual(fresh.kp);
    // bounded: the oldest AB is forgotten
    for (const key of ['1/1', '1/2', '1/3']) await keypointsFor(edit, confounders, key);
    expect([...confounders.keys()]).toEqual(['1/2', '1/3'].slice(-CONFOUNDER_CACHE_SIZE));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('without weights: a MissingWeightsError naming the training commands, no backend started, no tensor made', async () => {
    const before = tf.memory().numTensors;
    let began = false;
    const start = async () => {
      began = true;
    };
    const none = await loadPredictionModel(reader({}), start).catch((err: unknown) => err);
    expect(none).toBeInstanceOf(MissingWeightsError);
    expect((none as Error).message).toContain(DERENDER_TRAIN_COMMAND);
    expect(began).toBe(false);
    const { ['cody.bin']: _, ...noCody } = weightFiles();
    const err = await loadPredictionModel(reader(noCody), start).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(MissingWeightsError);
    expect((err as Error).message).toContain(CODY_TRAIN_COMMAND);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads a 404 or an HTML page as a missing file, and names any other HTTP failure', async () => {
    const fake = (status: number, type: string) => (async () => new Response(status === 200 ? 'x' : null, { status, headers: { 'content-type': type } })) as typeof fetch;
    const urls = { 'cody.bin': 'http://x/assets/cody-abc123.bin' };
    expect(await fetchWeightReader(urls, fake(404, 'text/plain'))('cody.bin')).toBeNull();
    // a file the build does not ship is missing without a request (the fake would answer it)
    let asked = 0;
    const counting: typeof fetch = (...a) => ((asked++, fake(200, 'application/octet-stream'))(...a));
    expect(await fetchWeightReader({ 'derender.bin': 'http://x/d.bin' }, counting)('cody.bin')).toBeNull();
    expect(await fetchWeightReader({}, counting)('toString')).toBeNull();
    expect(asked).toBe(0);
    expect(await fetchWeightReader(urls, counting)('cody.bin')).not.toBeNull();
    expect(asked).toBe(1);
    expect(await fetchWeightReader(urls, fake(200, 'text/html; charset=utf-8'))('cody.bin')).toBeNull();
    expect(Array.from((await fetchWeightReader(urls, fake(200, 'application/octet-stream'))('cody.bin'))!)).toEqual([120]);
    await expect(fetchWeightReader(urls, fake(500, 'text/plain'))('cody.bin')).rejects.toThrow('http://x/assets/cody-abc123.bin: HTTP 500');
    const err = await loadPredictionModel(fetchWeightReader(urls, fake(404, 'text/plain'))).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(MissingWeightsError);
  });
});

describe('the worker’s prediction of D in a 3-D scenario', () => {
  it('draws AB and the user’s CD with the ray-caster at the model’s size, and streams the same messages as BallsCF', async () => {
    const session = Cophy3dSession.create('collision', 1, 0);
    const e = session.example;
    const intervention: Intervention3d = { kind: 'dataset' };
    const { cd, kinds, colors } = session.counterfactual(intervention);
    const videos = videos3d(e, cd, kinds, colors);
    expect(videos.cdFrames).toBe(75);
    // the frames are the training frames (core3d/videoSource3d.ts draws them with the same call)
    expect(Array.from(videos.render('ab', [3], SIZE))).toEqual(Array.from(framesToFloat([renderFrame3d(e.ab, 3, e.a.kinds, e.colors, e.floor, { size: SIZE })])));
    expect(Array.from(videos.render('cd', [0], SIZE))).toEqual(Array.from(framesToFloat([renderFrame3d(cd, 0, kinds, colors, e.floor, { size: SIZE })])));
    const before = tf.memory().numTensors;
    const model = await loadPredictionModel(reader(weightFiles()));
    const messages: PredictProgress<Intervention3d>[] = [];
    const { frames } = await predictD(model, { intervention, ...videos }, { onProgress: (p) => messages.push(p), batch: 4 });
    expect(frames).toBe(Math.ceil(75 / STRIDE));
    expect(messages.map((m) => m.kind).slice(0, 3)).toEqual(['keypoints', 'frames', 'reference']);
    expect((messages[0] as Extract<PredictProgress<Intervention3d>, { kind: 'keypoints' }>).intervention).toEqual(intervention);
    const decoded = messages.filter((m) => m.kind === 'frames').reduce((n, m) => n + (m as Extract<PredictProgress, { kind: 'frames' }>).count, 0);
    expect(decoded).toBe(frames);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('scores each frame as the experiment does: the 3-D floors for the L-PSNR mask, the same PSNR and L-PSNR for ours, Copy-B and Copy-C', async () => {
    const session = Cophy3dSession.create('collision', 1, 0);
    const e = session.example;
    const intervention: Intervention3d = { kind: 'dataset' };
    const { cd, kinds, colors } = session.counterfactual(intervention);
    const model = await loadPredictionModel(reader(weightFiles()));
    const messages: PredictProgress<Intervention3d>[] = [];
    await predictD(model, { intervention, ...videos3d(e, cd, kinds, colors), frame: 30 }, { onProgress: (p) => messages.push(p), batch: 4 });
    const expected = evaluateExample(model, e, 0, { ablations: false }, evaluation3d());
    const T = expected.times.length;
    const ours = { psnr: new Array<number>(T).fill(NaN), lpsnr: new Array<number>(T).fill(NaN) };
    for (const m of messages) {
      if (m.kind !== 'frames') continue;
      for (let i = 0; i < m.count; i++) {
        ours.psnr[m.from + i] = m.psnr[i];
        ours.lpsnr[m.from + i] = m.lpsnr[i];
      }
    }
    const ref = messages.find((m) => m.kind === 'reference') as Extract<PredictProgress, { kind: 'reference' }>;
    const close = (a: ArrayLike<number>, b: readonly number[]) => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));
    close(ours.psnr, expected.psnrCurve.ours);
    close(ours.lpsnr, expected.lpsnrCurve.ours);
    close(ref.copyB.lpsnr, expected.lpsnrCurve.copyB);
    close(ref.copyC.lpsnr, expected.lpsnrCurve.copyC);
    // the mask is the floor's, not everything: L-PSNR differs from PSNR once objects are masked in
    expect(Array.from(ref.copyB.lpsnr).some((v, i) => Math.abs(v - ref.copyB.psnr[i]) > 1)).toBe(true);
    model.dispose();
  });
});
