/**
 * BlocktowerCF and CollisionCF examples, generated as the official generators do
 * (filteredcophy/FilteredCoPhy @151a2fd: generate_blocktower.py Generator.generate l. 86–114 and
 * find_valid_CD l. 137–172; generate_collision.py l. 67–129), in the same shape as part 1's BallsCF
 * examples (core/dataset.ts): trajectories only, frames rendered on demand (raycast.ts), each example
 * drawn from its own stream fork(`cophy3d/<scenario>/<split>/<index>`) of the seed.
 *
 * BlocktowerCF: a coin decides whether C's tower must be stable (50%) and whether C removes the top cube
 * (30%); A is any unstable tower; up to 10 shift trials (one removal) per A; C must be stable or not as
 * the coin said, counterfactual and identifiable. After a failed A, once more than 2 do-operation trials
 * were spent on the example, the official loop draws the coins (and colours) again (l. 102–103): we do too.
 *
 * CollisionCF: the official balance rules alternate the moving object (ball, cylinder, ball, …) and the
 * resting cylinder's orientation (up, down, up, …) from one kept example to the next (l. 91–97, both
 * "the least used so far, the first on ties"), so in the official data the ball always moves towards a
 * standing cylinder in A; we keep that. Up to 10 do-operation trials per A; the configuration is kept
 * until an example is found (l. 72–89).
 *
 * In both, the mass combination is the least used so far, which is combination i mod 2^N for the i-th
 * example (as part 1 explains).
 */
import { createRng, type Rng } from '../../../shared/random';
import { EPSILON, epsilonSweep, EPSILON_GRID, judgeCandidate, type CandidateDistances, type EpsilonSweepRow } from '../core/filter';
import type { GenerationStats, Split } from '../core/dataset';
import { massesOfCombination } from '../core/simulator';
import {
  applyTowerDoOperation,
  BLOCKTOWER_CUBES,
  BLOCKTOWER_MAX_SHIFT_TRIALS,
  BLOCKTOWER_PHYSICS,
  BLOCKTOWER_REMOVE_PROBABILITY,
  isTowerStable,
  randomUnstableTower,
  sampleTowerShift,
  STABLE_CD_PROBABILITY,
  towerScene,
  type Tower,
  type TowerDoOperation,
} from './blocktower';
import {
  arenaScene,
  COLLISION_MAX_TRIALS,
  COLLISION_PHYSICS,
  randomArena,
  sampleCollisionDoOperation,
  type Arena,
  type CollisionDoOperation,
  type CylinderOrientation,
  type MovingObject,
} from './collision';
import { abCache, simulateCandidate3d, type CounterfactualStart3d, type ErrorDims, type SimulatedCandidate3d } from './filter3d';
import { simulate3d, type PhysicsParams, type Scene3d, type Trajectory3d } from './physics';

export type Scenario3d = 'blocktower' | 'collision';
export const SCENARIOS_3D: readonly Scenario3d[] = ['blocktower', 'collision'];
/** Objects per scene: 4 cubes (the paper's BlocktowerCF), or the cylinder and the ball. */
export const OBJECTS_3D: Readonly<Record<Scenario3d, number>> = { blocktower: BLOCKTOWER_CUBES, collision: 2 };
export const PHYSICS_3D: Readonly<Record<Scenario3d, PhysicsParams>> = { blocktower: BLOCKTOWER_PHYSICS, collision: COLLISION_PHYSICS };
/** The coordinates the filter's errors sum over (filter3d.ts). */
export const ERROR_DIMS: Readonly<Record<Scenario3d, ErrorDims>> = { blocktower: 3, collision: 2 };
/** The same split sizes as part 1's BallsCF. */
export const DATASET3D_SIZES: Readonly<Record<Split, number>> = { train: 1000, val: 100, test: 200 };
/** The paper's splits (§3): BlocktowerCF 22.6k / 6.0k / 3.0k, CollisionCF 14.0k / 6.0k / 3.0k. */
export const PAPER_SIZES_3D: Readonly<Record<Scenario3d, Readonly<Record<Split, number>>>> = {
  blocktower: { train: 22_600, val: 6_000, test: 3_000 },
  collision: { train: 14_000, val: 6_000, test: 3_000 },
};
export const FLOOR_COUNT_3D = 4;
export const MAX_AB_ATTEMPTS_3D = 2_000;

