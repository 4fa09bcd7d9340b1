/**
 * BallsCF examples, generated as the official generator does (data_generation/generate_balls.py
 * @151a2fd, Generator.generate l. 88–112 and find_valid_CD l. 132–167; arXiv 2202.00368 Appendix A.4):
 *
 * 1. pick the do-operation kind (remove with probability 0.3), the balls' colours and the least-used
 *    mass combination (balance);
 * 2. draw a random A (no constraint) and simulate B;
 * 3. try up to 10 shifts (one removal) for C; keep the first candidate that is counterfactual and
 *    identifiable; if none passes, draw a new A with the same configuration (step 2).
 *
 * We store trajectories only; frames are rendered on demand (render.ts). Sizes: 1,000 train / 100
 * validation / 200 test examples, where the paper has 27.7k / 6.0k / 3.0k (the official split lists
 * Datasets/ballsCF_4_{train,val,test}.txt hold about 27,720 / 6,000 / 3,010 ids).
 *
 * Each example is generated from its own stream, fork(`cophy/<split>/<index>`) of the seed, so a link
 * can name one example without generating the ones before it. The official balance rule ("the
 * combination with the fewest kept examples so far, the first on ties", l. 119) keeps every
 * configuration until it succeeds, so it assigns combination i mod 2^N to the i-th example; we use that
 * directly.
 */
import { createRng } from '../../../shared/random';
import { judgeCandidate, simulateCandidate, EPSILON, type CandidateDistances, type FilterReason } from './filter';
import {
  applyDoOperation,
  MAX_SHIFT_TRIALS,
  REMOVE_PROBABILITY,
  sampleShift,
  type CounterfactualStart,
  type DoOperation,
} from './interventions';
import { DEFAULT_BALLS, massesOfCombination, randomScene, type Scene, type SimOptions, type Trajectory } from './simulator';

export type Split = 'train' | 'val' | 'test';
export const SPLITS: readonly Split[] = ['train', 'val', 'test'];
export const DATASET_SIZES: Readonly<Record<Split, number>> = { train: 1000, val: 100, test: 200 };
/** The paper's BallsCF split, rounded as the paper gives it (official Datasets/ballsCF_4_*.txt). */
export const PAPER_SIZES: Readonly<Record<Split, number>> = { train: 27_700, val: 6_000, test: 3_000 };
/** Number of floor textures (the official plane_0 … plane_3, l. 232). */
export const FLOOR_COUNT = 4;
/** A guard: a configuration that finds no valid C after this many A's is reported, not looped on forever. */
export const MAX_AB_ATTEMPTS = 10_000;

export interface DatasetOptions {
  /** Balls per scene (default 3; the paper has 4). */
  n?: number;
  epsilon?: number;
  sim?: SimOptions;
  /**
   * Keep the first valid candidate whatever the filter says (the paper's dataset "generated without the
   * identifiability constraint", Appendix A.1, Table 6a). Example i is then the first candidate that the
   * filtered example i judged; its object lists are still the filter's (consequentialObjects: the balls whose
   * flip changes AB or CD). Not the benchmark: for the Table 6a check only.
   */
  unfiltered?: boolean;
}

export interface GenerationStats {
  /** A's drawn (official ab_trial_counter). */
  abCandidates: number;
  /** Do-operation trials (official cd_trial_counter), including shifts that failed to sample. */
  cdTrials: number;
  /** Shift trials whose moved ball landed within 1 of another. */
  shiftOverlaps: number;
  /** Candidates that reached the filter and were rejected, by reason. */
  notCounterfactual: number;
  notIdentifiable: number;
}

export interface Example {
  readonly split: Split;
  readonly index: number;
  readonly n: number;
  /** Index of the true masses in itertools.product([1, 10], repeat=n) order. */
  readonly combination: number;
  readonly masses: readonly number[];
  /** Colour (palette index, render.ts BALL_COLORS) of each ball of A. */
  readonly colors: readonly number[];
  readonly floor: number;
  readonly a: Scene;
  readonly c: CounterfactualStart;
  readonly doOp: DoOperation;
  readonly ab: Trajectory;
  readonly cd: Trajectory;
  /** Balls (indices in A) whose mass flip changes CD (the official counterfactual_balls.txt). */
  readonly counterfactualObjects: readonly number[];
  /** Balls whose mass flip changes AB or CD. */
  readonly consequentialObjects: readonly number[];
  readonly stats: GenerationStats;
}

export function emptyStats(): GenerationStats {
  return { abCandidates: 0, cdTrials: 0, shiftOverlaps: 0, notCounterfactual: 0, notIdentifiable: 0 };
}

export function addStats(into: GenerationStats, more: GenerationStats): GenerationStats {
  into.abCandidates += more.abCandidates;
  into.cdTrials += more.cdTrials;
  into.shiftOverlaps += more.shiftOverlaps;
  into.notCounterfactual += more.notCounterfactual;
  into.notIdentifiable += more.notIdentifiable;
  return into;
}

function exampleRng(seed: number, split: Split, index: number) {
  return createRng(seed).fork(`cophy/${split}/${index}`);
}

