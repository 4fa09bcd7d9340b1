/**
 * rearrange / reduce / repeat for tfjs tensors (the reference's einops/einops.py). All three are
 * one function, as in the reference: rearrange and repeat are reduce with the pseudo-reductions
 * 'rearrange' and 'repeat'.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { EinopsError, pyDict, pyTuple } from './errors';
import { getPlan, getRecipe, onClearCaches, operationName } from './recipe';
import type { Operation, Plan, ReductionFn, ReductionName } from './recipe';
import type { Step } from './lower';

export type AxesLengths = Record<string, number>;
export type Reduction = ReductionName | ReductionFn;

const NO_NAMES: string[] = [];

/** Stack a list input on a new axis 0; mixed dtypes are promoted like numpy (bool < int32 < float32). */
export function stackList(list: Tensor[]): Tensor {
  if (list.length === 0) {
    throw new EinopsError("Rearrange/Reduce/Repeat can't be applied to an empty list", 'TypeError');
  }
  const shape0 = list[0].shape;
  for (let i = 1; i < list.length; i++) {
    const s = list[i].shape;
    if (s.length !== shape0.length || s.some((d, j) => d !== shape0[j])) {
      throw new EinopsError('all input arrays must have the same shape', 'ValueError');
    }
  }
  const dtype = promoteDtypes(list.map((t) => t.dtype));
  return tf.tidy(() => tf.stack(list.map((t) => (t.dtype === dtype ? t : tf.cast(t, dtype)))));
}

/** Duck-typed, so a tensor from a second copy of tfjs-core still counts. */
export function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && Array.isArray((x as Tensor).shape) && typeof (x as Tensor).dtype === 'string';
}

export function promoteDtypes(dtypes: tf.DataType[]): tf.DataType {
  if (dtypes.includes('complex64')) return 'complex64';
  if (dtypes.includes('float32')) return 'float32';
  if (dtypes.includes('int32')) return 'int32';
  if (dtypes.includes('string')) return 'string';
  return 'bool';
}

/** The plan a call would run (cached); throws the bare EinopsError reason (caller wraps it). */
export function planFor(shape: number[], pattern: string, op: Operation, lengths?: AxesLengths): Plan {
  const names = lengths ? Object.keys(lengths) : NO_NAMES;
  const recipe = getRecipe(pattern, op, names, shape.length);
  return getPlan(recipe, shape, lengths, names, op);
}

export function wrapError(e: unknown, op: Operation, pattern: string, shape: number[] | null, lengths?: AxesLengths): never {
  if (!(e instanceof EinopsError)) throw e;
  let message = ` Error while processing ${operationName(op)}-reduction pattern "${pattern}".`;
  message += shape ? `\n Input tensor shape: ${pyTuple(shape)}. ` : '\n Input is list. ';
  message += `Additional info: ${pyDict(lengths)}.`;
  throw new EinopsError(`${message}\n ${e.message}`, e.kind);
}

function runReduction(x: Tensor, op: Operation, axes: number[], empty: boolean): Tensor {
  if (typeof op === 'function') return op(x, axes);
  if (empty) return emptyReduction(x, op, axes);
  switch (op) {
    case 'sum':
      return tf.sum(x, axes);
    case 'mean':
      return tf.mean(x, axes);
    case 'prod':
      return tf.prod(x, axes);
    case 'min':
    case 'max':
      if (x.dtype === 'bool') {
        // numpy keeps bool for min/max; tfjs kernels want numbers
        return tf.tidy(() => tf.cast(op === 'min' ? tf.min(tf.cast(x, 'int32'), axes) : tf.max(tf.cast(x, 'int32'), axes), 'bool'));
      }
      return op === 'min' ? tf.min(x, axes) : tf.max(x, axes);
    case 'any':
    case 'all':
      if (x.dtype !== 'bool') {
        // tf.any/all accept only bool. numpy treats nonzero (and NaN) as true; tf.cast(x, 'bool')
        // is wrong on wasm for fractions (0.25 → false), so compare with zero instead
        return tf.tidy(() => {
          const truth = tf.notEqual(x, tf.scalar(0, x.dtype));
          return op === 'any' ? tf.any(truth, axes) : tf.all(truth, axes);
        });
      }
      return op === 'any' ? tf.any(x, axes) : tf.all(x, axes);
    default:
      throw new EinopsError(`Unknown reduction ${op}`);
  }
}

