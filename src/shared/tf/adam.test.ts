import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, gradsByParamName, type AdamState } from './adam';
import { initNodeBackend } from './node';
import { expectNoLeak } from './testing';

beforeAll(() => initNodeBackend('wasm'));

const f = Math.fround;

/** The update of adam.ts in plain float32 arithmetic (each tfjs op rounds to float32; scalars are float32 too). */
function byHand(p: number[], m: number[], v: number[], g64: number[], k: number, lr: number, b1: number, b2: number, eps: number) {
  const g = g64.map(f);
  const bc1 = 1 - b1 ** k;
  const bc2 = 1 - b2 ** k;
  const stepSize = f(lr / bc1);
  const sqrtBc2 = f(Math.sqrt(bc2));
  return p.map((pi, i) => {
    const mi = f(f(m[i] * f(b1)) + f(g[i] * f(1 - b1)));
    const vi = f(f(v[i] * f(b2)) + f(f(g[i] * g[i]) * f(1 - b2)));
    const denom = f(f(f(Math.sqrt(vi)) / sqrtBc2) + f(eps));
    m[i] = mi;
    v[i] = vi;
    return f(pi - f(f(mi / denom) * stepSize));
  });
}

/** A deterministic gradient that depends on the parameter, so a wrong resume shows: g = p² − 0.3. */
const gradOf = (p: tf.Variable) => tf.tidy(() => tf.sub(tf.square(p), 0.3));

describe('Adam (torch.optim.Adam, state in plain data)', () => {
  it('takes the formula’s steps, to the bit, and leaves a parameter without a gradient alone', async () => {
    await expectNoLeak(() => {
      const w = tf.tidy(() => tf.variable(tf.tensor1d([0.5, -1.25, 2, 0]), true, 'adam-test/w'));
      const b = tf.tidy(() => tf.variable(tf.tensor1d([0.75]), true, 'adam-test/b'));
      const lr = 0.01;
      const adam = new Adam({ w, b }, lr, 0.9, 0.999, 1e-8);
      let p = [0.5, -1.25, 2, 0];
      const m = [0, 0, 0, 0];
      const v = [0, 0, 0, 0];
      for (const g of [
        [0.1, -2, 3e-4, 0],
        [-0.5, 1, 7, 1e-3],
      ]) {
        const gt = tf.tensor1d(g);
        adam.apply({ w: gt });
        gt.dispose();
        p = byHand(p, m, v, g, adam.steps, lr, 0.9, 0.999, 1e-8);
        expect(Array.from(w.dataSync())).toEqual(p.map(f));
      }
      const s = adam.state();
      expect(s.k).toBe(2);
      expect(s.m.w).toEqual(m);
      expect(s.v.w).toEqual(v);
      expect(s.m.b).toEqual([0]);
      expect(Array.from(b.dataSync())).toEqual([0.75]);
      expect(() => adam.apply({ nope: w })).toThrow(/no parameter named nope/);
      adam.dispose();
      w.dispose();
      b.dispose();
    });
  });

  it('resumes exactly: 6 steps straight equal 3 steps, state through JSON, a fresh Adam, 3 more (bitwise); nothing leaks', async () => {
    const init = [0.3, -0.7, 1.1, 0.05, -2];
    const run = (steps: number, from?: { p: number[]; state: AdamState }) => {
      const p = tf.tidy(() => tf.variable(tf.tensor1d(from?.p ?? init), true));
      const adam = new Adam({ p }, 3e-3, 0.5, 0.9, 1e-8);
      if (from) adam.restore(from.state);
      for (let i = 0; i < steps; i++) {
        const g = gradOf(p);
        adam.apply({ p: g });
        g.dispose();
      }
      const out = { p: Array.from(p.dataSync()), state: adam.state() };
      adam.dispose();
      p.dispose();
      return out;
    };
    await expectNoLeak(() => {
      const straight = run(6);
      const half = run(3);
      const resumed = run(3, { p: half.p, state: JSON.parse(JSON.stringify(half.state)) as AdamState });
      expect(resumed.state.k).toBe(6);
      expect(resumed.p).toEqual(straight.p);
      expect(resumed.state).toEqual(straight.state);
      expect(straight.p).not.toEqual(init);
    });
  });

  it('refuses a state with a missing or mis-sized moment, changing nothing', async () => {
    await expectNoLeak(() => {
      const p = tf.tidy(() => tf.variable(tf.tensor1d([1, 2]), true));
      const adam = new Adam({ p }, 0.1);
      expect(() => adam.restore({ k: 3, m: { p: [1, 2] }, v: {} })).toThrow(/v\.p has 0 values, expected 2/);
      expect(() => adam.restore({ k: 3, m: { p: [1] }, v: { p: [1, 2] } })).toThrow(/m\.p has 1 values, expected 2/);
      expect(adam.state()).toEqual({ k: 0, m: { p: [0, 0] }, v: { p: [0, 0] } });
      adam.dispose();
      p.dispose();
    });
  });

  it('gradsByParamName re-keys tf.variableGrads by our names and drops foreign variables', async () => {
    await expectNoLeak(() => {
      const a = tf.tidy(() => tf.variable(tf.scalar(2), true, 'adam-test/var-a'));
      const other = tf.tidy(() => tf.variable(tf.scalar(3), true, 'adam-test/var-other'));
      const { value, grads } = tf.variableGrads(() => tf.mul(a, other) as tf.Scalar, [a, other]);
      const byName = gradsByParamName(grads, { alpha: a });
      expect(Object.keys(byName)).toEqual(['alpha']);
      expect(byName.alpha.dataSync()[0]).toBe(3);
      tf.dispose([value, ...Object.values(grads)]);
      a.dispose();
      other.dispose();
    });
  });
});
