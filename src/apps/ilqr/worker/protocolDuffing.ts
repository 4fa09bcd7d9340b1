/**
 * What crosses the Duffing worker's boundary (system (d), the paper's Appendix I; core/duffing.ts):
 * the run's settings, the held-out trials' spikes and true states once, a step's loss, checkpoints
 * that re-infer every held-out trial from a cold start, and one iLQR solve kept iteration by
 * iteration. Types only, so the page imports them for free.
 */
import type { PrepareProgress } from '../../../shared/run/training';

export interface DuffingSessionConfig {
  /** Adam steps of the run (the link's `steps`). */
  steps: number;
  seed: number;
}

export interface DuffingDataProgress extends PrepareProgress {
  phase: 'data';
}

/** A perturbation read-out: median |inferred − true| bin and the share of trials within ±2 bins. */
export interface TimingScore {
  medianError: number;
  within2: number;
}

export interface DuffingPreparedInfo {
  system: 'duffing';
  seconds: number;
  neurons: number;
  bins: number;
  trainTrials: number;
  testTrials: number;
  /** The model's latents and inputs (MGU2, n and m). */
  n: number;
  m: number;
  /** Per held-out trial: spike counts (bins × neurons, row-major), clipped at 255. */
  spikes: Uint8Array[];
  /** Per held-out trial: the true state (x, ẋ) per bin (bins × 2). */
  states: Float32Array[];
  /** Per held-out trial: the first bin of the second trajectory (the state jumps between bins p − 1 and p). */
  perturbation: number[];
  /** The largest spike count in any held-out bin (the raster's colour scale). */
  maxCount: number;
  /** A guess drawn uniformly from the perturbation window, exactly (core/duffing.ts chanceTiming). */
  chance: TimingScore;
  /** The model before its first step, from a cold start on the same held-out trials. */
  untrained: TimingScore;
}

export interface DuffingCheckpoint extends TimingScore {
  step: number;
  /** Pooled R² of the true firing rates by the model's posterior-mean rates (held-out trials). */
  rateR2: number;
  /** Pooled R² of the true (x, ẋ) by the inferred latents after the least-squares map. */
  phaseR2: number;
  /** Per held-out trial: the bin where ‖u*‖ is largest after the pre-trial bins. */
  inferredBins: number[];
  /** Per held-out trial: ‖u*_t‖ of the cold-start solution; entry j moves the state onto bin j + 1. */
  norms: Float32Array[];
  /** Per held-out trial: the inferred latents mapped into the phase plane (bins × 2). */
  mappedStates: Float32Array[];
  /** Per held-out trial: iLQR iterations from the cold start. */
  iterations: number[];
}

export interface DuffingStepReport {
  step: number;
  /** The minibatch mean of −ELBO / (T·n_o). */
  loss: number;
  /** Warm-started iLQR iterations per trial, mean over the minibatch. */
  iterations: number;
  ms: number;
  checkpoint?: DuffingCheckpoint;
}

/** One iLQR solve on one held-out trial from a cold start (u = 0), every accepted iteration kept. */
export interface DuffingInferenceTrace {
  /** 0-based held-out trial. */
  trial: number;
  /** The cost before the first iteration, then after each one. */
  costs: number[];
  /** Per iteration (0 = the start): ‖u_t‖ after the pre-trial bins (entry j moves the state onto bin j + 1). */
  norms: Float32Array[];
  /** Per iteration: the bin where ‖u‖ is largest (iteration 0: none, all inputs zero). */
  detected: (number | null)[];
  /** The final latents mapped into the phase plane (bins × 2), through the latest checkpoint's map (else this trial's own). */
  mappedStates: Float32Array;
  converged: boolean;
  ms: number;
}
