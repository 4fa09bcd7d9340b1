/**
 * Pattern → recipe (shape-independent, cached by pattern/op/length names/rank) → plan (one concrete
 * input shape and length values, cached per recipe). This mirrors the reference's
 * _prepare_transformation_recipe and _reconstruct_from_shape (spec §2, §4) check for check, so the
 * same inputs fail in the same places. The plan is then lowered to a lean list of tfjs steps.
 */
import { EinopsError } from './errors';
import type { PythonErrorKind } from './errors';
import { AnonymousAxis, ELLIPSIS, ParsedExpression, checkAxisName, setRepr } from './parsing';
import type { Axis, CompositionItem } from './parsing';
import type { Tensor } from '@tensorflow/tfjs';

export const REDUCTIONS = ['min', 'max', 'sum', 'mean', 'prod', 'any', 'all'] as const;
export type ReductionName = (typeof REDUCTIONS)[number];
export type ReductionFn = (x: Tensor, axes: number[]) => Tensor;
/** 'rearrange' and 'repeat' are reachable through reduce() too, exactly as in the reference. */
export type Operation = ReductionName | 'rearrange' | 'repeat' | ReductionFn | string;

/** Highest rank handed to a tfjs kernel: WebGL shaders are generated for rank ≤ 6 only. */
export const MAX_KERNEL_RANK = 6;

const UNKNOWN = -999999;
const EXPECTED = -99999;

export interface Recipe {
  /** Lengths of elementary axes: left ones in left order, then right-only (repeat) ones. */
  elementaryLengths: number[];
  /** For each given length name, its elementary axis. */
  nameToElementary: Map<string, number>;
  /** Per input axis: elementary axes of known length, and (at most one) of unknown length. */
  inputKnownUnknown: [number[], number[]][];
  /** Left elementary axes in transposed order: kept axes in output order, then reduced ones. */
  permutation: number[];
  firstReducedAxis: number;
  /** Output elementary position → elementary axis, for axes that are new (repeat). */
  addedAxes: [number, number][];
  outputGroups: number[][];
  needInitReshape: boolean;
  needFinalReshape: boolean;
  /** Input axis of each left elementary axis; output group of each output elementary position. */
  inputGroupOf: number[];
  outputGroupOfPosition: number[];
  isCallable: boolean;
  plans: Lru<Plan>;
}

export type Step =
  | { kind: 'reshape'; shape: number[] }
  | { kind: 'transpose'; perm: number[] }
  /** `empty`: the reduced axes hold no element (wasm kernels return garbage there, numpy an identity). */
  | { kind: 'reduce'; axes: number[]; empty: boolean }
  | { kind: 'tile'; reps: number[] };

export interface Plan {
  inputShape: number[];
  outputShape: number[];
  steps: Step[];
  /** True when some axis is actually reduced (mean on ints fails only then). */
  reduces: boolean;
}

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

const callableIds = new WeakMap<ReductionFn, number>();
let nextCallableId = 0;

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

export function clearCaches(): void {
  recipeCache.clear();
  for (const hook of clearHooks) hook();
}

export function cacheSizes(): { recipes: number; plans: number } {
  let plans = 0;
  for (const r of recipeCache.values()) plans += r.plans.size;
  return { recipes: recipeCache.size, plans };
}

export function operationName(op: Operation): string {
  return typeof op === 'function' ? op.name || '<function>' : op;
}

// ---------------------------------------------------------------- recipe (shape independent)

function setDifference<T>(a: Set<T>, b: Set<T>): T[] {
  const out: T[] = [];
  for (const x of a) if (!b.has(x)) out.push(x);
  return out;
}

export function getRecipe(pattern: string, op: Operation, names: string[], ndim: number): Recipe {
  const key = `${operationKey(op)}\u0000${ndim}\u0000${names.join(',')}\u0000${pattern}`;
  let recipe = recipeCache.get(key);
  if (recipe === undefined) {
    recipe = prepareRecipe(pattern, op, names, ndim);
    recipeCache.set(key, recipe);
  }
  return recipe;
}

export function splitArrow(pattern: string): [string, string] {
  const parts = pattern.split('->');
  if (parts.length > 2) fail('too many values to unpack (expected 2)', 'ValueError');
  if (parts.length < 2) fail('not enough values to unpack (expected 2, got 1)', 'ValueError');
  return [parts[0], parts[1]];
}

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

function asGroup(item: CompositionItem): Axis[] {
  return item === ELLIPSIS ? [ELLIPSIS] : item;
}

// ---------------------------------------------------------------- plan (one shape)

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

// ---------------------------------------------------------------- lowering to tfjs steps

interface Block {
  /** First left elementary axis (blocks are runs of consecutive left axes). */
  first: number;
  length: number;
  reduced: boolean;
  /** Index of the block in input order (set after sorting). */
  inputIndex: number;
}