/** Generates example `index` of a split: the same (seed, split, index, options) always gives the same example. */
export function generateExample(seed: number, split: Split, index: number, options: DatasetOptions = {}): Example {
  const n = options.n ?? DEFAULT_BALLS;
  const epsilon = options.epsilon ?? EPSILON;
  const rng = exampleRng(seed, split, index);
  const combination = index % (1 << n);
  const masses = massesOfCombination(combination, n);
  const doRemove = rng.next() < REMOVE_PROBABILITY;
  const colors = rng.shuffle(Array.from({ length: n }, (_, k) => k));
  const stats = emptyStats();

  for (let attempt = 0; attempt < MAX_AB_ATTEMPTS; attempt++) {
    stats.abCandidates++;
    const a = randomScene(rng, n);
    const trials = doRemove ? 1 : MAX_SHIFT_TRIALS;
    for (let trial = 0; trial < trials; trial++) {
      stats.cdTrials++;
      let doOp: DoOperation;
      let c: CounterfactualStart | null;
      if (doRemove) {
        // The official remove_ball drops the last ball (l. 374–379); colours are shuffled, so it is a random one.
        doOp = { kind: 'remove', ball: n - 1 };
        c = applyDoOperation(a, doOp);
      } else {
        const shift = sampleShift(rng, a);
        if (!shift || !shift.start) {
          stats.shiftOverlaps++;
          continue;
        }
        doOp = shift.op;
        c = shift.start;
      }
      if (!c) continue;
      // unfiltered: every candidate's AB is simulated under every combination, for its object lists
      const candidate = simulateCandidate(a, c, combination, { sim: options.sim, lazy: !options.unfiltered, epsilon });
      const verdict = judgeCandidate(candidate.distances, epsilon);
      if (verdict.reason === 'not-counterfactual') stats.notCounterfactual++;
      else if (verdict.reason === 'not-identifiable') stats.notIdentifiable++;
      if (!verdict.kept && !options.unfiltered) continue;
      const floor = rng.int(FLOOR_COUNT);
      return {
        split,
        index,
        n,
        combination,
        masses,
        colors,
        floor,
        a,
        c,
        doOp,
        ab: candidate.ab,
        cd: candidate.cd,
        counterfactualObjects: verdict.counterfactualObjects,
        consequentialObjects: verdict.consequentialObjects ?? verdict.counterfactualObjects,
        stats,
      };
    }
  }
  throw new Error(`no valid BallsCF example ${split}/${index} after ${MAX_AB_ATTEMPTS} starts (seed ${seed})`);
}

export interface GeneratedSplit {
  readonly split: Split;
  readonly examples: Example[];
  readonly stats: GenerationStats;
}

/** Generates `count` examples of a split, reporting progress after each. */
export function generateSplit(
  seed: number,
  split: Split,
  count: number,
  options: DatasetOptions = {},
  onProgress?: (done: number, total: number) => void,
): GeneratedSplit {
  const examples: Example[] = [];
  const stats = emptyStats();
  for (let i = 0; i < count; i++) {
    const example = generateExample(seed, split, i, options);
    addStats(stats, example.stats);
    examples.push(example);
    onProgress?.(i + 1, count);
  }
  return { split, examples, stats };
}

export interface UnfilteredCandidate {
  readonly doOp: DoOperation;
  readonly distances: CandidateDistances;
}

/**
 * Candidates without the filter (the paper's unconstrained set for Fig. 7): a random A with balanced
 * masses and one valid do-operation, with the AB and CD distances under every mass combination.
 */
export function unfilteredCandidates(seed: number, count: number, options: DatasetOptions = {}): UnfilteredCandidate[] {
  const n = options.n ?? DEFAULT_BALLS;
  const out: UnfilteredCandidate[] = [];
  for (let i = 0; i < count; i++) {
    const rng = createRng(seed).fork(`cophy/unfiltered/${i}`);
    const combination = i % (1 << n);
    const doRemove = rng.next() < REMOVE_PROBABILITY;
    for (;;) {
      const a = randomScene(rng, n);
      let doOp: DoOperation | null = null;
      let c: CounterfactualStart | null = null;
      if (doRemove) {
        doOp = { kind: 'remove', ball: n - 1 };
        c = applyDoOperation(a, doOp);
      } else {
        for (let trial = 0; trial < MAX_SHIFT_TRIALS && !c; trial++) {
          const shift = sampleShift(rng, a);
          if (shift?.start) {
            doOp = shift.op;
            c = shift.start;
          }
        }
      }
      if (!c || !doOp) continue;
      out.push({ doOp, distances: simulateCandidate(a, c, combination, { sim: options.sim }).distances });
      break;
    }
  }
  return out;
}

export function rejectionShares(stats: GenerationStats): Record<Exclude<FilterReason, 'kept'> | 'shiftOverlap', number> {
  const total = Math.max(1, stats.cdTrials);
  return {
    'not-counterfactual': stats.notCounterfactual / total,
    'not-identifiable': stats.notIdentifiable / total,
    shiftOverlap: stats.shiftOverlaps / total,
  };
}
