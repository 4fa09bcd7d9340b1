/**
 * One live iLQR-VAE run in the training worker: the trials of the chosen live system are generated
 * (sparse input events, §3.3, or the autonomous system (b), §3.1), then each
 * `step()` is one Adam step of the trainer (iLQR on every trial, warm-started, the one-sample ELBO
 * and its gradient through u*), and every few steps a checkpoint re-infers every trial and scores
 * the inferred inputs against the true ones. `infer` (an extra) runs iLQR on one trial from a
 * cold start and keeps every iteration, for the page to replay. Plain JavaScript on Float64Array:
 * no tfjs in this worker.
 */
import { createRng } from '../../../shared/random';
import type { PrepareOptions, TrainingSession, ExtraOptions } from '../../../shared/run/trainingWorker';
import { applyFit, fitLeastSquares, pooledR2, type LinearFit } from '../core/regression';
import { firstBinInputShare } from '../core/metrics';
import { AUTONOMOUS_SYSTEM, generateSparseData, SPARSE_SYSTEM, type SparseData, type SparseSystemConfig } from '../core/sparse';
import { systemSettingsProblem } from '../core/systems';
import { IlqrVaeTrainer, type IlqrTrainerState } from '../core/trainer';
import { IlqrVae } from '../core/vae';
import type { Checkpoint, DataProgress, InferenceTrace, LongTrialReport, PreparedInfo, SessionConfig, StepReport } from './protocol';

/** Checkpoints per run (about; the last step always has one). */
const CHECKPOINTS_PER_RUN = 15;

/** Bins 1 … T−1 of a trial's T × n inputs (bin 0 is the initial condition): a view, not a copy. */
function inputsAfterFirstBin(u: Float64Array, n: number): Float64Array {
  return u.subarray(n);
}

/** ‖u_t‖ per bin of a T × n input array (bin 0 included). */
function rowNorms(u: ArrayLike<number>, n: number): Float32Array {
  const rows = u.length / n;
  const out = new Float32Array(rows);
  for (let t = 0; t < rows; t++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[t * n + i] ** 2;
    out[t] = Math.sqrt(s);
  }
  return out;
}

/**
 * The generated system of a live run: core/sparse.ts's SPARSE_SYSTEM (input events, §3.3) or
 * AUTONOMOUS_SYSTEM (no events: only the pre-trial bin's initial condition drives a trial, §3.1),
 * at the run's trials, bins and noise.
 */
function systemConfig(config: SessionConfig): SparseSystemConfig {
  const base = config.system === 'autonomous' ? AUTONOMOUS_SYSTEM : SPARSE_SYSTEM;
  return { ...base, trials: config.trials, T: config.bins, noiseStd: config.noise };
}

export class IlqrSession implements TrainingSession<StepReport, PreparedInfo> {
  readonly info: PreparedInfo;
  private readonly trainer: IlqrVaeTrainer;
  private readonly data: SparseData;
  private readonly config: SessionConfig;
  private readonly every: number;
  /** The latest checkpoint's maps from inferred to true inputs and latents (for the replay and the long trial). */
  private fit: LinearFit | null = null;
  private latentFit: LinearFit | null = null;

  private constructor(config: SessionConfig, data: SparseData, seconds: number) {
    this.config = config;
    this.data = data;
    const n = data.config.n;
    this.trainer = new IlqrVaeTrainer(data, { prior: config.prior, lrScale: config.lrScale, seed: config.seed, implicit: config.implicit });
    this.every = Math.max(1, Math.round(config.steps / CHECKPOINTS_PER_RUN));
    this.info = {
      system: config.system,
      seconds,
      n,
      no: data.config.no,
      bins: data.config.T,
      trials: data.config.trials,
      trueEigenvalues: data.trueEigenvalues.map(([re, im]) => [re, im]),
      observations: data.observations.map((o) => Float32Array.from(o)),
      trueInputs: data.inputs.map((u) => Float32Array.from(inputsAfterFirstBin(u, n))),
      trueLatents: data.latents.map((z) => Float32Array.from(z.subarray(n))),
      trueInputNorms: data.inputs.map((u) => rowNorms(u, n)),
    };
  }

