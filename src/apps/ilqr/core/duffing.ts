/**
 * System (d), the paper's input-driven nonlinear example (Schimel et al., ICLR 2022, arXiv
 * 2205.01210, Appendix I, Fig. S3), scaled down for a browser:
 *
 * The paper: the unforced, undamped double-well Duffing oscillator ẋ₁ = x₂, ẋ₂ = x₁ − x₁³ (eq. S43),
 * integrated by RK4 with dt = 0.03; each sample is two 100-step trajectories from two random
 * initial conditions, concatenated into one trial of 200 steps, so that the state jumps to a new
 * energy level half-way through ("a perturbation in the middle"); the 2-D state is mapped linearly
 * onto 200 dimensions, passed through the soft-ReLU-like nonlinearity of eq. S7 to give firing
 * rates, and Poisson spikes are drawn; 112 training and 112 test trials; fitted by an iLQR-VAE with
 * n = 20 latents and m = 4 inputs. The paper reports that the model explains most of each trial as
 * autonomous dynamics and uses inputs only at the perturbation (Fig. S3B, bottom).
 *
 * Ours (every difference is listed in ../differences.ts): the general Duffing form
 * ẍ = −δẋ − αx − βx³ with the paper's α = −1, β = 1, δ = 0; RK4 at the paper's dt = 0.03, two
 * steps per bin, 100 bins (the paper's 6 time units in half the bins); the jump to the second
 * trajectory at a random bin of the middle half of the trial (the paper: always half-way), at
 * least `minJump` away in state space; 50 Poisson neurons with rates `rateScale`·φ(cᵢ·x + bᵢ),
 * φ(a) = (a + √(a² + 4))/2 (eq. S7 plus one, so that rates are positive); an MGU2 iLQR-VAE with
 * n = 4, m = 2 (n = m², so the two pre-trial bins load every latent), a Student-t prior and the
 * Poisson likelihood with the official code's exponential link, trained on minibatches with warm
 * starts (as core/lorenz.ts).
 *
 * Evaluation (ours; the paper shows the inferred input's norm, Fig. S3B, bottom, and gives no
 * number): for each held-out trial, u* from a cold start; the inferred perturbation bin is where
 * ‖u*_t‖ is largest after the pre-trial bins; we report the median absolute error in bins and the
 * share of trials within ±2 bins, against a guess drawn uniformly from the perturbation window.
 */
import { createRng, type Rng } from '../../../shared/random';
import { StudentPrior } from './model';
import type { IlqrResult } from './ilqr';
import { MinibatchTrainer, type MinibatchCheckpoint, type MinibatchStep } from './minibatch';
import { applyFit, fitLeastSquares, pooledR2, type LinearFit } from './regression';
import { IlqrVae, type VaeConfig } from './vae';

export interface DuffingSystemConfig {
  trainTrials: number;
  testTrials: number;
  /** bins per trial */
  T: number;
  /** RK4 step (paper: 0.03) */
  dt: number;
  /** RK4 steps per bin (paper: 1) */
  substeps: number;
  /** ẍ = −δẋ − αx − βx³ (paper eq. S43: α = −1, β = 1, δ = 0) */
  delta: number;
  alpha: number;
  beta: number;
  /** initial conditions (x, ẋ) uniform in [−initRange, initRange]² (the paper's distribution is not stated) */
  initRange: number;
  /** the jump lands on a bin in [perturbFrom, perturbTo] (inclusive), uniformly */
  perturbFrom: number;
  perturbTo: number;
  /** the second initial condition is redrawn until it is at least this far (Euclidean) from the state it replaces */
  minJump: number;
  /** Poisson neurons (paper: 200) */
  neurons: number;
  /** readout weights cᵢ ~ N(0, readoutStd² I₂), biases bᵢ ~ N(0, biasStd²) */
  readoutStd: number;
  biasStd: number;
  /** mean spike count per bin at φ = 1 */
  rateScale: number;
}

