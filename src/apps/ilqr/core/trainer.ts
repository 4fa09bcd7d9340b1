/**
 * Trains the linear iLQR-VAE on a data set of trials, one Adam step per `step()` (so a runner can
 * pause and step), and evaluates it: the training loop of the paper (§2.3, §3): for every trial,
 * iLQR warm-started from that trial's previous u*, the one-sample ELBO and its gradient through
 * u*, then Adam at lr c/(1+√k).
 */
import { createRng, type Rng, type RngState } from '../../../shared/random';
import { Adam } from './adam';
import type { IlqrResult } from './ilqr';
import { eigenvalueError, firstBinInputShare, matrixEigenvalues, regressionR2 } from './metrics';
import type { SparseData } from './sparse';
import { IlqrVae } from './vae';
import type { Complex } from './linalg';

export interface TrainerConfig {
  prior: 'gaussian' | 'student';
  /** c in lr = c/(1+√k) (paper: 0.04 for the linear toy) */
  lrScale: number;
  seed: number;
  /** initial posterior standard deviation (Σt's diagonal) */
  posteriorStd: number;
  /** initial observation noise variance (the official code's default is 1) */
  observationVariance: number;
  /** start C, bias and variances from the data's principal components (ours) instead of C ~ N(0, 1/n) */
  pcaInit: boolean;
  /** bandwidth of Σt's Cholesky factor (VaeConfig.timeBand) */
  timeBand: number;
  /** iLQR stopping tolerance (paper: 1e-4) */
  tolerance: number;
  maxIterations: number;
  /** drop the path through u* from the gradient (for comparison) */
  implicit: boolean;
}

export const DEFAULT_TRAINER: TrainerConfig = {
  prior: 'student',
  lrScale: 0.04,
  seed: 1,
  posteriorStd: 0.1,
  observationVariance: 1,
  pcaInit: true,
  timeBand: 20,
  tolerance: 1e-4,
  maxIterations: 50,
  implicit: true,
};

export interface StepStats {
  /** steps taken after this one */
  step: number;
  /** −ELBO / (T·n_o), mean over trials, of this step's sample (before the update) */
  loss: number;
  /** iLQR iterations, mean over trials */
  iterations: number;
  learningRate: number;
  ms: number;
}

export interface Evaluation {
  /** pooled R² of the true inputs (bins 1…T−1) regressed on the inferred u* */
  inputR2: number;
  /** pooled R² of the true latents regressed on the inferred ones */
  latentR2: number;
  eigenError: number;
  learnedEigenvalues: Complex[];
  /** median iLQR iterations to converge from a cold start on each trial */
  coldIterations: number;
  /** share of the inferred inputs' energy in the pre-trial bin (metrics.ts firstBinInputShare) */
  firstBinShare: number;
}

/** A sparse-system trainer's saved state (see `IlqrVaeTrainer.saveState`). */
export interface IlqrTrainerState {
  steps: number;
  theta: Float64Array;
  adam: { k: number; mom1: Float64Array; mom2: Float64Array };
  noise: RngState;
  warm: (Float64Array | null)[];
}

export class IlqrVaeTrainer {
  readonly vae: IlqrVae;
  readonly adam: Adam;
  readonly config: TrainerConfig;
  readonly data: SparseData;
  /** the latest u* per trial (the warm starts) */
  readonly posteriors: (IlqrResult | null)[];
  private readonly noise: Rng;
  steps = 0;

  constructor(data: SparseData, config: Partial<TrainerConfig> = {}) {
    this.config = { ...DEFAULT_TRAINER, ...config };
    this.data = data;
    const { n, no, T } = data.config;
    this.vae = new IlqrVae({ n, m: n, no, T, prior: this.config.prior, likelihood: 'gaussian', timeBand: this.config.timeBand });
    const rng = createRng(this.config.seed).fork('ilqr-vae init');
    this.vae.init(rng, { posteriorStd: this.config.posteriorStd, observationVariance: this.config.observationVariance });
    if (this.config.pcaInit) this.vae.initFromData(data.observations);
    this.noise = createRng(this.config.seed).fork('ilqr-vae samples');
    this.adam = new Adam(this.vae.theta.length, this.config.lrScale);
    this.posteriors = data.observations.map(() => null);
  }

