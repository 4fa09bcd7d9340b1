/**
 * pack / unpack (the reference's einops/packing.py): a pattern like 'i j * k' with exactly one '*'.
 * The tokens are split on any whitespace (tabs are fine here, unlike rearrange), and unpack keeps
 * the reference's unchecked span arithmetic, so unpack(x5, [[2], [-1], [4]], '*') succeeds with
 * overlapping slices, exactly as there.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { EinopsError, pyList, pyTuple } from './errors';
import { checkAxisName } from './parsing';
import { Lru, onClearCaches } from './recipe';
import { promoteDtypes } from './ops';

/** Python's str.split() whitespace (str.isspace), which differs a little from JS's \s (\x1c–\x1f, \x85, no \ufeff). */
function isPySpace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp === 0x85 || cp === 0xa0 || cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000
  );
}

function pySplit(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (isPySpace(ch.codePointAt(0)!)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

interface PackPattern {
  before: number;
  after: number;
  minAxes: number;
}

const patternCache = new Lru<PackPattern>(128);
onClearCaches(() => patternCache.clear());

export function analyzePackPattern(pattern: string, opname: 'pack' | 'unpack'): PackPattern {
  const key = `${opname}\u0000${pattern}`;
  const cached = patternCache.get(key);
  if (cached) return cached;
  const axes = pySplit(pattern);
  if (new Set(axes).size !== axes.length) throw new EinopsError(`Duplicates in axes names in ${opname}(..., "${pattern}")`);
  if (!axes.includes('*')) throw new EinopsError(`No *-axis in ${opname}(..., "${pattern}")`);
  for (const axis of axes) {
    if (axis !== '*' && !checkAxisName(axis)[0]) {
      throw new EinopsError(`Invalid axis name ${axis} in ${opname}(..., "${pattern}")`);
    }
  }
  const before = axes.indexOf('*');
  const after = axes.length - before - 1;
  const result = { before, after, minAxes: before + after };
  patternCache.set(key, result);
  return result;
}

function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/**
 * Packs tensors into one: the axes each input has at the pattern's '*' are flattened and the inputs
 * concatenated along that axis; the named axes must match. Also returns each input's '*' shape, which
 * `unpack` needs.
 *
 * ```ts
 * const [packed, ps] = pack([tf.zeros([2, 3, 5]), tf.zeros([2, 7, 5]), tf.zeros([2, 5])], 'b * c');
 * packed.shape; // [2, 11, 5]
 * ps; // [[3], [7], []]
 * ```
 *
 * @throws EinopsError: a pattern without exactly one '*', with a repeated or invalid name; an input
 *   with fewer axes than the pattern names; named axes that differ between inputs (kind 'ValueError');
 *   an empty list (kind 'IndexError', as the reference).
 */
export function pack(tensors: Tensor[], pattern: string): [Tensor, number[][]] {
  const { before, after, minAxes } = analyzePackPattern(pattern, 'pack');
  if (tensors.length === 0) throw new EinopsError('list index out of range', 'IndexError');
  const packedShapes: number[][] = [];
  const targetShapes: number[][] = [];
  tensors.forEach((t, i) => {
    const shape = t.shape;
    if (shape.length < minAxes) {
      throw new EinopsError(
        `packed tensor #${i} (enumeration starts with 0) has shape ${pyTuple(shape)}, while pattern ${pattern} assumes at least ${minAxes} axes`,
      );
    }
    const end = shape.length - after;
    const fixed = [...shape.slice(0, before), ...shape.slice(end)];
    // numpy cannot infer the -1 of reshape when the other axes hold zero elements
    if (product(fixed) === 0) {
      const target = [...shape.slice(0, before), 'newaxis', ...shape.slice(end)];
      throw new EinopsError(`cannot reshape array of size ${product(shape)} into shape (${target.join(',')})`, 'ValueError');
    }
    packedShapes.push(shape.slice(before, end));
    targetShapes.push([...shape.slice(0, before), product(shape.slice(before, end)), ...shape.slice(end)]);
  });
  for (let i = 1; i < targetShapes.length; i++) {
    const a = targetShapes[0];
    const b = targetShapes[i];
    const dim = a.findIndex((d, j) => j !== before && d !== b[j]);
    if (dim >= 0) {
      throw new EinopsError(
        `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${dim}, the array at index 0 has size ${a[dim]} and the array at index ${i} has size ${b[dim]}`,
        'ValueError',
      );
    }
  }
  const dtype = promoteDtypes(tensors.map((t) => t.dtype));
  const packed = tf.tidy(() => {
    const parts = tensors.map((t, i) => {
      const cast = t.dtype === dtype ? t : tf.cast(t, dtype);
      return tf.reshape(cast, targetShapes[i]);
    });
    return parts.length === 1 ? parts[0] : tf.concat(parts, before);
  });
  return [packed, packedShapes];
}

/** Python's slice(start, stop) on a length-n axis: negative indices wrap, then clamp. */
function pySlice(start: number, stop: number, n: number): [number, number] {
  const norm = (i: number): number => (i < 0 ? Math.max(0, i + n) : Math.min(i, n));
  const s = norm(start);
  const e = norm(stop);
  return [s, Math.max(s, e)];
}

/** numpy's reshape rules: at most one -1, no other negatives, the sizes must agree. */
function numpyReshapeTarget(size: number, shape: number[]): number[] | null {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1 || shape.some((d) => d < -1 || !Number.isInteger(d))) return null;
  if (unknown === 0) return product(shape) === size ? shape : null;
  const known = product(shape.filter((d) => d !== -1));
  if (known === 0 || size % known !== 0) return null;
  return shape.map((d) => (d === -1 ? size / known : d));
}

/**
 * Splits a packed tensor along its '*' axis into tensors of the given '*' shapes: the inverse of
 * `pack`. One shape may hold a single -1, inferred from the rest.
 *
 * ```ts
 * const [packed, ps] = pack([tf.zeros([2, 3, 5]), tf.zeros([2, 7, 5]), tf.zeros([2, 5])], 'b * c');
 * unpack(packed, ps, 'b * c').map((t) => t.shape); // [[2, 3, 5], [2, 7, 5], [2, 5]]
 * unpack(tf.zeros([2, 10, 5]), [[3], [-1]], 'b * c').map((t) => t.shape); // [[2, 3, 5], [2, 7, 5]]
 * ```
 *
 * As in the reference, the spans are not checked against each other: shapes that do not add up to
 * the axis may still succeed, with overlapping or empty slices.
 *
 * @throws EinopsError: a bad pattern (as `pack`), an input whose rank is not the pattern's, more than
 *   one -1, or a slice that cannot take its shape ("Error during unpack …").
 */
export function unpack(x: Tensor, packedShapes: number[][], pattern: string): Tensor[] {
  const { before, after } = analyzePackPattern(pattern, 'unpack');
  const shape = x.shape;
  if (shape.length !== before + 1 + after) {
    throw new EinopsError(`unpack(..., ${pattern}) received input of wrong dim with shape ${pyTuple(shape)}`);
  }
  const lengths = packedShapes.map((p) => (p.includes(-1) ? -1 : product(p)));
  const nUnknown = lengths.filter((l) => l === -1).length;
  if (nUnknown > 1) {
    throw new EinopsError(`unpack(..., ${pattern}) received more than one -1 in ${pyList(packedShapes)} and can't infer dimensions`);
  }
  // span boundaries from both ends of the axis, unchecked, as the reference computes them
  const n = shape[before];
  const split = [...packedShapes.map(() => 0), n];
  if (nUnknown === 0) {
    for (let i = 0; i < lengths.length - 1; i++) split[i + 1] = split[i] + lengths[i];
  } else {
    const u = lengths.indexOf(-1);
    for (let i = 0; i < u; i++) split[i + 1] = split[i] + lengths[i];
    for (let j = lengths.length - 1; j > u; j--) split[j] = split[j + 1] - lengths[j];
  }
  const start = shape.slice(0, before);
  const end = shape.slice(before + 1);
  const slices = packedShapes.map((p, i) => {
    const [s, e] = pySlice(split[i], split[i + 1], n);
    const target = numpyReshapeTarget(product(start) * (e - s) * product(end), [...start, ...p, ...end]);
    if (target === null) {
      throw new EinopsError(
        `Error during unpack(..., "${pattern}"): could not split axis of size ${split[split.length - 1]} into requested ${pyList(packedShapes)}`,
      );
    }
    return { s, e, target };
  });
  return slices.map(({ s, e, target }) =>
    tf.tidy(() => {
      const begin = shape.map((_, a) => (a === before ? s : 0));
      const size = shape.map((d, a) => (a === before ? e - s : d));
      return tf.reshape(tf.slice(x, begin, size), target);
    }),
  );
}