export type DoOperation3d = TowerDoOperation | CollisionDoOperation;

export interface GenerationStats3d extends GenerationStats {
  /** BlocktowerCF: C's tower was stable when the example wanted an unstable one, or the reverse. */
  stabilityMismatch: number;
}

export interface Dataset3dOptions {
  epsilon?: number;
  /** Rapier steps per frame (physics.ts DEFAULT_SUBSTEPS_3D). */
  substeps?: number;
  /** unfilteredCandidates3d: the index of the first candidate (default 0), so a caller can draw them a few at a time. */
  first?: number;
}

export interface Example3d {
  readonly scenario: Scenario3d;
  readonly split: Split;
  readonly index: number;
  readonly n: number;
  readonly combination: number;
  readonly masses: readonly number[];
  /** Colour (palette index, raycast.ts OBJECT_COLORS) of each object of A. */
  readonly colors: readonly number[];
  readonly floor: number;
  readonly a: Scene3d;
  readonly c: CounterfactualStart3d;
  readonly doOp: DoOperation3d;
  readonly ab: Trajectory3d;
  readonly cd: Trajectory3d;
  readonly counterfactualObjects: readonly number[];
  readonly consequentialObjects: readonly number[];
  /** BlocktowerCF: whether C's tower is stable (the official test); null for CollisionCF. */
  readonly cdStable: boolean | null;
  /** The scenario's own description of A and C (towers, or arenas). */
  readonly setup: { readonly kind: 'blocktower'; readonly a: Tower; readonly c: Tower } | { readonly kind: 'collision'; readonly a: Arena; readonly c: Arena };
  readonly stats: GenerationStats3d;
}

export function emptyStats3d(): GenerationStats3d {
  return { abCandidates: 0, cdTrials: 0, shiftOverlaps: 0, notCounterfactual: 0, notIdentifiable: 0, stabilityMismatch: 0 };
}

export function addStats3d(into: GenerationStats3d, more: GenerationStats3d): GenerationStats3d {
  into.abCandidates += more.abCandidates;
  into.cdTrials += more.cdTrials;
  into.shiftOverlaps += more.shiftOverlaps;
  into.notCounterfactual += more.notCounterfactual;
  into.notIdentifiable += more.notIdentifiable;
  into.stabilityMismatch += more.stabilityMismatch;
  return into;
}

/** The simulator of a scenario, with its contact parameters and frame count. */
export function scenarioSimulator(scenario: Scenario3d, substeps?: number): (scene: Scene3d, masses: readonly number[]) => Trajectory3d {
  const params = PHYSICS_3D[scenario];
  return (scene, masses) => simulate3d(scene, masses, params, { substeps });
}

function exampleRng(seed: number, scenario: Scenario3d, split: Split | 'unfiltered', index: number): Rng {
  return createRng(seed).fork(`cophy3d/${scenario}/${split}/${index}`);
}

/** The moving object and the cylinder's orientation of the i-th CollisionCF example (the official alternation). */
export function collisionConfiguration(index: number): { moving: MovingObject; orientation: CylinderOrientation } {
  return index % 2 === 0 ? { moving: 'ball', orientation: 'up' } : { moving: 'cylinder', orientation: 'down' };
}

