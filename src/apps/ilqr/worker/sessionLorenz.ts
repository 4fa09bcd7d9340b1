/**
 * The Lorenz system (c) of Schimel et al., ICLR 2022 (arXiv 2205.01210, §3.2) in the page's
 * worker: nothing is trained here. `create` loads the checkpoint that scripts/train/ilqr.ts wrote
 * (weights/lorenz.json, imported lazily so it never enters another system's chunks), regenerates
 * its data from the checkpoint's seed exactly as the script did, runs the model freely for 10⁴
 * steps and measures how far that run strays from the attractor. The extras then answer the
 * views: one test trial's posterior, an iLQR solve iteration by iteration, a prediction from bin t,
 * R²_k recomputed. Plain JavaScript on Float64Array (the kit's `plainHooks`): no tfjs.
 */
import type { ExtraOptions, PrepareOptions, TrainingSession } from '../../../shared/run/trainingWorker';
import type { IlqrResult } from '../core/ilqr';
import type { LorenzCheckpointFile } from '../core/lorenzViews';
import type { IlqrVae } from '../core/vae';
import type { LorenzCheckpointFacts, LorenzInferenceTrace, LorenzInfo, LorenzPrediction, LorenzProgress, LorenzR2Report, LorenzTrialReport } from './protocolLorenz';

/** The paper's free run: 10⁴ steps (§3.2; lorenz_analysis.ml's "long autonomous trajectory"). */
export const FREE_RUN_STEPS = 10_000;
/** Free-run steps left out of the attractor distance (the run starts off the attractor, from random pre-trial inputs). */
export const FREE_RUN_TRANSIENT = 1_000;
/** R²_k up to this k (the paper reports k = 30 and 50). */
export const K_MAX = 50;

type LorenzCore = typeof import('../core/lorenz');
type LorenzViewsCore = typeof import('../core/lorenzViews');

interface Manifest {
  reproduce?: string;
  segments?: { minutes?: number }[];
}

/** The checkpoint files, loaded on first use: dynamic imports, so the weights sit in their own chunk. */
async function loadFiles(): Promise<{ file: LorenzCheckpointFile; manifest: Manifest }> {
  const [file, manifest] = await Promise.all([import('../weights/lorenz.json'), import('../weights/lorenz.manifest.json')]);
  return { file: file.default as unknown as LorenzCheckpointFile, manifest: manifest.default as Manifest };
}

const toF32 = (a: ArrayLike<number>) => Float32Array.from(a);

/** Per-coordinate standard deviation of rows of 3. */
function stds(rows: ArrayLike<number>): number[] {
  const n = rows.length / 3;
  return [0, 1, 2].map((i) => {
    let s = 0;
    let s2 = 0;
    for (let r = 0; r < n; r++) {
      s += rows[r * 3 + i];
      s2 += rows[r * 3 + i] ** 2;
    }
    return Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2));
  });
}

/** R² of `fitted` against `target` (rows of `no`), around the target's column means. */
function r2Of(target: ArrayLike<number>, fitted: ArrayLike<number>, no: number): number {
  const rows = target.length / no;
  const mean = new Float64Array(no);
  for (let r = 0; r < rows; r++) for (let i = 0; i < no; i++) mean[i] += target[r * no + i] / rows;
  let res = 0;
  let tot = 0;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < no; i++) {
      res += (target[r * no + i] - fitted[r * no + i]) ** 2;
      tot += (target[r * no + i] - mean[i]) ** 2;
    }
  }
  return 1 - res / tot;
}

export class LorenzSession implements TrainingSession<never, LorenzInfo> {
  readonly info: LorenzInfo;
  readonly steps = 0;
  private readonly posteriors = new Map<number, IlqrResult>();

  private constructor(
    private readonly core: LorenzCore,
    private readonly views: LorenzViewsCore,
    private readonly vae: IlqrVae,
    private readonly test: { clean: Float64Array[]; observations: Float64Array[] },
    info: LorenzInfo,
  ) {
    this.info = info;
  }

