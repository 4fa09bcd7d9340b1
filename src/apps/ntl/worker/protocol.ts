/**
 * What crosses the NTL training worker's boundary: the run's settings, and the plain data the
 * session sends back (preparation progress, prepared info, step reports with their checkpoints,
 * attack reports). Types only, so the page imports them without tfjs.
 */
import type { PrepareProgress } from '../../../shared/run/training';
import type { StepStats } from '../core';
import type { Domain, Mode } from '../core/settings';

export interface SessionConfig {
  mode: Mode;
  source: Domain;
  target: Domain;
  alpha: number;
  beta: number;
  loss: 'paper' | 'code';
  lr: number;
  steps: number;
  batch: number;
  baseline: boolean;
  seed: number;
}

export interface SessionSizes {
  trainPerDomain: number;
  testPerDomain: number;
  neighboursPerCell: number;
  neighboursTestPerCell: number;
  /** Test images per set scored at the checkpoints during training (the last one scores all). */
  liveEvalPerSet: number;
  /** Points per set in the feature-space view. */
  projectionPerSet: number;
  /** Images per row of the prediction grid. */
  gridPerRow: number;
  /** The attacker's clean share of the source training data. */
  attackerShare: number;
  fineTuneSteps: number;
  overwriteSteps: number;
  /** EWC: attacker images the Fisher is estimated on (one per-example gradient each). */
  fisherSamples: number;
}


/** Test sets scored live: the four domains, the patched source, and the neighbours where the mode uses them. */
export type EvalKey = 'S' | 'T1' | 'T2' | 'T3' | 'src+patch' | 'N' | 'N+patch';
export const EVAL_KEYS: readonly EvalKey[] = ['S', 'T1', 'T2', 'T3', 'src+patch', 'N', 'N+patch'];

export type Accuracies = Partial<Record<EvalKey, number>>;

export interface DataProgress extends PrepareProgress {
  phase: 'data';
  /** What is being generated, e.g. "T1 train (1,500 images)". */
  label: string;
  done: number;
  total: number;
}

export interface SampleRow {
  /** Which set the row shows, e.g. "source S (test)". */
  title: string;
  images: Float32Array[];
  labels: number[];
}

export interface PreparedInfo {
  seconds: number;
  /** Train images per set actually used. */
  counts: { source: number; target: number; test: number };
  /** Human-readable names of what trains as S and T. */
  sourceName: string;
  targetName: string;
  evalKeys: EvalKey[];
  /** Which eval key is "the source" and which is "the target" for this mode. */
  roles: { source: EvalKey; target: EvalKey };
  rows: [SampleRow, SampleRow];
  /** One clean source test image for the patch preview. */
  patchSample: Float32Array;
  projectionNames: string[];
}

export interface Projection {
  names: string[];
  points: Float32Array;
  setIndex: Uint8Array;
  explained: [number, number];
}

export interface Checkpoint {
  step: number;
  /** Images scored per set. */
  perSet: number;
  ntl: Accuracies;
  sl?: Accuracies;
  /** MMD(Φ(source test), Φ(target test)) on 128 images, no gradient. */
  mmd: { ntl: number; sl?: number };
  projection: { ntl: Projection; sl?: Projection };
  /** Predicted class per image of the two sample rows (main model). */
  predicted: [number[], number[]];
}

export interface StepReport {
  step: number;
  ntl: StepStats;
  sl?: StepStats;
  checkpoint?: Checkpoint;
}

export type AttackKind = 'ftal' | 'rtal' | 'ewc' | 'au' | 'prune' | 'overwrite';

export interface AttackReport {
  kind: AttackKind;
  /** Pruning fraction (0..1) for 'prune'. */
  fraction?: number;
  steps: number;
  before: { clean: number; patched: number };
  after: { clean: number; patched: number };
  /** Overwriting only: accuracy on the attacker's own patch afterwards. */
  attackerPatched?: number;
  /** Pruning only: share of kernel weights that are zero. */
  sparsity?: number;
  seconds: number;
}
