/**
 * Port of the reference suite's ideas (written anew): equivalent patterns, ellipsis, permutation
 * stress, reductions against hand-computed values, repeat semantics, anonymous axes, list inputs,
 * any/all, every error condition of the reference with its message, tidy/grad, leaks, caching and explain().
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops'; // tensor methods (x.reshape(…)) used below
import '@tensorflow/tfjs-core/dist/register_all_gradients'; // for tf.grad below (tfjs-core alone has none)
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../random';
import {
  EinopsError,
  cacheSizes,
  einsum,
  explain,
  pack,
  parseShape,
  rearrange,
  reduce,
  repeat,
  toPythonCall,
  unpack,
} from './index';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const arange = (shape: number[], dtype: 'float32' | 'int32' = 'float32'): tf.Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Array.from({ length: n }, (_, i) => i), shape, dtype);
};
const vals = (t: tf.Tensor): number[] => Array.from(t.dataSync());

function check(got: tf.Tensor, want: tf.Tensor): void {
  expect(got.shape).toEqual(want.shape);
  expect(vals(got)).toEqual(vals(want));
}

/** Row-major permutation of a flat array, by index arithmetic (independent of tfjs). */
function permuteFlat(values: number[], shape: number[], perm: number[]): number[] {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const outShape = perm.map((p) => shape[p]);
  const out: number[] = [];
  const idx = outShape.map(() => 0);
  for (let k = 0; k < values.length; k++) {
    let src = 0;
    for (let j = 0; j < perm.length; j++) src += idx[j] * strides[perm[j]];
    out.push(values[src]);
    for (let j = outShape.length - 1; j >= 0; j--) {
      if (++idx[j] < outShape[j]) break;
      idx[j] = 0;
    }
  }
  return out;
}