  static async create(_args: Record<string, never>, opts: PrepareOptions<LorenzProgress>): Promise<LorenzSession> {
    const t0 = performance.now();
    const step = async (phase: LorenzProgress['phase'], label: string, done: number) => {
      opts.onProgress({ phase, label, done, total: 4 });
      await opts.yieldNow();
      if (opts.cancelled()) throw new Error('cancelled');
    };
    await step('checkpoint', 'loading the shipped checkpoint', 0);
    const [{ file, manifest }, core, views, { createRng }] = await Promise.all([loadFiles(), import('../core/lorenz'), import('../core/lorenzViews'), import('../../../shared/random')]);
    const vae = views.modelFromCheckpoint(file);
    const sys = file.system;
    await step('data', `regenerating the ${sys.trainTrials + sys.testTrials} trials from seed ${file.seed}`, 1);
    const data = core.generateLorenzData(sys, createRng(file.seed).fork('lorenz data'));
    const test = core.trials(data, 'test');
    const train = core.trials(data, 'train');
    await step('free run', `running the model freely for ${FREE_RUN_STEPS.toLocaleString('en')} steps`, 2);
    const free = core.freeRun(vae, FREE_RUN_STEPS, createRng(file.seed).fork('lorenz free run'));
    await step('free run', 'measuring how far the free run strays from the attractor', 3);
    const trainPoints = new Float64Array(train.clean.length * sys.T * 3);
    train.clean.forEach((c, r) => trainPoints.set(c, r * sys.T * 3));
    const testPoints = new Float64Array(test.clean.length * sys.T * 3);
    test.clean.forEach((c, r) => testPoints.set(c, r * sys.T * 3));
    const after = free.subarray(FREE_RUN_TRANSIENT * 3);
    const freeD = views.nearestDistances(after, trainPoints);
    const refD = Float64Array.from(views.nearestDistances(testPoints, trainPoints)).sort();
    const reference99 = refD[Math.min(refD.length - 1, Math.floor(0.99 * refD.length))];
    const cleanStd = stds(trainPoints);
    const freeStd = stds(after);
    const segments = manifest.segments ?? [];
    const checkpoint: LorenzCheckpointFacts = {
      steps: file.steps,
      seed: file.seed,
      batch: file.batch,
      lrScale: file.lrScale,
      r2k: file.test.r2k,
      testIterations: file.test.iterations,
      converged: file.test.converged,
      testTrials: file.test.trials,
      history: { step: file.history.step, loss: file.history.loss, evalStep: file.history.evalStep, r2_30: file.history.r2_30, r2_50: file.history.r2_50 },
      minutes: segments.reduce((a, s) => a + (s.minutes ?? 0), 0),
      segments: segments.length,
      reproduce: manifest.reproduce ?? 'npx tsx scripts/train/ilqr.ts',
    };
    const attractor = new Float32Array((trainPoints.length + testPoints.length));
    attractor.set(trainPoints);
    attractor.set(testPoints, trainPoints.length);
    const info: LorenzInfo = {
      checkpoint,
      model: { n: vae.config.n, m: vae.config.m, no: vae.config.no, nBeg: vae.dyn.nBeg, K: vae.K, T: sys.T },
      data: { trainTrials: sys.trainTrials, testTrials: sys.testTrials, T: sys.T, dt: sys.dt, noiseStd: sys.noiseStd },
      clean: test.clean.map(toF32),
      observations: test.observations.map(toF32),
      attractor,
      freeRun: toF32(free),
      onAttractor: {
        skip: FREE_RUN_TRANSIENT,
        freeRunMedian: views.median(freeD),
        referenceMedian: views.median(refD),
        reference99,
        shareWithin: freeD.reduce((a, d) => a + (d <= reference99 ? 1 : 0), 0) / freeD.length,
        spread: freeStd.map((s, i) => s / cleanStd[i]),
      },
      seconds: 0,
    };
    await step('free run', 'ready', 4);
    info.seconds = (performance.now() - t0) / 1000;
    return new LorenzSession(core, views, vae, test, info);
  }

  step(): never {
    throw new Error('The Lorenz model is trained offline by scripts/train/ilqr.ts, not on this page: there is no step to take.');
  }

  private checkTrial(trial: number): void {
    const n = this.test.observations.length;
    if (!Number.isInteger(trial) || trial < 0 || trial >= n) throw new Error(`There is no test trial ${trial + 1}: the checkpoint has test trials 1–${n}.`);
  }

  /** The trial's posterior (cold start, as the R²_k evaluation), solved once and kept. */
  private posterior(trial: number): IlqrResult {
    let post = this.posteriors.get(trial);
    if (!post) {
      post = this.views.inferTrial(this.vae, this.test.observations[trial]);
      this.posteriors.set(trial, post);
    }
    return post;
  }

