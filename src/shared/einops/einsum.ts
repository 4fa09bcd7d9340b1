/**
 * einsum with einops-style names (the reference's einops.einsum): the pattern comes last, names may be
 * words, '_' is a name, a name repeated on one input means its diagonal, and '...' broadcasts like
 * numpy. tf.einsum handles only two operands without ellipsis or repeated labels, so the
 * contraction is done here: diagonals by gather, size-1 broadcasting by squeezing, single-operand
 * sums, then pairwise contraction as transpose → reshape → batched matMul.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { EinopsError } from './errors';
import { AnonymousAxis, ELLIPSIS, ParsedExpression } from './parsing';
import type { CompositionItem } from './parsing';
import { Lru, onClearCaches } from './recipe';
import { isTensor, promoteDtypes } from './ops';

/** One operand (or the output) as label ids; -1 marks the ellipsis. */
interface CompactPattern {
  inputs: number[][];
  output: number[];
  names: string[];
}

const MAX_EINSUM_AXES = 52; // the reference maps names to a–z, A–Z
const ELL = -1;
const compactCache = new Lru<CompactPattern>(256);
onClearCaches(() => compactCache.clear());

function fail(message: string, kind: ConstructorParameters<typeof EinopsError>[1] = 'EinopsError'): never {
  throw new EinopsError(message, kind);
}

function validateAxis(item: CompositionItem): string {
  if (item === ELLIPSIS) return ELLIPSIS;
  if (item.length === 0) fail('Singleton () axes are not yet supported in einsum.', 'NotImplementedError');
  if (item.length > 1) fail('Shape rearrangement is not yet supported in einsum.', 'NotImplementedError');
  const axis = item[0];
  if (axis instanceof AnonymousAxis) fail('Anonymous axes are not yet supported in einsum.', 'NotImplementedError');
  return axis;
}

export function compactifyEinsumPattern(pattern: string): CompactPattern {
  const cached = compactCache.get(pattern);
  if (cached) return cached;
  if (!pattern.includes('->')) fail("Einsum pattern must contain '->'.", 'ValueError');
  const parts = pattern.split('->');
  if (parts.length > 2) fail('too many values to unpack (expected 2)', 'ValueError');
  const [leftsStr, rightStr] = parts;
  const lefts = leftsStr.split(',').map((s) => new ParsedExpression(s, { allowUnderscore: true, allowDuplicates: true }));
  const right = new ParsedExpression(rightStr, { allowUnderscore: true });
  const ids = new Map<string, number>();
  const names: string[] = [];
  const inputs = lefts.map((left) =>
    left.composition.map((item) => {
      // a top-level '…' is the ellipsis; '(...)' is a group holding an axis literally named '…'
      if (item === ELLIPSIS) return ELL;
      const name = validateAxis(item);
      let id = ids.get(name);
      if (id === undefined) {
        if (names.length >= MAX_EINSUM_AXES) fail('Too many axes in einsum.', 'RuntimeError');
        id = names.length;
        ids.set(name, id);
        names.push(name);
      }
      return id;
    }),
  );
  const output = right.composition.map((item) => {
    if (item === ELLIPSIS) return ELL;
    const name = validateAxis(item);
    const id = ids.get(name);
    if (id === undefined) fail(`Unknown axis ${name} on right side of einsum ${pattern}.`);
    return id;
  });
  const result = { inputs, output, names };
  compactCache.set(pattern, result);
  return result;
}

/** A tensor together with the label of each of its axes (labels ≥ 1000 are ellipsis axes). */
interface Operand {
  t: Tensor;
  labels: number[];
}

const ELLIPSIS_LABEL_BASE = 1000;

function numpyError(message: string): never {
  fail(message, 'ValueError');
}