function product(values: number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

function sameShape(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Turns the reference's reshape → transpose → reduce → add axes → reshape into the fewest tfjs
 * ops: axes that stay neighbours through the transpose are merged into one (so most patterns run
 * with rank ≤ 3 intermediates and no intermediate exceeds rank 6 — WebGL's limit), and every
 * reshape or transpose that would not change anything is dropped.
 */
function lowerPlan(recipe: Recipe, L: number[], inputShape: number[], outputShape: number[]): Step[] {
  // Merging every run of neighbours gives the lowest rank, but can add a reshape before and after
  // the transpose that the plain input/output layout would not need ('b h w c -> b c h w' is one
  // transpose of the input as it is). Try the layouts cut at input and/or output group borders too,
  // and keep the one with the fewest ops (ties: the lower rank, i.e. the earlier candidate).
  let best: Step[] | null = null;
  for (const [cutIn, cutOut] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    const steps = lowerWith(recipe, L, inputShape, outputShape, cutIn, cutOut);
    if (best === null || steps.length < best.length) best = steps;
  }
  return best!;
}

function lowerWith(recipe: Recipe, L: number[], inputShape: number[], outputShape: number[], cutIn: boolean, cutOut: boolean): Step[] {
  const perm = recipe.permutation;
  const nKept = recipe.firstReducedAxis;
  const b = new StepBuilder(inputShape);

  // output position of each kept axis: an added (repeat) axis in between forbids merging there
  const addedPositions = new Set(recipe.addedAxes.map(([pos]) => pos));
  const keptOutPos: number[] = [];
  for (let pos = 0, k = 0; k < nKept; pos++) if (!addedPositions.has(pos)) keptOutPos[k++] = pos;

  const blocks: Block[] = [];
  for (let t = 0; t < perm.length; t++) {
    const axis = perm[t];
    const reduced = t >= nKept;
    const prev = blocks[blocks.length - 1];
    // for callables the reduced axes stay separate, as the reference hands them over
    const mergeable =
      t > 0 &&
      perm[t - 1] + 1 === axis &&
      prev.reduced === reduced &&
      (reduced ? !recipe.isCallable : keptOutPos[t] === keptOutPos[t - 1] + 1) &&
      !(cutIn && recipe.inputGroupOf[perm[t - 1]] !== recipe.inputGroupOf[axis]) &&
      !(cutOut && !reduced && recipe.outputGroupOfPosition[keptOutPos[t - 1]] !== recipe.outputGroupOfPosition[keptOutPos[t]]);
    if (mergeable) prev.length *= L[axis];
    else blocks.push({ first: axis, length: L[axis], reduced, inputIndex: -1 });
  }
  const byInput = [...blocks].sort((x, y) => x.first - y.first);
  byInput.forEach((blk, i) => (blk.inputIndex = i));
  const blockPerm = blocks.map((blk) => blk.inputIndex);
  const transposedShape = blocks.map((blk) => blk.length);

  const nKeptBlocks = blocks.filter((blk) => !blk.reduced).length;
  const empty = product(perm.slice(nKept).map((a) => L[a])) === 0;
  if (nKept < perm.length && !recipe.isCallable && blocks.length <= MAX_KERNEL_RANK) {
    // reduce first, in the input's own (merged) layout, then move only the smaller result:
    // reduced axes that are innermost already then cost no transpose at all
    b.reshapeTo(byInput.map((blk) => blk.length));
    const reducedAxes = byInput.flatMap((blk, i) => (blk.reduced ? [i] : []));
    const keptByInput = byInput.filter((blk) => !blk.reduced);
    b.push({ kind: 'reduce', axes: reducedAxes, empty }, keptByInput.map((blk) => blk.length));
    const keptPerm = blocks.slice(0, nKeptBlocks).map((blk) => keptByInput.indexOf(blk));
    if (keptPerm.some((v, i) => v !== i)) b.push({ kind: 'transpose', perm: keptPerm }, transposedShape.slice(0, nKeptBlocks));
    b.reshapeTo(outputShape);
    return b.steps;
  }
  const needsTranspose = blockPerm.some((v, i) => v !== i);
  // the merged layout only pays off when a transpose or a reduction follows; otherwise the
  // tensor goes straight to the tile layout or the output shape
  if (needsTranspose || nKept < perm.length) b.reshapeTo(byInput.map((blk) => blk.length));
  if (needsTranspose) {
    if (blockPerm.length <= MAX_KERNEL_RANK) b.push({ kind: 'transpose', perm: blockPerm }, transposedShape);
    else lowRankTranspose(b, byInput.map((blk) => blk.length), blockPerm);
  }

  if (nKept < perm.length) {
    if (recipe.isCallable) {
      // the callable sees the reference's layout: kept axes in output order, then reduced axes
      b.reshapeTo(perm.map((a) => L[a]));
      b.push({ kind: 'reduce', axes: range(nKept, perm.length), empty }, perm.slice(0, nKept).map((a) => L[a]));
    } else {
      // more than 6 blocks: after the low-rank transpose chain, reduce a [kept, reduced] matrix
      const reducedSize = product(transposedShape.slice(nKeptBlocks));
      const outer = product(transposedShape.slice(0, nKeptBlocks));
      b.reshapeTo(nKeptBlocks > 0 ? [outer, reducedSize] : [reducedSize]);
      b.push({ kind: 'reduce', axes: [nKeptBlocks > 0 ? 1 : 0], empty }, nKeptBlocks > 0 ? [outer] : []);
    }
  }

  const nOutElementary = nKept + recipe.addedAxes.length;
  if (recipe.addedAxes.length > 0 && nOutElementary <= MAX_KERNEL_RANK) {
    // tile in the output's own elementary layout: often the result needs no final reshape then
    const layout: number[] = [];
    const reps: number[] = [];
    for (let pos = 0, k = 0; pos < nOutElementary; pos++) {
      const added = recipe.addedAxes.find(([p]) => p === pos);
      if (added) {
        layout.push(1);
        reps.push(L[added[1]]);
      } else {
        layout.push(L[perm[k++]]);
        reps.push(1);
      }
    }
    b.reshapeTo(layout);
    b.push({ kind: 'tile', reps }, layout.map((l, i) => l * reps[i]));
  } else if (recipe.addedAxes.length > 0) {
    // segments of the output: runs of kept blocks (contiguous in memory by now) and runs of new axes
    const segLen: number[] = [];
    const segAdded: boolean[] = [];
    const addedLen = new Map(recipe.addedAxes.map(([pos, e]) => [pos, L[e]]));
    let blockIdx = 0;
    let keptIdx = 0;
    const nOut = nKept + recipe.addedAxes.length;
    for (let pos = 0; pos < nOut; pos++) {
      const isAdded = addedPositions.has(pos);
      let len = 1;
      if (isAdded) {
        len = addedLen.get(pos)!;
      } else {
        // a kept axis that opens a block carries the block's length; the others are inside it
        if (blockIdx < blocks.length && blocks[blockIdx].first === perm[keptIdx]) len = blocks[blockIdx++].length;
        keptIdx++;
      }
      const last = segLen.length - 1;
      if (last >= 0 && segAdded[last] === isAdded) segLen[last] *= len;
      else {
        segLen.push(len);
        segAdded.push(isAdded);
      }
    }
    if (segLen.length <= MAX_KERNEL_RANK) {
      b.reshapeTo(segLen.map((l, i) => (segAdded[i] ? 1 : l)));
      b.push({ kind: 'tile', reps: segLen.map((l, i) => (segAdded[i] ? l : 1)) }, segLen);
    } else {
      // one rank-3 tile per run of new axes: [before, 1, after] → [before, L, after]
      const done = segLen.map((l, i) => (segAdded[i] ? 1 : l));
      segLen.forEach((l, i) => {
        if (!segAdded[i]) return;
        const before = product(done.slice(0, i));
        const after = product(done.slice(i + 1));
        b.reshapeTo([before, 1, after]);
        b.push({ kind: 'tile', reps: [1, l, 1] }, [before, l, after]);
        done[i] = l;
      });
    }
  }
  b.reshapeTo(outputShape);
  return b.steps;
}

/** Emits steps while tracking the current shape, so no-op reshapes are never emitted. */
class StepBuilder {
  readonly steps: Step[] = [];
  /** The shape before the trailing reshape, so two reshapes in a row collapse into one. */
  private beforeReshape: number[] | null = null;
  constructor(public cur: number[]) {}
  reshapeTo(shape: number[]): void {
    if (sameShape(this.cur, shape)) return;
    const last = this.steps[this.steps.length - 1];
    if (last?.kind === 'reshape' && this.beforeReshape) {
      this.steps.pop();
      this.cur = this.beforeReshape;
      if (sameShape(this.cur, shape)) {
        this.beforeReshape = null;
        return;
      }
    }
    const before = this.cur;
    this.push({ kind: 'reshape', shape }, shape);
    this.beforeReshape = before;
  }
  push(step: Step, resultShape: number[]): void {
    this.steps.push(step);
    this.cur = resultShape;
    this.beforeReshape = null;
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/**
 * A permutation of more than 6 blocks, done as a chain of rank-4 transposes: each step moves the
 * next run of wanted blocks in front of the ones not yet placed ([done, rest, run, tail] →
 * [done, run, rest, tail]).
 */
function lowRankTranspose(b: StepBuilder, lengths: number[], perm: number[]): void {
  const order = lengths.map((_, i) => i); // block ids in current memory order
  const len = (ids: number[]): number => product(ids.map((id) => lengths[id]));
  for (let t = 0; t < perm.length; ) {
    const j = order.indexOf(perm[t]);
    if (j === t) {
      t++;
      continue;
    }
    let run = 1;
    while (t + run < perm.length && j + run < order.length && order[j + run] === perm[t + run]) run++;
    const done = order.slice(0, t);
    const rest = order.slice(t, j);
    const moved = order.slice(j, j + run);
    const tail = order.slice(j + run);
    b.reshapeTo([len(done), len(rest), len(moved), len(tail)]);
    b.push({ kind: 'transpose', perm: [0, 2, 1, 3] }, [len(done), len(moved), len(rest), len(tail)]);
    order.splice(0, order.length, ...done, ...moved, ...rest, ...tail);
    t += run;
  }
}