describe('rearrange', () => {
  it('agrees with the equivalent reshape/transpose chains', () => {
    tf.tidy(() => {
      const x = arange([2, 3, 4, 5, 6]);
      check(rearrange(x, 'a b c d e -> a b c d e'), x);
      check(rearrange(x, 'a b c d e -> (a b) c d e'), x.reshape([6, 4, 5, 6]));
      check(rearrange(x, 'a b c d e -> a b (c d e)'), x.reshape([2, 3, 120]));
      check(rearrange(x, 'a b c d e -> e d c b a'), x.transpose([4, 3, 2, 1, 0]));
      check(rearrange(x, 'a b c d e -> (e d) c (b a)'), x.transpose([4, 3, 2, 1, 0]).reshape([30, 4, 6]));
      check(rearrange(x, 'a b c d e -> a e b c d'), x.transpose([0, 4, 1, 2, 3]));
      check(rearrange(x, 'a b c d e -> a b c d e 1'), x.reshape([2, 3, 4, 5, 6, 1]));
      check(rearrange(x, 'a b c d e -> 1 a b () c d e'), x.reshape([1, 2, 3, 1, 4, 5, 6]));
      check(rearrange(x, 'a b (c 1) d e -> (a 1 b) c d e'), x.reshape([6, 4, 5, 6]));
      check(rearrange(x.reshape([6, 4, 5, 6]), '(a b) c d e -> a b c d e', { a: 2 }), x);
    });
  });

  it('ellipsis behaves like the spelled-out axes', () => {
    tf.tidy(() => {
      const x = arange([2, 3, 4, 5]);
      check(rearrange(x, '... d -> d ...'), rearrange(x, 'a b c d -> d a b c'));
      check(rearrange(x, 'a ... -> ... a'), rearrange(x, 'a b c d -> b c d a'));
      check(rearrange(x, 'a b ... -> (a b) ...'), rearrange(x, 'a b c d -> (a b) c d'));
      check(rearrange(x, 'a ... d -> a (...) d'), rearrange(x, 'a b c d -> a (b c) d'));
      check(rearrange(x, 'a b c d ... -> (...) a b c d'), x.reshape([1, 2, 3, 4, 5]));
      check(rearrange(x, '... -> (...)'), x.reshape([120]));
    });
  });

  it('10-D permutation stress: every permutation is right and no kernel sees rank > 6', () => {
    const rng = createRng('einops-permutations');
    const shape = [2, 1, 2, 3, 2, 1, 2, 2, 3, 2];
    const names = 'a b c d e f g h i j'.split(' ');
    const x = arange(shape);
    const flat = vals(x);
    for (let trial = 0; trial < 40; trial++) {
      const perm = rng.shuffle(names.map((_, i) => i));
      const pattern = `${names.join(' ')} -> ${perm.map((p) => names[p]).join(' ')}`;
      const y = rearrange(x, pattern);
      expect(y.shape).toEqual(perm.map((p) => shape[p]));
      expect(vals(y)).toEqual(permuteFlat(flat, shape, perm));
      y.dispose();
      for (const step of explain('rearrange', shape, pattern).steps) {
        const m = /\[(.*)\]/.exec(step.detail);
        // kernels (transposes) stay at rank ≤ 6; reshapes are free views, and only the first and
        // last (to and from the 10-D tensors themselves) may exceed it
        if (step.op === 'transpose') expect(m![1].split(',').length).toBeLessThanOrEqual(6);
      }
      const reshapes = explain('rearrange', shape, pattern).steps.filter((s) => s.op === 'reshape').slice(1, -1);
      for (const s of reshapes) expect(/\[(.*)\]/.exec(s.detail)![1].split(',').length).toBeLessThanOrEqual(6);
    }
    // the worst case, a full reversal of ten axes of length 2
    const big = arange(Array(10).fill(2));
    const rev = rearrange(big, `${names.join(' ')} -> ${[...names].reverse().join(' ')}`);
    expect(vals(rev)).toEqual(permuteFlat(vals(big), Array(10).fill(2), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]));
    tf.dispose([x, big, rev]);
  });

  it('picks the leanest chain: plain transposes stay one op, splits/merges merge neighbours', () => {
    expect(explain('rearrange', [8, 32, 32, 3], 'b h w c -> b c h w').steps).toEqual([
      { op: 'transpose', detail: 'tf.transpose(x, [0, 3, 1, 2])' },
    ]);
    // (h w) stays one axis: the input needs no reshape and the output none either
    expect(explain('rearrange', [8, 1024, 3], 'b (h w) c -> b c (h w)', { axesLengths: { h: 32 } }).steps).toEqual([
      { op: 'transpose', detail: 'tf.transpose(x, [0, 2, 1])' },
    ]);
    // space-to-depth: [b, h, h1, w, w1, c] is 6-D in the reference; merged, (w1 c) moves as one axis
    expect(explain('rearrange', [2, 8, 8, 3], 'b (h h1) (w w1) c -> b h w (c h1 w1)', { axesLengths: { h1: 2, w1: 2 } }).steps.map((s) => s.op)).toEqual([
      'reshape',
      'transpose',
      'reshape',
    ]);
    expect(explain('rearrange', [2, 3], '(a) b -> a b').steps).toEqual([
      { op: 'identity', detail: expect.stringContaining('no tfjs op') },
    ]);
    expect(explain('rearrange', [6, 4], '(a b) c -> a b c', { axesLengths: { a: 2 } }).steps.map((s) => s.op)).toEqual(['reshape']);
  });

  it('stacks list inputs on a new first axis, including 0-d items', () => {
    tf.tidy(() => {
      const items = [arange([2, 3]), tf.add(arange([2, 3]), 10), tf.add(arange([2, 3]), 20)];
      check(rearrange(items, 'l a b -> a (l b)'), rearrange(tf.stack(items), 'l a b -> a (l b)'));
      const scalars = [tf.scalar(1), tf.scalar(2), tf.scalar(3)];
      check(rearrange(scalars, 'l -> l'), tf.tensor1d([1, 2, 3]));
    });
  });
});