/**
 * Einstein summation with einops axis names: names may be words, the pattern comes last, any number
 * of operands, '...' broadcasts, and a name repeated on one input takes its diagonal.
 *
 * ```ts
 * const q = tf.zeros([2, 4, 10, 16]); // batch head i d
 * const k = tf.zeros([2, 4, 12, 16]); // batch head j d
 * einsum(q, k, 'batch head i d, batch head j d -> batch head i j').shape; // [2, 4, 10, 12]
 * einsum(tf.zeros([5, 5]), 'i i -> i').shape; // [5]: the diagonal
 * einsum(tf.zeros([3, 4]), 'a b -> ').shape; // []: the sum of all elements
 * ```
 *
 * @throws EinopsError, with `error.kind` the Python exception the reference raises: no tensor or the
 *   pattern not last, no '->', operands that do not match the pattern (kind 'ValueError');
 *   composite axes, numbers or '()' (kind 'NotImplementedError'); more than 52 names (kind
 *   'RuntimeError'); an output name that no input has, or one named twice.
 */
export function einsum(...args: [...Tensor[], string]): Tensor {
  if (args.length <= 1) {
    fail('`einops.einsum` takes at minimum two arguments: the tensors (at least one), followed by the pattern.', 'ValueError');
  }
  const pattern = args[args.length - 1];
  if (typeof pattern !== 'string') {
    fail('The last argument passed to `einops.einsum` must be a string, representing the einsum pattern.', 'ValueError');
  }
  const tensors = args.slice(0, -1) as Tensor[];
  for (const t of tensors) {
    if (!isTensor(t)) fail(`Tensor type unknown to einops ${typeof t}`, 'RuntimeError');
  }
  const compact = compactifyEinsumPattern(pattern);
  const plan = planEinsum(compact, tensors.map((t) => t.shape));
  const dtype = promoteDtypes(tensors.map((t) => t.dtype));
  return tf.tidy(() => runEinsum(plan, tensors, dtype));
}

interface EinsumPlan {
  /** Per operand: labels of its axes after ellipsis expansion. */
  labels: number[][];
  sizes: Map<number, number>;
  output: number[];
}

/** numpy's checks: operand ranks, ellipsis broadcasting, label sizes (equal or 1). */
function planEinsum(compact: CompactPattern, shapes: number[][]): EinsumPlan {
  // numpy's wording, which reads from the subscripts' side: more operands → "fewer … provided"
  if (shapes.length > compact.inputs.length) numpyError('fewer operands provided to einstein sum function than specified in the subscripts string');
  if (shapes.length < compact.inputs.length) numpyError('more operands provided to einstein sum function than specified in the subscripts string');
  let ellipsisNdim = 0;
  const labels = compact.inputs.map((spec, k) => {
    const shape = shapes[k];
    const named = spec.filter((l) => l !== ELL).length;
    const hasEll = spec.includes(ELL);
    if (!hasEll && shape.length !== named) {
      if (shape.length > named) {
        numpyError("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.");
      }
      numpyError(`einstein sum subscripts string contains too many subscripts for operand ${k}`);
    }
    if (hasEll && shape.length < named) numpyError(`einstein sum subscripts string contains too many subscripts for operand ${k}`);
    const nEll = shape.length - named;
    ellipsisNdim = Math.max(ellipsisNdim, hasEll ? nEll : 0);
    const out: number[] = [];
    for (const l of spec) {
      if (l === ELL) {
        // ellipsis axes are right-aligned across operands, as in numpy broadcasting
        for (let j = nEll; j > 0; j--) out.push(ELLIPSIS_LABEL_BASE + j);
      } else out.push(l);
    }
    return out;
  });
  const sizes = new Map<number, number>();
  labels.forEach((ls, k) => {
    const own = new Map<number, number>();
    ls.forEach((l, axis) => {
      const d = shapes[k][axis];
      const prevOwn = own.get(l);
      if (prevOwn !== undefined && prevOwn !== d) {
        numpyError(`dimensions in single operand for collapsing index '${l}' don't match (${prevOwn} != ${d})`);
      }
      own.set(l, d);
      const prev = sizes.get(l);
      if (prev === undefined || prev === 1) sizes.set(l, d);
      else if (d !== 1 && d !== prev) numpyError(`operands could not be broadcast together with remapped shapes`);
    });
  });
  const outHasEll = compact.output.includes(ELL);
  if (!outHasEll && ellipsisNdim > 0) {
    numpyError("output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.");
  }
  const seen = new Set<number>();
  const output: number[] = [];
  for (const l of compact.output) {
    if (l === ELL) {
      for (let j = ellipsisNdim; j > 0; j--) output.push(ELLIPSIS_LABEL_BASE + j);
      continue;
    }
    if (seen.has(l)) numpyError(`einstein sum subscripts string includes output subscript '${compact.names[l]}' multiple times`);
    seen.add(l);
    output.push(l);
  }
  for (const l of output) if (!sizes.has(l)) sizes.set(l, 1);
  return { labels, sizes, output };
}