/** Reducing zero elements: numpy's identities (sum 0, prod 1, mean NaN, any false, all true). */
function emptyReduction(x: Tensor, op: string, axes: number[]): Tensor {
  const shape = x.shape.filter((_, i) => !axes.includes(i));
  switch (op) {
    case 'sum':
    case 'prod':
      return tf.fill(shape, op === 'sum' ? 0 : 1, x.dtype === 'bool' ? 'int32' : x.dtype);
    case 'mean':
      return tf.fill(shape, NaN, 'float32');
    case 'any':
      return tf.fill(shape, 0, 'bool');
    case 'all':
      return tf.fill(shape, 1, 'bool');
    default:
      throw new EinopsError(`zero-size array to reduction operation ${op} which has no identity`, 'ValueError');
  }
}

export function runStep(x: Tensor, step: Step, op: Operation): Tensor {
  switch (step.kind) {
    case 'reshape':
      return tf.reshape(x, step.shape);
    case 'transpose':
      return tf.transpose(x, step.perm);
    case 'reduce':
      return runReduction(x, op, step.axes, step.empty);
    case 'tile':
      return tf.tile(x, step.reps);
  }
}

/**
 * Runs a plan. Intermediates are disposed as soon as the next op has consumed them (never the
 * input), so this is leak-free outside tf.tidy too; under tf.grad the tape keeps its own copies.
 * With no steps at all the input itself is returned, as numpy returns a view.
 */
export function applyPlan(x: Tensor, plan: Plan, op: Operation): Tensor {
  if (plan.reduces && op === 'mean' && x.dtype !== 'float32') {
    throw new EinopsError('reduce_mean is not available for non-floating tensors', 'NotImplementedError');
  }
  let cur = x;
  const steps = plan.steps;
  for (let i = 0; i < steps.length; i++) {
    const next = runStep(cur, steps[i], op);
    if (cur !== x) cur.dispose();
    cur = next;
  }
  return cur;
}

/**
 * Last-call memo in front of the caches: a loop that repeats one call (the common case) then costs
 * a few comparisons, no string building and no Map lookup. Only for calls without lengths, whose
 * values could change between calls behind the same object.
 */
let memoPattern: string | null = null;
let memoOp: Operation | null = null;
let memoShape: number[] = [];
let memoPlan: Plan | null = null;
onClearCaches(() => {
  memoPattern = null;
  memoPlan = null;
});

function cachedPlan(shape: number[], pattern: string, op: Operation, lengths: AxesLengths | undefined): Plan {
  if (lengths === undefined && pattern === memoPattern && op === memoOp && shape.length === memoShape.length) {
    let same = true;
    for (let i = 0; i < shape.length; i++) {
      if (shape[i] !== memoShape[i]) {
        same = false;
        break;
      }
    }
    if (same) return memoPlan!;
  }
  const plan = planFor(shape, pattern, op, lengths);
  if (lengths === undefined) {
    memoPattern = pattern;
    memoOp = op;
    memoShape = shape.slice();
    memoPlan = plan;
  }
  return plan;
}

function einopsCall(x: Tensor, pattern: string, op: Operation, lengths?: AxesLengths): Tensor {
  let plan: Plan;
  try {
    plan = cachedPlan(x.shape, pattern, op, lengths);
    return applyPlan(x, plan, op);
  } catch (e) {
    return wrapError(e, op, pattern, x.shape, lengths);
  }
}

/**
 * Reorders, splits, merges, adds and removes (length-1) axes of a tensor as the pattern says; every
 * element appears exactly once in the output.
 *
 * ```ts
 * const images = tf.zeros([32, 30, 40, 3]); // b h w c
 * rearrange(images, 'b h w c -> b c h w').shape; // [32, 3, 30, 40]
 * rearrange(images, 'b h w c -> (b h) w c').shape; // [960, 40, 3]
 * rearrange(images, 'b (h h2) (w w2) c -> b h w (c h2 w2)', { h2: 2, w2: 2 }).shape; // [32, 15, 20, 12]
 * rearrange([tf.zeros([30, 40]), tf.zeros([30, 40])], 'b h w -> h w b').shape; // [30, 40, 2]
 * ```
 *
 * @param x a tensor, or a list of tensors of one shape (stacked on a new axis 0 first)
 * @param axesLengths lengths the shape cannot tell, e.g. `{ h2: 2 }`
 * @returns a new tensor, or `x` itself when the pattern moves nothing (as numpy returns a view)
 * @throws EinopsError for every pattern or shape mistake: a malformed pattern, axes on one side
 *   only, a rank that does not fit, a length that does not divide its axis, an empty list. The message
 *   carries the reference's wording; `error.kind` names the Python exception the reference raises.
 */