describe('reduce', () => {
  const x = (): tf.Tensor => tf.tensor([[1, 2, 3], [4, 5, 6]]);

  it('matches hand-computed values, with kept axes in right-hand-side order', () => {
    tf.tidy(() => {
      expect(vals(reduce(x(), 'a b -> b', 'sum'))).toEqual([5, 7, 9]);
      expect(vals(reduce(x(), 'a b -> a', 'max'))).toEqual([3, 6]);
      expect(vals(reduce(x(), 'a b -> a', 'min'))).toEqual([1, 4]);
      expect(vals(reduce(x(), 'a b -> b', 'prod'))).toEqual([4, 10, 18]);
      expect(vals(reduce(x(), 'a b -> ', 'mean'))).toEqual([3.5]);
      expect(vals(reduce(x(), 'a b -> b a', 'sum'))).toEqual([1, 4, 2, 5, 3, 6]);
      expect(reduce(x(), 'a b -> a 1 1', 'sum').shape).toEqual([2, 1, 1]);
      expect(vals(reduce(x(), 'a b -> () a', 'sum'))).toEqual([6, 15]);
      // 2×2 max-pool of a 4×4 ramp, spelled with named and with anonymous axes
      const img = arange([4, 4]);
      expect(vals(reduce(img, '(h h2) (w w2) -> h w', 'max', { h2: 2, w2: 2 }))).toEqual([5, 7, 13, 15]);
      expect(vals(reduce(img, '(h 2) (w 2) -> h w', 'max'))).toEqual([5, 7, 13, 15]);
      expect(vals(reduce(img, '(h 2) (w 2) -> w h', 'sum'))).toEqual([10, 42, 18, 50]);
      // the kept order is the right side's, so this needs a transpose after reducing c
      const t = arange([2, 3, 4]);
      expect(vals(reduce(t, 'a b c -> b a', 'sum'))).toEqual([6, 54, 22, 70, 38, 86]);
    });
  });

  it('any/all treat nonzero as true (fractions too), on int and bool as well', () => {
    tf.tidy(() => {
      const f = tf.tensor([[0.25, 0], [0, 0]]);
      expect(vals(reduce(f, 'a b -> a', 'any'))).toEqual([1, 0]);
      expect(vals(reduce(f, 'a b -> b', 'all'))).toEqual([0, 0]);
      expect(reduce(f, 'a b -> a', 'any').dtype).toBe('bool');
      expect(vals(reduce(tf.tensor([[1, -3], [2, 0]], [2, 2], 'int32'), 'a b -> a', 'all'))).toEqual([1, 0]);
      expect(vals(reduce(tf.tensor([[true, false]], [1, 2], 'bool'), 'a b -> a', 'max'))).toEqual([1]);
    });
  });

  it('reduces more than six alternating blocks through a rank-2 reduction', () => {
    tf.tidy(() => {
      const x = arange([2, 3, 2, 3, 2, 3, 2, 3]);
      const got = reduce(x, 'a b c d e f g h -> g e c a', 'sum');
      const want = tf.transpose(tf.sum(x, [1, 3, 5, 7]), [3, 2, 1, 0]);
      check(got, want);
      for (const s of explain('reduce', x.shape, 'a b c d e f g h -> g e c a', { reduction: 'sum' }).steps.slice(1, -1)) {
        expect(/\[(.*)\]/.exec(s.detail)![1].split(',').length).toBeLessThanOrEqual(6);
      }
    });
  });

  it('accepts a callable reduction, handed the reference layout (reduced axes last)', () => {
    tf.tidy(() => {
      const seen: { shape: number[]; axes: number[] }[] = [];
      const logSumExp = (t: tf.Tensor, axes: number[]): tf.Tensor => {
        seen.push({ shape: t.shape, axes });
        return tf.logSumExp(t, axes);
      };
      const t = arange([2, 3, 4]);
      const got = reduce(t, 'a b c -> c a', logSumExp);
      expect(seen[0]).toEqual({ shape: [4, 2, 3], axes: [2] });
      const want = tf.logSumExp(t, 1).transpose();
      vals(got).forEach((v, i) => expect(v).toBeCloseTo(vals(want)[i], 4));
    });
  });

  it('mean on integers fails only when something is reduced', () => {
    const i = arange([2, 3], 'int32');
    expect(() => reduce(i, 'a b -> a', 'mean')).toThrow(/reduce_mean is not available for non-floating tensors/);
    const same = reduce(i, 'a b -> b a', 'mean');
    expect(vals(same)).toEqual([0, 3, 1, 4, 2, 5]);
    tf.dispose([i, same]);
  });
});

