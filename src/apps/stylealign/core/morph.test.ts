import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { Generator, sampleLatents, TINY_GENERATOR_CONFIG } from './generator';
import { isSynthesisParam, lerpArray, Morpher, wPlusOf } from './morph';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const C = TINY_GENERATOR_CONFIG;
const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('morph (MergeFace.py)', () => {
  it('renders the parent at t = 0 and the child at t = 1, interpolates only the synthesis weights, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const parent = new Generator(C, Generator.initial(C, 1));
    const child = new Generator(C, Generator.initial(C, 2));
    const z = sampleLatents(3, 'morph', 2, C.zDim);
    const wp = wPlusOf(parent, z, 2);
    const wc = wPlusOf(child, z, 2);
    expect(wp.length).toBe(2 * parent.numWs * C.wDim);
    const m = new Morpher(parent, child);
    const p0 = m.render(wp, wc, 0, 2);
    const c1 = m.render(wp, wc, 1, 2);
    const direct = (g: Generator, w: Float32Array) => tf.tidy(() => g.synthesis(tf.tensor3d(w, [2, g.numWs, C.wDim])).dataSync() as Float32Array);
    expect(maxAbsDiff(p0, direct(parent, wp))).toBeLessThan(1e-5);
    expect(maxAbsDiff(c1, direct(child, wc))).toBeLessThan(1e-5);
    // the two ends differ, so the checks above can fail
    expect(maxAbsDiff(p0, c1)).toBeGreaterThan(1e-2);
    // halfway: synthesis weights are the mean; the mapping stays the parent's (never interpolated)
    const half = m.synthesisValuesAt(0.5);
    const pv = parent.values();
    const cv = child.values();
    for (const name of Object.keys(pv)) {
      if (isSynthesisParam(name)) expect(maxAbsDiff(half[name], lerpArray(pv[name], cv[name], 0.5))).toBeLessThan(1e-6);
      else expect(half[name]).toBeUndefined();
    }
    expect(maxAbsDiff(m.net.params['map.0.w'].dataSync() as Float32Array, pv['map.0.w'])).toBe(0);
    const mid = m.render(wp, wc, 0.5, 2);
    expect(maxAbsDiff(mid, p0)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(mid, c1)).toBeGreaterThan(1e-3);
    m.dispose();
    parent.dispose();
    child.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses generators of different architectures', () => {
    const a = new Generator(C, Generator.initial(C, 1));
    const other = { ...C, channels: [4, 4, 4] };
    const b = new Generator(other, Generator.initial(other, 1));
    expect(() => new Morpher(a, b)).toThrow(/architecture/);
    a.dispose();
    b.dispose();
  });
});
