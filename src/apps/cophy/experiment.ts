/**
 * Filtered-CoPhy's headline comparison on BallsCF at browser scale (Janny et al., ICLR 2022, arXiv
 * 2202.00368, §5, Tables 1–2; official evaluate_pipeline.py @151a2fd): on held-out filtered examples,
 * the model's counterfactual D against the true D, in pixels (time-averaged PSNR and L-PSNR, Table 1)
 * and in keypoint space (MSE ×10⁻³, Table 2), beside the copying baselines Copy-B and Copy-C, the
 * rollout with u = 0, and the rollout with u abducted from a mass-swapped AB (core/evaluate.ts); the
 * filter's kept fraction; and a linear probe from u to the consequential balls' masses (Appendix A.1,
 * Table 6a's "corrected accuracy"; core/massProbe.ts). Every metric comes with a percentile bootstrap
 * 95% interval over test examples (`<metric>.lo`, `<metric>.hi`).
 *
 * The model is the shipped one (src/apps/cophy/weights: derender.bin and cody.bin with their manifests);
 * without those files the run stops with the command that trains them. Tests pass toy models through
 * `model` (core/referenceModels.ts).
 *
 * quick: 32 test examples, pixels every 5th frame; full: the 200 test examples, every frame.
 */
import * as tf from '@tensorflow/tfjs-core';
import { bootstrapMean, bootstrapRatio } from '../../shared/bootstrap';
import { MissingWeightsError, type CounterfactualModel } from './core/counterfactualModel';
import { DATASET_SIZES, generateExample, type Split } from './core/dataset';
import { abductExample, ballsEvaluation, evaluateExample, type EvaluationKit, type ExampleEvaluation } from './core/evaluate';
import { fitLinearProbe, majorityAccuracy, probeCountsByExample, selectSamples, withFeatures, type ProbeFeatures, type ProbeObjects, type ProbeSample } from './core/massProbe';
import { KPMSE_SCALE } from './core/metrics';
import { loadCodyDynamics } from './core/codyDynamics';
import { trainCommands3d } from './core3d/training3d';
import { loadShippedModel, WEIGHTS_DIR, type DynamicsLoader, type WeightReader } from './core/shippedModel';
import { DATASET3D_SIZES, generateExample3d, SCENARIOS_3D, type Example3d, type Scenario3d } from './core3d/dataset3d';
import { evaluation3d } from './core3d/evaluation3d';
import { initPhysics } from './core3d/physics';
import { mapTasks, type TaskPool, type TaskPoolFactory } from '../../shared/taskPool';
import type { BallsThreadInit, BallsThreadResult, BallsThreadTask } from './experimentThread';

export interface CophyRunSizes {
  /** Held-out test examples scored (generated from the run's seed, split 'test'). */
  testExamples: number;
  /** Training-split examples whose u trains the mass probe. */
  probeTrainExamples: number;
  /**
   * Test-split examples whose balls score the probe: the scored test examples, then (where larger) more test
   * examples run only through the abduction the probe reads, which costs a fifth of a scored example.
   */
  probeTestExamples: number;
  /** PSNR and L-PSNR on every this-many-th frame (1: all, as the official code). */
  pixelStride: number;
  bootstrapResamples: number;
}

// The quick probe is scored on 96 test examples, not only the 32 scored ones: on 32 (about 77 consequential
// balls) its accuracy's sampling error alone is ±0.1, so whether it cleared a bar was a matter of the seed.
export const QUICK_SIZES: CophyRunSizes = { testExamples: 32, probeTrainExamples: 64, probeTestExamples: 96, pixelStride: 5, bootstrapResamples: 1000 };
export const FULL_SIZES: CophyRunSizes = { testExamples: DATASET_SIZES.test, probeTrainExamples: 400, probeTestExamples: DATASET_SIZES.test, pixelStride: 1, bootstrapResamples: 2000 };

/**
 * The 3-D scenarios' sizes (issue #14). A filtered BlocktowerCF example takes about 10 s to generate on
 * one core (the filter rejects most towers), so the quick tower run is smaller.
 */
