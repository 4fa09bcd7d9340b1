/**
 * Lowering: one plan's axis lengths → the shortest list of tfjs ops (reshape, transpose, reduce,
 * tile) that computes it. Pure data, no tensors: ops.ts runs the steps and explain.ts prints them.
 * The reference runs reshape → transpose → reduce → add axes → reshape as they come; here axes that
 * stay neighbours are merged and no-op steps dropped, so no kernel exceeds WebGL's rank limit.
 */

/** Highest rank handed to a tfjs kernel: WebGL shaders are generated for rank ≤ 6 only. */
export const MAX_KERNEL_RANK = 6;

export type Step =
  | { kind: 'reshape'; shape: number[] }
  | { kind: 'transpose'; perm: number[] }
  /** `empty`: the reduced axes hold no element (wasm kernels return garbage there, numpy an identity). */
  | { kind: 'reduce'; axes: number[]; empty: boolean }
  | { kind: 'tile'; reps: number[] };

/** Where each elementary axis of a recipe goes: the part of a recipe the lowering reads. */
export interface AxisMoves {
  /** Left elementary axes in transposed order: kept axes in output order, then reduced ones. */
  permutation: number[];
  firstReducedAxis: number;
  /** Output elementary position → elementary axis, for axes that are new (repeat). */
  addedAxes: [number, number][];
  /** Input axis of each left elementary axis; output group of each output elementary position. */
  inputGroupOf: number[];
  outputGroupOfPosition: number[];
  /** A callable reduction gets its reduced axes unmerged, as the reference hands them over. */
  isCallable: boolean;
}

interface Block {
  /** First left elementary axis (blocks are runs of consecutive left axes). */
  first: number;
  length: number;
  reduced: boolean;
  /** Index of the block in input order (set after sorting). */
  inputIndex: number;
}

/** Product of the values (1 for none). */
function product(values: number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/** Element-wise equality of two shapes. */
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
export function lowerPlan(recipe: AxisMoves, L: number[], inputShape: number[], outputShape: number[]): Step[] {
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

/** One lowering of the plan, merging neighbour axes except across the group borders asked to be cut. */
function lowerWith(recipe: AxisMoves, L: number[], inputShape: number[], outputShape: number[], cutIn: boolean, cutOut: boolean): Step[] {
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

/** [from, from + 1, …, to - 1]. */
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