/** One BlocktowerCF do-operation trial: C's tower, or null (with the reason counted) when it cannot be used. */
function towerTrial(rng: Rng, tower: Tower, remove: boolean, stableCd: boolean, masses: readonly number[], stats: GenerationStats3d): { op: TowerDoOperation; c: Tower } | null {
  let op: TowerDoOperation;
  let c: Tower;
  if (remove) {
    op = { kind: 'remove', object: tower.n - 1 };
    c = applyTowerDoOperation(tower, op);
  } else {
    const shift = sampleTowerShift(rng, tower);
    if (!shift) {
      stats.shiftOverlaps++;
      return null;
    }
    op = shift.op;
    c = shift.tower;
  }
  if (isTowerStable(c, masses) !== stableCd) {
    stats.stabilityMismatch++;
    return null;
  }
  return { op, c };
}

function towerStart(c: Tower): CounterfactualStart3d {
  return { scene: towerScene(c), objects: Array.from({ length: c.n }, (_, k) => k) };
}

function count(stats: GenerationStats3d, reason: string): void {
  if (reason === 'not-counterfactual') stats.notCounterfactual++;
  else if (reason === 'not-identifiable') stats.notIdentifiable++;
}

function finish(
  base: Omit<Example3d, 'ab' | 'cd' | 'counterfactualObjects' | 'consequentialObjects' | 'floor'>,
  rng: Rng,
  candidate: SimulatedCandidate3d,
  verdict: ReturnType<typeof judgeCandidate>,
): Example3d {
  return {
    ...base,
    floor: rng.int(FLOOR_COUNT_3D),
    ab: candidate.ab!,
    cd: candidate.cd,
    counterfactualObjects: verdict.counterfactualObjects,
    consequentialObjects: verdict.consequentialObjects ?? verdict.counterfactualObjects,
  };
}

/** Generates example `index` of a split of a scenario: the same arguments always give the same example. */
export function generateExample3d(scenario: Scenario3d, seed: number, split: Split, index: number, options: Dataset3dOptions = {}): Example3d {
  const epsilon = options.epsilon ?? EPSILON;
  const n = OBJECTS_3D[scenario];
  const dims = ERROR_DIMS[scenario];
  const simulate = scenarioSimulator(scenario, options.substeps);
  const rng = exampleRng(seed, scenario, split, index);
  const combination = index % (1 << n);
  const masses = massesOfCombination(combination, n);
  const stats = emptyStats3d();

  if (scenario === 'blocktower') {
    const configuration = () => ({
      stableCd: rng.next() > 1 - STABLE_CD_PROBABILITY,
      remove: rng.next() < BLOCKTOWER_REMOVE_PROBABILITY,
      colors: rng.shuffle(Array.from({ length: n }, (_, k) => k)),
    });
    let config = configuration();
    for (let attempt = 0; attempt < MAX_AB_ATTEMPTS_3D; attempt++) {
      stats.abCandidates++;
      const tower = randomUnstableTower(rng, masses, n);
      const cache = abCache(towerScene(tower));
      const trials = config.remove ? 1 : BLOCKTOWER_MAX_SHIFT_TRIALS;
      for (let trial = 0; trial < trials; trial++) {
        stats.cdTrials++;
        const t = towerTrial(rng, tower, config.remove, config.stableCd, masses, stats);
        if (!t) continue;
        const c = towerStart(t.c);
        const candidate = simulateCandidate3d(simulate, cache, c, combination, { dims, lazy: true, epsilon });
        const verdict = judgeCandidate(candidate.distances, epsilon);
        count(stats, verdict.reason);
        if (!verdict.kept) continue;
        const base = { scenario, split, index, n, combination, masses, colors: config.colors, a: cache.a, c, doOp: t.op, cdStable: config.stableCd, setup: { kind: 'blocktower' as const, a: tower, c: t.c }, stats };
        return finish(base, rng, candidate, verdict);
      }
      if (stats.cdTrials > 2) config = configuration();
    }
  } else {
    const { moving, orientation } = collisionConfiguration(index);
    const colors = rng.shuffle([0, 1, 2, 3]).slice(0, 2);
    for (let attempt = 0; attempt < MAX_AB_ATTEMPTS_3D; attempt++) {
      stats.abCandidates++;
      const arena = randomArena(rng, moving, orientation);
      const cache = abCache(arenaScene(arena));
      for (let trial = 0; trial < COLLISION_MAX_TRIALS; trial++) {
        stats.cdTrials++;
        const { op, start } = sampleCollisionDoOperation(rng, arena);
        if (!start) {
          stats.shiftOverlaps++;
          continue;
        }
        const c: CounterfactualStart3d = { scene: arenaScene(start), objects: [0, 1] };
        const candidate = simulateCandidate3d(simulate, cache, c, combination, { dims, lazy: true, epsilon });
        const verdict = judgeCandidate(candidate.distances, epsilon);
        count(stats, verdict.reason);
        if (!verdict.kept) continue;
        const base = { scenario, split, index, n, combination, masses, colors, a: cache.a, c, doOp: op, cdStable: null, setup: { kind: 'collision' as const, a: arena, c: start }, stats };
        return finish(base, rng, candidate, verdict);
      }
    }
  }
  throw new Error(`no valid ${scenario} example ${split}/${index} after ${MAX_AB_ATTEMPTS_3D} starts (seed ${seed})`);
}

