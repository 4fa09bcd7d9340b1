/**
 * fast-check properties: rearrange then its inverse is the identity; reduce-sum keeps the total;
 * unpack(pack(xs)) gives xs back; arbitrary pattern strings fail only with EinopsError.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { EinopsError, einsum, pack, parseShape, rearrange, reduce, repeat, unpack } from './index';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

/** A random layout: axis names with lengths, a shuffled order, and a random grouping into parentheses. */
const layoutArb = fc
  .integer({ min: 1, max: 5 })
  .chain((n) =>
    fc.record({
      lengths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: n, maxLength: n }),
      order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      groupsIn: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      groupsOut: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    }),
  );

/** Joins names into a side, opening a new group wherever `cut` says so (row-major within groups). */
function side(names: string[], cut: boolean[]): string {
  const groups: string[][] = [];
  names.forEach((nm, i) => {
    if (i === 0 || cut[i]) groups.push([nm]);
    else groups[groups.length - 1].push(nm);
  });
  return groups.map((g) => (g.length === 1 ? g[0] : `(${g.join(' ')})`)).join(' ');
}

function shapeOf(names: string[], cut: boolean[], len: Record<string, number>): number[] {
  const shape: number[] = [];
  names.forEach((nm, i) => {
    if (i === 0 || cut[i]) shape.push(len[nm]);
    else shape[shape.length - 1] *= len[nm];
  });
  return shape;
}

describe('properties', () => {
  it('rearrange followed by the inverse pattern is the identity', () => {
    fc.assert(
      fc.property(layoutArb, ({ lengths, order, groupsIn, groupsOut }) => {
        const names = NAMES.slice(0, lengths.length);
        const len = Object.fromEntries(names.map((n, i) => [n, lengths[i]]));
        const inNames = names;
        const outNames = order.map((i) => names[i]);
        const left = side(inNames, groupsIn);
        const right = side(outNames, groupsOut);
        const shape = shapeOf(inNames, groupsIn, len);
        tf.tidy(() => {
          const n = shape.reduce((a, b) => a * b, 1);
          const x = tf.tensor(Array.from({ length: n }, (_, i) => i), shape);
          const y = rearrange(x, `${left} -> ${right}`, len);
          expect(y.shape).toEqual(shapeOf(outNames, groupsOut, len));
          const back = rearrange(y, `${right} -> ${left}`, len);
          expect(back.shape).toEqual(shape);
          expect(Array.from(back.dataSync())).toEqual(Array.from(x.dataSync()));
        });
      }),
      { numRuns: 150, seed: 20220425 },
    );
  });

  it('reduce-sum keeps the total, whatever is kept and in which order', () => {
    fc.assert(
      fc.property(layoutArb, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), ({ lengths, order, groupsIn }, keep) => {
        const names = NAMES.slice(0, lengths.length);
        const len = Object.fromEntries(names.map((n, i) => [n, lengths[i]]));
        const kept = order.map((i) => names[i]).filter((_, i) => keep[i]);
        const shape = shapeOf(names, groupsIn, len);
        tf.tidy(() => {
          const n = shape.reduce((a, b) => a * b, 1);
          const x = tf.tensor(Array.from({ length: n }, (_, i) => (i % 7) - 3), shape, 'int32');
          const y = reduce(x, `${side(names, groupsIn)} -> ${kept.join(' ')}`, 'sum', len);
          expect(y.shape).toEqual(kept.map((k) => len[k]));
          expect(tf.sum(y).arraySync()).toBe(tf.sum(x).arraySync());
        });
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('unpack(pack(xs)) gives xs back', () => {
    const shapeArb = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.array(shapeArb, { minLength: 1, maxLength: 4 }), (nBefore, nAfter, stars) => {
        const before = [2, 3].slice(0, nBefore);
        const after = [4, 1].slice(0, nAfter);
        const pattern = [...['p', 'q'].slice(0, nBefore), '*', ...['r', 's'].slice(0, nAfter)].join(' ');
        tf.tidy(() => {
          const xs = stars.map((star, k) => {
            const shape = [...before, ...star, ...after];
            const n = shape.reduce((a, b) => a * b, 1);
            return tf.tensor(Array.from({ length: n }, (_, i) => i + 100 * k), shape);
          });
          const [packed, ps] = pack(xs, pattern);
          expect(ps).toEqual(stars);
          const back = unpack(packed, ps, pattern);
          back.forEach((t, k) => {
            expect(t.shape).toEqual(xs[k].shape);
            expect(Array.from(t.dataSync())).toEqual(Array.from(xs[k].dataSync()));
          });
        });
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('random pattern strings fail with EinopsError or nothing, and leak nothing', () => {
    const token = fc.constantFrom('a', 'b', 'c', 'ab', '_', '1', '2', '0', '01', '(', ')', '...', '.', ' ', ' ', '->', ',', '\t', 'α', '*', '-', '…');
    const patternArb = fc.array(token, { maxLength: 12 }).map((t) => t.join(''));
    const lengthsArb = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'z', '_x'), fc.integer({ min: -1, max: 4 }), { maxKeys: 2 });
    const x = tf.tensor(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    const before = tf.memory().numTensors;
    fc.assert(
      fc.property(patternArb, lengthsArb, fc.constantFrom('rearrange', 'repeat', 'sum', 'max', 'einsum', 'pack', 'unpack', 'parse'), (pattern, lengths, op) => {
        const n0 = tf.memory().numTensors;
        let out: tf.Tensor | tf.Tensor[] | null = null;
        try {
          if (op === 'rearrange') out = rearrange(x, pattern, lengths);
          else if (op === 'repeat') out = repeat(x, pattern, lengths);
          else if (op === 'sum' || op === 'max') out = reduce(x, pattern, op, lengths);
          else if (op === 'einsum') out = einsum(x, pattern);
          else if (op === 'pack') out = pack([x, x], pattern)[0];
          else if (op === 'unpack') out = unpack(x, [[1], [-1]], pattern);
          else parseShape(x, pattern);
        } catch (e) {
          if (!(e instanceof EinopsError)) throw e;
        }
        if (out) for (const t of Array.isArray(out) ? out : [out]) if (t !== x) t.dispose();
        expect(tf.memory().numTensors).toBe(n0);
      }),
      { numRuns: 1500, seed: 11 },
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
