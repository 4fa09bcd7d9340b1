/**
 * Browser side of webgl.test.ts: runs stress patterns (ranks above WebGL's 6) on tfjs webgl and on
 * cpu in the same page and reports whether they agree. Bundled by the test with Vite.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { rearrange, reduce, repeat, einsum } from '../index';

const names = 'a b c d e f g h i j'.split(' ');
type Case = [string, number[], (x: tf.Tensor) => tf.Tensor];
const cases: Case[] = [
  ['10-D reversal', Array(10).fill(2), (x) => rearrange(x, `${names.join(' ')} -> ${[...names].reverse().join(' ')}`)],
  ['10-D shuffle', [2, 1, 2, 3, 2, 1, 2, 2, 3, 2], (x) => rearrange(x, 'a b c d e f g h i j -> d i a g b j e c h f')],
  ['8-D alternating reduce', [2, 3, 2, 3, 2, 3, 2, 3], (x) => reduce(x, 'a b c d e f g h -> g e c a', 'sum')],
  ['8-D reduce max', [2, 3, 2, 3, 2, 3, 2, 3], (x) => reduce(x, 'a b c d e f g h -> h f d b', 'max')],
  ['repeat 9 segments', [2, 3, 2, 2], (x) => repeat(x, 'a b c d -> p a q b r c s d t', { p: 2, q: 2, r: 2, s: 2, t: 2 })],
  ['space-to-depth', [2, 8, 8, 3], (x) => rearrange(x, 'b (h h1) (w w1) c -> b h w (c h1 w1)', { h1: 2, w1: 2 })],
  ['einsum trace+ellipsis', [2, 3, 3], (x) => einsum(x, x, '... i i, ... j j -> ...')],
  ['any on fractions', [4, 5], (x) => reduce(tf.sub(x, 0.5), 'a b -> b', 'any')],
];
(window as unknown as { run: () => Promise<unknown> }).run = async () => {
  const out: unknown[] = [];
  for (const [name, shape, f] of cases) {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = Array.from({ length: n }, (_, i) => ((i * 37) % 23) / 4);
    const results: number[][] = [];
    for (const be of ['webgl', 'cpu']) {
      await tf.setBackend(be);
      try {
        const y = tf.tidy(() => f(tf.tensor(data, shape)));
        results.push(Array.from(await y.data()));
        y.dispose();
      } catch (e) {
        results.push([NaN]);
        out.push({ name, backend: be, error: String(e) });
      }
    }
    const same = results[0].length === results[1].length && results[0].every((v, i) => Math.abs(v - results[1][i]) < 1e-3);
    out.push({ name, same, n: results[0].length });
  }
  await tf.setBackend('webgl');
  const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  out.push({ renderer: dbg ? gl.getParameter(dbg.UNMASKED_RENDERER_WEBGL) : 'unknown', version: tf.env().get('WEBGL_VERSION') });
  return out;
};