  /** One test trial: the posterior-mean reconstruction and the inferred inputs' sizes. */
  async trial(trial: number, opts: ExtraOptions): Promise<LorenzTrialReport> {
    this.checkTrial(trial);
    const t0 = performance.now();
    opts.onProgress(0, 1);
    await opts.yieldNow();
    const cached = this.posteriors.has(trial);
    const post = this.posterior(trial);
    const reconstruction = this.core.predictedObservations(this.vae, post.xs);
    const { x, norm } = this.views.inputNorms(this.vae, post.us);
    opts.onProgress(1, 1);
    return {
      trial,
      reconstruction: toF32(reconstruction),
      r2: r2Of(this.test.clean[trial], reconstruction, 3),
      inputX: x,
      inputNorms: toF32(norm),
      iterations: post.iterations,
      converged: post.converged,
      ms: cached ? 0 : performance.now() - t0,
    };
  }

  /** iLQR on one test trial from u = 0, every iteration's reconstruction and input sizes kept (the page animates them). */
  async infer(trial: number, opts: ExtraOptions): Promise<LorenzInferenceTrace> {
    this.checkTrial(trial);
    const t0 = performance.now();
    const max = this.views.LORENZ_INFERENCE.maxIterations;
    const reconstructions: Float32Array[] = [];
    const inputNorms: Float32Array[] = [];
    const keep = (us: Float64Array, xs: Float64Array) => {
      reconstructions.push(toF32(this.core.predictedObservations(this.vae, xs)));
      inputNorms.push(toF32(this.views.inputNorms(this.vae, us).norm));
    };
    const zero = new Float64Array(this.vae.K * this.vae.config.m);
    keep(zero, this.vae.rollout(zero));
    const post = this.views.inferTrial(this.vae, this.test.observations[trial], (it, _cost, us, xs) => {
      keep(us, xs);
      opts.onProgress(it, max);
    });
    this.posteriors.set(trial, post);
    await opts.yieldNow();
    return {
      trial,
      costs: post.costs,
      reconstructions,
      inputNorms,
      inputX: this.views.inputNorms(this.vae, zero).x,
      converged: post.converged,
      ms: performance.now() - t0,
    };
  }

  /** The model sees the test trial up to bin `from` (1-based), then runs on with the inputs zeroed. */
  async predict(trial: number, from: number, opts: ExtraOptions): Promise<LorenzPrediction> {
    this.checkTrial(trial);
    const T = this.info.model.T;
    if (!Number.isInteger(from) || from < 1 || from >= T) throw new Error(`Predict from a bin between 1 and ${T - 1}, not ${from}.`);
    const t0 = performance.now();
    opts.onProgress(0, 1);
    await opts.yieldNow();
    const post = this.posterior(trial);
    const prediction = this.views.predictFromBin(this.vae, post.us, from);
    opts.onProgress(1, 1);
    return {
      trial,
      from,
      prediction: toF32(prediction),
      errors: toF32(this.views.kStepErrors(prediction, this.test.clean[trial], from, 3)),
      ms: performance.now() - t0,
    };
  }

  /**
   * R²_k recomputed here, trial by trial (core/lorenz.ts kStepR2 averages the per-trial R² over
   * trials, so the mean of one-trial calls is the same number), to check the checkpoint's figure.
   */
  async recomputeR2(opts: ExtraOptions): Promise<LorenzR2Report> {
    const t0 = performance.now();
    const n = this.test.observations.length;
    const sums = new Float64Array(K_MAX + 1);
    const iterations: number[] = [];
    let converged = 0;
    for (let r = 0; r < n; r++) {
      opts.onProgress(r, n);
      await opts.yieldNow();
      if (opts.cancelled()) throw new Error('cancelled');
      const one = this.core.kStepR2(this.vae, { clean: [this.test.clean[r]], observations: [this.test.observations[r]] }, K_MAX);
      one.r2.forEach((v, k) => (sums[k] += v / n));
      iterations.push(...one.iterations);
      converged += one.converged;
    }
    opts.onProgress(n, n);
    return { r2k: Array.from(sums), iterations, converged, ms: performance.now() - t0 };
  }

  dispose(): void {
    this.posteriors.clear();
  }
}
