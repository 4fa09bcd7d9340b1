/**
 * One live training run of the iLQR-VAE demo, React-free and DOM-free, for the kit's training
 * worker (src/shared/run/trainingWorker.ts): `create` generates the sparse-input system's trial,
 * `step()` takes one Adam step (so the runner's Pause and Step work per step), checkpoints score
 * the inferred inputs, latents and eigenvalues about eight times a run, and `inferTrace()` runs
 * iLQR from a cold start keeping every iteration (the page's "infer" animation). No tfjs: the
 * core is plain TypeScript, so `dispose()` has no tensors to free.
 */
import type { PrepareOptions, TrainingSession } from '../../../shared/run/trainingWorker';
import { createRng } from '../../../shared/random';
import { BaselineTrainer } from '../core/baseline';
import { regressionFit } from '../core/metrics';
import { settingsProblem } from '../core/settings';
import { AUTONOMOUS_SYSTEM, generateSparseData, SPARSE_SYSTEM, type SparseData } from '../core/sparse';
import { firstBinInputShare } from '../core/metrics';
import { IlqrVaeTrainer } from '../core/trainer';
import type { Checkpoint, DataProgress, InferenceTrace, PreparedInfo, SessionConfig, StepReport } from './protocol';

/** The iLQR-VAE's settings for the sparse system (as the experiment's). */
const TRAINER_DEFAULTS = { timeBand: 20, pcaInit: true, posteriorStd: 0.1 };
const BASELINE_HIDDEN = 16;

/** Checkpoint steps of a run: about eight during training plus the last step. */
export function checkpointSteps(total: number): Set<number> {
  const every = Math.max(5, Math.ceil(total / 8));
  const out = new Set<number>();
  for (let s = every; s < total; s += every) out.add(s);
  out.add(total);
  return out;
}

const f32 = (a: Float64Array) => Float32Array.from(a);
const pairs = (z: [number, number][]) => z.map(([re, im]) => [re, im] as [number, number]);

export class IlqrSession implements TrainingSession<StepReport, PreparedInfo> {
  readonly info: PreparedInfo;
  readonly config: SessionConfig;
  private readonly data: SparseData;
  private readonly ilqr: IlqrVaeTrainer | null;
  private readonly baseline: BaselineTrainer | null;
  private readonly checkpoints: Set<number>;
  private taken = 0;

  private constructor(config: SessionConfig, data: SparseData, info: PreparedInfo) {
    this.config = config;
    this.data = data;
    this.info = info;
    this.checkpoints = checkpointSteps(config.steps);
    if (config.model === 'ilqr') {
      this.ilqr = new IlqrVaeTrainer(data, { ...TRAINER_DEFAULTS, prior: config.prior, lrScale: config.lrScale, seed: config.seed, implicit: config.implicit });
      this.baseline = null;
    } else {
      this.ilqr = null;
      this.baseline = new BaselineTrainer(data, { seed: config.seed, hidden: BASELINE_HIDDEN, lrScale: config.lrScale });
    }
  }

  static async create(config: SessionConfig, opts: Partial<PrepareOptions<DataProgress>> = {}): Promise<IlqrSession> {
    const problem = settingsProblem(config);
    if (problem) throw new Error(problem);
    const t0 = performance.now();
    const system = config.system === 'autonomous' ? AUTONOMOUS_SYSTEM : { ...SPARSE_SYSTEM, T: config.T };
    const label = config.system === 'autonomous' ? `autonomous system (${system.trials} trials × ${system.T} bins)` : `sparse-input trial (${system.T} bins)`;
    opts.onProgress?.({ phase: 'data', label, done: 0, total: 1 });
    await opts.yieldNow?.();
    if (opts.cancelled?.()) throw new Error('cancelled');
    const data = generateSparseData(system, createRng(config.seed).fork('data'));
    const { n, no, T } = data.config;
    const info: PreparedInfo = {
      n,
      m: n,
      no,
      T,
      model: config.model,
      system: config.system,
      trials: data.observations.length,
      observations: f32(data.observations[0]),
      trueInputs: f32(data.inputs[0]),
      trueLatents: f32(data.latents[0].subarray(n)),
      trueEigenvalues: pairs(data.trueEigenvalues),
      parameters: 0,
      seconds: 0,
    };
    const session = new IlqrSession(config, data, info);
    info.parameters = session.ilqr ? session.ilqr.vae.theta.length : session.baseline!.model.theta.length;
    info.seconds = (performance.now() - t0) / 1000;
    opts.onProgress?.({ phase: 'data', label, done: 1, total: 1 });
    return session;
  }