/** Our scaled-down Appendix I: the paper's 112 training trials, 32 test trials (the paper: 112). */
export const DUFFING_SYSTEM: DuffingSystemConfig = {
  trainTrials: 112,
  testTrials: 32,
  T: 100,
  dt: 0.03,
  substeps: 2,
  delta: 0,
  alpha: -1,
  beta: 1,
  initRange: 1.5,
  perturbFrom: 25,
  perturbTo: 75,
  minJump: 0.75,
  neurons: 50,
  readoutStd: 1,
  biasStd: 0.3,
  rateScale: 0.5,
};

export interface DuffingTrial {
  /** the clean state (x, ẋ) per bin (T × 2) */
  states: Float64Array;
  /** the true firing rates, spikes per bin (T × neurons) */
  rates: Float64Array;
  /** the spike counts (T × neurons) */
  spikes: Float64Array;
  /** the first bin of the second trajectory: the state jumps between bins p − 1 and p */
  perturbation: number;
}

export interface DuffingData {
  config: DuffingSystemConfig;
  train: DuffingTrial[];
  test: DuffingTrial[];
  /** the readout (neurons × 2, row-major) and biases */
  readout: Float64Array;
  bias: Float64Array;
}

type State = [number, number];

export function duffingDerivative(c: DuffingSystemConfig, [x, v]: State): State {
  return [v, -c.delta * v - c.alpha * x - c.beta * x * x * x];
}

/** One classical Runge–Kutta step of length c.dt (as the paper, Appendix I). */
export function duffingRk4Step(c: DuffingSystemConfig, p: State): State {
  const h = c.dt;
  const k1 = duffingDerivative(c, p);
  const k2 = duffingDerivative(c, [p[0] + (h / 2) * k1[0], p[1] + (h / 2) * k1[1]]);
  const k3 = duffingDerivative(c, [p[0] + (h / 2) * k2[0], p[1] + (h / 2) * k2[1]]);
  const k4 = duffingDerivative(c, [p[0] + h * k3[0], p[1] + h * k3[1]]);
  return [p[0] + (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]), p[1] + (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])];
}

/** E = ẋ²/2 + αx²/2 + βx⁴/4, conserved when δ = 0. */
export function duffingEnergy(c: DuffingSystemConfig, [x, v]: State): number {
  return 0.5 * v * v + 0.5 * c.alpha * x * x + 0.25 * c.beta * x ** 4;
}

/** `bins` states, one per bin (c.substeps RK4 steps apart), the first one p0 itself. */
export function duffingTrajectory(c: DuffingSystemConfig, p0: State, bins: number): Float64Array {
  const out = new Float64Array(bins * 2);
  let p = p0;
  for (let t = 0; t < bins; t++) {
    out[t * 2] = p[0];
    out[t * 2 + 1] = p[1];
    for (let s = 0; s < c.substeps; s++) p = duffingRk4Step(c, p);
  }
  return out;
}

/** φ(a) = (a + √(a² + 4))/2: eq. S7's soft ReLU plus one, positive everywhere (φ(0) = 1). */
export const softRelu = (a: number): number => (a + Math.sqrt(a * a + 4)) / 2;

/** Firing rates (spikes per bin) of every neuron at every bin of `states` (T × 2). */
export function duffingRates(c: DuffingSystemConfig, readout: Float64Array, bias: Float64Array, states: Float64Array): Float64Array {
  const T = states.length / 2;
  const N = bias.length;
  const rates = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) rates[t * N + i] = c.rateScale * softRelu(readout[i * 2] * states[t * 2] + readout[i * 2 + 1] * states[t * 2 + 1] + bias[i]);
  }
  return rates;
}

