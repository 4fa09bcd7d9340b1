/**
 * The Filtered-CoPhy page's science, off the main thread: generate the example a link names
 * (core/dataset.ts), simulate the counterfactual CD for the user's C under every mass combination
 * (core/simulator.ts), judge it as the benchmark's filter does (core/filter.ts), render frames
 * (core/render.ts, 64 × 64, the same bytes as Node) and compute the filter's statistics on a sample.
 * React-free and DOM-free: Vitest drives it in Node (session.test.ts), the worker serves it.
 *
 * AB does not depend on C, so its 2^N rollouts are simulated once per example and kept; a new C
 * costs only CD's rollouts (one per distinct restriction of the masses to C's balls: at most 2^N).
 */
import { addStats, DATASET_SIZES, emptyStats, generateExample, unfilteredCandidates, type Example } from '../core/dataset';
import { epsilonSweep, EPSILON, EPSILON_GRID, judgeCandidate, massBit, objectErrors, type CandidateDistances } from '../core/filter';
import { IMAGE_SIZE, partColors, renderFrame } from '../core/render';
import { massesOfCombination, simulate, type Trajectory } from '../core/simulator';
import { counterfactualStart, interventionProblem, sameIntervention } from '../intervention';
import type { Evaluation, ExampleInfo, FilterStats, Intervention, StatsRequest, VerdictInfo } from './protocol';

const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/** RGB bytes (core/render.ts) to RGBA for ImageData. */
export function rgbToRgba(rgb: Uint8Array, out: Uint8ClampedArray = new Uint8ClampedArray(PIXELS * 4), offset = 0): Uint8ClampedArray {
  for (let p = 0; p < PIXELS; p++) {
    out[offset + 4 * p] = rgb[3 * p];
    out[offset + 4 * p + 1] = rgb[3 * p + 1];
    out[offset + 4 * p + 2] = rgb[3 * p + 2];
    out[offset + 4 * p + 3] = 255;
  }
  return out;
}

function maxOf(values: Float64Array): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** One example and the latest C evaluated on it. */
export class CophySession {
  readonly example: Example;
  readonly seed: number;
  /** AB under every mass combination (index = combination). */
  private readonly abAll: Trajectory[];
  /** Distance of AB(z′) from AB(z) for every z′. */
  private readonly abDistances: Float64Array;
  /** The latest evaluated C's CD under the true masses, and the balls' colours in it. */
  private latestCd: { intervention: Intervention; cd: Trajectory; colors: number[] } | null = null;

  private constructor(seed: number, example: Example) {
    this.seed = seed;
    this.example = example;
    const count = 1 << example.n;
    this.abAll = Array.from({ length: count }, (_, z) => (z === example.combination ? example.ab : simulate(example.a, massesOfCombination(z, example.n))));
    this.abDistances = Float64Array.from(this.abAll, (tr, z) => (z === example.combination ? 0 : maxOf(objectErrors(tr, example.ab))));
  }

  static create(seed: number, index: number): CophySession {
    if (!(Number.isInteger(index) && index >= 0 && index < DATASET_SIZES.test)) {
      throw new RangeError(`Example ${index + 1} does not exist: the test split has ${DATASET_SIZES.test} examples. Pick one from 1 to ${DATASET_SIZES.test}.`);
    }
    return new CophySession(seed, generateExample(seed, 'test', index));
  }

  info(ms: number): ExampleInfo {
    const e = this.example;
    return {
      seed: this.seed,
      index: e.index,
      n: e.n,
      frames: e.ab.frames,
      masses: [...e.masses],
      colors: [...e.colors],
      floor: e.floor,
      aPositions: Float64Array.from(e.a.positions),
      aVelocities: Float64Array.from(e.a.velocities),
      datasetOp: e.doOp,
      datasetCounterfactual: [...e.counterfactualObjects],
      abPositions: Float64Array.from(e.ab.positions),
      firstFrame: this.frame('ab', 0),
      ms,
    };
  }

