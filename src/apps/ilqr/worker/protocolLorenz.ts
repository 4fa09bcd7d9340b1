/**
 * What crosses the Lorenz worker's boundary (worker/lorenz.worker.ts): the shipped checkpoint's
 * facts and the regenerated test trials once, then one trial's posterior, an iLQR solve's
 * iterations, a prediction from bin t and a recomputed R²_k on request. Types only, so the page
 * imports them for free. Arrays of observations are rows of 3 z-scored coordinates (x, y, z).
 */
import type { PrepareProgress } from '../../../shared/run/training';

export interface LorenzProgress extends PrepareProgress {
  phase: 'checkpoint' | 'data' | 'free run';
}

/** Facts of the shipped checkpoint (weights/lorenz.json and lorenz.manifest.json, written by scripts/train/ilqr.ts). */
export interface LorenzCheckpointFacts {
  steps: number;
  seed: number;
  batch: number;
  lrScale: number;
  /** R²_k on the test trials, k = 0 … r2k.length − 1, as the training script computed it */
  r2k: number[];
  /** cold-start iLQR iterations per test trial in that evaluation, and how many converged */
  testIterations: number[];
  converged: number;
  testTrials: number;
  /** the training curve: −ELBO/(T·n_o) (mean of 25 steps) every 25 steps, and R²_30, R²_50 at evaluations */
  history: { step: number[]; loss: number[]; evalStep: number[]; r2_30: number[]; r2_50: number[] };
  /** minutes of training over all segments, and the command that reproduces the run */
  minutes: number;
  segments: number;
  reproduce: string;
}

export interface LorenzInfo {
  checkpoint: LorenzCheckpointFacts;
  model: { n: number; m: number; no: number; nBeg: number; K: number; T: number };
  data: { trainTrials: number; testTrials: number; T: number; dt: number; noiseStd: number };
  /** per test trial: the clean trajectory and the noisy observations (T × 3) */
  clean: Float32Array[];
  observations: Float32Array[];
  /** every clean trial (training and test), rows of 3, `T` rows per trial: the attractor */
  attractor: Float32Array;
  /** the model run freely (pre-trial inputs ~ N(0, 5²), then none), rows of 3 */
  freeRun: Float32Array;
  /** does the free run stay on the attractor: nearest-neighbour distances to the training trials' clean points */
  onAttractor: {
    /** free-run steps skipped as the transient before measuring */
    skip: number;
    /** median distance of the free run's points (after `skip`) */
    freeRunMedian: number;
    /** the same for the clean test trials' points: what "on the attractor" looks like at this sampling */
    referenceMedian: number;
    /** 99th percentile of the test trials' distances, and the share of free-run points within it */
    reference99: number;
    shareWithin: number;
    /** per coordinate: standard deviation of the free run (after `skip`) over that of the clean data (1: it covers the attractor) */
    spread: number[];
  };
  seconds: number;
}

/** The posterior of one test trial (a cold-start iLQR solve, as the R²_k evaluation does). */
export interface LorenzTrialReport {
  /** 0-based test trial */
  trial: number;
  /** the posterior-mean reconstruction of the observations (T × 3) */
  reconstruction: Float32Array;
  /** R² of the reconstruction against the clean trajectory, this trial */
  r2: number;
  /** ‖u*_j‖ per input bin and where the page draws it (x = j − nBeg + 1; x ≤ 0 the pre-trial bins) */
  inputX: Int32Array;
  inputNorms: Float32Array;
  iterations: number;
  converged: boolean;
  ms: number;
}

/** One iLQR solve from u = 0, every accepted iteration kept. */
export interface LorenzInferenceTrace {
  trial: number;
  /** the cost before the first iteration, then after each */
  costs: number[];
  /** per iteration (0 = the start): the reconstruction (T × 3) and ‖u_j‖ */
  reconstructions: Float32Array[];
  inputNorms: Float32Array[];
  inputX: Int32Array;
  converged: boolean;
  ms: number;
}

/** The model sees the trial up to bin `from` (1-based), then runs on without input. */
export interface LorenzPrediction {
  trial: number;
  from: number;
  /** the model's observations (T × 3): the reconstruction up to `from`, the prediction after */
  prediction: Float32Array;
  /** ‖clean − prediction‖ k bins after `from`, k = 0 … T − from */
  errors: Float32Array;
  ms: number;
}

/** R²_k recomputed in this browser from the checkpoint, k = 0 … kMax (core/lorenz.ts kStepR2, trial by trial). */
export interface LorenzR2Report {
  r2k: number[];
  iterations: number[];
  converged: number;
  ms: number;
}