  private solve(trial: number): IlqrResult {
    const { tolerance, maxIterations } = this.config;
    const warm = this.posteriors[trial]?.us;
    const post = this.vae.infer(this.data.observations[trial], warm, { tolerance, maxIterations });
    this.posteriors[trial] = post;
    return post;
  }

  step(): StepStats {
    const t0 = performance.now();
    const { vae, data } = this;
    const { T } = data.config;
    const m = vae.config.m;
    const grad = new Float64Array(vae.theta.length);
    let loss = 0;
    let iterations = 0;
    const trials = data.observations.length;
    for (let r = 0; r < trials; r++) {
      const post = this.solve(r);
      iterations += post.iterations;
      const eps = new Float64Array(T * m);
      for (let i = 0; i < eps.length; i++) eps[i] = this.noise.normal();
      loss += vae.lossAndGradient(data.observations[r], post, eps, grad, { implicit: this.config.implicit, scale: 1 / trials }).loss;
    }
    const learningRate = this.adam.learningRate();
    this.adam.step(vae.theta, grad);
    vae.update();
    this.steps++;
    return { step: this.steps, loss, iterations: iterations / trials, learningRate, ms: performance.now() - t0 };
  }

  /**
   * Everything the next step depends on: the parameters, Adam, the noise stream and each trial's
   * warm start (iLQR starts from the last u*, so a resumed run must start from the same ones).
   */
  saveState(): IlqrTrainerState {
    const a = this.adam.state();
    return { steps: this.steps, theta: Float64Array.from(this.vae.theta), adam: a, noise: this.noise.getState(), warm: this.posteriors.map((p) => (p ? Float64Array.from(p.us) : null)) };
  }

  /** Puts a fresh trainer (same data and config) where `saveState()` found the saved one. */
  restoreState(s: IlqrTrainerState): void {
    if (this.steps !== 0) throw new Error('restoreState: only a fresh trainer can be restored');
    if (s.theta.length !== this.vae.theta.length || s.warm.length !== this.posteriors.length) throw new Error('restoreState: the saved run has another model or data size');
    this.vae.theta.set(s.theta);
    this.vae.update();
    this.adam.restore(s.adam);
    this.noise.setState(s.noise);
    // Only u* is read back from a posterior (as the next warm start); evaluate() re-solves before it reads more.
    s.warm.forEach((us, r) => (this.posteriors[r] = us ? ({ us: Float64Array.from(us) } as IlqrResult) : null));
    this.steps = s.steps;
  }

  /** Re-infers every trial with the current parameters (warm) and scores inputs, latents and eigenvalues. */
  evaluate(opts: { coldStart?: boolean } = {}): Evaluation {
    const { data, vae } = this;
    const { n, T } = data.config;
    const rows = data.observations.length * (T - 1);
    const trueU = new Float64Array(rows * n);
    const inferredU = new Float64Array(rows * n);
    const trueZ = new Float64Array(data.observations.length * T * n);
    const inferredZ = new Float64Array(data.observations.length * T * n);
    const cold: number[] = [];
    for (let r = 0; r < data.observations.length; r++) {
      const post = this.solve(r);
      if (opts.coldStart) cold.push(vae.infer(data.observations[r], undefined, { tolerance: this.config.tolerance, maxIterations: this.config.maxIterations }).iterations);
      // inputs of bins 1 … T−1 (bin 0 is the initial condition)
      trueU.set(data.inputs[r].subarray(n), r * (T - 1) * n);
      inferredU.set(post.us.subarray(n), r * (T - 1) * n);
      trueZ.set(data.latents[r].subarray(n), r * T * n);
      inferredZ.set(post.xs.subarray(n), r * T * n);
    }
    const learnedEigenvalues = matrixEigenvalues(vae.linear!.a, n);
    cold.sort((x, y) => x - y);
    return {
      inputR2: regressionR2(trueU, n, inferredU, n, rows),
      latentR2: regressionR2(trueZ, n, inferredZ, n, data.observations.length * T),
      eigenError: eigenvalueError(learnedEigenvalues, data.trueEigenvalues),
      learnedEigenvalues,
      coldIterations: cold.length ? cold[Math.floor(cold.length / 2)] : NaN,
      firstBinShare: firstBinInputShare(
        this.posteriors.map((p) => p!.us),
        n,
        vae.dyn.nBeg,
      ),
    };
  }
}