export function rearrange(x: Tensor | Tensor[], pattern: string, axesLengths?: AxesLengths): Tensor {
  return einopsCallOwned(x, pattern, 'rearrange', axesLengths);
}

/**
 * Rearranges like `rearrange`, and fills new axes (those only on the right side) by repeating the
 * tensor along them.
 *
 * ```ts
 * const image = tf.zeros([30, 40]); // h w
 * repeat(image, 'h w -> h w c', { c: 3 }).shape; // [30, 40, 3]
 * repeat(image, 'h w -> b h w', { b: 8 }).shape; // [8, 30, 40]
 * repeat(image, 'h w -> (h h2) (w w2)', { h2: 2, w2: 2 }).shape; // [60, 80]: upsampled twice
 * ```
 *
 * @param axesLengths the length of every new named axis, e.g. `{ c: 3 }`
 * @throws EinopsError for every pattern or shape mistake: a malformed pattern, axes on one side
 *   only, a rank that does not fit, a length that does not divide its axis, an empty list. The message
 *   carries the reference's wording; `error.kind` names the Python exception the reference raises.
 *   A new axis without a length fails with "Specify sizes for new axes in repeat".
 */
export function repeat(x: Tensor | Tensor[], pattern: string, axesLengths?: AxesLengths): Tensor {
  return einopsCallOwned(x, pattern, 'repeat', axesLengths);
}

/**
 * Rearranges like `rearrange`, and reduces the axes missing on the right side with `reduction`:
 * 'min', 'max', 'sum', 'mean', 'prod', 'any', 'all', or a function `(x, axes) => tensor`.
 *
 * ```ts
 * const x = tf.zeros([10, 20, 30, 40]); // b c h w
 * reduce(x, 'b c h w -> b c', 'max').shape; // [10, 20]: global max-pool
 * reduce(x, 'b c (h h2) (w w2) -> b h w c', 'mean', { h2: 2, w2: 2 }).shape; // [10, 15, 20, 20]
 * reduce(x, 'b c h w -> b c () ()', 'mean').shape; // [10, 20, 1, 1]
 * ```
 *
 * @throws EinopsError for every pattern or shape mistake: a malformed pattern, axes on one side
 *   only, a rank that does not fit, a length that does not divide its axis, an empty list. The message
 *   carries the reference's wording; `error.kind` names the Python exception the reference raises.
 *   Also: an unknown reduction name, 'mean' of a non-float tensor (kind 'NotImplementedError'),
 *   'min' or 'max' over zero elements (kind 'ValueError').
 */
export function reduce(
  x: Tensor | Tensor[],
  pattern: string,
  reduction: Reduction | 'rearrange' | 'repeat',
  axesLengths?: AxesLengths,
): Tensor {
  return einopsCallOwned(x, pattern, reduction, axesLengths);
}

/** einopsCall, plus freeing the stacked tensor of a list input when the result is a new tensor. */
function einopsCallOwned(input: Tensor | Tensor[], pattern: string, op: Operation, lengths?: AxesLengths): Tensor {
  if (!Array.isArray(input)) {
    if (!isTensor(input)) {
      throw new EinopsError(`Tensor type unknown to einops ${typeof input}`, 'RuntimeError');
    }
    return einopsCall(input, pattern, op, lengths);
  }
  // list: stack inside so the stacked copy can be freed if an op produced a new tensor
  let stacked: Tensor;
  try {
    if (input.length === 0) {
      throw new EinopsError("Rearrange/Reduce/Repeat can't be applied to an empty list", 'TypeError');
    }
    stacked = stackList(input);
  } catch (e) {
    return wrapError(e, op, pattern, null, lengths);
  }
  let result: Tensor;
  try {
    result = einopsCall(stacked, pattern, op, lengths);
  } catch (e) {
    stacked.dispose();
    throw e;
  }
  if (result !== stacked) stacked.dispose();
  return result;
}