describe('repeat', () => {
  it('(h r) repeats each element in place, (r h) tiles the whole block', () => {
    tf.tidy(() => {
      const x = tf.tensor1d([1, 2, 3]);
      expect(vals(repeat(x, 'h -> (h r)', { r: 2 }))).toEqual([1, 1, 2, 2, 3, 3]);
      expect(vals(repeat(x, 'h -> (r h)', { r: 2 }))).toEqual([1, 2, 3, 1, 2, 3]);
      expect(vals(repeat(x, 'h -> h 2'))).toEqual([1, 1, 2, 2, 3, 3]);
      expect(vals(repeat(x, 'h -> 2 h'))).toEqual([1, 2, 3, 1, 2, 3]);
      const img = tf.tensor([[1, 2], [3, 4]]);
      expect(vals(repeat(img, 'h w -> (h h2) (w w2)', { h2: 2, w2: 2 }))).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
      expect(vals(repeat(img, 'h w -> w c h', { c: 2 }))).toEqual([1, 3, 1, 3, 2, 4, 2, 4]);
      expect(repeat(tf.scalar(7), ' -> a b', { a: 2, b: 3 }).shape).toEqual([2, 3]);
    });
  });

  it('is undone by reducing the new axes with min and max', () => {
    tf.tidy(() => {
      const x = arange([2, 3, 4]);
      const patterns: [string, string, Record<string, number>][] = [
        ['a b c -> a b c r', 'a b c r -> a b c', { r: 3 }],
        ['a b c -> (r a) b c', '(r a) b c -> a b c', { r: 2 }],
        ['a b c -> c r (b s) a', 'c r (b s) a -> a b c', { r: 2, s: 3 }],
        ['a b c -> p a q b r c s', 'p a q b r c s -> a b c', { p: 2, q: 2, r: 2, s: 2 }],
      ];
      for (const [fwd, back, lengths] of patterns) {
        const y = repeat(x, fwd, lengths);
        check(reduce(y, back, 'min', lengths), x);
        check(reduce(y, back, 'max', lengths), x);
      }
    });
  });
});