  static async create(config: SessionConfig, opts: PrepareOptions<DataProgress>): Promise<IlqrSession> {
    const problem = systemSettingsProblem({ ...config, trial: 1 });
    if (problem) throw new Error(problem);
    if (config.system !== 'sparse' && config.system !== 'autonomous') throw new Error(`"${String(config.system)}" is not a system trained live on this page.`);
    const t0 = performance.now();
    opts.onProgress({ phase: 'data', label: `${config.trials} trials × ${config.bins} bins`, done: 0, total: 1 });
    await opts.yieldNow();
    if (opts.cancelled()) throw new Error('cancelled');
    const data = generateSparseData(systemConfig(config), createRng(config.seed).fork('sparse data'));
    opts.onProgress({ phase: 'data', label: `${config.trials} trials × ${config.bins} bins`, done: 1, total: 1 });
    return new IlqrSession(config, data, (performance.now() - t0) / 1000);
  }

  get steps(): number {
    return this.trainer.steps;
  }

  step(): StepReport {
    const stats = this.trainer.step();
    const report: StepReport = { step: stats.step, loss: stats.loss, iterations: stats.iterations, learningRate: stats.learningRate, ms: stats.ms };
    if (stats.step % this.every === 0 || stats.step >= this.config.steps || stats.step === 1) report.checkpoint = this.checkpoint();
    return report;
  }

  /** The trainer's whole state (a reloaded page resumes from it). */
  saveState(): IlqrTrainerState {
    return this.trainer.saveState();
  }

  restoreState(state: IlqrTrainerState): void {
    if (state.steps > this.config.steps) throw new Error(`The saved run is at step ${state.steps}, past this run's ${this.config.steps} steps: start a new run.`);
    this.trainer.restoreState(state);
  }

  /** Re-infers every trial with the current parameters and scores the inputs (the mapped inputs come from the same fit as the R²). */
  checkpoint(): Checkpoint {
    const evaluation = this.trainer.evaluate();
    const { n, T } = this.data.config;
    const rows = T - 1;
    const trials = this.data.observations.length;
    const truth = new Float64Array(trials * rows * n);
    const inferred = new Float64Array(trials * rows * n);
    for (let r = 0; r < trials; r++) {
      truth.set(inputsAfterFirstBin(this.data.inputs[r], n), r * rows * n);
      inferred.set(inputsAfterFirstBin(this.trainer.posteriors[r]!.us, n), r * rows * n);
    }
    // The autonomous system's inputs after bin 0 are all zero: nothing to map onto (the view shows ‖u*_t‖).
    this.fit = this.config.system === 'sparse' ? fitLeastSquares(truth, n, inferred, n, trials * rows) : null;
    const mapped = this.fit ? applyFit(this.fit, inferred, trials * rows) : inferred;
    // Latents z_1 … z_T likewise (T rows per trial).
    const trueZ = new Float64Array(trials * T * n);
    const inferredZ = new Float64Array(trials * T * n);
    for (let r = 0; r < trials; r++) {
      trueZ.set(this.data.latents[r].subarray(n), r * T * n);
      inferredZ.set(this.trainer.posteriors[r]!.xs.subarray(n), r * T * n);
    }
    this.latentFit = fitLeastSquares(trueZ, n, inferredZ, n, trials * T);
    const mappedZ = this.latentFit ? applyFit(this.latentFit, inferredZ, trials * T) : new Float64Array(inferredZ.length);
    return {
      step: this.trainer.steps,
      inputR2: evaluation.inputR2,
      latentR2: evaluation.latentR2,
      eigenError: evaluation.eigenError,
      learnedEigenvalues: evaluation.learnedEigenvalues.map(([re, im]) => [re, im]),
      mappedInputs: Array.from({ length: trials }, (_, r) => Float32Array.from(mapped.subarray(r * rows * n, (r + 1) * rows * n))),
      mappedLatents: Array.from({ length: trials }, (_, r) => Float32Array.from(mappedZ.subarray(r * T * n, (r + 1) * T * n))),
      firstBinShare: evaluation.firstBinShare,
      inputNorms: this.trainer.posteriors.map((p) => rowNorms(p!.us, n)),
    };
  }