function runEinsum(plan: EinsumPlan, tensors: Tensor[], dtype: tf.DataType): Tensor {
  // numpy's bool einsum is OR of ANDs: compute in int32 and compare with 0 at the end
  const work: tf.DataType = dtype === 'bool' ? 'int32' : dtype;
  let operands: Operand[] = tensors.map((t, k) => ({ t: t.dtype === work ? t : tf.cast(t, work), labels: plan.labels[k] }));
  operands = operands.map((op) => squeezeBroadcast(takeDiagonals(op), plan.sizes));
  const outputSet = new Set(plan.output);

  // sum early every label that lives in one operand only and is not in the output
  const countIn = (label: number, except: number): boolean =>
    outputSet.has(label) || operands.some((o, j) => j !== except && o.labels.includes(label));
  operands = operands.map((op, k) => sumOut(op, (l) => !countIn(l, k)));

  // contract greedily: always the pair whose result is smallest, so that e.g. 'a b, c d, a c -> b d'
  // never forms the a·b·c·d outer product first (the order does not change the result)
  while (operands.length > 1) {
    let best: [number, number] = [0, 1];
    let bestSize = Infinity;
    for (let i = 0; i < operands.length; i++) {
      for (let j = i + 1; j < operands.length; j++) {
        const others = operands.filter((_, k) => k !== i && k !== j);
        const union = new Set([...operands[i].labels, ...operands[j].labels]);
        let size = 1;
        for (const l of union) if (outputSet.has(l) || others.some((o) => o.labels.includes(l))) size *= plan.sizes.get(l)!;
        if (size < bestSize) {
          bestSize = size;
          best = [i, j];
        }
      }
    }
    const [i, j] = best;
    const others = operands.filter((_, k) => k !== i && k !== j);
    const keep = (l: number): boolean => outputSet.has(l) || others.some((o) => o.labels.includes(l));
    const a = sumOut(operands[i], (l) => !keep(l) && !operands[j].labels.includes(l));
    const b = sumOut(operands[j], (l) => !keep(l) && !operands[i].labels.includes(l));
    operands = [...others, contractPair(a, b, keep)];
  }
  const acc = operands[0];
  // output labels missing from the result had size 1 everywhere they appeared
  let result = acc.t;
  let labels = acc.labels;
  for (const l of plan.output) {
    if (!labels.includes(l)) {
      result = tf.expandDims(result, result.rank);
      labels = [...labels, l];
    }
  }
  const perm = plan.output.map((l) => labels.indexOf(l));
  if (perm.some((p, i) => p !== i)) result = tf.transpose(result, perm);
  if (dtype === 'bool') result = tf.notEqual(result, tf.scalar(0, 'int32'));
  return result;
}

/** Repeated labels in one operand: keep their diagonal (gather on the flattened repeated axes). */
function takeDiagonals(op: Operand): Operand {
  let { t, labels } = op;
  for (;;) {
    const dup = labels.find((l, i) => labels.indexOf(l) !== i);
    if (dup === undefined) return { t, labels };
    const where = labels.flatMap((l, i) => (l === dup ? [i] : []));
    const others = labels.map((_, i) => i).filter((i) => !where.includes(i));
    const n = t.shape[where[0]];
    const restShape = others.map((i) => t.shape[i]);
    const moved = tf.transpose(t, [...others, ...where]);
    const flat = tf.reshape(moved, [...restShape, n ** where.length]);
    // element (i, i, …, i) of the flattened block sits at i·s with s = 1 + n + … + n^(k-1): pad the
    // block to n·s, view it as [n, s] and keep column 0. Pad, reshape and slice all have gradients
    // on every backend (gather's needs UnsortedSegmentSum, which wasm lacks).
    let s = 0;
    for (let j = 0; j < where.length; j++) s = s * n + 1;
    const padded = tf.pad(flat, [...restShape.map((): [number, number] => [0, 0]), [0, n * s - n ** where.length]]);
    const grid = tf.reshape(padded, [...restShape, n, s]);
    const column = tf.slice(grid, [...restShape.map(() => 0), 0, 0], [...restShape, n, 1]);
    t = tf.reshape(column, [...restShape, n]);
    labels = [...others.map((i) => labels[i]), dup];
  }
}