  get steps(): number {
    return this.taken;
  }

  step(): StepReport {
    const t0 = performance.now();
    let report: StepReport;
    if (this.ilqr) {
      const s = this.ilqr.step();
      report = { step: s.step, loss: s.loss, iterations: s.iterations, learningRate: s.learningRate, ms: 0 };
    } else {
      const lr = this.baseline!.adam.learningRate();
      const s = this.baseline!.step();
      report = { step: s.step, loss: s.loss, iterations: 0, learningRate: lr, ms: 0 };
    }
    this.taken++;
    if (this.checkpoints.has(this.taken)) report.checkpoint = this.checkpoint(this.taken === this.config.steps);
    report.ms = performance.now() - t0;
    return report;
  }

  /** The inferred inputs (bins 1…) and latents regressed into the true basis (see Checkpoint). */
  private aligned(us: Float64Array, zs: Float64Array): { alignedInputs: Float32Array; alignedLatents: Float32Array } {
    const { n, T } = this.data.config;
    const u = regressionFit(this.data.inputs[0].subarray(n), n, us.subarray(n), n, T - 1);
    const z = regressionFit(this.data.latents[0].subarray(n), n, zs, n, T);
    return { alignedInputs: u ? Float32Array.from(u) : new Float32Array((T - 1) * n), alignedLatents: z ? Float32Array.from(z) : new Float32Array(T * n) };
  }

  /** Scores the current model on the trial: inferred inputs and latents, R²s, eigenvalues. */
  checkpoint(final: boolean): Checkpoint {
    const { n, no, T } = this.data.config;
    const predicted = new Float32Array(T * no);
    const mean = new Float64Array(no);
    if (this.ilqr) {
      const e = this.ilqr.evaluate();
      const post = this.ilqr.posteriors[0]!;
      const vae = this.ilqr.vae;
      for (let t = 1; t <= T; t++) {
        vae.lik.mean(vae.theta, post.xs, t * n, mean, 0);
        predicted.set(mean, (t - 1) * no);
      }
      return {
        step: this.taken,
        final,
        inputR2: e.inputR2,
        latentR2: e.latentR2,
        eigenError: e.eigenError,
        firstBinShare: e.firstBinShare,
        learnedEigenvalues: pairs(e.learnedEigenvalues),
        inferredInputs: f32(post.us),
        inferredLatents: f32(post.xs.subarray(n)),
        ...this.aligned(post.us, post.xs.subarray(n)),
        predictedObservations: predicted,
      };
    }
    const b = this.baseline!;
    const e = b.evaluate();
    const { mu } = b.model.encode(this.data.observations[0]);
    const xs = new Float64Array((T + 1) * n);
    for (let t = 0; t < T; t++) b.model.dyn.step(t, xs, mu);
    for (let t = 1; t <= T; t++) {
      b.model.lik.mean(b.model.theta, xs, t * n, mean, 0);
      predicted.set(mean, (t - 1) * no);
    }
    return {
      step: this.taken,
      final,
      inputR2: e.inputR2,
      latentR2: e.latentR2,
      eigenError: e.eigenError,
      firstBinShare: firstBinInputShare(
        this.data.observations.map((o) => b.model.encode(o).mu),
        n,
      ),
      learnedEigenvalues: pairs(b.evaluateEigenvalues()),
      inferredInputs: f32(mu),
      inferredLatents: f32(xs.subarray(n)),
      ...this.aligned(mu, xs.subarray(n)),
      predictedObservations: predicted,
    };
  }

  /** iLQR on the trial from a cold start with the current model, every iteration kept. */
  inferTrace(maxIterations = 50): InferenceTrace {
    if (!this.ilqr) throw new Error('The amortised baseline has no iLQR inference: choose the iLQR-VAE model.');
    const inputs: Float32Array[] = [new Float32Array(this.data.config.T * this.data.config.n)];
    const t0 = performance.now();
    const res = this.ilqr.vae.infer(this.data.observations[0], undefined, {
      tolerance: this.ilqr.config.tolerance,
      maxIterations,
      onIteration: (_i, _c, us) => inputs.push(Float32Array.from(us)),
    });
    return { costs: res.costs, inputs, converged: res.converged, ms: performance.now() - t0 };
  }

  dispose(): void {
    // nothing to free: the core holds plain typed arrays only
  }
}
