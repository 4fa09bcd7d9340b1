/**
 * The filtering that gives Filtered-CoPhy its name (arXiv 2202.00368 §3, Definitions 1–2, Appendix
 * A.1–A.2; official data_generation/generate_balls.py @151a2fd, l. 28–57 and 426–436).
 *
 * Every candidate (A, C, true masses z) is simulated from A and from C under all 2^N mass combinations.
 * - Two trajectories are "the same" when no object's error Σ_t ‖p_k(t) − q_k(t)‖₂ (over x and y)
 *   exceeds ε = 100 (Arena.__eq__, l. 426–436; eq. 7–8).
 * - Identifiability (Definition 1, check_bayes l. 28–40): every z′ whose AB is the same as z's must give
 *   the same CD.
 * - Counterfactuality (Definition 2, check_counterfactual l. 43–57): flipping the mass of at least one
 *   object in C must change CD; the objects for which it does are kept with the example.
 */
import type { CounterfactualStart } from './interventions';
import { massesOfCombination, simulate, type Scene, type SimOptions, type Trajectory } from './simulator';

export const EPSILON = 100;
/** ε values for the threshold plot (the paper's Fig. 7 spans 10^0 to a few 10^2). */
export const EPSILON_GRID = [1, 2, 5, 10, 20, 50, 100, 150, 200, 300, 500, 1000] as const;

/** Σ_t ‖a_k(t) − b_k(t)‖₂ for each object k (the official per-object error). */
export function objectErrors(a: Trajectory, b: Trajectory): Float64Array {
  if (a.n !== b.n || a.frames !== b.frames) {
    throw new RangeError(`cannot compare a ${a.n}-ball, ${a.frames}-frame trajectory with a ${b.n}-ball, ${b.frames}-frame one`);
  }
  const errors = new Float64Array(a.n);
  const pa = a.positions;
  const pb = b.positions;
  for (let t = 0; t < a.frames; t++) {
    for (let k = 0; k < a.n; k++) {
      const i = (t * a.n + k) * 2;
      const dx = pa[i] - pb[i];
      const dy = pa[i + 1] - pb[i + 1];
      errors[k] += Math.sqrt(dx * dx + dy * dy);
    }
  }
  return errors;
}

/** The largest per-object error: two trajectories are the same at ε when this is at most ε. */
export function trajectoryDistance(a: Trajectory, b: Trajectory): number {
  let worst = 0;
  for (const e of objectErrors(a, b)) if (e > worst) worst = e;
  return worst;
}

export function sameTrajectory(a: Trajectory, b: Trajectory, epsilon: number = EPSILON): boolean {
  return trajectoryDistance(a, b) <= epsilon;
}

/** Bit of ball k (an index in A) in a combination index (itertools.product order: the last ball is bit 0). */
export function massBit(k: number, n: number): number {
  return 1 << (n - 1 - k);
}

/**
 * The distances a verdict needs, for one candidate: for every mass combination z′, how far AB(z′) is
 * from AB(z) and CD(z′) from CD(z). `ab` is null when it was not needed (lazy evaluation of a candidate
 * that already failed counterfactuality, as the official generator skips simulating AB then, l. 158–160).
 */
export interface CandidateDistances {
  readonly n: number;
  readonly combination: number;
  /** For each ball of C, its index in A. */
  readonly objects: readonly number[];
  readonly ab: Float64Array | null;
  readonly cd: Float64Array;
}

export interface SimulatedCandidate {
  readonly distances: CandidateDistances;
  /** AB and CD under the true masses. */
  readonly ab: Trajectory;
  readonly cd: Trajectory;
}

/**
 * Simulates a candidate under every mass combination. With `lazy`, AB is simulated under the other
 * combinations only when C is counterfactual at `epsilon`.
 */
export function simulateCandidate(
  a: Scene,
  c: CounterfactualStart,
  combination: number,
  options: { sim?: SimOptions; lazy?: boolean; epsilon?: number } = {},
): SimulatedCandidate {
  const n = a.n;
  const count = 1 << n;
  const epsilon = options.epsilon ?? EPSILON;
  // CD depends only on the masses of C's balls: simulate each distinct restriction once.
  const cdCache = new Map<string, Trajectory>();
  const cdOf = (z: number): Trajectory => {
    const all = massesOfCombination(z, n);
    const masses = c.objects.map((k) => all[k]);
    const key = masses.join(',');
    let tr = cdCache.get(key);
    if (!tr) {
      tr = simulate(c.scene, masses, options.sim);
      cdCache.set(key, tr);
    }
    return tr;
  };
  const cdTrue = cdOf(combination);
  const cd = new Float64Array(count);
  for (let z = 0; z < count; z++) cd[z] = z === combination ? 0 : trajectoryDistance(cdOf(z), cdTrue);

  const abTrue = simulate(a, massesOfCombination(combination, n), options.sim);
  let ab: Float64Array | null = null;
  const partial: CandidateDistances = { n, combination, objects: c.objects, ab: null, cd };
  if (!options.lazy || counterfactualObjects(partial, epsilon).length > 0) {
    ab = new Float64Array(count);
    for (let z = 0; z < count; z++) {
      ab[z] = z === combination ? 0 : trajectoryDistance(simulate(a, massesOfCombination(z, n), options.sim), abTrue);
    }
  }
  return { distances: { ...partial, ab }, ab: abTrue, cd: cdTrue };
}

