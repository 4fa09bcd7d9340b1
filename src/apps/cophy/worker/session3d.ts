/**
 * The 3-D scenarios' science for the page, off the main thread (issue #14): generate the
 * BlocktowerCF or CollisionCF example a link names (core3d/dataset3d.ts, Rapier), simulate the user's
 * C under every mass combination and judge it as the benchmark's filter does (core3d/filter3d.ts with
 * part 1's judgeCandidate, ε = 100), ray-cast the frames (core3d/raycast.ts, the same bytes as Node) and
 * compute the filter's statistics on a small sample. React-free and DOM-free: Vitest drives it in Node
 * (session3d.test.ts), worker/cophy3d.worker.ts serves it. `await initPhysics()` before using it.
 *
 * AB's 2^N rollouts are simulated at most once per example and shared by every C (an AbCache); each
 * Rapier world is built and freed inside core3d/physics.ts's simulate3d.
 */
import { EPSILON, EPSILON_GRID, judgeCandidate, massBit } from '../core/filter';
import { isTowerStable, towerScene, type Tower } from '../core3d/blocktower';
import { arenaScene, type Arena } from '../core3d/collision';
import {
  addStats3d,
  DATASET3D_SIZES,
  emptyStats3d,
  ERROR_DIMS,
  epsilonSweep3d,
  generateExample3d,
  scenarioSimulator,
  unfilteredCandidates3d,
  type Example3d,
  type Scenario3d,
  type UnfilteredCandidate3d,
} from '../core3d/dataset3d';
import { abCache, simulateCandidate3d, type AbCache, type CounterfactualStart3d } from '../core3d/filter3d';
import type { Scene3d, Trajectory3d } from '../core3d/physics';
import { IMAGE_SIZE_3D, renderFrame3d } from '../core3d/raycast';
import { counterfactualSetup3d, dataset3dAsIntervention, intervention3dProblem, sameIntervention3d, type Intervention3d, type Setup3d } from './intervention3d';
import type { Evaluation3d, Example3dInfo, Poses3d, Stats3d, Stats3dRequest } from './protocol3d';
import type { VerdictInfo } from './protocol';

const PIXELS = IMAGE_SIZE_3D * IMAGE_SIZE_3D;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** RGB bytes to RGBA for ImageData. */
function rgbToRgba3d(rgb: Uint8Array, out: Uint8ClampedArray = new Uint8ClampedArray(PIXELS * 4), offset = 0): Uint8ClampedArray {
  for (let p = 0; p < PIXELS; p++) {
    out[offset + 4 * p] = rgb[3 * p];
    out[offset + 4 * p + 1] = rgb[3 * p + 1];
    out[offset + 4 * p + 2] = rgb[3 * p + 2];
    out[offset + 4 * p + 3] = 255;
  }
  return out;
}

function poses(scene: Scene3d, colors: readonly number[]): Poses3d {
  return { kinds: [...scene.kinds], positions: Float64Array.from(scene.positions), rotations: Float64Array.from(scene.rotations), colors: [...colors] };
}

/** One 3-D example and the latest C evaluated on it. */
export class Cophy3dSession {
  readonly example: Example3d;
  readonly seed: number;
  readonly setup: Setup3d;
  private readonly cache: AbCache;
  private readonly simulate: ReturnType<typeof scenarioSimulator>;
  private latestCd: { intervention: Intervention3d; cd: Trajectory3d; kinds: Scene3d['kinds']; colors: number[] } | null = null;

  private constructor(seed: number, example: Example3d) {
    this.seed = seed;
    this.example = example;
    this.simulate = scenarioSimulator(example.scenario);
    this.cache = abCache(example.a);
    this.cache.byCombination.set(example.combination, example.ab);
    this.setup =
      example.setup.kind === 'blocktower'
        ? { scenario: 'blocktower', tower: example.setup.a, colors: example.colors }
        : { scenario: 'collision', arena: example.setup.a, colors: example.colors };
  }

  /** Generates test example `index` of a scenario (BlocktowerCF takes seconds: the official filter rejects most towers). */
  static create(scenario: Scenario3d, seed: number, index: number): Cophy3dSession {
    if (!(Number.isInteger(index) && index >= 0 && index < DATASET3D_SIZES.test)) {
      throw new RangeError(`Example ${index + 1} does not exist: the test split has ${DATASET3D_SIZES.test} examples. Pick one from 1 to ${DATASET3D_SIZES.test}.`);
    }
    return new Cophy3dSession(seed, generateExample3d(scenario, seed, 'test', index));
  }

  get scenario(): Scenario3d {
    return this.example.scenario;
  }

  info(ms: number): Example3dInfo {
    const e = this.example;
    return {
      scenario: e.scenario,
      seed: this.seed,
      index: e.index,
      n: e.n,
      frames: e.ab.frames,
      masses: [...e.masses],
      colors: [...e.colors],
      floor: e.floor,
      a: poses(e.a, e.colors),
      setup: e.setup.kind === 'blocktower' ? { kind: 'blocktower', tower: e.setup.a } : { kind: 'collision', arena: e.setup.a },
      datasetOp: e.doOp,
      datasetIntervention: dataset3dAsIntervention(this.setup, e.setup.c, e.doOp),
      datasetCounterfactual: [...e.counterfactualObjects],
      firstFrame: this.renderFrames(e.ab, e.a.kinds, e.colors, 0, 1),
      ms,
    };
  }

