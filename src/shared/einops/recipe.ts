/**
 * Recipe building: pattern → recipe (shape-independent, cached by pattern/op/length names/rank) →
 * plan (one concrete input shape and length values, cached per recipe). This mirrors the reference's
 * `_prepare_transformation_recipe` and `_reconstruct_from_shape` (einops/einops.py in
 * arogozhnikov/einops) check for check, so the same inputs fail in the same places. Pure: the plan's
 * tfjs steps come from lower.ts, and ops.ts runs them.
 */
import { EinopsError } from './errors';
import type { PythonErrorKind } from './errors';
import { lowerPlan } from './lower';
import type { AxisMoves, Step } from './lower';
import { AnonymousAxis, ELLIPSIS, ParsedExpression, checkAxisName, setRepr } from './parsing';
import type { Axis, CompositionItem } from './parsing';
import type { Tensor } from '@tensorflow/tfjs-core';

export const REDUCTIONS = ['min', 'max', 'sum', 'mean', 'prod', 'any', 'all'] as const;
export type ReductionName = (typeof REDUCTIONS)[number];
export type ReductionFn = (x: Tensor, axes: number[]) => Tensor;
/** 'rearrange' and 'repeat' are reachable through reduce() too, exactly as in the reference. */
export type Operation = ReductionName | 'rearrange' | 'repeat' | ReductionFn | string;

const UNKNOWN = -999999;
const EXPECTED = -99999;

export interface Recipe extends AxisMoves {
  /** Lengths of elementary axes: left ones in left order, then right-only (repeat) ones. */
  elementaryLengths: number[];
  /** For each given length name, its elementary axis. */
  nameToElementary: Map<string, number>;
  /** Per input axis: elementary axes of known length, and (at most one) of unknown length. */
  inputKnownUnknown: [number[], number[]][];
  outputGroups: number[][];
  needInitReshape: boolean;
  needFinalReshape: boolean;
  plans: Lru<Plan>;
}

export interface Plan {
  inputShape: number[];
  outputShape: number[];
  steps: Step[];
  /** True when some axis is actually reduced (mean on ints fails only then). */
  reduces: boolean;
}

/** Throws the bare reason; ops.ts adds the reference's "Error while processing …" header. */
function fail(message: string, kind: PythonErrorKind = 'EinopsError'): never {
  throw new EinopsError(message, kind);
}

// ---------------------------------------------------------------- bounded LRU caches

/**
 * Map-backed LRU. A hit only stamps the entry with a clock tick (no Map delete/insert on the hot
 * path); when an insert goes past the cap, the stalest entry is found by a scan, which is rare.
 */
interface Stamped<V> {
  value: V;
  used: number;
}
let clock = 0;

export class Lru<V> {
  private readonly map = new Map<string, Stamped<V>>();
  constructor(private readonly cap: number) {}
  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    e.used = ++clock;
    return e.value;
  }
  set(key: string, value: V): void {
    this.map.set(key, { value, used: ++clock });
    if (this.map.size > this.cap) {
      let oldestKey: string | null = null;
      let oldest = Infinity;
      for (const [k, e] of this.map) {
        if (e.used < oldest) {
          oldest = e.used;
          oldestKey = k;
        }
      }
      this.map.delete(oldestKey!);
    }
  }
  get size(): number {
    return this.map.size;
  }
  values(): V[] {
    return [...this.map.values()].map((e) => e.value);
  }
  clear(): void {
    this.map.clear();
  }
}

const RECIPE_CACHE_SIZE = 256;
const PLAN_CACHE_SIZE = 1024;
const recipeCache = new Lru<Recipe>(RECIPE_CACHE_SIZE);

/** Callables have no stable string form: each gets a numeric id for the cache key. */
const callableIds = new WeakMap<ReductionFn, number>();
let nextCallableId = 0;

/** The cache-key form of an operation. */
function operationKey(op: Operation): string {
  if (typeof op === 'function') {
    let id = callableIds.get(op);
    if (id === undefined) {
      id = nextCallableId++;
      callableIds.set(op, id);
    }
    return `\u0001fn${id}`;
  }
  return op;
}

const clearHooks: (() => void)[] = [];
/** Lets other modules (the ops' last-call memo, einsum, pack) drop their caches too. */
export function onClearCaches(hook: () => void): void {
  clearHooks.push(hook);
}

