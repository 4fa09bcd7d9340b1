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
import type { CounterfactualModel } from './core/counterfactualModel';
import { DATASET_SIZES, generateExample, type Example } from './core/dataset';
import { abductExample, evaluateExample, type ExampleEvaluation } from './core/evaluate';
import { fitLinearProbe, majorityAccuracy, probeCountsByExample, selectSamples, type ProbeObjects, type ProbeSample } from './core/massProbe';
import { KPMSE_SCALE } from './core/metrics';
import { loadCodyDynamics } from './core/codyDynamics';
import { loadShippedModel, WEIGHTS_DIR, type DynamicsLoader, type WeightReader } from './core/shippedModel';

export interface CophyRunSizes {
  /** Held-out test examples scored (generated from the run's seed, split 'test'). */
  testExamples: number;
  /** Training-split examples whose u trains the mass probe. */
  probeTrainExamples: number;
  /** PSNR and L-PSNR on every this-many-th frame (1: all, as the official code). */
  pixelStride: number;
  bootstrapResamples: number;
}

export const QUICK_SIZES: CophyRunSizes = { testExamples: 32, probeTrainExamples: 64, pixelStride: 5, bootstrapResamples: 1000 };
export const FULL_SIZES: CophyRunSizes = { testExamples: DATASET_SIZES.test, probeTrainExamples: 400, pixelStride: 1, bootstrapResamples: 2000 };

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
  loadDynamics?: DynamicsLoader;
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

export interface Interval {
  value: number;
  lo: number;
  hi: number;
}

/** The metric names of the issue, with the per-example numbers they average. */
const PER_EXAMPLE_METRICS: Record<string, (e: ExampleEvaluation) => number> = {
  'balls.psnr.ours': (e) => e.psnr.ours,
  'balls.psnr.copyB': (e) => e.psnr.copyB,
  'balls.psnr.copyC': (e) => e.psnr.copyC,
  'balls.lpsnr.ours': (e) => e.lpsnr.ours,
  'balls.lpsnr.copyB': (e) => e.lpsnr.copyB,
  'balls.lpsnr.copyC': (e) => e.lpsnr.copyC,
  'balls.kpmse.ours': (e) => e.kpmse.ours * KPMSE_SCALE,
  'balls.kpmse.copyB': (e) => e.kpmse.copyB * KPMSE_SCALE,
  'balls.kpmse.copyC': (e) => e.kpmse.copyC * KPMSE_SCALE,
  'balls.kpmse.zeroU': (e) => e.kpmse.zeroU * KPMSE_SCALE,
  'balls.kpmse.massSwap': (e) => e.kpmse.massSwap * KPMSE_SCALE,
  'balls.statemse.ours': (e) => e.statemse.ours * KPMSE_SCALE,
  'balls.statemse.copyB': (e) => e.statemse.copyB * KPMSE_SCALE,
  'balls.statemse.copyC': (e) => e.statemse.copyC * KPMSE_SCALE,
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
}

/** Fits the probe on the training samples of `objects` and scores it on the test samples, per example for the bootstrap. */
export function scoreProbe(train: readonly ProbeSample[], test: readonly ProbeSample[], testExamples: number, objects: ProbeObjects, resamples: number, seed: number): ProbeReport {
  const trainSel = selectSamples(train, objects);
  const testSel = selectSamples(test, objects);
  if (trainSel.length === 0 || testSel.length === 0) {
    return { objects, accuracy: { value: NaN, lo: NaN, hi: NaN }, testObjects: testSel.length, trainObjects: trainSel.length, trainAccuracy: NaN, majority: NaN };
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
  };
}

export default async function experiment(opts: CophyExperimentOptions): Promise<{ metrics: Record<string, number>; [k: string]: unknown }> {
  const sizes: CophyRunSizes = { ...(opts.quick ? QUICK_SIZES : FULL_SIZES), ...opts.sizes };
  const t0 = performance.now();
  if (opts.model) return run(opts.model, opts, sizes, t0);
  // The shipped model holds tensors: count them around its whole life.
  const tensorsBefore = tf.memory().numTensors;
  const model = await loadShippedModel(opts.read ?? nodeWeightReader(), opts.loadDynamics ?? DEFAULT_DYNAMICS_LOADER);
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run(model, opts, sizes, t0);
  } finally {
    model.dispose();
  }
  result.metrics['leakedTensors'] = tf.memory().numTensors - tensorsBefore;
  return result;
}

