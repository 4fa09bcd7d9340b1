import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { loadChem, type Chem } from './chem';
import { buildGrammar, mergeSelected, prepareSet, type PreparedSet } from './construct';
import { DATASET_IDS, datasetSmiles, usesMotifs, type DatasetId } from './datasets';
import { generate, replay, ruleDepictionSmiles, stateToSmiles } from './grammar';
import { initPotential } from './potential';

let chem: Chem;
const sets = {} as Record<DatasetId, PreparedSet>;
beforeAll(async () => {
  chem = await loadChem();
  for (const id of DATASET_IDS) sets[id] = prepareSet(chem, datasetSmiles(id), { motif: usesMotifs(id) });
});

describe('bottom-up grammar construction', () => {
  it('merges overlapping selections as a true union', () => {
    // a–b, c–d and b–c: the official pairwise labelling splits a–b from c–d when b–c comes last.
    expect(mergeSelected([[0, 1], [2, 3], [1, 2], [5, 6]], [true, true, true, true])).toEqual([[0, 1, 2, 3], [5, 6]]);
    expect(mergeSelected([[0, 1], [1, 2]], [true, false])).toEqual([[0, 1]]);
  });

  for (const id of DATASET_IDS) {
    it(`${id}: every grammar replays each training molecule from its recorded derivation`, () => {
      const seeds = id === 'polymers' ? [1] : [1, 2, 3];
      for (const seed of seeds) {
        const rng = createRng(seed);
        const builder = buildGrammar(chem, sets[id], initPotential(rng.fork('theta')), rng.fork('build'));
        const g = builder.grammar;
        expect(g.startRules.length).toBeGreaterThan(0);
        expect(g.rules.some((r) => r.ending)).toBe(true);
        const mismatches: string[] = [];
        sets[id].molecules.forEach((mol, m) => {
          const smiles = stateToSmiles(replay(g, builder.derivationOf(m)));
          if (chem.canonical(smiles) !== mol.canonical) mismatches.push(`${m}: ${mol.canonical} ≠ ${chem.canonical(smiles)}`);
        });
        expect(mismatches, `seed ${seed}`).toEqual([]);
        // Rules are unique by key, and indexed by LHS.
        expect(new Set(g.rules.map((r) => r.key)).size).toBe(g.rules.length);
        for (const [lhs, ids] of g.byLhs) for (const r of ids) expect(g.rules[r].lhs).toBe(lhs);
      }
      expect(chem.live()).toBe(0);
    });
  }

  it('completed derivations are valid molecules', () => {
    const rng = createRng(7);
    const builder = buildGrammar(chem, sets.isocyanates, initPotential(rng.fork('theta')), rng.fork('build'));
    let complete = 0;
    for (let i = 0; i < 200; i++) {
      const out = generate(builder.grammar, rng);
      if (out.status === 'complete') {
        complete++;
        expect(chem.isValid(out.smiles), out.smiles).toBe(true);
        // The record replays to the same molecule, without search.
        expect(stateToSmiles(replay(builder.grammar, out.steps))).toBe(out.smiles);
      }
    }
    expect(complete).toBeGreaterThan(100);
    // Every rule can be drawn (anchors as [*:k], NTs as isotope-labelled dummies).
    for (const rule of builder.grammar.rules) expect(chem.svg(ruleDepictionSmiles(rule), { parse: { sanitize: false } }), ruleDepictionSmiles(rule)).toMatch(/<svg/);
    expect(chem.live()).toBe(0);
  });
});
