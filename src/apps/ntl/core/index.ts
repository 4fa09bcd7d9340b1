/**
 * Public API of the NTL demo's core (React-free, DOM-free; runs in Node, a Web Worker or the page).
 *
 * Typical flow (all synchronous calls; run them in a worker or between frames):
 *
 * ```ts
 * import * as ntl from './core';
 * const S = ntl.generateDomain('S', { n: 1500, seed, split: 'train' });
 * const T1 = ntl.generateDomain('T1', { n: 1500, seed, split: 'train' });
 * const trainer = ntl.createTrainer({ mode: 'ntl', source: S, target: T1, seed });
 * const stats = trainer.step();            // one minibatch: { step, ls, lt, mmd, ldis, total, ms }
 * trainer.evaluate({ S: testS, T1: testT1 }); // { S: 0.99, T1: 0.12 }
 * ntl.projectFeatures(trainer, { S: testS, T1: testT1 }, 100); // PCA of Φ
 * ntl.predictionGrid(trainer, testT1, 24);
 * trainer.dispose();                      // frees the model's variables and Adam's slots
 * ```
 *
 * The experiment fine-tunes NTL from the SL model: `createTrainer({ mode: 'ntl', …, init: slTrainer.snapshot() })`.
 * Loss form: `loss: PAPER_LOSS` (default) or `CODE_LOSS` (the official code's CE/10 form).
 *
 * Each experiment's target: target-specified S → T1, ownership S → `patchSet(S, OWNER_PATCH)`,
 * authorization S + patch → clean S ∪ neighbours (± patch), source-only S → `generateNeighbours(…)`.
 * Attacks: `ftalConfig` / `rtalConfig` / `overwriteConfig` make trainer configs (step them like any
 * trainer), `pruneByMagnitude` works on `trainer.snapshot()` weights, `evaluateWeights` scores
 * fixed weights. Settings (domains, modes, `settingsProblem`) are in `settings.ts`; the derived
 * metrics (relative drop, highest accuracy) in `metrics.ts`.
 *
 * Images are Float32Array n × 32 × 32 × 3 (NHWC, values in [0, 1]); `imageAt(set, i)` copies one.
 * Seeds: the same seed gives the same data, init, batches and dropout, hence the same numbers on the
 * same backend.
 */
export {
  IMAGE_SIZE,
  CHANNELS,
  PIXELS,
  NEIGHBOUR_DIRECTIONS,
  NEIGHBOUR_DISTANCES,
  NEIGHBOUR_DIRECTION_TEXT,
  targetGeneratorCalls,
  DEFAULT_KNOBS,
  generateDomain,
  generateNeighbours,
  generateNeighbourCell,
  concatSets,
  headSet,
  imageAt,
  type DigitSet,
  type DomainKnobs,
  type NeighbourDirection,
  type SplitName,
} from './domains';
export { OWNER_PATCH, ATTACKER_PATCH, applyPatch, patchSet, patchMarks, type PatchSpec } from './patch';
export {
  PARAM_NAMES,
  PARAM_SPECS,
  PHI_PARAMS,
  OMEGA_PARAMS,
  KERNEL_PARAMS,
  OPPONENT_FILTERS,
  FEATURE_DIM,
  NUM_CLASSES,
  createCnn,
  initialWeights,
  cloneWeights,
  paramCount,
  type CnnWeights,
  type DigitCnn,
  type ParamName,
} from './model';
export {
  PAPER_LOSS,
  CODE_LOSS,
  crossEntropy,
  mmd,
  mmdReference,
  ntlObjective,
  ntlObjectiveValue,
  type NtlLossConfig,
} from './loss';
export { createTrainer, type Trainer, type TrainerConfig, type TrainerState, type StepStats, type Prediction, type TrainMode } from './trainer';
export {
  HEAD_PARAMS,
  reinitialise,
  pruneByMagnitude,
  ftalConfig,
  rtalConfig,
  overwriteConfig,
  ewcConfig,
  auConfig,
  augmentImages,
  pseudoLabel,
  REFIT_LEARNING_RATE,
  AU_DEFAULTS,
  runTrainer,
  evaluateWeights,
  type AttackKind,
  type PruneResult,
  type RunResult,
} from './attacks';
export { EWC_DEFAULTS, estimateFisher, fisherSquaredSums, normaliseFisher, ewcPenaltyValue, ewcPenaltyTensor, type EwcPenalty } from './ewc';
export { pca2d, type Pca2d } from './pca';
export { projectFeatures, predictionGrid, type FeatureProjection, type PredictionGrid } from './views';
export {
  DOMAINS,
  DOMAIN_LOOKS,
  domainName,
  domainOption,
  MODES,
  MODE_LABELS,
  LOSS_VARIANTS,
  DEFAULT_STEPS,
  DEFAULT_BATCH,
  DEFAULT_LR,
  sourceFixedToS,
  settingsProblem,
  type Domain,
  type Mode,
  type LossVariant,
} from './settings';
export { relativeDrop, highestAccuracy } from './metrics';