export interface UnfilteredCandidate3d {
  readonly doOp: DoOperation3d;
  readonly distances: CandidateDistances;
}

/**
 * Candidates without the filter (the paper's unconstrained set for Fig. 7): a random A with balanced
 * masses and one usable do-operation (for the tower: C stable or not as its coin said), with the AB and
 * CD distances under every mass combination.
 */
export function unfilteredCandidates3d(scenario: Scenario3d, seed: number, howMany: number, options: Dataset3dOptions = {}): UnfilteredCandidate3d[] {
  const n = OBJECTS_3D[scenario];
  const dims = ERROR_DIMS[scenario];
  const simulate = scenarioSimulator(scenario, options.substeps);
  const out: UnfilteredCandidate3d[] = [];
  const first = options.first ?? 0;
  for (let i = first; i < first + howMany; i++) {
    const rng = exampleRng(seed, scenario, 'unfiltered', i);
    const combination = i % (1 << n);
    const masses = massesOfCombination(combination, n);
    const stats = emptyStats3d();
    if (scenario === 'blocktower') {
      const stableCd = rng.next() > 1 - STABLE_CD_PROBABILITY;
      const remove = rng.next() < BLOCKTOWER_REMOVE_PROBABILITY;
      for (;;) {
        const tower = randomUnstableTower(rng, masses, n);
        let found: { op: TowerDoOperation; c: Tower } | null = null;
        for (let trial = 0; trial < (remove ? 1 : BLOCKTOWER_MAX_SHIFT_TRIALS) && !found; trial++) found = towerTrial(rng, tower, remove, stableCd, masses, stats);
        if (!found) continue;
        const candidate = simulateCandidate3d(simulate, abCache(towerScene(tower)), towerStart(found.c), combination, { dims });
        out.push({ doOp: found.op, distances: candidate.distances });
        break;
      }
    } else {
      const { moving, orientation } = collisionConfiguration(i);
      for (;;) {
        const arena = randomArena(rng, moving, orientation);
        let found: { op: CollisionDoOperation; start: Arena } | null = null;
        for (let trial = 0; trial < COLLISION_MAX_TRIALS && !found; trial++) {
          const s = sampleCollisionDoOperation(rng, arena);
          if (s.start) found = { op: s.op, start: s.start };
        }
        if (!found) continue;
        const candidate = simulateCandidate3d(simulate, abCache(arenaScene(arena)), { scene: arenaScene(found.start), objects: [0, 1] }, combination, { dims });
        out.push({ doOp: found.op, distances: candidate.distances });
        break;
      }
    }
  }
  return out;
}

/** Fig. 7's data for a scenario: the shares of unfiltered candidates that pass each test per ε. */
export function epsilonSweep3d(candidates: readonly UnfilteredCandidate3d[], epsilons: readonly number[] = EPSILON_GRID): EpsilonSweepRow[] {
  return epsilonSweep(
    candidates.map((c) => c.distances),
    epsilons,
  );
}
