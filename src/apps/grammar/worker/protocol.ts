/**
 * What crosses the DEG worker's boundary: the run's settings, the built grammar (drawings made in
 * the worker as SVG strings), the samples with their badges and derivations, and one REINFORCE epoch
 * per step. Types only, so the page imports them for free.
 */
import type { PrepareProgress } from '../../../shared/run/training';
import type { DatasetId } from '../core/datasets';
import type { GrammarMetrics } from '../core/evaluate';
import type { LineProblem } from '../core/userInput';

export interface SessionConfig {
  dataset: DatasetId;
  /** A pasted SMILES list (replaces the dataset when set). */
  pasted: string | null;
  n: number;
  epochs: number;
  rewardSamples: number;
  seed: number;
}

export interface DataProgress extends PrepareProgress {
  phase: 'rdkit' | 'read' | 'build' | 'sample' | 'draw';
  /** While preparing: the next drawn samples (the prepared info leaves them out), so no one message is large. */
  samples?: SampleView[];
}

export interface MoleculeView {
  smiles: string;
  svg: string;
}

/** One construction iteration in one molecule: the molecule drawn with the units contracted in it highlighted. */
export interface TraceStep {
  molecule: number;
  iteration: number;
  units: number;
  selected: number;
  /** Largest φ among the units (null when one unit was left and taken without a decision). */
  maxPhi: number | null;
  contracted: number;
  newRules: number[];
  ruleIds: number[];
  svg: string;
}

export interface RuleView {
  id: number;
  lhs: string;
  start: boolean;
  ending: boolean;
  count: number;
  text: string;
  svg: string;
}

export interface SampleView {
  smiles: string;
  svg: string;
  /** In the class (our SMARTS); null for a set without a class pattern. */
  member: boolean | null;
  novel: boolean;
  /** The derivation: rule ids, the first being the start rule. */
  rules: number[];
}

export interface GrammarView {
  rules: RuleView[];
  /** Empty in the prepared info: those samples arrive in batches with the preparation's progress. */
  samples: SampleView[];
  metrics: GrammarMetrics;
  stoppedBy: string;
  draws: number;
  sampleSeconds: number;
  /** 0 for the grammar built before training; the epoch of the best grammar otherwise. */
  epoch: number;
}

/** Where the preparation's time went, in ms (the worker's clock), for the diagnostics and the e2e timing. */
export interface PrepareTimes {
  /** Waiting for RDKit and the warm-up's stage in flight (0 when both were done before Build), reading the set, building, sampling + metrics, drawing the samples, drawing the rules. */
  phases: Record<'rdkit' | 'read' | 'build' | 'sample' | 'draw' | 'rules', number>;
  /**
   * RDKit's own load (the worker starts it as soon as it starts): download, and until ready, from its
   * start; then the warm-up (worker/warmUp.ts: ms, and stages run of 4, fewer when Build came first).
   * Null when unknown (Node).
   */
  rdkitLoad: { downloadMs: number | null; readyMs: number | null; startedBeforePrepareMs: number; warmUp: { ms: number; stages: number } | null } | null;
}

export interface PreparedInfo {
  source: { kind: 'dataset'; id: DatasetId } | { kind: 'pasted' };
  /** Pasted lines that were skipped (line numbers), and lines kept with a change. */
  problems: LineProblem[];
  notes: LineProblem[];
  molecules: MoleculeView[];
  /** Step-through of the contraction (the first molecules only; see `TRACE_MOLECULES`). */
  trace: TraceStep[];
  traceMolecules: number;
  iterations: number;
  /** The derivations of the training molecules, replayed: rule ids each. */
  trainingDerivations: number[][];
  grammar: GrammarView;
  buildSeconds: number;
  seconds: number;
  times: PrepareTimes;
}

export interface StepReport {
  epoch: number;
  meanReward: number;
  rewards: number[];
  memb: number;
  div: number;
  unique: number;
  proxy: number;
  bestReward: number;
  bestEpoch: number;
  seconds: number;
}