/** Balls of A (by index) whose mass flip changes CD (official counterfactual_cubes, l. 50–57). */
export function counterfactualObjects(d: CandidateDistances, epsilon: number = EPSILON): number[] {
  return d.objects.filter((k) => d.cd[d.combination ^ massBit(k, d.n)] > epsilon);
}

/** Balls of A whose mass flip changes AB. */
export function abConsequentialObjects(d: CandidateDistances, epsilon: number = EPSILON): number[] {
  if (!d.ab) throw new Error('abConsequentialObjects needs the AB distances (simulate the candidate without lazy)');
  const out: number[] = [];
  for (let k = 0; k < d.n; k++) if (d.ab[d.combination ^ massBit(k, d.n)] > epsilon) out.push(k);
  return out;
}

/** Mass combinations z′ ≠ z that give the same AB as z. */
export function confusableCombinations(d: CandidateDistances, epsilon: number = EPSILON): number[] {
  if (!d.ab) throw new Error('confusableCombinations needs the AB distances');
  const out: number[] = [];
  for (let z = 0; z < d.ab.length; z++) if (z !== d.combination && d.ab[z] <= epsilon) out.push(z);
  return out;
}

/**
 * Balls of A whose own mass AB pins down: every z′ that AB cannot tell from z (confusableCombinations)
 * gives the ball the same mass as z. The others cannot be read from AB by anyone, a model or a probe:
 * in BallsCF only mass ratios act (ball–ball collisions; the walls are static), so (1, 1, 1) and
 * (10, 10, 10) give the same AB, and so does any pair of equal masses that only meet each other. Such
 * examples pass the filter (their CD agrees too), so the probe's consequential balls include them.
 */
export function determinedObjects(d: CandidateDistances, epsilon: number = EPSILON): number[] {
  const confusable = confusableCombinations(d, epsilon);
  const out: number[] = [];
  for (let k = 0; k < d.n; k++) {
    const bit = d.combination & massBit(k, d.n);
    if (confusable.every((z) => (z & massBit(k, d.n)) === bit)) out.push(k);
  }
  return out;
}

/** Definition 1: every z′ with the same AB also has the same CD. */
export function isIdentifiable(d: CandidateDistances, epsilon: number = EPSILON): boolean {
  if (!d.ab) throw new Error('isIdentifiable needs the AB distances');
  for (let z = 0; z < d.ab.length; z++) if (d.ab[z] <= epsilon && d.cd[z] > epsilon) return false;
  return true;
}

export type FilterReason = 'kept' | 'not-counterfactual' | 'not-identifiable';

export interface FilterVerdict {
  readonly epsilon: number;
  readonly kept: boolean;
  /** The official order: counterfactuality first, identifiability only for counterfactual candidates. */
  readonly reason: FilterReason;
  /** Balls (indices in A) whose mass flip changes CD. */
  readonly counterfactualObjects: number[];
  /** Balls whose mass flip changes AB or CD (null when AB was not simulated). */
  readonly consequentialObjects: number[] | null;
  /** z′ ≠ z that AB cannot tell from z (null when AB was not simulated). */
  readonly confusable: number[] | null;
  /** Those of them whose CD differs from z's: the reason a candidate is not identifiable. */
  readonly ambiguous: number[] | null;
}

export function judgeCandidate(d: CandidateDistances, epsilon: number = EPSILON): FilterVerdict {
  const cf = counterfactualObjects(d, epsilon);
  if (!d.ab) {
    if (cf.length > 0) throw new Error('a counterfactual candidate needs its AB distances');
    return { epsilon, kept: false, reason: 'not-counterfactual', counterfactualObjects: cf, consequentialObjects: null, confusable: null, ambiguous: null };
  }
  const confusable = confusableCombinations(d, epsilon);
  const ambiguous = confusable.filter((z) => d.cd[z] > epsilon);
  const abObjects = abConsequentialObjects(d, epsilon);
  const consequential = [...new Set([...abObjects, ...cf])].sort((x, y) => x - y);
  const reason: FilterReason = cf.length === 0 ? 'not-counterfactual' : ambiguous.length > 0 ? 'not-identifiable' : 'kept';
  return { epsilon, kept: reason === 'kept', reason, counterfactualObjects: cf, consequentialObjects: consequential, confusable, ambiguous };
}

export interface EpsilonSweepRow {
  readonly epsilon: number;
  /** Share of candidates that satisfy Definition 1 at this ε (the paper's Fig. 7, left). */
  readonly identifiable: number;
  /** Share that satisfy Definition 2 (Fig. 7, right). */
  readonly counterfactual: number;
  /** Share that satisfy both (kept). */
  readonly kept: number;
}

/** Fig. 7's data: on unfiltered candidates (with AB distances), the shares that pass each test per ε. */
export function epsilonSweep(candidates: readonly CandidateDistances[], epsilons: readonly number[] = EPSILON_GRID): EpsilonSweepRow[] {
  return epsilons.map((epsilon) => {
    let identifiable = 0;
    let counterfactual = 0;
    let kept = 0;
    for (const d of candidates) {
      const id = isIdentifiable(d, epsilon);
      const cf = counterfactualObjects(d, epsilon).length > 0;
      if (id) identifiable++;
      if (cf) counterfactual++;
      if (id && cf) kept++;
    }
    const total = Math.max(1, candidates.length);
    return { epsilon, identifiable: identifiable / total, counterfactual: counterfactual / total, kept: kept / total };
  });
}