  /** Simulates C's CD under every mass combination and judges it (Definitions 1–2 at ε = 100). */
  evaluate(intervention: Intervention): Evaluation {
    const t0 = now();
    const e = this.example;
    const problem = interventionProblem(intervention, e.a, e.colors);
    if (problem) {
      return { intervention, problem, cPositions: new Float64Array(0), objects: [], verdict: null, cdPositions: new Float64Array(0), cFrame: new Uint8ClampedArray(0), ms: now() - t0 };
    }
    const c = counterfactualStart(intervention, e.a, e.c, e.colors);
    const n = e.n;
    const count = 1 << n;
    const cache = new Map<string, Trajectory>();
    const cdOf = (z: number): Trajectory => {
      const all = massesOfCombination(z, n);
      const masses = c.objects.map((k) => all[k]);
      const key = masses.join(',');
      let tr = cache.get(key);
      if (!tr) {
        tr = simulate(c.scene, masses);
        cache.set(key, tr);
      }
      return tr;
    };
    const cdTrue = cdOf(e.combination);
    const cd = new Float64Array(count);
    for (let z = 0; z < count; z++) cd[z] = z === e.combination ? 0 : maxOf(objectErrors(cdOf(z), cdTrue));
    const distances: CandidateDistances = { n, combination: e.combination, objects: c.objects, ab: this.abDistances, cd };
    const v = judgeCandidate(distances, EPSILON);
    const verdict: VerdictInfo = {
      epsilon: v.epsilon,
      kept: v.kept,
      reason: v.reason,
      counterfactual: v.counterfactualObjects,
      consequential: v.consequentialObjects ?? v.counterfactualObjects,
      confusable: v.confusable ?? [],
      ambiguous: v.ambiguous ?? [],
      flipChange: Array.from({ length: n }, (_, k) => (c.objects.includes(k) ? cd[e.combination ^ massBit(k, n)] : null)),
      abFlipChange: Array.from({ length: n }, (_, k) => this.abDistances[e.combination ^ massBit(k, n)]),
    };
    const colors = c.objects.map((k) => e.colors[k]);
    this.latestCd = { intervention, cd: cdTrue, colors };
    return {
      intervention,
      problem: null,
      cPositions: Float64Array.from(c.scene.positions),
      objects: [...c.objects],
      verdict,
      cdPositions: Float64Array.from(cdTrue.positions),
      cFrame: rgbToRgba(renderFrame(cdTrue, 0, colors, e.floor)),
      ms: now() - t0,
    };
  }

  /** The latest evaluated CD, when it is the one for `intervention` (compared by the caller). */
  latest(): { intervention: Intervention; cd: Trajectory; colors: number[] } | null {
    return this.latestCd;
  }

  /** CD and its balls' colours for `intervention`: the latest evaluated when it matches, else evaluated now (throws the problem of a C that cannot be simulated). */
  counterfactual(intervention: Intervention): { cd: Trajectory; colors: number[] } {
    let latest = this.latestCd;
    if (!latest || !sameIntervention(latest.intervention, intervention)) {
      const ev = this.evaluate(intervention);
      if (ev.problem) throw new Error(ev.problem);
      latest = this.latestCd!;
    }
    return { cd: latest.cd, colors: latest.colors };
  }

  /** One RGBA frame of AB, or of the latest evaluated CD. */
  frame(part: 'ab' | 'cd', t: number): Uint8ClampedArray {
    const e = this.example;
    if (part === 'ab') return rgbToRgba(renderFrame(e.ab, t, partColors(e, 'ab'), e.floor));
    if (!this.latestCd) throw new Error('No C evaluated yet: evaluate an intervention first.');
    return rgbToRgba(renderFrame(this.latestCd.cd, t, this.latestCd.colors, e.floor));
  }

  /** Frames [from, from + count) of a trajectory as one RGBA buffer. */
  renderFrames(trajectory: Trajectory, colors: readonly number[], from: number, count: number): Uint8ClampedArray {
    const out = new Uint8ClampedArray(count * PIXELS * 4);
    const rgb = new Uint8Array(PIXELS * 3);
    for (let i = 0; i < count; i++) {
      renderFrame(trajectory, from + i, colors, this.example.floor, IMAGE_SIZE, rgb);
      rgbToRgba(rgb, out, i * PIXELS * 4);
    }
    return out;
  }
}

/**
 * The filter's statistics on a sample (scripts/cophy-dataset.ts does the same on the whole dataset):
 * the first `examples` test examples, each generated until the filter keeps a candidate (kept and
 * rejected counts, reasons), and the ε sweep on `unfiltered` candidates drawn without the filter.
 */
export async function filterStats(req: StatsRequest, opts: { onProgress?: (done: number, total: number) => void; yieldNow?: () => Promise<void>; cancelled?: () => boolean } = {}): Promise<FilterStats> {
  const t0 = now();
  const stats = emptyStats();
  const total = req.examples + 1;
  for (let i = 0; i < req.examples; i++) {
    addStats(stats, generateExample(req.seed, 'test', i).stats);
    opts.onProgress?.(i + 1, total);
    // one example (about 25 ms) at a time: an evaluation the user asks for meanwhile waits for no more
    await opts.yieldNow?.();
    if (opts.cancelled?.()) throw new Error('cancelled');
  }
  const sweep = epsilonSweep(
    unfilteredCandidates(req.seed, req.unfiltered).map((c) => c.distances),
    EPSILON_GRID,
  );
  opts.onProgress?.(total, total);
  return {
    seed: req.seed,
    examples: req.examples,
    abCandidates: stats.abCandidates,
    cdTrials: stats.cdTrials,
    shiftOverlaps: stats.shiftOverlaps,
    notCounterfactual: stats.notCounterfactual,
    notIdentifiable: stats.notIdentifiable,
    kept: req.examples,
    unfiltered: req.unfiltered,
    sweep: sweep.map((r) => ({ epsilon: r.epsilon, identifiable: r.identifiable, counterfactual: r.counterfactual, kept: r.kept })),
    ms: now() - t0,
  };
}