describe('errors: every mistake is an EinopsError with the reference wording', () => {
  const x = (): tf.Tensor => arange([2, 3]);
  const rows: [string, () => unknown, RegExp][] = [
    ['dot outside ...', () => rearrange(x(), 'a. b -> b a'), /dots only inside ellipsis/],
    ['two ellipses', () => rearrange(x(), '... ... -> a'), /only one ellipsis/],
    ['duplicate', () => rearrange(x(), 'a a -> a'), /duplicate dimension "a"/],
    ['nested', () => rearrange(x(), '((a b)) -> a b'), /one-level/],
    ['unbalanced )', () => rearrange(x(), 'a b) -> a b'), /Brackets are not balanced/],
    ['unclosed (', () => rearrange(x(), '(a b -> a b'), /Imbalanced parentheses/],
    ['bad character', () => rearrange(x(), 'a-b -> a'), /Unknown character '-'/],
    ['tab', () => rearrange(x(), 'a\tb -> b a'), /Unknown character '\t'/],
    ['bad identifier', () => rearrange(x(), '_a b -> b _a'), /Invalid axis identifier: _a\naxis name should should not start or end with underscore/],
    ['zero axis', () => repeat(x(), 'a b -> a b 0'), /positive length, not 0/],
    ['... right only', () => rearrange(x(), 'a b -> a b ...'), /Ellipsis found in right side, but not left side/],
    ['(...) left', () => rearrange(x(), '(a ...) -> a'), /Ellipsis inside parenthesis in the left side/],
    ['number in rearrange', () => rearrange(x(), 'a b -> a b 2'), /Non-unitary anonymous axes are not supported in rearrange/],
    ['set mismatch', () => rearrange(x(), 'a b -> a c'), /Identifiers only on one side of expression/],
    ['left-only in repeat', () => repeat(x(), 'a b -> a'), /Unexpected identifiers on the left side of repeat: \{'b'\}/],
    ['new axis without length', () => repeat(x(), 'a b -> a b c'), /Specify sizes for new axes in repeat: \{'c'\}/],
    ['right-only in reduce', () => reduce(x(), 'a b -> a c', 'sum'), /Unexpected identifiers on the right side of reduce sum/],
    ['unknown reduction', () => reduce(x(), 'a b -> a', 'median' as 'sum'), /Unknown reduction median/],
    ['rank', () => rearrange(x(), 'a b c -> a b c'), /Wrong shape: expected 3 dims. Received 2-dim tensor./],
    ['rank with ellipsis', () => rearrange(x(), 'a b c ... -> a b c ...'), /expected >=3 dims/],
    ['unused length', () => rearrange(x(), 'a b -> a b', { c: 2 }), /Axis c is not used in transform/],
    ['invalid length name', () => rearrange(x(), 'a b -> a b', { _c: 2 }), /Invalid name for an axis/],
    ['two unknowns', () => rearrange(arange([6]), '(a b) -> a b'), /Could not infer sizes for \{'a', 'b'\}/],
    ['product mismatch', () => rearrange(x(), 'a b -> a b', { a: 5 }), /Shape mismatch, 2 != 5/],
    ['not divisible', () => rearrange(arange([5]), '(a b) -> a b', { b: 2 }), /can't divide axis of length 5 in chunks of 2/],
    ['mean on int', () => reduce(arange([2, 3], 'int32'), 'a b -> a', 'mean'), /reduce_mean/],
    ['empty list', () => rearrange([], 'a -> a'), /can't be applied to an empty list/],
    ['two arrows', () => rearrange(x(), 'a b -> b a -> a'), /too many values to unpack/],
    ['no arrow', () => rearrange(x(), 'a b'), /not enough values to unpack/],
    ['zero length in a divided group', () => rearrange(arange([6]), '(a b) -> a b', { b: 0 }), /modulo by zero/],
    ['non-integer length', () => repeat(x(), 'a b -> a b c', { c: 2.5 }), /cannot be interpreted as an integer/],
    ['einsum ()', () => einsum(x(), 'a () -> a'), /Singleton \(\) axes/],
    ['einsum composite', () => einsum(x(), '(a b) -> a'), /Shape rearrangement is not yet supported/],
    ['einsum number', () => einsum(x(), 'a 2 -> a'), /Anonymous axes are not yet supported/],
    ['einsum no arrow', () => einsum(x(), 'a b'), /must contain '->'/],
    ['einsum too many names', () => einsum(tf.ones(Array(53).fill(1)), `${Array.from({ length: 53 }, (_, i) => `n${i}`).join(' ')} -> n0`), /Too many axes/],
    ['einsum unknown output', () => einsum(x(), 'a b -> c'), /Unknown axis c on right side of einsum/],
    ['einsum no tensors', () => (einsum as (...a: unknown[]) => unknown)('a -> a'), /at minimum two arguments/],
    ['einsum pattern not last', () => (einsum as (...a: unknown[]) => unknown)('a -> a', x()), /must be a string/],
    ['einsum input ... missing from output', () => einsum(arange([2, 3]), '... a -> a'), /no '...'/],
    ['pack no *', () => pack([x()], 'a b'), /No \*-axis in pack/],
    ['pack duplicate', () => pack([x()], 'a * a'), /Duplicates in axes names/],
    ['pack bad name', () => pack([x()], '_ *'), /Invalid axis name _ in pack/],
    ['pack too few dims', () => pack([x()], 'a b c *'), /packed tensor #0 \(enumeration starts with 0\) has shape \(2, 3\)/],
    ['pack empty list', () => pack([], 'a *'), /list index out of range/],
    ['unpack wrong rank', () => unpack(x(), [[2]], '*'), /received input of wrong dim with shape \(2, 3\)/],
    ['unpack two -1', () => unpack(arange([6]), [[-1], [-1]], '*'), /more than one -1/],
    ['unpack bad ps', () => unpack(arange([6]), [[2], [3]], '*'), /could not split axis of size 6 into requested \[\[2\], \[3\]\]/],
    ['parse_shape composite', () => parseShape(x(), '(a b)'), /Can't parse shape with composite axes/],
    ['parse_shape rank', () => parseShape(x(), 'a b c'), /different number of dimensions/],
    ['parse_shape rank with ...', () => parseShape(x(), 'a b c ...'), /this number of dimensions/],
    ['parse_shape not 1', () => parseShape(x(), '1 b'), /Length of axis is not 1/],
    ['parse_shape anonymous', () => parseShape(x(), '3 b'), /Length of anonymous axis does not match/],
    ['parse_shape (...)', () => parseShape(x(), '(...) a'), /is not in list/],
  ];
  it.each(rows)('%s', (_name, call, reason) => {
    tf.engine().startScope();
    try {
      let error: unknown = null;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EinopsError);
      expect((error as Error).message).toMatch(reason);
    } finally {
      tf.engine().endScope();
    }
  });

  it('wraps rearrange/reduce/repeat reasons in the reference header', () => {
    const t = arange([2, 3]);
    try {
      rearrange(t, 'a b -> a b', { a: 5 });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe(
        ` Error while processing rearrange-reduction pattern "a b -> a b".\n Input tensor shape: (2, 3). Additional info: {'a': 5}.\n Shape mismatch, 2 != 5`,
      );
      expect((e as EinopsError).kind).toBe('EinopsError');
    }
    try {
      rearrange(t, 'a b');
    } catch (e) {
      expect((e as EinopsError).kind).toBe('ValueError');
    }
    t.dispose();
  });
});

describe('einsum', () => {
  it('contracts 1..N operands with names, diagonals and ellipsis', () => {
    tf.tidy(() => {
      const a = arange([2, 3]);
      const b = arange([3, 4]);
      check(einsum(a, b, 'row k, k col -> row col'), tf.matMul(a, b));
      check(einsum(a, 'a b -> b a'), a.transpose());
      const sq = arange([3, 3]);
      expect(vals(einsum(sq, 'i i ->'))).toEqual([0 + 4 + 8]);
      expect(vals(einsum(sq, 'i i -> i'))).toEqual([0, 4, 8]);
      const c = arange([4, 2]);
      const abc = einsum(a, b, c, 'i j, j k, k l -> i l');
      check(abc, tf.matMul(tf.matMul(a, b), c));
      const batch = arange([5, 2, 3]);
      check(einsum(batch, b, '... j, j k -> ... k'), tf.matMul(batch.reshape([10, 3]), b).reshape([5, 2, 4]));
      expect(vals(einsum(a, a, '_ b, _ b -> _'))).toEqual([0 + 1 + 4, 9 + 16 + 25]);
      const w = arange([2, 3], 'int32');
      expect(einsum(w, w, 'a b, a b -> a').dtype).toBe('int32');
      expect(vals(einsum(w, w, 'a b, a b -> a'))).toEqual([5, 50]);
    });
  });
});

describe('einsum contraction order', () => {
  it('contracts the cheapest pair first (left to right would build a 200⁴ outer product)', () => {
    tf.tidy(() => {
      const rng = createRng('einsum-order');
      const m = (): tf.Tensor2D => tf.tensor2d(Array.from({ length: 200 * 200 }, () => rng.uniform(-1, 1)), [200, 200]);
      const [a, b, c] = [m(), m(), m()];
      const got = einsum(a, b, c, 'a b, c d, a c -> b d');
      // Σ_a Σ_c A[a,b] C[a,c] B[c,d] = (Aᵀ C B)[b,d]
      const want = tf.matMul(tf.matMul(a.transpose(), c), b);
      expect(got.shape).toEqual([200, 200]);
      const g = got.dataSync();
      const w = want.dataSync();
      let worst = 0;
      for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - w[i]));
      expect(worst).toBeLessThan(1e-2);
    });
  });
});

describe('pack / unpack / parseShape', () => {
  it('pack concatenates the * parts; unpack keeps the reference quirk', () => {
    tf.tidy(() => {
      const [p, ps] = pack([arange([2, 3, 5]), arange([2, 3, 7, 5]), arange([2, 3, 7, 9, 5])], 'i j * k');
      expect(p.shape).toEqual([2, 3, 71, 5]);
      expect(ps).toEqual([[], [7], [7, 9]]);
      const back = unpack(p, ps, 'i j * k');
      expect(back.map((t) => t.shape)).toEqual([[2, 3, 5], [2, 3, 7, 5], [2, 3, 7, 9, 5]]);
      const quirk = unpack(arange([5]), [[2], [-1], [4]], '*');
      expect(quirk.map((t) => t.shape)).toEqual([[2], [0], [4]]);
      expect(vals(quirk[2])).toEqual([1, 2, 3, 4]);
      expect(pack([tf.scalar(1), tf.scalar(2)], '*')[0].shape).toEqual([2]);
      expect(unpack(arange([6]), [[2], [-1]], '\t*\n').map((t) => t.shape)).toEqual([[2], [4]]);
    });
  });

  it('parseShape maps names, skips _ and ..., accepts (a)', () => {
    const x = tf.zeros([2, 3, 5, 7]);
    expect(parseShape(x, 'batch _ h w')).toEqual({ batch: 2, h: 5, w: 7 });
    expect(parseShape(x, 'b ... w')).toEqual({ b: 2, w: 7 });
    expect(parseShape(x, '(b) _ (h 1) 7')).toEqual({ b: 2, h: 5 });
    x.dispose();
  });
});

describe('tidy, grad, leaks, caching', () => {
  it('works inside tf.tidy and leaks nothing outside it', () => {
    const x = arange([4, 6, 3]);
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => reduce(rearrange(x, 'h (w w2) c -> (h w) w2 c', { w2: 2 }), 'n w2 c -> c n', 'mean'));
    expect(tf.memory().numTensors).toBe(before + 1);
    y.dispose();
    // outside tidy: each call leaves exactly its result
    for (const [p, op] of [
      ['h w c -> c h w', 'rearrange'],
      ['h w c -> (w h) c', 'rearrange'],
      ['h (w w2) c -> h w c', 'max'],
      ['h w c -> h w c r', 'repeat'],
    ] as const) {
      const n0 = tf.memory().numTensors;
      const r =
        op === 'rearrange' ? rearrange(x, p) : op === 'repeat' ? repeat(x, p, { r: 2 }) : reduce(x, p, op, { w2: 2 });
      expect(tf.memory().numTensors).toBe(n0 + 1);
      r.dispose();
    }
    const n1 = tf.memory().numTensors;
    const e = einsum(x, x, 'h w c, h w d -> c d');
    expect(tf.memory().numTensors).toBe(n1 + 1);
    e.dispose();
    x.dispose();
  });

  it('is differentiable (tf.grad) through rearrange, reduce, repeat and einsum', () => {
    tf.tidy(() => {
      const x = arange([2, 3, 4]);
      const w = tf.add(arange([4, 2, 3]), 1);
      // d/dx sum(rearrange(x) * w) = w rearranged back
      const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(rearrange(t, 'a b c -> c a b'), w)))(x);
      check(g1, rearrange(w, 'c a b -> a b c'));
      // repeat r times: each input element gets r
      const g2 = tf.grad((t: tf.Tensor) => tf.sum(repeat(t, 'a b c -> a (b r) c', { r: 3 })))(x);
      expect(vals(g2)).toEqual(Array(24).fill(3));
      // mean over b: 1/3 each
      const g3 = tf.grad((t: tf.Tensor) => tf.sum(reduce(t, 'a b c -> c a', 'mean')))(x);
      vals(g3).forEach((v) => expect(v).toBeCloseTo(1 / 3, 6));
      // einsum x·x over everything: gradient 2x
      const g4 = tf.grad((t: tf.Tensor) => einsum(t, t, 'a b c, a b c ->'))(x);
      check(g4, tf.mul(x, 2));
      // diagonal: gradient is the identity pattern
      const g5 = tf.grad((t: tf.Tensor) => einsum(t, 'i i ->'))(arange([3, 3]));
      expect(vals(g5)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    });
  });

  it('caches recipes by pattern and plans by shape, and the caches hold no tensors', () => {
    const x = arange([2, 3, 4]);
    const n0 = tf.memory().numTensors;
    const s0 = cacheSizes();
    for (let i = 0; i < 5; i++) rearrange(x, 'a b c -> c (b a)').dispose();
    for (let i = 0; i < 5; i++) rearrange(x, 'a b c -> c (b a)').dispose();
    expect(tf.memory().numTensors).toBe(n0);
    x.dispose();
    expect(cacheSizes().recipes).toBeGreaterThanOrEqual(s0.recipes);
  });
});

