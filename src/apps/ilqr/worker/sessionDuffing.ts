/**
 * One live Duffing run in the worker (system (d), the paper's Appendix I; core/duffing.ts): the
 * spike trains are generated from the seed, then each `step()` is one Adam step of the minibatch
 * trainer (iLQR warm-started on 8 training trials, the one-sample ELBO and its gradient through
 * u*), and every few steps a checkpoint re-infers every held-out trial from a cold start: where the
 * largest inferred input lands against the true perturbation, how well the posterior rates match
 * the true ones, and the latents mapped into the phase plane. `infer` (an extra) runs iLQR on one
 * held-out trial from a cold start and keeps every iteration, for the page to replay. Plain
 * JavaScript on Float64Array: no tfjs in this worker.
 */
import { createRng } from '../../../shared/random';
import type { ExtraOptions, PrepareOptions, TrainingSession } from '../../../shared/run/trainingWorker';
import {
  alignPhasePlane,
  chanceTiming,
  DEFAULT_DUFFING_TRAINER,
  DUFFING_SYSTEM,
  duffingModelFor,
  DuffingTrainer,
  evaluateTiming,
  generateDuffingData,
  inferredPerturbation,
  observedLatents,
  type DuffingData,
  type DuffingSystemConfig,
} from '../core/duffing';
import type { MinibatchCheckpoint } from '../core/minibatch';
import type { LinearFit } from '../core/regression';
import { DUFFING_LIVE } from '../core/systems';
import type { DuffingCheckpoint, DuffingDataProgress, DuffingInferenceTrace, DuffingPreparedInfo, DuffingSessionConfig, DuffingStepReport } from './protocolDuffing';

/** Checkpoints per run (about; step 1 and the last step always have one). */
const CHECKPOINTS_PER_RUN = 15;
/** Iteration cap of the cold-start solves (the experiment's COLD_MAX_ITERATIONS). */
const COLD_MAX_ITERATIONS = 100;

/** The live run's system: the experiment's DUFFING_SYSTEM with fewer held-out trials (they are re-inferred at every checkpoint). */
export const LIVE_DUFFING_SYSTEM: DuffingSystemConfig = { ...DUFFING_SYSTEM, testTrials: DUFFING_LIVE.testTrials };

export class DuffingSession implements TrainingSession<DuffingStepReport, DuffingPreparedInfo> {
  readonly info: DuffingPreparedInfo;
  private readonly trainer: DuffingTrainer;
  private readonly data: DuffingData;
  private readonly config: DuffingSessionConfig;
  private readonly every: number;
  /** The latest checkpoint's map from latents to the phase plane (the replay uses it). */
  private phaseFit: LinearFit | null = null;

  private constructor(config: DuffingSessionConfig, data: DuffingData, seconds: number) {
    this.config = config;
    this.data = data;
    this.trainer = new DuffingTrainer(
      data.train.map((t) => t.spikes),
      { ...DEFAULT_DUFFING_TRAINER, seed: config.seed },
      duffingModelFor(data.config),
    );
    this.every = Math.max(1, Math.round(config.steps / CHECKPOINTS_PER_RUN));
    const untrained = this.evaluate();
    const c = data.config;
    let maxCount = 0;
    for (const t of data.test) for (const k of t.spikes) maxCount = Math.max(maxCount, k);
    const chance = chanceTiming(c);
    this.info = {
      system: 'duffing',
      seconds,
      neurons: c.neurons,
      bins: c.T,
      trainTrials: c.trainTrials,
      testTrials: c.testTrials,
      n: this.trainer.vae.config.n,
      m: this.trainer.vae.config.m,
      spikes: data.test.map((t) => Uint8Array.from(t.spikes, (k) => Math.min(255, k))),
      states: data.test.map((t) => Float32Array.from(t.states)),
      perturbation: data.test.map((t) => t.perturbation),
      maxCount,
      chance: { medianError: chance.medianError, within2: chance.within2 },
      untrained: { medianError: untrained.medianError, within2: untrained.within2 },
    };
  }

  /** `system` resizes the data (tests use fewer trials and neurons); the page uses LIVE_DUFFING_SYSTEM. */
  static async create(config: DuffingSessionConfig, opts: PrepareOptions<DuffingDataProgress> & { system?: Partial<DuffingSystemConfig> }): Promise<DuffingSession> {
    if (!Number.isInteger(config.steps) || config.steps < 1) throw new Error(`${config.steps} steps: a run needs at least one Adam step.`);
    const system = { ...LIVE_DUFFING_SYSTEM, ...opts.system };
    const label = `${system.trainTrials} + ${system.testTrials} trials × ${system.T} bins, ${system.neurons} neurons`;
    const t0 = performance.now();
    opts.onProgress({ phase: 'data', label, done: 0, total: 1 });
    await opts.yieldNow();
    if (opts.cancelled()) throw new Error('cancelled');
    const data = generateDuffingData(system, createRng(config.seed).fork('duffing data'));
    opts.onProgress({ phase: 'data', label, done: 1, total: 1 });
    return new DuffingSession(config, data, (performance.now() - t0) / 1000);
  }