/** A size-1 axis whose label is longer elsewhere is broadcast by numpy: drop it here. */
function squeezeBroadcast(op: Operand, sizes: Map<number, number>): Operand {
  const drop = op.labels.map((l, i) => op.t.shape[i] === 1 && sizes.get(l)! !== 1);
  if (!drop.some(Boolean)) return op;
  const axes = drop.flatMap((d, i) => (d ? [i] : []));
  return { t: tf.squeeze(op.t, axes), labels: op.labels.filter((_, i) => !drop[i]) };
}

function sumOut(op: Operand, shouldSum: (label: number) => boolean): Operand {
  const axes = op.labels.flatMap((l, i) => (shouldSum(l) ? [i] : []));
  if (axes.length === 0) return op;
  const labels = op.labels.filter((l) => !shouldSum(l));
  // an empty sum is 0 (wasm's Sum kernel returns uninitialised memory there)
  if (axes.some((a) => op.t.shape[a] === 0)) {
    return { t: tf.zeros(op.t.shape.filter((_, i) => !axes.includes(i)), op.t.dtype), labels };
  }
  return { t: tf.sum(op.t, axes), labels };
}

function prod(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A ⊗ B summed over shared labels that are not kept: [batch, m, k] @ [batch, k, n]. */
function contractPair(a: Operand, b: Operand, keep: (l: number) => boolean): Operand {
  const inB = new Set(b.labels);
  const inA = new Set(a.labels);
  const batch = a.labels.filter((l) => inB.has(l) && keep(l));
  const contracted = a.labels.filter((l) => inB.has(l) && !keep(l));
  const aOnly = a.labels.filter((l) => !inB.has(l));
  const bOnly = b.labels.filter((l) => !inA.has(l));
  const size = (op: Operand, l: number): number => op.t.shape[op.labels.indexOf(l)];
  const arrange = (op: Operand, order: number[]): Tensor => {
    const perm = order.map((l) => op.labels.indexOf(l));
    return perm.some((p, i) => p !== i) ? tf.transpose(op.t, perm) : op.t;
  };
  const B = prod(batch.map((l) => size(a, l)));
  const M = prod(aOnly.map((l) => size(a, l)));
  const K = prod(contracted.map((l) => size(a, l)));
  const N = prod(bOnly.map((l) => size(b, l)));
  const a3 = tf.reshape(arrange(a, [...batch, ...aOnly, ...contracted]), [B, M, K]);
  const b3 = tf.reshape(arrange(b, [...batch, ...contracted, ...bOnly]), [B, K, N]);
  let c: Tensor;
  // K = 0: every product sum is empty, i.e. 0 (wasm's BatchMatMul leaves garbage there)
  if (K === 0) c = tf.zeros([B, M, N], a3.dtype);
  else if (a3.dtype === 'float32') c = tf.matMul(a3 as tf.Tensor3D, b3 as tf.Tensor3D);
  // integer products: broadcast multiply and sum (exact, and int32 matMul is not on every backend)
  else c = tf.sum(tf.mul(tf.reshape(a3, [B, M, K, 1]), tf.reshape(b3, [B, 1, K, N])), 2);
  const shape = [...batch.map((l) => size(a, l)), ...aOnly.map((l) => size(a, l)), ...bOnly.map((l) => size(b, l))];
  return { t: tf.reshape(c, shape), labels: [...batch, ...aOnly, ...bOnly] };
}