async function run(model: CounterfactualModel, opts: CophyExperimentOptions, sizes: CophyRunSizes, t0: number) {
  const log = opts.log ?? (() => {});
  {
    log(`CoPhy experiment (${opts.quick ? 'quick' : 'full'}), model "${model.name}", K = ${model.keypoints}, time stride ${model.timeStride}, ` +
      `${sizes.testExamples} test examples (seed ${opts.seed}), probe trained on ${sizes.probeTrainExamples} training examples, pixels every ${sizes.pixelStride} frames`);

    const evals: ExampleEvaluation[] = [];
    const examples: Example[] = [];
    for (let i = 0; i < sizes.testExamples; i++) {
      const ex = generateExample(opts.seed, 'test', i);
      examples.push(ex);
      evals.push(evaluateExample(model, ex, i, { pixelStride: sizes.pixelStride }));
      if ((i + 1) % 8 === 0 || i + 1 === sizes.testExamples) {
        const m = (f: (e: ExampleEvaluation) => number) => meanOf(evals.map(f)).toFixed(2);
        log(`test ${i + 1}/${sizes.testExamples} (${((performance.now() - t0) / 1000).toFixed(1)} s): L-PSNR ours ${m((e) => e.lpsnr.ours)} / Copy-C ${m((e) => e.lpsnr.copyC)}, ` +
          `keypoint MSE×10⁻³ ours ${m((e) => e.kpmse.ours * 1e3)} / Copy-C ${m((e) => e.kpmse.copyC * 1e3)}`);
      }
      await Promise.resolve();
    }

    const trainProbe: ProbeSample[] = [];
    for (let i = 0; i < sizes.probeTrainExamples; i++) {
      trainProbe.push(...abductExample(model, generateExample(opts.seed, 'train', i), i).probe);
      await Promise.resolve();
    }
    const testProbe = evals.flatMap((e) => e.probe);
    log(`probe: ${trainProbe.length} training balls, ${testProbe.length} test balls (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

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
      const b = bootstrapMean(evals.map(pick), { resamples: sizes.bootstrapResamples, seed: `${opts.seed}/examples` });
      put(name, { value: b.value, lo: b.lo, hi: b.hi });
    }
    const kept = bootstrapRatio(evals.map(() => 1), evals.map((e) => e.filterJudged), { resamples: sizes.bootstrapResamples, seed: `${opts.seed}/kept` });
    put('balls.filter.keptFraction', { value: kept.value, lo: kept.lo, hi: kept.hi });
    const probes = (['consequential', 'counterfactual', 'all'] as const).map((o) => scoreProbe(trainProbe, testProbe, evals.length, o, sizes.bootstrapResamples, opts.seed));
    put('balls.massProbe.accuracy', probes[0].accuracy);
    put('balls.massProbe.accuracyCounterfactual', probes[1].accuracy);
    put('balls.massProbe.accuracyAll', probes[2].accuracy);
    metrics['balls.massProbe.majority'] = probes[0].majority;
    metrics['balls.massProbe.matchDistancePx'] = meanOf(testProbe.map((s) => (s.distance * model.imageSize) / 2));
    metrics['balls.maskFloorAgreement'] = meanOf(evals.map((e, i) => (e.maskFloor === examples[i].floor ? 1 : 0)));
    metrics['seconds'] = (performance.now() - t0) / 1000;

    const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
    return {
      metrics,
      mode: opts.quick ? 'quick' : 'full',
      model: { name: model.name, keypoints: model.keypoints, stateSize: model.stateSize, confounderSize: model.confounderSize, timeStride: model.timeStride },
      sizes,
      intervals,
      probes,
      curves: {
        t: evals[0].pixelTimes,
        psnr: { ours: meanCurve(evals, (e) => e.psnrCurve.ours).map(r4), copyB: meanCurve(evals, (e) => e.psnrCurve.copyB).map(r4), copyC: meanCurve(evals, (e) => e.psnrCurve.copyC).map(r4) },
        lpsnr: { ours: meanCurve(evals, (e) => e.lpsnrCurve.ours).map(r4), copyB: meanCurve(evals, (e) => e.lpsnrCurve.copyB).map(r4), copyC: meanCurve(evals, (e) => e.lpsnrCurve.copyC).map(r4) },
      },
      perExample: evals.map((e, i) => ({
        index: e.index,
        doOp: examples[i].doOp.kind,
        kpmse: { ours: r4(e.kpmse.ours * 1e3), copyB: r4(e.kpmse.copyB * 1e3), copyC: r4(e.kpmse.copyC * 1e3), zeroU: r4(e.kpmse.zeroU * 1e3), massSwap: r4(e.kpmse.massSwap * 1e3) },
        lpsnr: { ours: r4(e.lpsnr.ours), copyC: r4(e.lpsnr.copyC) },
        massSwap: e.massSwap,
      })),
      notes: [
        'Our small-scale run on BallsCF with 3 balls at 64² (the paper: 4 balls, 112²); held-out test examples from the run\'s seed.',
        'PSNR: per frame with data range 2 and the official +1e-4 on the prediction, averaged over the scored frames (t = 0 included, as evaluate_pipeline.py). L-PSNR: the same on frames multiplied by the closed foreground mask of the true frame (background_substraction.py).',
        'kpmse: the mean squared error of the keypoints only, ×10⁻³, against the encoder\'s keypoints of the true D (evaluate_pipeline.py l. 126); statemse adds the coefficients and the gate (the paper\'s Table 2 caption).',
        'Copy-B: D̂(t) = AB(t); Copy-C: D̂(t) = C. zeroU: the rollout with u = 0. massSwap: u abducted from the same A run under the mass combination that changes CD the most.',
        'massProbe.accuracy: an L2 logistic probe from each ball\'s matched u_k to its mass, trained on training-split examples, scored on the test balls whose mass flip changes AB or CD (the paper\'s corrected accuracy).',
        'Intervals: percentile bootstrap over test examples, 95%.',
      ],
    };
  }
}