  get steps(): number {
    return this.trainer.steps;
  }

  step(): DuffingStepReport {
    const s = this.trainer.step();
    const report: DuffingStepReport = { step: s.step, loss: s.loss, iterations: s.iterations, ms: s.ms };
    if (s.step % this.every === 0 || s.step >= this.config.steps || s.step === 1) report.checkpoint = this.checkpoint();
    return report;
  }

  /** The minibatch trainer's checkpoint (parameters, Adam, warm starts; its noise is drawn per step), for a reloaded page. */
  saveState(): MinibatchCheckpoint {
    return this.trainer.checkpoint();
  }

  restoreState(state: MinibatchCheckpoint): void {
    if (this.trainer.steps !== 0) throw new Error('A saved run can only be restored into a fresh session.');
    if (state.step > this.config.steps) throw new Error(`The saved run is at step ${state.step}, past this run's ${this.config.steps} steps: start a new run.`);
    if (state.theta.length !== this.trainer.vae.theta.length) throw new Error('The saved run has another model size: start a new run.');
    this.trainer.restore(state);
  }

  /** Cold-start iLQR on every held-out trial with the current model (as the experiment scores it). */
  private evaluate(): ReturnType<typeof evaluateTiming> & { latents: Float64Array[]; norms: Float32Array[] } {
    const { vae } = this.trainer;
    const { n, m, T } = vae.config;
    const nBeg = vae.dyn.nBeg;
    const latents: Float64Array[] = [];
    const norms: Float32Array[] = [];
    const e = evaluateTiming(vae, this.data.test, {
      tolerance: this.trainer.config.tolerance,
      maxIterations: COLD_MAX_ITERATIONS,
      onPosterior: (_i, post) => {
        latents.push(observedLatents(post.xs, n, nBeg, T));
        norms.push(Float32Array.from(inferredPerturbation(post.us, m, nBeg).norms));
      },
    });
    return { ...e, latents, norms };
  }

  checkpoint(): DuffingCheckpoint {
    const e = this.evaluate();
    const phase = alignPhasePlane(
      this.data.test.map((t) => t.states),
      e.latents,
      this.trainer.vae.config.n,
    );
    this.phaseFit = phase.fit;
    return {
      step: this.trainer.steps,
      medianError: e.medianError,
      within2: e.within2,
      rateR2: e.rateR2,
      phaseR2: phase.r2,
      inferredBins: e.inferredBins,
      norms: e.norms,
      mappedStates: phase.mapped.map((s) => Float32Array.from(s)),
      iterations: e.iterations,
    };
  }

  /** iLQR on held-out trial `trial` (0-based) from u = 0 with the current model, every iteration kept. */
  async infer(trial: number, opts: ExtraOptions): Promise<DuffingInferenceTrace> {
    const count = this.data.test.length;
    if (!Number.isInteger(trial) || trial < 0 || trial >= count) throw new Error(`There is no held-out trial ${trial + 1}: this run has trials 1–${count}.`);
    const { vae } = this.trainer;
    const { n, m, T } = vae.config;
    const nBeg = vae.dyn.nBeg;
    const t0 = performance.now();
    const read = (us: Float64Array) => inferredPerturbation(us, m, nBeg);
    const start = read(new Float64Array(vae.K * m));
    const norms: Float32Array[] = [Float32Array.from(start.norms)];
    const detected: (number | null)[] = [null];
    const max = COLD_MAX_ITERATIONS;
    const result = vae.infer(this.data.test[trial].spikes, undefined, {
      tolerance: this.trainer.config.tolerance,
      maxIterations: max,
      onIteration: (it, _cost, us) => {
        const r = read(us);
        norms.push(Float32Array.from(r.norms));
        detected.push(r.bin);
        opts.onProgress(it, max);
      },
    });
    const states = this.data.test[trial].states;
    const latents = observedLatents(result.xs, n, nBeg, T);
    // The latest checkpoint's map (all held-out trials); before one, this trial's own.
    const phase = alignPhasePlane([states], [latents], n, this.phaseFit ?? undefined);
    await opts.yieldNow();
    return {
      trial,
      costs: result.costs,
      norms,
      detected,
      mappedStates: Float32Array.from(phase.mapped[0]),
      converged: result.converged,
      ms: performance.now() - t0,
    };
  }

  dispose(): void {
    // Plain arrays only: nothing to free.
  }
}
