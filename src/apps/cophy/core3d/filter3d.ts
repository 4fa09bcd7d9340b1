/**
 * The Filtered-CoPhy filter (arXiv 2202.00368 §3, Definitions 1–2) for the 3-D scenarios. The verdict
 * logic is part 1's (core/filter.ts: judgeCandidate, counterfactualObjects, isIdentifiable,
 * epsilonSweep work on the distances alone); only the distances differ:
 * - BlocktowerCF sums each cube's Euclidean error over x, y and z (Tower.__eq__,
 *   generate_blocktower.py @151a2fd l. 557–564: trajectory[:, k, :3]);
 * - CollisionCF over x and y only (Arena.__eq__, generate_collision.py l. 344–351: trajectory[:, k, :2]).
 * Two trajectories are the same when no object's sum exceeds ε (100 in both files, l. 24 / l. 25).
 */
import { counterfactualObjects, EPSILON, type CandidateDistances } from '../core/filter';
import { massesOfCombination } from '../core/simulator';
import type { Scene3d, Trajectory3d } from './physics';

/** Which coordinates an object's error sums over: 3 (x, y, z) or 2 (x, y). */
export type ErrorDims = 2 | 3;

/** Σ_t ‖a_k(t) − b_k(t)‖₂ over the first `dims` coordinates, for each object k. */
export function objectErrors3d(a: Trajectory3d, b: Trajectory3d, dims: ErrorDims): Float64Array {
  if (a.n !== b.n || a.frames !== b.frames) {
    throw new RangeError(`cannot compare a ${a.n}-object, ${a.frames}-frame trajectory with a ${b.n}-object, ${b.frames}-frame one`);
  }
  const errors = new Float64Array(a.n);
  const pa = a.positions;
  const pb = b.positions;
  for (let t = 0; t < a.frames; t++) {
    for (let k = 0; k < a.n; k++) {
      const i = (t * a.n + k) * 3;
      const dx = pa[i] - pb[i];
      const dy = pa[i + 1] - pb[i + 1];
      const dz = dims === 3 ? pa[i + 2] - pb[i + 2] : 0;
      errors[k] += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return errors;
}

/** The largest per-object error: the same trajectory at ε when this is at most ε. */
export function trajectoryDistance3d(a: Trajectory3d, b: Trajectory3d, dims: ErrorDims): number {
  let worst = 0;
  for (const e of objectErrors3d(a, b, dims)) if (e > worst) worst = e;
  return worst;
}

/** C, and for each of its objects the index of the same object in A (a removed cube leaves a gap). */
export interface CounterfactualStart3d {
  readonly scene: Scene3d;
  readonly objects: readonly number[];
}

export type Simulate = (scene: Scene3d, masses: readonly number[]) => Trajectory3d;

/** AB under every mass combination, simulated once per A and shared by its do-operation trials. */
export interface AbCache {
  readonly a: Scene3d;
  readonly byCombination: Map<number, Trajectory3d>;
}

export function abCache(a: Scene3d): AbCache {
  return { a, byCombination: new Map() };
}

export interface SimulatedCandidate3d {
  readonly distances: CandidateDistances;
  readonly cd: Trajectory3d;
  /** AB under the true masses; null when a lazy evaluation stopped at counterfactuality. */
  readonly ab: Trajectory3d | null;
}

/**
 * Simulates a candidate under every mass combination and measures, for each z′, how far AB(z′) is from
 * AB(z) and CD(z′) from CD(z). With `lazy`, AB is simulated only when C is counterfactual (as the official
 * loop, generate_blocktower.py l. 159–166).
 */
export function simulateCandidate3d(
  simulate: Simulate,
  cache: AbCache,
  c: CounterfactualStart3d,
  combination: number,
  options: { dims: ErrorDims; lazy?: boolean; epsilon?: number },
): SimulatedCandidate3d {
  const n = cache.a.n;
  const count = 1 << n;
  const epsilon = options.epsilon ?? EPSILON;
  const cdCache = new Map<string, Trajectory3d>();
  const cdOf = (z: number): Trajectory3d => {
    const all = massesOfCombination(z, n);
    const masses = c.objects.map((k) => all[k]);
    const key = masses.join(',');
    let tr = cdCache.get(key);
    if (!tr) {
      tr = simulate(c.scene, masses);
      cdCache.set(key, tr);
    }
    return tr;
  };
  const cdTrue = cdOf(combination);
  const cd = new Float64Array(count);
  for (let z = 0; z < count; z++) cd[z] = z === combination ? 0 : trajectoryDistance3d(cdOf(z), cdTrue, options.dims);
  const partial: CandidateDistances = { n, combination, objects: c.objects, ab: null, cd };
  if (options.lazy && counterfactualObjects(partial, epsilon).length === 0) return { distances: partial, cd: cdTrue, ab: null };
  const abOf = (z: number): Trajectory3d => {
    let tr = cache.byCombination.get(z);
    if (!tr) {
      tr = simulate(cache.a, massesOfCombination(z, n));
      cache.byCombination.set(z, tr);
    }
    return tr;
  };
  const abTrue = abOf(combination);
  const ab = new Float64Array(count);
  for (let z = 0; z < count; z++) ab[z] = z === combination ? 0 : trajectoryDistance3d(abOf(z), abTrue, options.dims);
  return { distances: { ...partial, ab }, cd: cdTrue, ab: abTrue };
}
