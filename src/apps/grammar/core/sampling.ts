/**
 * Sampling a grammar as DEG's `evaluate()` (official `main.py`): draw derivations until N distinct
 * molecules or until 10 draws in a row bring nothing new; the distinct molecules are the samples.
 * Every completed derivation is checked with RDKit (valid by construction is asserted, not assumed)
 * and kept with its derivation record. Cut derivations (NTs left after 30 steps) count as draws that
 * brought nothing new, and are counted.
 */
import type { Rng } from '../../../shared/random';
import type { Chem } from './chem';
import { generate, type DerivationStep, type GenerateOptions, type Grammar } from './grammar';

export interface Sample {
  /** RDKit canonical SMILES. */
  smiles: string;
  steps: DerivationStep[];
}

export interface SampleReport {
  /** The distinct valid molecules, in the order they were first drawn. */
  samples: Sample[];
  /** Derivations drawn, completed, cut at the step limit, and completed but rejected by RDKit. */
  draws: number;
  completed: number;
  cut: number;
  invalid: number;
  /** Valid completed draws (with repeats): for `uniqueRaw`. */
  validDraws: number;
  /** Why sampling stopped. */
  stoppedBy: 'target' | 'repeats' | 'draw limit' | 'cancelled';
}

export interface SampleOptions extends GenerateOptions {
  /** N distinct molecules wanted. */
  target: number;
  /** Stop after this many draws in a row bring nothing new (official: more than 10). */
  patience?: number;
  /** Hard cap on draws (a grammar that can only make a few molecules stops by `patience` anyway). */
  maxDraws?: number;
  /** Known canonical SMILES → skip re-canonicalising (a cache shared between calls). */
  cache?: Map<string, string | null>;
  cancelled?: () => boolean;
  onProgress?: (distinct: number, draws: number) => void;
}

export function sampleGrammar(chem: Chem, grammar: Grammar, rng: Rng, opts: SampleOptions): SampleReport {
  const patience = opts.patience ?? 10;
  const maxDraws = opts.maxDraws ?? Math.max(1000, 50 * opts.target);
  const seen = new Set<string>();
  const report: SampleReport = { samples: [], draws: 0, completed: 0, cut: 0, invalid: 0, validDraws: 0, stoppedBy: 'target' };
  let idle = 0;
  while (report.samples.length < opts.target) {
    if (opts.cancelled?.()) {
      report.stoppedBy = 'cancelled';
      break;
    }
    if (idle > patience) {
      report.stoppedBy = 'repeats';
      break;
    }
    if (report.draws >= maxDraws) {
      report.stoppedBy = 'draw limit';
      break;
    }
    report.draws++;
    const out = generate(grammar, rng, opts);
    if (out.status === 'cut') {
      report.cut++;
      idle++;
      continue;
    }
    report.completed++;
    let canonical = opts.cache?.get(out.smiles);
    if (canonical === undefined) {
      canonical = chem.canonical(out.smiles);
      opts.cache?.set(out.smiles, canonical);
    }
    if (canonical === null) {
      report.invalid++;
      idle++;
      continue;
    }
    report.validDraws++;
    if (seen.has(canonical)) {
      idle++;
      continue;
    }
    seen.add(canonical);
    idle = 0;
    report.samples.push({ smiles: canonical, steps: out.steps });
    if (report.samples.length % 25 === 0) opts.onProgress?.(report.samples.length, report.draws);
  }
  return report;
}