export const QUICK_SIZES_3D: Readonly<Record<Scenario3d, CophyRunSizes>> = {
  blocktower: { testExamples: 16, probeTrainExamples: 16, probeTestExamples: 16, pixelStride: 5, bootstrapResamples: 1000 },
  collision: { testExamples: 32, probeTrainExamples: 64, probeTestExamples: 32, pixelStride: 5, bootstrapResamples: 1000 },
};
export const FULL_SIZES_3D: Readonly<Record<Scenario3d, CophyRunSizes>> = {
  blocktower: { testExamples: DATASET3D_SIZES.test, probeTrainExamples: 200, probeTestExamples: DATASET3D_SIZES.test, pixelStride: 1, bootstrapResamples: 2000 },
  collision: { testExamples: DATASET3D_SIZES.test, probeTrainExamples: 400, probeTestExamples: DATASET3D_SIZES.test, pixelStride: 1, bootstrapResamples: 2000 },
};

/** The command that trains a 3-D scenario's model, its three stages. */
export { trainCommands3d } from './core3d/training3d';

/** CoDy's loader (core/codyDynamics.ts): cody.bin and its manifest → the dynamics half of the model. */
export const DEFAULT_DYNAMICS_LOADER: DynamicsLoader | undefined = loadCodyDynamics;

export interface CophyExperimentOptions {
  quick: boolean;
  seed: number;
  log?: (line: string) => void;
  /** A model to score instead of the shipped one (tests). Not disposed by the experiment. */
  model?: CounterfactualModel;
  sizes?: Partial<CophyRunSizes>;
  /** Reads the shipped weight files (default: the files under src/apps/cophy/weights, Node). */
  read?: WeightReader;
  /**
   * An absolute folder to read the model's weight files from instead (`npm run experiment -- cophy --weights DIR`;
   * Node): BallsCF's, or with `part` set to a 3-D scenario, that scenario's.
   */
  weightsDir?: string;
  loadDynamics?: DynamicsLoader;
  /**
   * The 3-D scenarios to score after BallsCF (default: each whose weights are under
   * src/apps/cophy/weights/<scenario>/, the others reported as not trained), with a model each for tests.
   */
  scenarios3d?: readonly Scenario3d[];
  models3d?: Partial<Record<Scenario3d, CounterfactualModel>>;
  sizes3d?: Partial<Record<Scenario3d, Partial<CophyRunSizes>>>;
  /** Reads a 3-D scenario's weight files (default: src/apps/cophy/weights/<scenario>/, Node). */
  read3d?: (scenario: Scenario3d) => WeightReader;
  /** One scenario only (`npm run experiment -- cophy --part collision`): balls, blocktower or collision. */
  part?: string;
  /**
   * Worker threads for BallsCF's examples with the shipped (or `weightsDir`) weights (`npm run experiment`
   * passes Node worker threads: scripts/threadPool.ts). Each thread loads its own copy of the model; the
   * report is the same as without them (experimentThread.ts). Ignored with `model` or `read`.
   */
  threads?: TaskPoolFactory;
}

