/**
 * npx tsx scripts/cophy-probe-study.ts [--seed N] [--train N] [--test N] [--weights DIR] [--renderer colour]
 *
 * Is issue #12's mass-probe bar (≥ 0.6) out of reach because of the probe or because of u? The experiment's
 * probe (core/massProbe.ts: an L2 logistic regression from u to each ball's mass, fitted on the consequential
 * balls of training examples, scored on those of the test examples) is run again on a BallsCF model's codes
 * with more training examples, other features, other regularisations and a non-linear probe. If none of them
 * reads the masses much better, the limit is in u, not in the probe.
 *
 * - `relative, n train`: the experiment's probe (u_k minus the mean code of the other keypoints: only mass
 *   ratios act in BallsCF) on the first n training examples (the quick run uses 64, the full run 400).
 * - `own code, n train`: the same on u_k alone (the experiment's `massProbe.accuracyOwnCode`; its headline
 *   probe before the relative one).
 * - `own code, λ`: its L2 weight (the experiment's is PROBE_L2 = 1).
 * - `with context`: u_k beside the mean code of the other keypoints (2 × 32 features, the relative probe's
 *   weights left free): CoDy's dynamics reads u through a graph network whose edges see both ends' codes.
 * - `MLP`: one hidden layer of 64 ReLUs on the standardised u_k, full-batch Adam with weight decay, seeded.
 * - `on determined balls`: scored only on the consequential balls whose own mass AB pins down (filter.ts
 *   determinedObjects); the experiment's `massProbe.ceiling` gives the others a coin.
 * Accuracies are over the test split's consequential balls (the paper's corrected accuracy).
 *
 * `--renderer colour --weights DIR` studies a CoDy trained on the colour-centroid reference's exact keypoints
 * (scripts/train/cophy.ts --stage cody --derender colour --out DIR) instead of the shipped model: the same
 * probes on a u abducted without the de-rendering's errors. --seed is the data seed, as in the experiment, so
 * `--train 64 --test 32` is the quick run's probe.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { initNodeBackend } from '../src/shared/tf/node';
import { createRng } from '../src/shared/random';
import { generateExample } from '../src/apps/cophy/core/dataset';
import { abductExample, ballsEvaluation } from '../src/apps/cophy/core/evaluate';
import { featureStandardisation, fitLinearProbe, majorityAccuracy, probeProbability, selectSamples, withFeatures, type ProbeSample } from '../src/apps/cophy/core/massProbe';
import { loadShippedModel } from '../src/apps/cophy/core/shippedModel';
import { DEFAULT_DYNAMICS_LOADER, nodeWeightReader } from '../src/apps/cophy/experiment';
import { flagOr, positiveIntFlag } from './cli-common';
import { loadColourCody } from './cophyColourModel';

const argv = process.argv.slice(2);
const seed = positiveIntFlag(argv, 'seed', 1);
const trainExamples = positiveIntFlag(argv, 'train', 800);
const testExamples = positiveIntFlag(argv, 'test', 200);
const weights = argv.includes('--weights') ? flagOr(argv, 'weights', '') : null;
const renderer = flagOr(argv, 'renderer', 'derender');
if (renderer !== 'derender' && renderer !== 'colour') throw new Error(`--renderer takes derender (the shipped de-rendering) or colour, not "${renderer}"`);
if (renderer === 'colour' && !weights) throw new Error('--renderer colour needs --weights DIR: a CoDy trained with scripts/train/cophy.ts --stage cody --derender colour --out DIR');

await initNodeBackend('wasm');
const read = nodeWeightReader(weights ? pathToFileURL(`${resolve(weights)}/`) : undefined);

const model = renderer === 'colour' ? await loadColourCody(read, weights!) : await loadShippedModel(read, DEFAULT_DYNAMICS_LOADER);
const kit = ballsEvaluation();
const t0 = performance.now();

function abduct(split: 'train' | 'test', count: number): ProbeSample[] {
  const out: ProbeSample[] = [];
  for (let i = 0; i < count; i++) {
    out.push(...abductExample(model, generateExample(seed, split, i), i, kit).probe);
    if ((i + 1) % 100 === 0) console.error(`${split} ${i + 1}/${count} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  return out;
}
// every probe below but `relative` reads the ball's own code u_k, the `features` probeSamples sets
const train = abduct('train', trainExamples);
const test = abduct('test', testExamples);
const d = model.confounderSize;

/** u_k followed by the mean of the other keypoints' codes. */
function withContext(s: ProbeSample): ProbeSample {
  const f = new Float32Array(2 * d);
  f.set(s.ownCode);
  f.set(s.othersCode, d);
  return { ...s, features: f };
}

const accuracy = (predict: (s: ProbeSample) => number, samples: readonly ProbeSample[]) => samples.filter((s) => (predict(s) >= 0.5 ? 1 : 0) === s.heavy).length / samples.length;
const linear = (fit: readonly ProbeSample[], l2?: number) => {
  const p = fitLinearProbe(fit, { l2 });
  return (s: ProbeSample) => probeProbability(p, s.features);
};

