/**
 * DEG's headline experiment at browser scale (paper Table 1, and the polymer task): for each of the
 * three monomer sets, learn a grammar from the ~20 training molecules, sample it as DEG's evaluate()
 * does, and measure Valid, Unique, Div, Chamfer, Memb. and Novelty; the polymer set (117 molecules,
 * motif units) is built and sampled with the same metrics, without training (as on the page).
 *
 * quick (the test's run, well under 90 s in Node): one grammar per set from the untrained F_θ (seeded),
 * N = 100 distinct samples; plus the membership of a grammar built with the frequency prior at 0
 * (`d.membNoPrior`), so the prior's effect is on record.
 * full: REINFORCE for `epochs` epochs (5 grammars each, 100 distinct samples per grammar, reward =
 * Div + 2 × training-fragment coverage), then the best-reward grammar (DEG keeps its best checkpoint)
 * is sampled with N = 1000; `d.membEpoch0` and `d.rewardFirst` / `d.rewardLast` show how far training
 * moved things.
 *
 * Metric keys per set d: d.valid, d.unique, d.uniqueRaw, d.div, d.divReward, d.chamfer, d.memb (not for
 * polymers), d.novelty, d.proxy, d.rules, d.cutAt30, d.samples; d.trainDiv (the table Div of the training
 * set itself: paper 0.61 / 0.67 / 0.80) and d.trainMemb (our class pattern on the training set: 1). `samples: { d: string[] }` are the
 * generated canonical SMILES.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../shared/random';
import { loadChem, type Chem } from './core/chem';
import { buildGrammar, prepareSet } from './core/construct';
import { DATASET_IDS, MONOMER_SETS, datasetSmiles, usesMotifs, type DatasetId } from './core/datasets';
import { evaluateGrammar, trainingReference, type GrammarMetrics } from './core/evaluate';
import { diversityAllPairs, membership } from './core/metrics';
import { initPotential } from './core/potential';
import { DegTrainer } from './core/reinforce';

export interface GrammarExperimentOptions {
  quick: boolean;
  seed: number;
  log?: (line: string) => void;
  /** REINFORCE epochs of the full run (paper Appendix B, as quoted: 20). */
  epochs?: number;
  /** Distinct samples of the final evaluation (quick: 100; full: 1000). */
  samples?: number;
  /** Sets to run (default: all four). */
  sets?: DatasetId[];
}

const METRIC_KEYS: (keyof GrammarMetrics)[] = ['valid', 'unique', 'uniqueRaw', 'div', 'divReward', 'chamfer', 'memb', 'novelty', 'proxy', 'rules', 'cutAt30', 'samples'];

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export default async function experiment(opts: GrammarExperimentOptions) {
  const log = opts.log ?? (() => {});
  const chem: Chem = await loadChem();
  const metrics: Record<string, number> = {};
  const samples: Record<string, string[]> = {};
  const curves: Record<string, { epoch: number[]; meanReward: number[]; memb: number[]; divReward: number[]; proxy: number[] }> = {};
  const target = opts.samples ?? (opts.quick ? 100 : 1000);
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  for (const id of opts.sets ?? DATASET_IDS) {
    const set = prepareSet(chem, datasetSmiles(id), { motif: usesMotifs(id) });
    const ref = trainingReference(chem, set, id);
    const rng = createRng(opts.seed).fork(id);
    const monomer = (MONOMER_SETS as readonly string[]).includes(id);
    let grammar;
    if (opts.quick || !monomer) {
      grammar = buildGrammar(chem, set, initPotential(rng.fork('theta')), rng.fork('build')).grammar;
      if (monomer) {
        // The same seed's weights with the frequency prior at 0: the untrained policy without our prior.
        const plain = buildGrammar(chem, set, initPotential(rng.fork('theta'), undefined, undefined, 0), rng.fork('build')).grammar;
        const ev = evaluateGrammar(chem, plain, ref, rng.fork('sample no prior'), { target });
        metrics[`${id}.membNoPrior`] = round(ev.metrics.memb);
      }
    } else {
      const trainer = new DegTrainer(chem, set, ref, { seed: opts.seed });
      const epochs = opts.epochs ?? 20;
      const c = (curves[id] = { epoch: [] as number[], meanReward: [] as number[], memb: [] as number[], divReward: [] as number[], proxy: [] as number[] });
      for (let e = 0; e < epochs; e++) {
        const r = await trainer.epochAsync({ yieldNow: () => new Promise((res) => setTimeout(res, 0)) });
        c.epoch.push(r.epoch);
        c.meanReward.push(round(r.meanReward));
        c.memb.push(round(r.mean.memb));
        c.divReward.push(round(r.mean.divReward));
        c.proxy.push(round(r.mean.proxy));
        log(`${id} epoch ${e + 1}/${epochs}: reward ${r.meanReward.toFixed(3)} (div ${r.mean.divReward.toFixed(3)}, proxy ${r.mean.proxy.toFixed(3)}), memb ${r.mean.memb.toFixed(3)}, ${r.seconds.toFixed(1)} s [${secs()} s]`);
      }
      metrics[`${id}.membEpoch0`] = c.memb[0];
      metrics[`${id}.rewardFirst`] = c.meanReward[0];
      metrics[`${id}.rewardLast`] = c.meanReward[c.meanReward.length - 1];
      metrics[`${id}.bestEpoch`] = trainer.best!.epoch;
      metrics[`${id}.prior`] = round(trainer.params().prior);
      grammar = trainer.best!.grammar;
      trainer.dispose();
    }
    const ev = evaluateGrammar(chem, grammar, ref, rng.fork('sample'), { target });
    for (const k of METRIC_KEYS) {
      if (k === 'memb' && !monomer) continue;
      metrics[`${id}.${k}`] = round(ev.metrics[k]);
    }
    if (monomer) metrics[`${id}.trainMemb`] = round(membership(chem, id, [...ref.canonical]) ?? Number.NaN);
    metrics[`${id}.trainDiv`] = round(diversityAllPairs(ref.fps.r2x1024));
    samples[id] = ev.sampling.samples.map((s) => s.smiles);
    log(`${id}: ${METRIC_KEYS.map((k) => `${k} ${Number(ev.metrics[k]).toFixed(3)}`).join(', ')} (${ev.sampling.stoppedBy}, ${ev.sampling.draws} draws) [${secs()} s]`);
  }
  if (chem.live() !== 0) throw new Error(`${chem.live()} RDKit molecule objects were not deleted`);
  // seeds / backend / perSeed: the fields every committed result carries (src/shared/ui/committedResults.ts).
  return {
    metrics,
    seeds: [opts.seed],
    backend: tf.getBackend(),
    perSeed: [{ seed: opts.seed, metrics: { ...metrics } }],
    rdkit: chem.version,
    samples,
    ...(Object.keys(curves).length ? { curves } : {}),
  };
}