/** Reads src/apps/cophy/weights/<name> from disk (Node only; imported lazily so no page chunk pulls in fs). */
export function nodeWeightReader(dir: URL = new URL(`../../../${WEIGHTS_DIR}/`, import.meta.url)): WeightReader {
  return async (name) => {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    try {
      return new Uint8Array(await fs.readFile(new URL(name, dir)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
}

/** An absolute folder path as a file: URL that ends in a slash, so that weight file names resolve inside it. */
function folderUrl(dir: string): URL {
  return new URL(`file://${encodeURI(dir.replace(/\/?$/, '/'))}`);
}

export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/** The metric names of the issue after the scenario's prefix ("balls.", "blocktower.", "collision."), with the per-example numbers they average. */
const PER_EXAMPLE_METRICS: Record<string, (e: ExampleEvaluation) => number> = {
  'psnr.ours': (e) => e.psnr.ours,
  'psnr.copyB': (e) => e.psnr.copyB,
  'psnr.copyC': (e) => e.psnr.copyC,
  'lpsnr.ours': (e) => e.lpsnr.ours,
  'lpsnr.copyB': (e) => e.lpsnr.copyB,
  'lpsnr.copyC': (e) => e.lpsnr.copyC,
  'psnr.recon': (e) => e.psnr.recon,
  'lpsnr.recon': (e) => e.lpsnr.recon,
  'kpmse.ours': (e) => e.kpmse.ours * KPMSE_SCALE,
  'kpmse.copyB': (e) => e.kpmse.copyB * KPMSE_SCALE,
  'kpmse.copyC': (e) => e.kpmse.copyC * KPMSE_SCALE,
  'kpmse.zeroU': (e) => e.kpmse.zeroU * KPMSE_SCALE,
  'kpmse.massSwap': (e) => e.kpmse.massSwap * KPMSE_SCALE,
  'statemse.ours': (e) => e.statemse.ours * KPMSE_SCALE,
  'statemse.copyB': (e) => e.statemse.copyB * KPMSE_SCALE,
  'statemse.copyC': (e) => e.statemse.copyC * KPMSE_SCALE,
};

const meanOf = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;

/** Per pixel time, the mean over examples of a per-frame curve. */
function meanCurve(evals: readonly ExampleEvaluation[], pick: (e: ExampleEvaluation) => number[]): number[] {
  const n = pick(evals[0]).length;
  return Array.from({ length: n }, (_, i) => meanOf(evals.map((e) => pick(e)[i])));
}

export interface ProbeReport {
  objects: ProbeObjects;
  accuracy: Interval;
  testObjects: number;
  trainObjects: number;
  trainAccuracy: number;
  majority: number;
  /** The fitted probe (null without samples), for the page's per-ball view (ui/MassProbe.tsx). */
  model: ProbeWeights | null;
}

/**
 * A fitted linear probe in JSON: P(heavy) = σ(bias + Σ weights_j (f_j − mean_j) / scale_j), f the `features`
 * view of u (core/massProbe.ts sampleFeatures; 'own' in runs committed before the field).
 */
export interface ProbeWeights {
  features?: ProbeFeatures;
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

/** Fits the probe on the training samples of `objects` and scores it on the test samples, per example for the bootstrap. */
export function scoreProbe(train: readonly ProbeSample[], test: readonly ProbeSample[], testExamples: number, objects: ProbeObjects, resamples: number, seed: number, features: ProbeFeatures = 'own'): ProbeReport {
  const trainSel = withFeatures(selectSamples(train, objects), features);
  const testSel = withFeatures(selectSamples(test, objects), features);
  if (trainSel.length === 0 || testSel.length === 0) {
    return { objects, accuracy: { value: NaN, lo: NaN, hi: NaN }, testObjects: testSel.length, trainObjects: trainSel.length, trainAccuracy: NaN, majority: NaN, model: null };
  }
  const probe = fitLinearProbe(trainSel);
  const { correct, total } = probeCountsByExample(probe, testSel, testExamples);
  const b = bootstrapRatio(correct, total, { resamples, seed: `${seed}/probe/${objects}` });
  return {
    objects,
    accuracy: { value: b.value, lo: b.lo, hi: b.hi },
    testObjects: testSel.length,
    trainObjects: trainSel.length,
    trainAccuracy: probe.trainAccuracy,
    majority: majorityAccuracy(trainSel, testSel),
    model: { features, mean: Array.from(probe.mean), scale: Array.from(probe.scale), weights: Array.from(probe.weights), bias: probe.bias },
  };
}

export default async function experiment(opts: CophyExperimentOptions): Promise<{ metrics: Record<string, number>; [k: string]: unknown }> {
  const sizes: CophyRunSizes = { ...(opts.quick ? QUICK_SIZES : FULL_SIZES), ...opts.sizes };
  const t0 = performance.now();
  if (opts.part !== undefined && opts.part !== 'balls' && !SCENARIOS_3D.includes(opts.part as Scenario3d)) {
    throw new Error(`cophy has no part "${opts.part}": use balls, ${SCENARIOS_3D.join(' or ')}`);
  }
  if (opts.part !== undefined && opts.part !== 'balls') {
    // one 3-D scenario alone (BallsCF not run)
    const scenario = opts.part as Scenario3d;
    const report = await run3d(scenario, opts, t0);
    const metrics: Record<string, number> = { ...report.metrics, seconds: (performance.now() - t0) / 1000 };
    return { metrics, part: scenario, seeds: [opts.seed], backend: tf.getBackend(), perSeed: [{ seed: opts.seed, metrics: { ...metrics } }], scenarios3d: { [scenario]: report } };
  }
  let result: Awaited<ReturnType<typeof runBalls>>;
  if (opts.model) result = await runBalls(opts.model, opts, sizes, t0);
  else {
    // The shipped model holds tensors: count them around its whole life.
    const tensorsBefore = tf.memory().numTensors;
    const read = opts.read ?? nodeWeightReader(opts.weightsDir ? folderUrl(opts.weightsDir) : undefined);
    const model = await loadShippedModel(read, opts.loadDynamics ?? DEFAULT_DYNAMICS_LOADER);
    try {
      result = await runBalls(model, opts, sizes, t0);
    } finally {
      model.dispose();
    }
    // this thread's model and work, plus whatever the worker threads' tasks left (0 without threads)
    result.metrics['leakedTensors'] = tf.memory().numTensors - tensorsBefore + result.leakedInThreads;
  }
  const scenarios3d: Record<string, unknown> = {};
  for (const scenario of opts.part === 'balls' ? [] : (opts.scenarios3d ?? (opts.model ? [] : SCENARIOS_3D))) {
    const report = await run3d(scenario, opts, t0);
    if (report.trained) Object.assign(result.metrics, report.metrics);
    scenarios3d[scenario] = report;
  }
  result.metrics['seconds'] = (performance.now() - t0) / 1000;
  // the page imports seeds, backend and perSeed from results/full.json by name (shared/ui/committedResults.ts)
  return { ...result, seeds: [opts.seed], backend: tf.getBackend(), perSeed: [{ seed: opts.seed, metrics: { ...result.metrics } }], scenarios3d };
}

async function runBalls(model: CounterfactualModel, opts: CophyExperimentOptions, sizes: CophyRunSizes, t0: number) {
  const log = opts.log ?? (() => {});
  log(`CoPhy experiment (${opts.quick ? 'quick' : 'full'}), BallsCF, model "${model.name}", K = ${model.keypoints}, time stride ${model.timeStride}, ` +
    `${sizes.testExamples} test examples (seed ${opts.seed}), probe trained on ${sizes.probeTrainExamples} training examples, pixels every ${sizes.pixelStride} frames`);
  let pool: TaskPool<BallsThreadTask, BallsThreadResult> | null = null;
  if (opts.threads && !opts.model && !opts.read) {
    const init: BallsThreadInit = { seed: opts.seed, ...(opts.weightsDir ? { weightsUrl: folderUrl(opts.weightsDir).href } : {}) };
    pool = await opts.threads<BallsThreadInit, BallsThreadTask, BallsThreadResult>(new URL('./experimentThread.ts', import.meta.url), init);
    log(`BallsCF examples on ${pool.size} worker threads, each with its own copy of the model`);
  }
  let scoredRun: Awaited<ReturnType<typeof scoreScenario>>;
  try {
    scoredRun = await scoreScenario('balls', model, ballsEvaluation(), async (split, i) => generateExample(opts.seed, split, i), sizes, opts.seed, log, t0, pool);
  } finally {
    await pool?.close();
  }
  const { evals: _evals, leakedInThreads, ...scored } = scoredRun;
  return {
    ...scored,
    leakedInThreads,
    mode: opts.quick ? 'quick' : 'full',
    // the consequential-ball probe, which the page applies to the u of the example on screen
    massProbe: scored.probes[0].model,
    model: { name: model.name, keypoints: model.keypoints, stateSize: model.stateSize, confounderSize: model.confounderSize, timeStride: model.timeStride },
    sizes,
    notes: [
      'Our small-scale run on BallsCF with 3 balls at 64² (the paper: 4 balls, 112²); held-out test examples from the run\'s seed.',
      'PSNR: per frame with data range 2 and the official +1e-4 on the prediction, averaged as the official code averages all 150 frames: frame 0 (t = 0 is C, exact for Copy-C) once, the scored later frames standing for the other 149 (core/metrics.ts videoAverage; a plain mean over every 10th frame gave frame 0 ten times its weight). L-PSNR: the same on frames multiplied by the closed foreground mask of the true frame (background_substraction.py).',
      'kpmse: the mean squared error of the keypoints only, ×10⁻³, against the encoder\'s keypoints of the true D (evaluate_pipeline.py l. 126); statemse adds the coefficients and the gate (the paper\'s Table 2 caption).',
      'recon: the decoder\'s ceiling, D decoded from the encoder\'s own keypoints of the true D with C\'s features (evaluate_pipeline.py\'s GT_PSNR); the gap from ours to recon is the dynamics\' share of the pixel error.',
      'Copy-B: D̂(t) = AB(t); Copy-C: D̂(t) = C. zeroU: the rollout with u = 0. massSwap: u abducted from the same A run under the mass combination that changes CD the most.',
      'massProbe.accuracy: an L2 logistic probe from u to each ball\'s mass, reading u_k minus the mean code of the other keypoints (only mass ratios act in BallsCF), trained on training-split examples, scored on the test balls whose mass flip changes AB or CD (the paper\'s corrected accuracy); massProbe.accuracyOwnCode: the same probe on the ball\'s own code u_k alone.',
      'massProbe: scored on probeTestExamples test examples (the scored ones, then more run only through the abduction) so that its sampling error is smaller than the quick run\'s 32 examples allow.',
      'Intervals: percentile bootstrap over test examples, 95%.',
      'The 3-D scenarios (scenarios3d) are scored the same way where their weights exist (src/apps/cophy/weights/<scenario>/), prefixed blocktower. and collision.',
    ],
  };
}

/** A 3-D scenario's part of the report: its metrics where its model is trained, otherwise the commands that train it. */
async function run3d(scenario: Scenario3d, opts: CophyExperimentOptions, t0: number): Promise<{ trained: boolean; metrics: Record<string, number>; [k: string]: unknown }> {
  const log = opts.log ?? (() => {});
  const sizes: CophyRunSizes = { ...(opts.quick ? QUICK_SIZES_3D : FULL_SIZES_3D)[scenario], ...opts.sizes3d?.[scenario] };
  let model = opts.models3d?.[scenario] ?? null;
  const owned = model === null;
  const tensorsBefore = tf.memory().numTensors;
  if (!model) {
    // --weights names the folder of the part being run; a full run reads every 3-D scenario's shipped weights
    const weightsDir = opts.part === scenario ? opts.weightsDir : undefined;
    const read = opts.read3d?.(scenario) ?? nodeWeightReader(weightsDir ? folderUrl(weightsDir) : new URL(`../../../${WEIGHTS_DIR}/${scenario}/`, import.meta.url));
    try {
      model = await loadShippedModel(read, opts.loadDynamics ?? DEFAULT_DYNAMICS_LOADER);
    } catch (e) {
      if (!(e instanceof MissingWeightsError)) throw e;
      const train = trainCommands3d(scenario);
      log(`${scenario}: no trained model under ${weightsDir ?? `${WEIGHTS_DIR}/${scenario}/`} (train it with ${train}); not scored`);
      return { trained: false, metrics: {}, train };
    }
  }
  await initPhysics();
  log(`${scenario}: model "${model.name}", ${sizes.testExamples} test examples, probe on ${sizes.probeTrainExamples} training examples (generating filtered 3-D examples takes a while)`);
  try {
    const kit = evaluation3d();
    const examples = new Map<string, Example3d>();
    const { evals, ...scored } = await scoreScenario(scenario, model, kit, async (split, i) => {
      const ex = generateExample3d(scenario, opts.seed, split, i);
      if (split === 'test') examples.set(String(i), ex);
      return ex;
    }, sizes, opts.seed, log, t0);
    if (scenario === 'blocktower') {
      // Table 1's BT-CF split: the towers whose C is unstable (where something happens), as the paper reports them apart
      const unstable = evals.filter((e) => examples.get(String(e.index))?.cdStable === false);
      for (const [name, pick] of [
        ['lpsnr.ours.unstable', (e: ExampleEvaluation) => e.lpsnr.ours],
        ['lpsnr.copyC.unstable', (e: ExampleEvaluation) => e.lpsnr.copyC],
        ['kpmse.ours.unstable', (e: ExampleEvaluation) => e.kpmse.ours * KPMSE_SCALE],
        ['kpmse.copyC.unstable', (e: ExampleEvaluation) => e.kpmse.copyC * KPMSE_SCALE],
      ] as const) {
        const b = unstable.length > 0 ? bootstrapMean(unstable.map(pick), { resamples: sizes.bootstrapResamples, seed: `${opts.seed}/blocktower/unstable` }) : { value: NaN, lo: NaN, hi: NaN };
        scored.metrics[`blocktower.${name}`] = b.value;
        scored.metrics[`blocktower.${name}.lo`] = b.lo;
        scored.metrics[`blocktower.${name}.hi`] = b.hi;
      }
      scored.metrics['blocktower.unstableExamples'] = unstable.length;
    }
    return { trained: true, ...scored, sizes, model: { name: model.name, keypoints: model.keypoints, timeStride: model.timeStride } };
  } finally {
    if (owned) {
      model.dispose();
      const leaked = tf.memory().numTensors - tensorsBefore;
      if (leaked !== 0) log(`${scenario}: ${leaked} tensors leaked`);
    }
  }
}

/** One scenario's examples through the model, with every metric's bootstrap interval and the mass probe. */
async function scoreScenario<E extends { floor: number; doOp: { kind: string } }>(
  prefix: 'balls' | Scenario3d,
  model: CounterfactualModel,
  kit: EvaluationKit<E>,
  example: (split: Split, index: number) => Promise<E>,
  sizes: CophyRunSizes,
  seed: number,
  log: (line: string) => void,
  t0: number,
  /** BallsCF only: worker threads that evaluate and abduct the examples (the main thread still generates the test examples, for their floor and intervention) */
  pool: TaskPool<BallsThreadTask, BallsThreadResult> | null = null,
) {
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const examples: E[] = [];
  let threadLeaks = 0;
  const fromThread = <T>(r: BallsThreadResult, pick: (r: BallsThreadResult) => T | undefined): T => {
    threadLeaks += r.leaked;
    const v = pick(r);
    if (v === undefined) throw new Error(`${prefix}: a worker thread returned no result`);
    return v;
  };
  const evaluate = async (i: number): Promise<ExampleEvaluation> => {
    const ex = await example('test', i);
    examples[i] = ex;
    if (pool) return fromThread(await pool.run({ kind: 'evaluate', index: i, pixelStride: sizes.pixelStride }), (r) => r.evaluation);
    return evaluateExample(model, ex, i, { pixelStride: sizes.pixelStride }, kit);
  };
  const abduct = async (split: Split, i: number): Promise<ProbeSample[]> => {
    if (pool) return fromThread(await pool.run({ kind: 'abduct', split, index: i }), (r) => r.probe);
    return abductExample(model, await example(split, i), i, kit).probe;
  };
  const parallel = pool !== null;
  const evals = await mapTasks(range(0, sizes.testExamples), evaluate, parallel, (done, results) => {
    if (done % 8 === 0 || done === sizes.testExamples) {
      const finished = results.filter((e): e is ExampleEvaluation => e !== undefined);
      const m = (f: (e: ExampleEvaluation) => number) => meanOf(finished.map(f)).toFixed(2);
      log(`${prefix} test ${done}/${sizes.testExamples} (${((performance.now() - t0) / 1000).toFixed(1)} s): L-PSNR ours ${m((e) => e.lpsnr.ours)} / Copy-C ${m((e) => e.lpsnr.copyC)}, ` +
        `keypoint MSE×10⁻³ ours ${m((e) => e.kpmse.ours * 1e3)} / Copy-C ${m((e) => e.kpmse.copyC * 1e3)}`);
    }
  });
  // the probe's extra test examples (abduction only) and its training examples
  const probeTestCount = Math.max(sizes.probeTestExamples, evals.length);
  const [extraTest, trainRuns] = await Promise.all([
    mapTasks(range(evals.length, probeTestCount), (i) => abduct('test', i), parallel),
    mapTasks(range(0, sizes.probeTrainExamples), (i) => abduct('train', i), parallel),
  ]);
  const trainProbe = trainRuns.flat();
  const testProbe = [...evals.flatMap((e) => e.probe), ...extraTest.flat()];
  log(`${prefix} probe: ${trainProbe.length} training objects, ${testProbe.length} test objects of ${probeTestCount} test examples (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const metrics: Record<string, number> = {};
  const intervals: Record<string, Interval> = {};
  const put = (name: string, iv: Interval) => {
    metrics[name] = iv.value;
    metrics[`${name}.lo`] = iv.lo;
    metrics[`${name}.hi`] = iv.hi;
    intervals[name] = iv;
  };
  // One resampling stream for every per-example metric: the rows are compared on the same resamples (paired).
  for (const [name, pick] of Object.entries(PER_EXAMPLE_METRICS)) {
    const b = bootstrapMean(evals.map(pick), { resamples: sizes.bootstrapResamples, seed: `${seed}/examples` });
    put(`${prefix}.${name}`, { value: b.value, lo: b.lo, hi: b.hi });
  }
  const kept = bootstrapRatio(evals.map(() => 1), evals.map((e) => e.filterJudged), { resamples: sizes.bootstrapResamples, seed: `${seed}/kept` });
  put(`${prefix}.filter.keptFraction`, { value: kept.value, lo: kept.lo, hi: kept.hi });
  const features = kit.probeFeatures ?? 'own';
  const probes = (['consequential', 'counterfactual', 'all'] as const).map((o) => scoreProbe(trainProbe, testProbe, probeTestCount, o, sizes.bootstrapResamples, seed, features));
  put(`${prefix}.massProbe.accuracy`, probes[0].accuracy);
  put(`${prefix}.massProbe.accuracyCounterfactual`, probes[1].accuracy);
  put(`${prefix}.massProbe.accuracyAll`, probes[2].accuracy);
  // the probe on the ball's own code u_k alone (the reading the relative one replaced), reported beside it
  if (features !== 'own') put(`${prefix}.massProbe.accuracyOwnCode`, scoreProbe(trainProbe, testProbe, probeTestCount, 'consequential', sizes.bootstrapResamples, seed, 'own').accuracy);
  // How much of the probe's task AB allows at all (BallsCF: only mass ratios act, so some consequential
  // balls' masses no reader of AB can know; filter.ts determinedObjects). The ceiling gives those a coin.
  const consequentialTest = selectSamples(testProbe, 'consequential');
  if (consequentialTest.length > 0 && consequentialTest.every((s) => s.determined !== null)) {
    const perExample = (weight: (s: ProbeSample) => number) => {
      const num = new Float64Array(probeTestCount);
      const den = new Float64Array(probeTestCount);
      for (const s of consequentialTest) {
        num[s.example] += weight(s);
        den[s.example]++;
      }
      return [num, den] as const;
    };
    const ratio = (weight: (s: ProbeSample) => number, name: string) => {
      const [num, den] = perExample(weight);
      const b = bootstrapRatio(num, den, { resamples: sizes.bootstrapResamples, seed: `${seed}/probe/${name}` });
      return { value: b.value, lo: b.lo, hi: b.hi };
    };
    put(`${prefix}.massProbe.determinedFraction`, ratio((s) => (s.determined ? 1 : 0), 'determinedFraction'));
    put(`${prefix}.massProbe.ceiling`, ratio((s) => (s.determined ? 1 : 0.5), 'ceiling'));
    put(`${prefix}.massProbe.accuracyDetermined`, scoreProbe(trainProbe, testProbe, probeTestCount, 'determined', sizes.bootstrapResamples, seed, features).accuracy);
  }
  metrics[`${prefix}.massProbe.majority`] = probes[0].majority;
  metrics[`${prefix}.massProbe.matchDistancePx`] = meanOf(testProbe.map((s) => (s.distance * model.imageSize) / 2));
  metrics[`${prefix}.testExamples`] = evals.length;
  metrics[`${prefix}.probeTestExamples`] = probeTestCount;
  metrics[`${prefix}.probeTrainExamples`] = sizes.probeTrainExamples;
  metrics[`${prefix}.pixelStride`] = sizes.pixelStride;
  metrics[`${prefix}.maskFloorAgreement`] = meanOf(evals.map((e, i) => (e.maskFloor === examples[i].floor ? 1 : 0)));

  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  return {
    metrics,
    intervals,
    probes,
    evals,
    /** tensors the worker threads' tasks left behind (0 without threads) */
    leakedInThreads: threadLeaks,
    curves: {
      t: evals[0].pixelTimes,
      psnr: { ours: meanCurve(evals, (e) => e.psnrCurve.ours).map(r4), copyB: meanCurve(evals, (e) => e.psnrCurve.copyB).map(r4), copyC: meanCurve(evals, (e) => e.psnrCurve.copyC).map(r4), recon: meanCurve(evals, (e) => e.psnrCurve.recon).map(r4) },
      lpsnr: { ours: meanCurve(evals, (e) => e.lpsnrCurve.ours).map(r4), copyB: meanCurve(evals, (e) => e.lpsnrCurve.copyB).map(r4), copyC: meanCurve(evals, (e) => e.lpsnrCurve.copyC).map(r4), recon: meanCurve(evals, (e) => e.lpsnrCurve.recon).map(r4) },
    },
    perExample: evals.map((e, i) => ({
      index: e.index,
      doOp: examples[i].doOp.kind,
      kpmse: { ours: r4(e.kpmse.ours * 1e3), copyB: r4(e.kpmse.copyB * 1e3), copyC: r4(e.kpmse.copyC * 1e3), zeroU: r4(e.kpmse.zeroU * 1e3), massSwap: r4(e.kpmse.massSwap * 1e3) },
      lpsnr: { ours: r4(e.lpsnr.ours), copyC: r4(e.lpsnr.copyC) },
      massSwap: e.massSwap,
    })),
  };
}
