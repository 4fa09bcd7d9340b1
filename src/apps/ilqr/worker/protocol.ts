/**
 * What crosses the iLQR-VAE worker's boundary: the run's settings and the plain data the session
 * sends back (the generated trials once, a step's losses, checkpoints with the inferred inputs, and
 * the iterations of one iLQR solve). Types only, so the page imports them for free.
 */
import type { PrepareProgress } from '../../../shared/run/training';
import type { PriorKind } from '../core/settings';
import type { LiveSystem } from '../core/systems';

export interface SessionConfig {
  /** The live system: sparse input events (§3.3) or the autonomous system (b) (§3.1). */
  system: LiveSystem;
  prior: PriorKind;
  trials: number;
  bins: number;
  noise: number;
  lrScale: number;
  steps: number;
  implicit: boolean;
  seed: number;
}

export interface DataProgress extends PrepareProgress {
  phase: 'data';
}

/** A complex number as [re, im]. */
export type Complex = [number, number];

export interface PreparedInfo {
  system: LiveSystem;
  seconds: number;
  n: number;
  no: number;
  bins: number;
  trials: number;
  trueEigenvalues: Complex[];
  /** Per trial: observations o_1 … o_T (bins × n_o). */
  observations: Float32Array[];
  /** Per trial: the true inputs u_1 … u_{T−1} (bins − 1 rows × n; u_0, the initial condition, left out). */
  trueInputs: Float32Array[];
  /** Per trial: the true latents z_1 … z_T (bins × n). */
  trueLatents: Float32Array[];
  /** Per trial: ‖u_t‖ of the true inputs, t = 0 … T−1 (bin 0 the pre-trial bin that sets the initial condition). */
  trueInputNorms: Float32Array[];
}

export interface StepReport {
  step: number;
  /** −ELBO / (T·n_o), mean over trials, of this step's sample (before the update). */
  loss: number;
  /** iLQR iterations per trial (warm-started), mean over trials. */
  iterations: number;
  learningRate: number;
  ms: number;
  checkpoint?: Checkpoint;
}

export interface Checkpoint {
  step: number;
  /** Pooled R² of the true inputs regressed on the inferred ones (paper Appendix J). */
  inputR2: number;
  latentR2: number;
  /** Mean distance between matched learned and true eigenvalues. */
  eigenError: number;
  learnedEigenvalues: Complex[];
  /** Per trial: the inferred inputs u*_1 … u*_{T−1}, mapped onto the true inputs' basis by that regression. */
  mappedInputs: Float32Array[];
  /** Per trial: the inferred latents z_1 … z_T, mapped onto the true latents' basis likewise. */
  mappedLatents: Float32Array[];
  /**
   * Share of the inferred inputs' energy Σ‖u*_t‖² in the pre-trial bin, over all trials
   * (core/metrics.ts firstBinInputShare): near 1 when the inputs have migrated into the initial
   * condition (§3.1, the autonomous system).
   */
  firstBinShare: number;
  /** Per trial: ‖u*_t‖ of the inferred inputs (not mapped), t = 0 … T−1. */
  inputNorms: Float32Array[];
}

/** The trained model on one long trial it never saw (after training on short ones): the paper's long-trial evaluation. */
export interface LongTrialReport {
  bins: number;
  /** R² on the held-out trial, through the maps fitted on the training trials at the latest checkpoint. */
  inputR2: number;
  latentR2: number;
  iterations: number;
  converged: boolean;
  /** ‖u_t‖ of the true and the (mapped) inferred inputs, t = 1 … bins − 1. */
  trueNorm: Float32Array;
  inferredNorm: Float32Array;
  ms: number;
}

/** One iLQR solve on one trial from a cold start (u = 0), every accepted iteration kept. */
export interface InferenceTrace {
  trial: number;
  /** The cost before the first iteration, then after each one. */
  costs: number[];
  /** Per iteration (0 = the start): the inputs u_1 … u_{T−1}, mapped onto the true basis like a checkpoint's. */
  iterates: Float32Array[];
  converged: boolean;
  /** Per iteration (0 = the start): ‖u_t‖ of the inputs as iLQR has them (not mapped), t = 0 … T−1. */
  norms: Float32Array[];
  /** The final inputs' R² against the true ones on this trial (NaN on the autonomous system, whose inputs after bin 0 are all zero). */
  inputR2: number;
  /** The final solve's share of input energy in the pre-trial bin (core/metrics.ts firstBinInputShare). */
  firstBinShare: number;
  ms: number;
}