/** One hidden layer of 64 ReLUs, sigmoid output, full-batch Adam (lr 0.01) with weight decay 1e-3, seeded. */
function mlp(fit: readonly ProbeSample[], epochs: number, probeSeed: number): (s: ProbeSample) => number {
  const n = fit.length;
  const h = 64;
  const { mean, scale } = featureStandardisation(fit);
  const x = fit.map((s) => Float64Array.from({ length: d }, (_, j) => (s.features[j] - mean[j]) / scale[j]));
  const rng = createRng(`probe-mlp/${probeSeed}`);
  const params = [Float64Array.from({ length: d * h }, () => rng.normal() / Math.sqrt(d)), new Float64Array(h), Float64Array.from({ length: h }, () => rng.normal() / Math.sqrt(h)), new Float64Array(1)];
  const [w1, b1, w2, b2] = params;
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const hidden = new Float64Array(h);
  const forward = (xi: Float64Array) => {
    let z = b2[0];
    for (let a = 0; a < h; a++) {
      let s = b1[a];
      for (let j = 0; j < d; j++) s += xi[j] * w1[j * h + a];
      hidden[a] = s > 0 ? s : 0;
      z += hidden[a] * w2[a];
    }
    return 1 / (1 + Math.exp(-z));
  };
  const grads = params.map((p) => new Float64Array(p.length));
  for (let t = 1; t <= epochs; t++) {
    for (const g of grads) g.fill(0);
    for (let i = 0; i < n; i++) {
      const err = (forward(x[i]) - fit[i].heavy) / n;
      grads[3][0] += err;
      for (let a = 0; a < h; a++) {
        grads[2][a] += err * hidden[a];
        if (hidden[a] > 0) {
          const back = err * w2[a];
          grads[1][a] += back;
          for (let j = 0; j < d; j++) grads[0][j * h + a] += back * x[i][j];
        }
      }
    }
    params.forEach((p, q) => {
      for (let e = 0; e < p.length; e++) {
        const g = grads[q][e] + (q === 0 || q === 2 ? 1e-3 * p[e] : 0);
        m[q][e] = 0.9 * m[q][e] + 0.1 * g;
        v[q][e] = 0.999 * v[q][e] + 0.001 * g * g;
        p[e] -= (0.01 * (m[q][e] / (1 - 0.9 ** t))) / (Math.sqrt(v[q][e] / (1 - 0.999 ** t)) + 1e-8);
      }
    });
  }
  return (s: ProbeSample) => forward(Float64Array.from({ length: d }, (_, j) => (s.features[j] - mean[j]) / scale[j]));
}

const trainCons = selectSamples(train, 'consequential');
const testCons = selectSamples(test, 'consequential');
const testDetermined = selectSamples(test, 'determined');
const rows: [string, number, number][] = [];
const row = (name: string, predict: (s: ProbeSample) => number, fit: readonly ProbeSample[], scored: readonly ProbeSample[] = testCons) => {
  rows.push([name, accuracy(predict, fit), accuracy(predict, scored)]);
  console.error(`${name}: ${rows.at(-1)![2].toFixed(3)}`);
};
const ladder = [64, 200, 400, trainExamples].filter((n, i, a) => n <= trainExamples && a.indexOf(n) === i);
const testRel = withFeatures(testCons, 'relative');
for (const n of ladder) {
  const fit = withFeatures(trainCons.filter((s) => s.example < n), 'relative');
  row(`relative: u_k minus the other codes' mean (the experiment's accuracy), ${n} training examples`, linear(fit), fit, testRel);
}
for (const n of ladder) {
  const fit = trainCons.filter((s) => s.example < n);
  row(`own code u_k alone (the experiment's accuracyOwnCode), ${n} training examples`, linear(fit), fit);
}
for (const l2 of [0.01, 0.1, 10, 100]) row(`own code, λ = ${l2}`, linear(trainCons, l2), trainCons);
for (const n of [64, 400, trainExamples].filter((n, i, a) => n <= trainExamples && a.indexOf(n) === i)) {
  const fit = trainCons.filter((s) => s.example < n).map(withContext);
  const ctx = linear(fit);
  rows.push([`with context: u_k beside the other codes' mean, ${n} training examples`, accuracy(ctx, fit), accuracy(ctx, testCons.map(withContext))]);
  console.error(`${rows.at(-1)![0]}: ${rows.at(-1)![2].toFixed(3)}`);
}
for (const epochs of [100, 300, 1000]) row(`MLP, 64 hidden, ${epochs} epochs`, mlp(trainCons, epochs, seed), trainCons);
row('own code, on the determined balls only', linear(trainCons), trainCons, testDetermined);

const determined = testCons.filter((s) => s.determined).length / testCons.length;
console.log(`BallsCF mass probe study, seed ${seed}: ${trainExamples} training examples (${trainCons.length} consequential balls), ${testExamples} test examples (${testCons.length} consequential balls), model "${model.name}", ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log(`majority class: ${majorityAccuracy(trainCons, testCons).toFixed(3)}; ceiling (determined balls right, the rest a coin): ${(determined + (1 - determined) / 2).toFixed(3)}`);
console.log('| probe | training accuracy | test accuracy |');
console.log('|---|---|---|');
for (const [name, tr, te] of rows) console.log(`| ${name} | ${tr.toFixed(3)} | ${te.toFixed(3)} |`);