  /**
   * A long trial of the same system that training never saw (trial index `trials` of a longer
   * generation, so it shares no draw with the training trials), inferred by iLQR from a cold start
   * with the current model and scored through the training trials' maps: does what was learned on
   * short trials carry over to a long one?
   */
  async longTrial(bins: number, opts: ExtraOptions): Promise<LongTrialReport> {
    if (this.config.system !== 'sparse') throw new Error('The long held-out trial scores inferred input events; the autonomous system has none after its initial condition.');
    if (!this.fit || !this.latentFit) throw new Error('Train to the first checkpoint first: the long trial is scored through its fitted maps.');
    const t0 = performance.now();
    const { n } = this.data.config;
    const trials = this.data.observations.length;
    opts.onProgress(0, 1);
    await opts.yieldNow();
    const long = generateSparseData({ ...this.data.config, trials: trials + 1, T: bins }, createRng(this.config.seed).fork('sparse data'));
    const o = long.observations[trials];
    const u = long.inputs[trials];
    const z = long.latents[trials];
    // The model's buffers are sized for the training trials' length: the same generative parameters in
    // a model sized for this trial (θ's layout puts Σt's factor, the only T-sized block, last; iLQR's
    // MAP problem does not use it).
    const trained = this.trainer.vae;
    const vae = new IlqrVae({ ...trained.config, T: bins });
    if (vae.lt.offset !== trained.lt.offset) throw new Error('the parameter layout changed: Σt is no longer the last block');
    vae.theta.set(trained.theta.subarray(0, trained.lt.offset));
    vae.update();
    const post = vae.infer(o, undefined, { tolerance: this.trainer.config.tolerance, maxIterations: 100 });
    const rows = bins - 1;
    const mappedU = applyFit(this.fit, inputsAfterFirstBin(post.us, n), rows);
    const mappedZ = applyFit(this.latentFit, post.xs.subarray(n), bins);
    const norm = (a: ArrayLike<number>) => Float32Array.from({ length: rows }, (_, t) => Math.hypot(...Array.from({ length: n }, (_, i) => a[t * n + i])));
    const trueU = inputsAfterFirstBin(u, n);
    opts.onProgress(1, 1);
    return {
      bins,
      inputR2: pooledR2(trueU, mappedU, n, rows),
      latentR2: pooledR2(z.subarray(n), mappedZ, n, bins),
      iterations: post.iterations,
      converged: post.converged,
      trueNorm: norm(trueU),
      inferredNorm: norm(mappedU),
      ms: performance.now() - t0,
    };
  }

  /** iLQR on one trial from u = 0 with the current model, every iteration kept (the page replays them). */
  async infer(trial: number, opts: ExtraOptions): Promise<InferenceTrace> {
    const { n, T } = this.data.config;
    const trials = this.data.observations.length;
    if (!Number.isInteger(trial) || trial < 0 || trial >= trials) throw new Error(`There is no trial ${trial + 1}: this run has trials 1–${trials}.`);
    const t0 = performance.now();
    const iterates: Float64Array[] = [];
    const norms: Float32Array[] = [rowNorms(new Float64Array(T * n), n)];
    const max = this.trainer.config.maxIterations;
    const result = this.trainer.vae.infer(this.data.observations[trial], undefined, {
      tolerance: this.trainer.config.tolerance,
      maxIterations: max,
      onIteration: (it, _cost, us) => {
        iterates.push(Float64Array.from(inputsAfterFirstBin(us, n)));
        norms.push(rowNorms(us, n));
        opts.onProgress(it, max);
      },
    });
    const rows = T - 1;
    const truth = inputsAfterFirstBin(this.data.inputs[trial], n);
    const start = new Float64Array(rows * n);
    const final = inputsAfterFirstBin(result.us, n);
    // The map onto the true basis: the latest checkpoint's (all trials), else this trial's own; none
    // on the autonomous system, whose true inputs after bin 0 are all zero.
    const fit = this.config.system === 'sparse' ? (this.fit ?? fitLeastSquares(truth, n, final, n, rows)) : null;
    const map = (u: Float64Array) => Float32Array.from(fit ? applyFit(fit, u, rows) : u);
    await opts.yieldNow();
    return {
      trial,
      costs: result.costs,
      iterates: [map(start), ...iterates.map(map)],
      converged: result.converged,
      norms,
      inputR2: fit ? pooledR2(truth, applyFit(fit, final, rows), n, rows) : NaN,
      firstBinShare: firstBinInputShare([result.us], n, this.trainer.vae.dyn.nBeg),
      ms: performance.now() - t0,
    };
  }

  dispose(): void {
    // Plain arrays only: nothing to free.
  }
}
