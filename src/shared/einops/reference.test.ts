/**
 * Differential test against the reference Python einops: reference/reference-cases.json holds
 * inputs, patterns and what einops 0.9.0dev + numpy did with them (shape, dtype, values, or the
 * exception class), produced by reference/gen_cases.py. Every case must agree: same outputs, and an
 * EinopsError exactly where the reference raised anything.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { EinopsError, einsum, pack, parseShape, rearrange, reduce, repeat, unpack } from './index';

interface Encoded {
  shape: number[];
  dtype: 'float' | 'int' | 'bool';
  values: (number | boolean | null)[];
}
interface Case {
  op: string;
  inputs: { shape: number[]; dtype: 'float32' | 'int32' | 'bool' }[];
  pattern: string;
  list: boolean;
  lengths: Record<string, number>;
  reduction?: string;
  ps?: number[][];
  expect: { ok: true; outputs?: Encoded[]; ps?: number[][]; dict?: [string, number][] } | { ok: false; kind: string; message: string };
}

const data = JSON.parse(readFileSync(new URL('./reference/reference-cases.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

/** Same deterministic values as gen_cases.py's make(). */
function make(shape: number[], dtype: 'float32' | 'int32' | 'bool'): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = Array.from({ length: n }, (_, i) => i);
  if (dtype === 'float32') return tf.tensor(idx.map((a) => (((a * 37) % 23) - 11) * 0.25), shape, 'float32');
  if (dtype === 'int32') return tf.tensor(idx.map((a) => ((a * 7) % 11) - 5), shape, 'int32');
  return tf.tensor(idx.map((a) => (a * 5) % 3 === 0), shape, 'bool');
}

function run(c: Case, xs: tf.Tensor[]): { outputs: tf.Tensor[]; ps?: number[][]; dict?: Record<string, number> } {
  const lengths = Object.keys(c.lengths).length > 0 ? c.lengths : undefined;
  const x = c.list ? xs : xs[0];
  switch (c.op) {
    case 'rearrange':
      return { outputs: [rearrange(x, c.pattern, lengths)] };
    case 'repeat':
      return { outputs: [repeat(x, c.pattern, lengths)] };
    case 'reduce':
      return { outputs: [reduce(x, c.pattern, c.reduction as 'sum', lengths)] };
    case 'einsum':
      return { outputs: [einsum(...xs, c.pattern)] };
    case 'pack': {
      const [p, ps] = pack(xs, c.pattern);
      return { outputs: [p], ps };
    }
    case 'unpack':
      return { outputs: unpack(xs[0], c.ps!, c.pattern) };
    case 'parse_shape':
      return { outputs: [], dict: parseShape(xs[0], c.pattern) };
  }
  throw new Error(`unknown op ${c.op}`);
}

function label(c: Case): string {
  const shapes = c.inputs.map((i) => `(${i.shape.join(',')})${i.dtype[0]}`).join(' ');
  return `${c.op} ${JSON.stringify(c.pattern)} ${shapes}${c.reduction ? ` ${c.reduction}` : ''} ${JSON.stringify(c.lengths)}${c.ps ? ` ps=${JSON.stringify(c.ps)}` : ''}`;
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('agrees with the reference Python einops', () => {
  it(`has a few hundred cases (${data.cases.length})`, () => {
    expect(data.cases.length).toBeGreaterThan(500);
    expect(data.cases.filter((c) => !c.expect.ok).length).toBeGreaterThan(150);
  });

  it.each(data.cases.map((c, i) => [i, label(c), c] as const))('#%i %s', (_i, _label, c) => {
    const before = tf.memory().numTensors;
    const xs = c.inputs.map((inp) => make(inp.shape, inp.dtype));
    let got: ReturnType<typeof run> | null = null;
    let error: unknown = null;
    try {
      got = run(c, xs);
    } catch (e) {
      error = e;
    }
    try {
      if (!c.expect.ok) {
        expect(error, `reference raised ${c.expect.kind}: ${c.expect.message}`).toBeInstanceOf(EinopsError);
        // and the Python class the reference raised is recorded on the error
        expect((error as EinopsError).kind, (error as Error).message).toBe(c.expect.kind);
        return;
      }
      if (error) throw error;
      const exp = c.expect;
      if (exp.dict) {
        expect(Object.entries(got!.dict!)).toEqual(exp.dict);
        return;
      }
      if (exp.ps) expect(got!.ps).toEqual(exp.ps);
      expect(got!.outputs.length).toBe(exp.outputs!.length);
      got!.outputs.forEach((t, k) => {
        const e = exp.outputs![k];
        expect(t.shape).toEqual(e.shape);
        expect(t.dtype === 'bool' ? 'bool' : t.dtype === 'int32' ? 'int' : 'float').toBe(e.dtype);
        const values = Array.from(t.dataSync() as ArrayLike<number>);
        expect(values.length).toBe(e.values.length);
        values.forEach((v, j) => {
          const want = e.values[j];
          if (want === null) expect(Number.isFinite(v)).toBe(false);
          else if (typeof want === 'boolean') expect(Boolean(v)).toBe(want);
          else expect(Math.abs(v - want)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(want)));
        });
      });
    } finally {
      const outs = got ? got.outputs : [];
      for (const t of outs) if (!xs.includes(t)) t.dispose();
      for (const t of xs) t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
