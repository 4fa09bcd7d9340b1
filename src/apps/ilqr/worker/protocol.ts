/**
 * What crosses the iLQR-VAE training worker's boundary: the run's settings, the data shown before
 * the run, one report per Adam step (with a checkpoint about eight times a run), and the iLQR
 * animation of one inference. Types only, plain data.
 */
import type { PrepareProgress } from '../../../shared/run/training';
import type { IlqrSettings } from '../core/settings';

export type SessionConfig = IlqrSettings;

export interface DataProgress extends PrepareProgress {
  phase: 'data';
}

/** Sent once: the system and its trial, so the data view draws before the first step. */
export interface PreparedInfo {
  n: number;
  m: number;
  no: number;
  T: number;
  model: SessionConfig['model'];
  system: SessionConfig['system'];
  /** trials in the data set (the views show trial 0) */
  trials: number;
  /** observations o_1 … o_T (T × n_o) of trial 0 */
  observations: Float32Array;
  /** true inputs u_0 … u_{T−1} (T × m) and latents z_1 … z_T (T × n) */
  trueInputs: Float32Array;
  trueLatents: Float32Array;
  /** [re, im] pairs */
  trueEigenvalues: [number, number][];
  parameters: number;
  seconds: number;
}

export interface Checkpoint {
  step: number;
  final: boolean;
  inputR2: number;
  latentR2: number;
  eigenError: number;
  /** share of the inferred inputs' energy in the initial-condition bin, all trials (system (b)'s measure) */
  firstBinShare: number;
  learnedEigenvalues: [number, number][];
  /** trial 0's inferred inputs (T × m; iLQR's u* or the encoder's mean) and latents (T × n) */
  inferredInputs: Float32Array;
  inferredLatents: Float32Array;
  /**
   * The inferred inputs (bins 1…T−1, (T−1) × m) and latents (T × n) mapped into the true basis by
   * the same regression the R²s use: plot these against the true ones.
   */
  alignedInputs: Float32Array;
  alignedLatents: Float32Array;
  /** the model's mean observation per bin (T × n_o), for the data view's fit */
  predictedObservations: Float32Array;
}

export interface StepReport {
  step: number;
  /** −ELBO / (T·n_o) of this step's sample */
  loss: number;
  /** iLQR iterations this step (0 for the baseline) */
  iterations: number;
  learningRate: number;
  ms: number;
  checkpoint?: Checkpoint;
}

/** One iLQR inference from a cold start, every iteration kept (the "infer" animation). */
export interface InferenceTrace {
  /** cost before the first iteration, then after each */
  costs: number[];
  /** inputs after each iteration (T × m each), the cold start (zeros) first */
  inputs: Float32Array[];
  converged: boolean;
  ms: number;
}