describe('explain / toPythonCall', () => {
  it('describes the chain the op runs and fails like the op', () => {
    const e = explain('reduce', [2, 6, 4], 'a (b c) d -> d a', { reduction: 'max', axesLengths: { c: 2 } });
    expect(e.outputShape).toEqual([4, 2]);
    // reduce first in the input layout, then transpose only the (smaller) result
    expect(e.steps.map((s) => s.detail)).toEqual(['tf.max(x, [1])  (bool inputs go through int32 and back)', 'tf.transpose(x, [1, 0])']);
    expect(explain('repeat', [2, 3], 'a b -> a b c', { axesLengths: { c: 2 } }).steps).toEqual([
      { op: 'reshape', detail: 'tf.reshape(x, [2, 3, 1])' },
      { op: 'tile', detail: 'tf.tile(x, [1, 1, 2])' },
    ]);
    expect(explain('rearrange', [2, 3], 'l a b -> a l b', { listLength: 4 }).steps[0].op).toBe('stack');
    expect(() => explain('rearrange', [2, 3], 'a b -> c')).toThrow(EinopsError);
    expect(() => explain('rearrange', [2, 3], 'a b -> c')).toThrow(/Error while processing rearrange-reduction pattern "a b -> c"/);
  });

  it('formats the same call for Python einops', () => {
    expect(toPythonCall('rearrange', 'b h w c -> b c h w')).toBe("rearrange(x, 'b h w c -> b c h w')");
    expect(toPythonCall('reduce', 'b (h 2) w -> b h w', { reduction: 'max' })).toBe("reduce(x, 'b (h 2) w -> b h w', 'max')");
    expect(toPythonCall('repeat', 'h w -> h w c', { axesLengths: { c: 3 } })).toBe("repeat(x, 'h w -> h w c', c=3)");
    expect(toPythonCall('einsum', 'a b, b c -> a c', { operands: 2 })).toBe("einsum(x1, x2, 'a b, b c -> a c')");
  });
});
