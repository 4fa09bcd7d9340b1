import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { expectNoLeak } from '../../../shared/tf/testing';
import { createRng } from '../../../shared/random';
import {
  CodyRollout,
  DEFAULT_CODY_CONFIG,
  codyForwardTf,
  codyLossTf,
  codyParamCount,
  codyParamSpecs,
  confounder,
  confounderTfOf,
  timeMajor,
  lossTarget,
  initialCodyParams,
  packCodyWeights,
  rolloutPlain,
  unpackCodyWeights,
  type CodyConfig,
} from './cody';

function randomStates(seed: number, frames: number, k: number, s: number): Float32Array {
  const r = createRng(seed);
  return Float32Array.from({ length: frames * k * s }, () => r.uniform(-1, 1));
}

/** The parameters as tensors (call inside tf.tidy). */
const tensors = (p: Record<string, Float32Array>, c: CodyConfig) => Object.fromEntries(codyParamSpecs(c).map((s) => [s.name, tf.tensor(p[s.name], [...s.shape])]));

describe('CoDy', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it('the plain-TypeScript rollout and confounder match the tfjs forward within 1e-4 over 149 steps', async () => {
    const c = DEFAULT_CODY_CONFIG;
    const params = initialCodyParams(c, 7);
    const k = c.keypoints;
    const s = c.stateSize;
    const frames = 150;
    const ab = randomStates(1, frames, k, s);
    const cState = randomStates(2, 1, k, s);
    const plain = rolloutPlain(c, params, { ab, abFrames: frames, c: cState, horizon: frames - 1 });
    const uPlain = confounder(c, params, ab, frames);
    const [pred, u] = await expectNoLeak(() =>
      tf.tidy(() => {
        const p = tensors(params, c);
        const out = codyForwardTf(c, p, tf.tensor4d(timeMajor(ab, 1, frames, k, s), [frames, 1, k, s]), tf.tensor3d(cState, [1, k, s]), frames - 1);
        return [out.prediction.dataSync() as Float32Array, out.confounder.dataSync() as Float32Array];
      }),
    );
    expect(plain.length).toBe(pred.length);
    let worst = 0;
    for (let i = 0; i < pred.length; i++) worst = Math.max(worst, Math.abs(pred[i] - plain[i]));
    let worstU = 0;
    for (let i = 0; i < u.length; i++) worstU = Math.max(worstU, Math.abs(u[i] - uPlain[i]));
    expect(worst).toBeLessThan(1e-4);
    expect(worstU).toBeLessThan(1e-4);
    // the rollout moves (not a constant), so the comparison means something
    expect(Math.abs(plain[plain.length - 1] - plain[s * k])).toBeGreaterThan(1e-3);
  });

  it('a given u replaces the inferred one; zero u changes the prediction', () => {
    const c = DEFAULT_CODY_CONFIG;
    const params = initialCodyParams(c, 3);
    const ab = randomStates(4, 20, c.keypoints, c.stateSize);
    const cState = randomStates(5, 1, c.keypoints, c.stateSize);
    const u = confounder(c, params, ab, 20);
    const a = rolloutPlain(c, params, { c: cState, horizon: 10, u });
    const b = rolloutPlain(c, params, { ab, abFrames: 20, c: cState, horizon: 10 });
    expect(Array.from(a)).toEqual(Array.from(b));
    const zero = rolloutPlain(c, params, { c: cState, horizon: 10, u: new Float32Array(u.length) });
    expect(Array.from(zero)).not.toEqual(Array.from(a));
    const roll = new CodyRollout(c, params, cState, u);
    roll.step();
    expect(roll.frames).toBe(1);
  });

  it('the loss is finite, has gradients for every parameter and leaks nothing; weights pack and unpack', async () => {
    const c: CodyConfig = { ...DEFAULT_CODY_CONFIG, gnHidden: 8, embSize: 8, liftSize: 8, codecHidden: 8, confounderSize: 4 };
    const params = initialCodyParams(c, 1);
    const back = unpackCodyWeights(c, packCodyWeights(c, params));
    expect(Object.keys(back)).toEqual(Object.keys(params));
    expect(packCodyWeights(c, back).length).toBe(codyParamCount(c));
    await expectNoLeak(() => {
      const vars = tf.tidy(() => Object.fromEntries(Object.entries(tensors(params, c)).map(([k, t]) => [k, tf.variable(t, true, `cody-test-${k}`)])));
      const abData = randomStates(1, 6, c.keypoints, c.stateSize);
      const cdData = randomStates(2, 6, c.keypoints, c.stateSize);
      const tm = (d: Float32Array) => tf.tensor4d(timeMajor(d, 2, 3, c.keypoints, c.stateSize), [3, 2, c.keypoints, c.stateSize]);
      const target = tf.tensor4d(lossTarget(cdData, 2, 3, c.keypoints, c.stateSize), [3, 4, c.keypoints, c.stateSize]);
      const { value, grads } = tf.variableGrads(() =>
        codyLossTf(c, vars, tm(abData), tm(cdData), target)[0],
      );
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      expect(Object.keys(grads).length).toBe(Object.keys(params).length);
      const u = tf.tidy(() => confounderTfOf(c, vars, tm(abData)).shape);
      expect(u).toEqual([2, c.keypoints, c.confounderSize]);
      tf.dispose([value, target, ...Object.values(grads), ...Object.values(vars)]);
    });
  });
});