/** Empties every einops cache (recipes, plans, and those registered through onClearCaches). */
export function clearCaches(): void {
  recipeCache.clear();
  for (const hook of clearHooks) hook();
}

/** How many recipes and plans are cached now. */
export function cacheSizes(): { recipes: number; plans: number } {
  let plans = 0;
  for (const r of recipeCache.values()) plans += r.plans.size;
  return { recipes: recipeCache.size, plans };
}

/** The operation's name as error messages print it. */
export function operationName(op: Operation): string {
  return typeof op === 'function' ? op.name || '<function>' : op;
}

// ---------------------------------------------------------------- recipe (shape independent)

/** Members of `a` not in `b`, in `a`'s order. */
function setDifference<T>(a: Set<T>, b: Set<T>): T[] {
  const out: T[] = [];
  for (const x of a) if (!b.has(x)) out.push(x);
  return out;
}

/** The cached recipe for this pattern, operation, length names and rank (built on a miss). */
export function getRecipe(pattern: string, op: Operation, names: string[], ndim: number): Recipe {
  const key = `${operationKey(op)}\u0000${ndim}\u0000${names.join(',')}\u0000${pattern}`;
  let recipe = recipeCache.get(key);
  if (recipe === undefined) {
    recipe = prepareRecipe(pattern, op, names, ndim);
    recipeCache.set(key, recipe);
  }
  return recipe;
}

/** Left and right side of a pattern; Python's tuple-unpacking errors for zero or two arrows. */
export function splitArrow(pattern: string): [string, string] {
  const parts = pattern.split('->');
  if (parts.length > 2) fail('too many values to unpack (expected 2)', 'ValueError');
  if (parts.length < 2) fail('not enough values to unpack (expected 2, got 1)', 'ValueError');
  return [parts[0], parts[1]];
}