/** A Poisson draw (Knuth's product of uniforms below 30 spikes per bin, a rounded normal above). */
export function poisson(rate: number, rng: Rng): number {
  if (rate > 30) return Math.max(0, Math.round(rate + Math.sqrt(rate) * rng.normal()));
  const limit = Math.exp(-rate);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function drawState(c: DuffingSystemConfig, rng: Rng): State {
  return [rng.uniform(-c.initRange, c.initRange), rng.uniform(-c.initRange, c.initRange)];
}

/**
 * One trial as Appendix I: a trajectory from a random initial condition until bin p − 1, then a
 * second one from a fresh random initial condition (at least minJump from where the first had got
 * to) from bin p on.
 */
function generateTrial(c: DuffingSystemConfig, readout: Float64Array, bias: Float64Array, rng: Rng): DuffingTrial {
  const { T } = c;
  const p = c.perturbFrom + rng.int(c.perturbTo - c.perturbFrom + 1);
  const first = duffingTrajectory(c, drawState(c, rng), p + 1);
  const reached: State = [first[p * 2], first[p * 2 + 1]];
  let second = drawState(c, rng);
  while (Math.hypot(second[0] - reached[0], second[1] - reached[1]) < c.minJump) second = drawState(c, rng);
  const states = new Float64Array(T * 2);
  states.set(first.subarray(0, p * 2), 0);
  states.set(duffingTrajectory(c, second, T - p), p * 2);
  const rates = duffingRates(c, readout, bias, states);
  const spikes = rates.map((r) => poisson(r, rng));
  return { states, rates, spikes, perturbation: p };
}

/** The readout from the 'readout' stream, then each trial from its own stream (train i, test i). */
export function generateDuffingData(config: DuffingSystemConfig, rng: Rng): DuffingData {
  const N = config.neurons;
  const r = rng.fork('readout');
  const readout = Float64Array.from({ length: N * 2 }, () => config.readoutStd * r.normal());
  const bias = Float64Array.from({ length: N }, () => config.biasStd * r.normal());
  const train = Array.from({ length: config.trainTrials }, (_, i) => generateTrial(config, readout, bias, rng.fork(`train ${i}`)));
  const test = Array.from({ length: config.testTrials }, (_, i) => generateTrial(config, readout, bias, rng.fork(`test ${i}`)));
  return { config, train, test, readout, bias };
}

/**
 * The model: an MGU2 iLQR-VAE (Appendix C.2, the paper's nonlinear dynamics; Appendix I does not
 * name the class) with n = 4, m = 2 (the paper: n = 20, m = 4), a Student-t prior (sparse inputs,
 * §2.1) and the Poisson likelihood (Appendix D.2) with rates per bin (Δ = 1).
 */
export const DUFFING_MODEL: VaeConfig = { n: 4, m: 2, no: DUFFING_SYSTEM.neurons, T: DUFFING_SYSTEM.T, prior: 'student', likelihood: 'poisson', poissonDt: 1, dynamics: 'mgu2', timeBand: 10 };

export interface DuffingTrainerConfig {
  seed: number;
  /** trials per Adam step */
  batch: number;
  /** c in lr = c/(1+√k) (the paper: 0.04 for the linear toy, 0.004 for Lorenz; Duffing's is not given) */
  lrScale: number;
  tolerance: number;
  maxIterations: number;
  posteriorStd: number;
  /**
   * Initial update-gate bias b_f (the official code: 0). At −2 the gate starts at σ(−2) ≈ 0.12, a
   * nearly persistent state, instead of one that halves every bin without input. In our runs from
   * the code's 0, after 300 steps the largest inferred input still missed the perturbation by
   * more than 2 bins in most held-out trials (from −2: in about a third).
   */
  gateBias: number;
}

export const DEFAULT_DUFFING_TRAINER: DuffingTrainerConfig = { seed: 1, batch: 8, lrScale: 0.05, tolerance: 1e-4, maxIterations: 25, posteriorStd: 0.1, gateBias: -2 };

/** The model for a (possibly resized) system: DUFFING_MODEL with its neurons and bins. */
export function duffingModelFor(system: DuffingSystemConfig): VaeConfig {
  return { ...DUFFING_MODEL, no: system.neurons, T: system.T };
}

/**
 * A fresh Duffing model: the official initialisation (W_h ~ N(0, 1), the rest of the MGU 0;
 * C ~ N(0, 1/n), gain 1; Student-t ν = 10, spatial std 1), except that each neuron's bias starts
 * at the log of its mean count in `spikes` (ours: the code starts at 0) and the update gate's bias
 * at `gateBias`.
 */
export function createDuffingModel(spikes: Float64Array[], config: Partial<DuffingTrainerConfig> = {}, model: VaeConfig = DUFFING_MODEL): IlqrVae {
  const c = { ...DEFAULT_DUFFING_TRAINER, ...config };
  const vae = new IlqrVae(model);
  vae.init(createRng(c.seed).fork('duffing init'), { posteriorStd: c.posteriorStd });
  if (vae.prior instanceof StudentPrior) vae.prior.init(vae.theta, 1, 10);
  const { no } = model;
  const mean = new Float64Array(no);
  let rows = 0;
  for (const s of spikes) {
    rows += s.length / no;
    for (let k = 0; k < s.length; k++) mean[k % no] += s[k];
  }
  const bias = vae.layout.get('lik.bias');
  for (let i = 0; i < no; i++) vae.theta[bias.offset + i] = Math.log(Math.max(mean[i] / rows, 1e-2) / (model.poissonDt ?? 1));
  const bf = vae.layout.get('mgu.bf');
  vae.theta.fill(c.gateBias, bf.offset, bf.offset + bf.size);
  vae.update();
  return vae;
}

export type DuffingStep = MinibatchStep;
export type DuffingCheckpoint = MinibatchCheckpoint;

/** Minibatch training with warm starts (core/minibatch.ts), as the Lorenz trainer. */
export class DuffingTrainer extends MinibatchTrainer {
  readonly config: DuffingTrainerConfig;
  readonly spikes: Float64Array[];
  constructor(spikes: Float64Array[], config: Partial<DuffingTrainerConfig> = {}, model: VaeConfig = DUFFING_MODEL) {
    const full = { ...DEFAULT_DUFFING_TRAINER, ...config };
    super(createDuffingModel(spikes, full, model), spikes, full, 'duffing step');
    this.config = full;
    this.spikes = spikes;
  }
}

/**
 * The bin of the trial where the inferred perturbation lands: the input u_t moves z_t to z_{t+1},
 * which is observed at bin t + 1 − nBeg (core/vae.ts's time layout), so the largest ‖u_t‖ over
 * t ≥ nBeg (after the pre-trial bins) names bin t + 1 − nBeg ∈ [1, T − 1].
 */
export function inferredPerturbation(us: Float64Array, m: number, nBeg: number): { bin: number; norms: Float64Array } {
  const K = us.length / m;
  const norms = new Float64Array(K - nBeg);
  let best = -1;
  let bin = 1;
  for (let t = nBeg; t < K; t++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += us[t * m + j] ** 2;
    norms[t - nBeg] = Math.sqrt(s);
    if (s > best) {
      best = s;
      bin = t + 1 - nBeg;
    }
  }
  return { bin, norms };
}

/**
 * The chance baseline: the error of a guess drawn uniformly from the W = perturbTo − perturbFrom + 1
 * bins of the window, when the true bin is also uniform there. |guess − true| = d with
 * probability 1/W for d = 0 and 2(W − d)/W² for 0 < d < W; its median and P(d ≤ 2), exactly.
 */
export function chanceTiming(c: Pick<DuffingSystemConfig, 'perturbFrom' | 'perturbTo'>): { medianError: number; within2: number } {
  const W = c.perturbTo - c.perturbFrom + 1;
  const p = (d: number) => (d === 0 ? 1 / W : (2 * (W - d)) / (W * W));
  let cdf = 0;
  let medianError = 0;
  for (let d = 0; d < W; d++) {
    cdf += p(d);
    if (cdf >= 0.5) {
      medianError = d;
      break;
    }
  }
  let within2 = 0;
  for (let d = 0; d <= Math.min(2, W - 1); d++) within2 += p(d);
  return { medianError, within2 };
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

export interface TimingEvaluation {
  /** per trial: the true and the inferred perturbation bin, the iLQR iterations from a cold start */
  trueBins: number[];
  inferredBins: number[];
  iterations: number[];
  converged: number;
  /** median |inferred − true| in bins, and the share of trials within ±2 bins */
  medianError: number;
  within2: number;
  /** pooled R² of the true firing rates by the model's (cold-start u*), over neurons and bins */
  rateR2: number;
}

/**
 * Cold-start iLQR (zero inputs) on each trial with the model's parameters: where the inferred input
 * is largest (the perturbation, Fig. S3B bottom), iterations to converge, and how well the
 * posterior-mean rates match the true ones (Fig. S3B middle).
 */
export function evaluateTiming(
  vae: IlqrVae,
  trials: DuffingTrial[],
  opts: { tolerance?: number; maxIterations?: number; /** each trial's cold-start solution, for views that need more than the scores */ onPosterior?: (index: number, post: IlqrResult) => void } = {},
): TimingEvaluation {
  const { n, m, no } = vae.config;
  const nBeg = vae.dyn.nBeg;
  const trueBins: number[] = [];
  const inferredBins: number[] = [];
  const iterations: number[] = [];
  let converged = 0;
  let sse = 0;
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  const mean = new Float64Array(no);
  for (const trial of trials) {
    const post = vae.infer(trial.spikes, undefined, { tolerance: opts.tolerance ?? 1e-4, maxIterations: opts.maxIterations ?? 100 });
    opts.onPosterior?.(trueBins.length, post);
    iterations.push(post.iterations);
    if (post.converged) converged++;
    trueBins.push(trial.perturbation);
    inferredBins.push(inferredPerturbation(post.us, m, nBeg).bin);
    const T = trial.rates.length / no;
    for (let r = 0; r < T; r++) {
      vae.lik.mean(vae.theta, post.xs, (r + nBeg) * n, mean, 0);
      for (let i = 0; i < no; i++) {
        const y = trial.rates[r * no + i];
        sse += (y - mean[i]) ** 2;
        sum += y;
        sumSq += y * y;
        count++;
      }
    }
  }
  const errors = trueBins.map((b, i) => Math.abs(inferredBins[i] - b));
  const variance = sumSq - (sum * sum) / count;
  return {
    trueBins,
    inferredBins,
    iterations,
    converged,
    medianError: median(errors),
    within2: errors.filter((e) => e <= 2).length / errors.length,
    rateR2: 1 - sse / variance,
  };
}

/** The observed bins' latents z_nBeg … z_{nBeg+T−1} (T × n) of a solution's states (core/vae.ts's time layout). */
export function observedLatents(xs: Float64Array, n: number, nBeg: number, T: number): Float64Array {
  return xs.slice(nBeg * n, (nBeg + T) * n);
}

export interface PhasePlaneFit {
  /** true (x, ẋ) ≈ [z, 1] · W, fitted over every trial's bins together; null when singular */
  fit: LinearFit | null;
  /** per trial: the inferred latents mapped into the phase plane (T × 2) */
  mapped: Float64Array[];
  /** pooled R² of the true states by the mapped latents, over all trials' bins */
  r2: number;
}

/**
 * The model's latents live in a basis of its own (n of them for a 2-D oscillator), so they are
 * compared with the true phase-plane trajectory through the least-squares regression (with
 * intercept) of the true states (x, ẋ) on the inferred latents, pooled over trials (as the linear
 * systems' latent R², Appendix J). `fit` maps a new trial's latents with the same map.
 */
export function alignPhasePlane(states: Float64Array[], latents: Float64Array[], n: number, fit?: LinearFit | null): PhasePlaneFit {
  const rows = states.reduce((a, s) => a + s.length / 2, 0);
  const target = new Float64Array(rows * 2);
  const predictors = new Float64Array(rows * n);
  let r = 0;
  states.forEach((s, i) => {
    target.set(s, r * 2);
    predictors.set(latents[i], r * n);
    r += s.length / 2;
  });
  const f = fit === undefined ? fitLeastSquares(target, 2, predictors, n, rows) : fit;
  if (!f) return { fit: null, mapped: states.map((s) => new Float64Array(s.length)), r2: NaN };
  const all = applyFit(f, predictors, rows);
  const mapped: Float64Array[] = [];
  r = 0;
  for (const s of states) {
    mapped.push(all.slice(r * 2, r * 2 + s.length));
    r += s.length / 2;
  }
  return { fit: f, mapped, r2: pooledR2(target, all, 2, rows) };
}
