/**
 * A fresh worker's WebAssembly and JavaScript are cold: the first grammar build, sampling and drawing
 * run 3–10× slower than the same work a second time (V8 compiles RDKit's functions lazily, on first
 * call, and optimises hot code later). So while the visitor reads, the worker runs the whole pipeline
 * once on a few molecules that are not the isocyanate set (chain extenders and acrylates): read them,
 * build a grammar, sample and measure a few molecules, draw one of each kind of picture. It stops
 * between stages as soon as Build asks for the real run (`stop()`), and leaves no RDKit object behind.
 */
import { createRng } from '../../../shared/random';
import type { Chem } from '../core/chem';
import { buildGrammar, prepareSet, type GrammarBuilder, type PreparedSet } from '../core/construct';
import { datasetSmiles } from '../core/datasets';
import { evaluateGrammar, trainingReference, type TrainingReference } from '../core/evaluate';
import { ruleDepictionSmiles } from '../core/grammar';
import { MEMBERSHIP } from '../core/metrics';
import { initPotential } from '../core/potential';

/** The molecules of the warm-up: a few of two sets other than the default one. */
export function warmUpSmiles(): string[] {
  return [...datasetSmiles('chain_extenders').slice(0, 4), ...datasetSmiles('acrylates').slice(0, 3)];
}

export interface WarmUpResult {
  ms: number;
  /** Stages run (of 4); fewer when Build came first. */
  stages: number;
}

export async function warmUp(chem: Chem, opts: { yieldNow: () => Promise<void>; stop: () => boolean }): Promise<WarmUpResult> {
  const t0 = performance.now();
  const rng = createRng('warm-up');
  let set: PreparedSet | null = null;
  let ref: TrainingReference | null = null;
  let builder: GrammarBuilder | null = null;
  const stages: (() => void)[] = [
    () => {
      set = prepareSet(chem, warmUpSmiles());
      ref = trainingReference(chem, set, 'user');
    },
    () => {
      if (set) builder = buildGrammar(chem, set, initPotential(rng.fork('theta')), rng.fork('build'));
    },
    () => {
      if (builder && ref) evaluateGrammar(chem, builder.grammar, ref, rng.fork('sample'), { target: 12 });
    },
    () => {
      const first = set?.molecules[0];
      if (!first) return;
      chem.svg(first.smiles, { width: 160, height: 130 });
      chem.svg(first.smiles, { width: 220, height: 170, highlightAtoms: [0, 1] });
      const rule = builder?.grammar.rules[0];
      if (rule) chem.svg(ruleDepictionSmiles(rule), { width: 180, height: 140, parse: { sanitize: false } });
      chem.countMatches([first.smiles], MEMBERSHIP.acrylates.smarts);
    },
  ];
  let done = 0;
  for (const stage of stages) {
    // Yield first: a prepare call that is already waiting is seen before any more work.
    await opts.yieldNow();
    if (opts.stop()) break;
    stage();
    done++;
  }
  return { ms: performance.now() - t0, stages: done };
}