/** Every shape-independent check and the elementary-axis bookkeeping, as the reference does it. */
function prepareRecipe(pattern: string, op: Operation, names: string[], ndim: number): Recipe {
  const [leftStr, rightStr] = splitArrow(pattern);
  const left = new ParsedExpression(leftStr);
  const right = new ParsedExpression(rightStr);

  if (!left.hasEllipsis && right.hasEllipsis) {
    fail(`Ellipsis found in right side, but not left side of a pattern ${pattern}`);
  }
  if (left.hasEllipsis && left.hasEllipsisParenthesized) {
    fail(`Ellipsis inside parenthesis in the left side is not allowed: ${pattern}`);
  }
  const isCallable = typeof op === 'function';
  if (op === 'rearrange') {
    if (left.hasNonUnitaryAnonymousAxes || right.hasNonUnitaryAnonymousAxes) {
      fail('Non-unitary anonymous axes are not supported in rearrange (exception is length 1)');
    }
    const diff = [...setDifference(left.identifiers, right.identifiers), ...setDifference(right.identifiers, left.identifiers)];
    if (diff.length > 0) fail(`Identifiers only on one side of expression (should be on both): ${setRepr(diff)}`);
  } else if (op === 'repeat') {
    const diff = setDifference(left.identifiers, right.identifiers);
    if (diff.length > 0) fail(`Unexpected identifiers on the left side of repeat: ${setRepr(diff)}`);
    const known = new Set<Axis>([...left.identifiers, ...names]);
    const withoutSize = [...right.identifiers].filter((ax) => !(ax instanceof AnonymousAxis) && !known.has(ax));
    if (withoutSize.length > 0) fail(`Specify sizes for new axes in repeat: ${setRepr(withoutSize)}`);
  } else if (isCallable || (REDUCTIONS as readonly string[]).includes(op as string)) {
    const diff = setDifference(right.identifiers, left.identifiers);
    if (diff.length > 0) fail(`Unexpected identifiers on the right side of reduce ${operationName(op)}: ${setRepr(diff)}`);
  } else {
    fail(`Unknown reduction ${String(op)}. Expect one of ('min', 'max', 'sum', 'mean', 'prod', 'any', 'all').`);
  }

  let leftComposition: Axis[][];
  let rightComposition: Axis[][];
  const leftIds = new Set(left.identifiers);
  const rightIds = new Set(right.identifiers);
  if (left.hasEllipsis) {
    const nOther = left.composition.length - 1;
    if (ndim < nOther) fail(`Wrong shape: expected >=${nOther} dims. Received ${ndim}-dim tensor.`);
    const ellAxes: string[] = [];
    for (let i = 0; i < ndim - nOther; i++) ellAxes.push(ELLIPSIS + i);
    leftComposition = [];
    for (const item of left.composition) {
      if (item === ELLIPSIS) for (const a of ellAxes) leftComposition.push([a]);
      else leftComposition.push(item);
    }
    rightComposition = [];
    for (const item of right.composition) {
      if (item === ELLIPSIS) {
        for (const a of ellAxes) rightComposition.push([a]);
      } else {
        const group: Axis[] = [];
        for (const a of item) {
          if (a === ELLIPSIS) group.push(...ellAxes);
          else group.push(a);
        }
        rightComposition.push(group);
      }
    }
    for (const a of ellAxes) leftIds.add(a);
    leftIds.delete(ELLIPSIS);
    if (right.hasEllipsis) {
      for (const a of ellAxes) rightIds.add(a);
      rightIds.delete(ELLIPSIS);
    }
  } else {
    if (ndim !== left.composition.length) {
      fail(`Wrong shape: expected ${left.composition.length} dims. Received ${ndim}-dim tensor.`);
    }
    // a literal '…' typed without '...' is, in the reference, just an axis named '…'
    leftComposition = left.composition.map(asGroup);
    rightComposition = right.composition.map(asGroup);
  }

  const knownLength = new Map<Axis, number>();
  for (const group of leftComposition) {
    for (const axis of group) knownLength.set(axis, axis instanceof AnonymousAxis ? axis.value : UNKNOWN);
  }
  for (const axis of rightIds) {
    if (!knownLength.has(axis)) knownLength.set(axis, axis instanceof AnonymousAxis ? axis.value : UNKNOWN);
  }
  const position = new Map<Axis, number>();
  let p = 0;
  for (const axis of knownLength.keys()) position.set(axis, p++);

  for (const name of names) {
    if (!checkAxisName(name)[0]) fail(`('Invalid name for an axis', '${name}')`);
    if (!knownLength.has(name)) fail(`Axis ${name} is not used in transform`);
    knownLength.set(name, EXPECTED);
  }

  const inputKnownUnknown: [number[], number[]][] = [];
  for (const group of leftComposition) {
    const known: number[] = [];
    const unknown: Axis[] = [];
    for (const axis of group) {
      if (knownLength.get(axis) === UNKNOWN) unknown.push(axis);
      else known.push(position.get(axis)!);
    }
    if (unknown.length > 1) fail(`Could not infer sizes for ${setRepr(unknown)}`);
    inputKnownUnknown.push([known, unknown.map((a) => position.get(a)!)]);
  }

  const orderedLeft = leftComposition.flat();
  const orderedRight = rightComposition.flat();
  const reduced = orderedLeft.filter((a) => !rightIds.has(a));
  const afterTransposition = [...orderedRight.filter((a) => leftIds.has(a)), ...reduced];
  const permutation = afterTransposition.map((a) => orderedLeft.indexOf(a));
  const addedAxes: [number, number][] = [];
  orderedRight.forEach((a, i) => {
    if (!leftIds.has(a)) addedAxes.push([i, position.get(a)!]);
  });

  return {
    elementaryLengths: [...knownLength.values()],
    nameToElementary: new Map(names.map((n) => [n, position.get(n)!])),
    inputKnownUnknown,
    permutation,
    firstReducedAxis: afterTransposition.length - reduced.length,
    addedAxes,
    outputGroups: rightComposition.map((g) => g.map((a) => position.get(a)!)),
    needInitReshape: leftComposition.some((g) => g.length !== 1),
    inputGroupOf: leftComposition.flatMap((g, i) => g.map(() => i)),
    outputGroupOfPosition: rightComposition.flatMap((g, i) => g.map(() => i)),
    needFinalReshape: rightComposition.some((g) => g.length !== 1),
    isCallable,
    plans: new Lru<Plan>(PLAN_CACHE_SIZE),
  };
}

