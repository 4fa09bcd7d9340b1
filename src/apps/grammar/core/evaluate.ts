/**
 * A grammar's metrics from one sampling run (the paper's Table 1 columns, ours where labelled; see
 * `metrics.ts` for each definition).
 */
import type { Rng } from '../../../shared/random';
import type { Chem } from './chem';
import type { PreparedSet } from './construct';
import type { DatasetId } from './datasets';
import type { Grammar } from './grammar';
import { chamferDistance, diversityAllPairs, diversityDistinctPairs, fingerprints, fragmentCoverage, membership, novelty, type Fingerprints } from './metrics';
import { sampleGrammar, type SampleOptions, type SampleReport } from './sampling';

/** What the metrics compare against: the training set's canonical SMILES and fingerprints. */
export interface TrainingReference {
  id: DatasetId | 'user';
  canonical: Set<string>;
  fps: Fingerprints;
}

export function trainingReference(chem: Chem, set: PreparedSet, id: DatasetId | 'user'): TrainingReference {
  const canonical = set.molecules.map((m) => m.canonical);
  return { id, canonical: new Set(canonical), fps: fingerprints(chem, canonical) };
}

export interface GrammarMetrics {
  /** Valid / completed derivations (RDKit reads the assembled molecule). */
  valid: number;
  /** Distinct samples / N requested (1 when the sampler reached N before 10 idle draws in a row). */
  unique: number;
  /** Distinct / valid completed draws (repeats included). */
  uniqueRaw: number;
  /** Paper-table Div: Morgan r2, 1024 bits, all pairs with self-pairs. */
  div: number;
  /** Reward Div (official metrics.py): Morgan r3, 2048 bits, distinct pairs. */
  divReward: number;
  /** Chamfer distance to the training set (ours). */
  chamfer: number;
  /** Memb. (ours); NaN for a set without a class pattern. */
  memb: number;
  novelty: number;
  /** Training-fragment coverage: the synthesizability proxy (ours, not RS). */
  proxy: number;
  rules: number;
  /** Share of draws cut at the step limit. */
  cutAt30: number;
  samples: number;
}

export interface Evaluation {
  metrics: GrammarMetrics;
  sampling: SampleReport;
}

export function evaluateGrammar(chem: Chem, grammar: Grammar, ref: TrainingReference, rng: Rng, opts: SampleOptions): Evaluation {
  const sampling = sampleGrammar(chem, grammar, rng, opts);
  const smiles = sampling.samples.map((s) => s.smiles);
  const fps = fingerprints(chem, smiles);
  const memb = ref.id === 'user' ? null : membership(chem, ref.id, smiles);
  const metrics: GrammarMetrics = {
    valid: sampling.completed === 0 ? 0 : (sampling.completed - sampling.invalid) / sampling.completed,
    unique: smiles.length / opts.target,
    uniqueRaw: sampling.validDraws === 0 ? 0 : smiles.length / sampling.validDraws,
    div: diversityAllPairs(fps.r2x1024),
    divReward: diversityDistinctPairs(fps.r3x2048),
    chamfer: chamferDistance(fps.topological, ref.fps.topological),
    memb: memb ?? Number.NaN,
    novelty: novelty(smiles, ref.canonical),
    proxy: fragmentCoverage(fps.r1x2048, ref.fps.r1x2048),
    rules: grammar.size,
    cutAt30: sampling.draws === 0 ? 0 : sampling.cut / sampling.draws,
    samples: smiles.length,
  };
  return { metrics, sampling };
}

/**
 * Reward of a grammar for REINFORCE: Div (reward formula) + 2 × synthesizability (paper: Div + 2·RS),
 * the synthesizability being our proxy counted over the N samples requested (a grammar that stops
 * short of N distinct molecules gets no credit for the missing ones: proxy × unique). Without that
 * factor, training in our first full run (seed 1) collapsed onto the training set: the best
 * isocyanate grammar made 13 distinct molecules, 2 of them new, with proxy 1.0.
 */
export function reward(m: Pick<GrammarMetrics, 'divReward' | 'proxy' | 'unique'>): number {
  return m.divReward + 2 * m.proxy * m.unique;
}