  private start(intervention: Intervention3d): { c: CounterfactualStart3d; setupC: Tower | Arena } {
    const e = this.example;
    if (intervention.kind === 'dataset') return { c: e.c, setupC: e.setup.c };
    const setupC = counterfactualSetup3d(intervention, this.setup, e.setup.c);
    if (e.scenario === 'blocktower') {
      const t = setupC as Tower;
      return { c: { scene: towerScene(t), objects: Array.from({ length: t.n }, (_, k) => k) }, setupC };
    }
    return { c: { scene: arenaScene(setupC as Arena), objects: [0, 1] }, setupC };
  }

  /** Simulates C's CD under every mass combination and judges it (Definitions 1–2 at ε = 100). */
  evaluate(intervention: Intervention3d): Evaluation3d {
    const t0 = now();
    const e = this.example;
    const problem = intervention3dProblem(intervention, this.setup);
    if (problem) return { intervention, problem, c: null, objects: [], verdict: null, cStable: null, cFrame: new Uint8ClampedArray(0), ms: now() - t0 };
    const { c, setupC } = this.start(intervention);
    const candidate = simulateCandidate3d(this.simulate, this.cache, c, e.combination, { dims: ERROR_DIMS[e.scenario] });
    const d = candidate.distances;
    const v = judgeCandidate(d, EPSILON);
    const n = e.n;
    const verdict: VerdictInfo = {
      epsilon: v.epsilon,
      kept: v.kept,
      reason: v.reason,
      counterfactual: v.counterfactualObjects,
      consequential: v.consequentialObjects ?? v.counterfactualObjects,
      confusable: v.confusable ?? [],
      ambiguous: v.ambiguous ?? [],
      flipChange: Array.from({ length: n }, (_, k) => (c.objects.includes(k) ? d.cd[e.combination ^ massBit(k, n)] : null)),
      abFlipChange: Array.from({ length: n }, (_, k) => d.ab![e.combination ^ massBit(k, n)]),
    };
    const colors = c.objects.map((k) => e.colors[k]);
    this.latestCd = { intervention, cd: candidate.cd, kinds: c.scene.kinds, colors };
    const cStable = e.scenario === 'blocktower' ? isTowerStable(setupC as Tower, c.objects.map((k) => e.masses[k])) : null;
    return {
      intervention,
      problem: null,
      c: poses(c.scene, colors),
      objects: [...c.objects],
      verdict,
      cStable,
      cFrame: this.renderFrames(candidate.cd, c.scene.kinds, colors, 0, 1),
      ms: now() - t0,
    };
  }

  /** CD, its kinds and colours for `intervention`: the latest evaluated when it matches, else evaluated now (throws the problem of a C that cannot be simulated). */
  counterfactual(intervention: Intervention3d): { cd: Trajectory3d; kinds: Scene3d['kinds']; colors: number[] } {
    if (!this.latestCd || !sameIntervention3d(this.latestCd.intervention, intervention)) {
      const ev = this.evaluate(intervention);
      if (ev.problem) throw new Error(ev.problem);
    }
    const l = this.latestCd!;
    return { cd: l.cd, kinds: l.kinds, colors: l.colors };
  }

  /** Frames [from, from + count) of a trajectory as one RGBA buffer (the tower with shadows, as the official renders). */
  renderFrames(trajectory: Trajectory3d, kinds: Scene3d['kinds'], colors: readonly number[], from: number, count: number): Uint8ClampedArray {
    const out = new Uint8ClampedArray(count * PIXELS * 4);
    const rgb = new Uint8Array(PIXELS * 3);
    const shadows = this.example.scenario === 'blocktower';
    for (let i = 0; i < count; i++) {
      renderFrame3d(trajectory, from + i, kinds, colors, this.example.floor, { shadows }, rgb);
      rgbToRgba3d(rgb, out, i * PIXELS * 4);
    }
    return out;
  }
}


/**
 * The filter's statistics on a sample, as scripts/cophy3d-dataset.ts computes them (the same core
 * functions): the first `examples` test examples, each generated until the filter keeps one, and the
 * ε sweep (the paper's Fig. 7) on `unfiltered` candidates drawn without the filter, one at a time so
 * that progress shows.
 */
export async function filterStats3d(
  req: Stats3dRequest,
  opts: { onProgress?: (done: number, total: number) => void; yieldNow?: () => Promise<void>; cancelled?: () => boolean } = {},
): Promise<Stats3d> {
  const t0 = now();
  const stats = emptyStats3d();
  const total = req.examples + req.unfiltered;
  const step = async (done: number) => {
    opts.onProgress?.(done, total);
    await opts.yieldNow?.();
    if (opts.cancelled?.()) throw new Error('cancelled');
  };
  for (let i = 0; i < req.examples; i++) {
    addStats3d(stats, generateExample3d(req.scenario, req.seed, 'test', i).stats);
    await step(i + 1);
  }
  const candidates: UnfilteredCandidate3d[] = [];
  for (let i = 0; i < req.unfiltered; i++) {
    candidates.push(...unfilteredCandidates3d(req.scenario, req.seed, 1, { first: i }));
    await step(req.examples + i + 1);
  }
  const sweep = epsilonSweep3d(candidates, EPSILON_GRID);
  return {
    scenario: req.scenario,
    seed: req.seed,
    examples: req.examples,
    abCandidates: stats.abCandidates,
    cdTrials: stats.cdTrials,
    shiftOverlaps: stats.shiftOverlaps,
    stabilityMismatch: stats.stabilityMismatch,
    notCounterfactual: stats.notCounterfactual,
    notIdentifiable: stats.notIdentifiable,
    kept: req.examples,
    unfiltered: req.unfiltered,
    sweep: sweep.map((r) => ({ epsilon: r.epsilon, identifiable: r.identifiable, counterfactual: r.counterfactual, kept: r.kept })),
    ms: now() - t0,
  };
}