/** A top-level composition item as a group of axes. */
function asGroup(item: CompositionItem): Axis[] {
  return item === ELLIPSIS ? [ELLIPSIS] : item;
}

// ---------------------------------------------------------------- plan (one shape)

/** The cached plan of a recipe for this shape and these length values (built on a miss). */
export function getPlan(recipe: Recipe, shape: number[], lengths: Record<string, number> | undefined, names: string[], op: Operation): Plan {
  let key = shape.join(',');
  if (names.length > 0) {
    key += ';';
    for (const n of names) key += `${lengths![n]},`;
  }
  let plan = recipe.plans.get(key);
  if (plan === undefined) {
    plan = buildPlan(recipe, shape, lengths, names, op);
    recipe.plans.set(key, plan);
  }
  return plan;
}

/** Infers every axis length, runs the shape checks, and lowers the result to tfjs steps. */
function buildPlan(recipe: Recipe, shape: number[], lengths: Record<string, number> | undefined, names: string[], op: Operation): Plan {
  // Python only runs its divisibility checks on ints; a non-integer length (e.g. 2.5) skips them
  // and fails later only if numpy has to reshape or tile with it. `isFloat` tracks that taint.
  const axisLengths = [...recipe.elementaryLengths];
  const isFloat = axisLengths.map(() => false);
  for (const n of names) {
    const v = lengths![n];
    const i = recipe.nameToElementary.get(n)!;
    axisLengths[i] = v;
    isFloat[i] = !Number.isInteger(v);
  }
  recipe.inputKnownUnknown.forEach(([known, unknown], inputAxis) => {
    const length = shape[inputAxis];
    if (known.length === 0 && unknown.length === 1) {
      axisLengths[unknown[0]] = length;
      return;
    }
    let product = 1;
    let productIsFloat = false;
    for (const k of known) {
      product *= axisLengths[k];
      productIsFloat ||= isFloat[k];
    }
    if (unknown.length === 0) {
      if (!productIsFloat && length !== product) fail(`Shape mismatch, ${length} != ${product}`);
      // an unchecked non-integer length on a lone axis never reaches numpy: the real length stands
      if (productIsFloat && known.length === 1) {
        axisLengths[known[0]] = length;
      }
    } else {
      if (product === 0) fail(productIsFloat ? 'float floor division by zero' : 'integer modulo by zero', 'ZeroDivisionError');
      if (!productIsFloat && length % product !== 0) {
        fail(`Shape mismatch, can't divide axis of length ${length} in chunks of ${product}`);
      }
      axisLengths[unknown[0]] = Math.floor(length / product);
      isFloat[unknown[0]] = productIsFloat;
    }
  });

  const nLeft = recipe.permutation.length;
  // numpy rejects what reshape/tile would get: floats (TypeError) and negative sizes (ValueError)
  const checkNumpyDims = (idx: number[], what: string): void => {
    for (const i of idx) {
      if (isFloat[i]) fail(`'float' object cannot be interpreted as an integer (${what})`, 'TypeError');
      if (axisLengths[i] < 0) fail(`negative dimensions are not allowed (${what})`, 'ValueError');
    }
  };
  const leftAxes = Array.from({ length: nLeft }, (_, i) => i);
  if (recipe.needInitReshape) checkNumpyDims(leftAxes, 'reshape');
  if (recipe.addedAxes.length > 0) checkNumpyDims(recipe.addedAxes.map(([, e]) => e), 'tile');
  if (recipe.needFinalReshape) checkNumpyDims(recipe.outputGroups.flat(), 'reshape');

  const outputShape = recipe.outputGroups.map((g) => g.reduce((acc, e) => acc * axisLengths[e], 1));
  const reducedAxes = recipe.permutation.slice(recipe.firstReducedAxis);
  const reduces = reducedAxes.length > 0;
  if (reduces && (op === 'min' || op === 'max')) {
    if (reducedAxes.reduce((acc, e) => acc * axisLengths[e], 1) === 0) {
      fail(`zero-size array to reduction operation ${op === 'max' ? 'maximum' : 'minimum'} which has no identity`, 'ValueError');
    }
  }
  return { inputShape: [...shape], outputShape, steps: lowerPlan(recipe, axisLengths, shape, outputShape), reduces };
}
