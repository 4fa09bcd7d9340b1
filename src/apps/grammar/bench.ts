/**
 * npm run bench -- grammar: molecules generated and validated per second (a derivation from the
 * isocyanate grammar, assembled, read by RDKit and canonicalised; issue #11 asks for ≥ 200 / s in
 * Node), building one grammar per monomer set, and one REINFORCE epoch's worth of sampling. Medians
 * after warm-up; benchmarks print, they never assert.
 */
import { measureMs, type BenchFigure } from '../../shared/bench';
import { createRng } from '../../shared/random';
import { loadChem } from './core/chem';
import { buildGrammar, prepareSet } from './core/construct';
import { MONOMER_SETS, datasetSmiles } from './core/datasets';
import { generate } from './core/grammar';
import { initPotential } from './core/potential';

export default async function bench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const chem = await loadChem();
  const figures: BenchFigure[] = [];
  const repeats = opts.quick ? 3 : 7;
  const set = prepareSet(chem, datasetSmiles('isocyanates'));
  const rng = createRng(1);
  const grammar = buildGrammar(chem, set, initPotential(rng.fork('theta')), rng.fork('build')).grammar;
  const batch = 200;
  let valid = 0;
  const ms = await measureMs(
    () => {
      for (let i = 0; i < batch; i++) {
        const out = generate(grammar, rng);
        if (out.status === 'complete' && chem.canonical(out.smiles) !== null) valid++;
      }
    },
    { repeats, warmup: 2 },
  );
  figures.push({ name: 'generate + validate (isocyanates)', value: (batch * 1000) / ms, unit: 'molecules / s', note: `${batch} derivations per timing, each assembled and canonicalised by RDKit; ${valid} valid` });
  for (const id of MONOMER_SETS) {
    const s = prepareSet(chem, datasetSmiles(id));
    let k = 0;
    const buildMs = await measureMs(() => buildGrammar(chem, s, initPotential(createRng(k).fork('theta')), createRng(k++).fork('build')), { repeats, warmup: 1 });
    figures.push({ name: `build a grammar (${id})`, value: buildMs, unit: 'ms', note: 'unit keys cached after the first build, as in training' });
  }
  if (chem.live() !== 0) throw new Error(`${chem.live()} RDKit objects left`);
  return figures;
}
