/**
 * The iLQR-VAE demo's science, React-free and DOM-free (plain TypeScript on Float64Array, no
 * tfjs): what the worker session, the experiment and the page import.
 */
export { Adam } from './adam';
export { AmortisedVae, BaselineTrainer, type BaselineEvaluation } from './baseline';
export { Ilqr, type ControlProblem, type IlqrOptions, type IlqrResult, type Linearization } from './ilqr';
export {
  chanceTiming,
  DEFAULT_DUFFING_TRAINER,
  DUFFING_MODEL,
  DUFFING_SYSTEM,
  DuffingTrainer,
  duffingModelFor,
  evaluateTiming,
  generateDuffingData,
  inferredPerturbation,
  type DuffingCheckpoint,
  type DuffingData,
  type DuffingSystemConfig,
  type DuffingTrainerConfig,
  type DuffingTrial,
  type TimingEvaluation,
} from './duffing';
export { eigenvalues, type Complex } from './linalg';
export { eigenvalueError, firstBinInputShare, matrixEigenvalues, regressionFit, regressionR2 } from './metrics';
export { GaussianLikelihood, GaussianPrior, LinearDynamics, PoissonLikelihood, StudentPrior, type Likelihood, type Prior } from './model';
export { Mgu2Dynamics } from './mgu2';
export { DEFAULTS, LIMITS, PRIOR_LABELS, PRIORS, settingsProblem, type PriorKind } from './settings';
export { applyFit, fitLeastSquares, pooledR2, type LinearFit } from './regression';
export { AUTONOMOUS_SYSTEM, generateSparseData, SPARSE_SYSTEM, type SparseData, type SparseSystemConfig } from './sparse';
export { DEFAULT_TRAINER, IlqrVaeTrainer, type Evaluation, type StepStats, type TrainerConfig } from './trainer';
export { IlqrVae, type LossParts, type VaeConfig } from './vae';
