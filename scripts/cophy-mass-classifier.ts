/**
 * npx tsx scripts/cophy-mass-classifier.ts [--seed N] [--train N] [--test N] [--steps N] [--batch N] [--renderer colour|derender] [--unfiltered] [--out FILE]
 *
 * The paper's own check of whether the masses can be read off AB (arXiv 2202.00368, Appendix A.1, Table 6a and
 * Fig. 8): a recurrent graph network, trained *with* the masses as labels, predicts each object's mass from
 * AB's state trajectory, and is scored by its accuracy over all objects and by its "corrected accuracy" over
 * the consequential ones. The paper ran it on BlocktowerCF's ground-truth states (56% / 58% without the
 * identifiability constraint, 84% / 91% with it). Here it runs on BallsCF, and its network is CoDy's own
 * confounder estimator (core/cody.ts: the graph network over each frame's keypoints, then the 2-layer GRU whose
 * last state is u_k; CoDy.py l. 6–21) with a small MLP head u_k → logit, on the states CoDy sees (keypoints,
 * coefficients and their finite differences):
 *
 * - `--renderer colour` (the default): the colour-centroid reference's exact keypoints, the nearest thing in
 *   pixels to the paper's ground-truth states;
 * - `--renderer derender`: the shipped de-rendering's keypoints, what the shipped CoDy abducts u from.
 *
 * `--unfiltered` trains and tests on examples generated without the filter (core/dataset.ts `unfiltered`: each
 * example the first candidate, kept or not), the paper's "without constraint" column.
 *
 * After training, issue #12's linear probe (core/massProbe.ts, the experiment's) is fitted on this estimator's u as
 * it is on the unsupervised CoDy's: at the quick run's size (64 training, 32 test examples) on data seeds 1–3, and on
 * 800 / the test examples of --seed. How far the bar is from what labels can put in u, at the bar's own sample size.
 *
 * `--out FILE` writes the run as JSON: the command, its settings, the test accuracies at every evaluation and the
 * final ones with bootstrap 95% intervals over test examples.
 *
 * Issue #12's probe reads the masses linearly off a u that CoDy learnt without labels. This asks what the same
 * estimator reaches when the masses are its training signal: an upper reference for that probe at this data
 * size, beside the filter's ceiling (massProbe.ceiling: AB pins down some balls' masses, the rest are a coin).
 * Accuracies are over the test split's balls: all of them; the consequential ones (mass flip changes AB or CD:
 * issue #12's probe set); the counterfactual ones (it changes CD: the paper's corrected accuracy); and the
 * consequential ones whose mass AB pins down. With the
 * training split's majority class beside them. Not part of the paper's model; a diagnostic, never shipped.
 */
import * as tf from '@tensorflow/tfjs-core';
import { pathToFileURL } from 'node:url';
import { initNodeBackend } from '../src/shared/tf/node';
import { createRng } from '../src/shared/random';
import { generateExample } from '../src/apps/cophy/core/dataset';
import { ballsEvaluation, exampleFrames } from '../src/apps/cophy/core/evaluate';
import { strideTimes, type StateRenderer } from '../src/apps/cophy/core/counterfactualModel';
import { DEFAULT_CODY_CONFIG, codyParamSpecs, confounderTfOf, initialCodyParams, timeMajor, type CodyConfig } from '../src/apps/cophy/core/cody';
import { DEFAULT_KEYPOINT_STRIDE, withVelocities } from '../src/apps/cophy/core/keypointStates';
import { ballObjects, fitLinearProbe, probeAccuracy, probeSamples, selectSamples, type ProbeSample } from '../src/apps/cophy/core/massProbe';
import { ColourKeypointRenderer } from '../src/apps/cophy/core/referenceModels';
import { IMAGE_SIZE } from '../src/apps/cophy/core/render';
import { loadShippedModel } from '../src/apps/cophy/core/shippedModel';
import { DEFAULT_BALLS } from '../src/apps/cophy/core/simulator';
import { DEFAULT_DYNAMICS_LOADER, nodeWeightReader } from '../src/apps/cophy/experiment';
import { writeFileSync } from 'node:fs';
import { bootstrapRatio } from '../src/shared/bootstrap';
import { flagOr, positiveIntFlag } from './cli-common';
import { BALL_SETS, classifierAccuracy, classifierCounts, maskedLogLoss, type ClassifierAccuracy, type MassLabels } from './cophyMassClassifier';

const argv = process.argv.slice(2);
const seed = positiveIntFlag(argv, 'seed', 1);
const trainCount = positiveIntFlag(argv, 'train', 1000);
const testCount = positiveIntFlag(argv, 'test', 200);
// --steps 0: the estimator as initialised, untrained (what a linear probe reads of a random u)
const steps = flagOr(argv, 'steps', '1500') === '0' ? 0 : positiveIntFlag(argv, 'steps', 1500);
const batch = positiveIntFlag(argv, 'batch', 32);
const evalEvery = positiveIntFlag(argv, 'eval-every', 250);
const rendererName = flagOr(argv, 'renderer', 'colour');
const unfiltered = argv.includes('--unfiltered');
const outPath = argv.includes('--out') ? flagOr(argv, 'out', '') : null;
if (rendererName !== 'colour' && rendererName !== 'derender') throw new Error(`--renderer takes colour or derender, not "${rendererName}"`);

await initNodeBackend('wasm');
const renderer: Pick<StateRenderer, 'imageSize' | 'keypoints' | 'stateSize' | 'extract'> =
  rendererName === 'colour' ? new ColourKeypointRenderer(IMAGE_SIZE, DEFAULT_BALLS) : await loadShippedModel(nodeWeightReader(pathToFileURL(`${process.cwd()}/src/apps/cophy/weights/`)), DEFAULT_DYNAMICS_LOADER);
const kit = ballsEvaluation();
const k = renderer.keypoints;
const raw = renderer.stateSize;
const config: CodyConfig = { ...DEFAULT_CODY_CONFIG, keypoints: k, stateSize: 2 * raw };
const t0 = performance.now();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(0);

interface Item {
  /** frames × K × S, velocities added as Keypoints_Loaders.py */
  ab: Float32Array;
  labels: MassLabels;
  /** A's balls matched to keypoints at t = 0, for the linear probe of the trained u (features filled in later) */
  samples: ProbeSample[];
}
let frames = 0;
function items(split: 'train' | 'test', count: number, dataSeed = seed): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < count; i++) {
    const e = generateExample(dataSeed, split, i, { unfiltered });
    const times = strideTimes(kit.source.frames(e, 'ab'), DEFAULT_KEYPOINT_STRIDE);
    frames = times.length;
    const states = renderer.extract(exampleFrames(kit.source, e, 'ab', times, renderer.imageSize), times.length);
    const labels = {
      masses: e.masses,
      consequentialObjects: e.consequentialObjects,
      counterfactualObjects: e.counterfactualObjects,
      determinedObjects: kit.determinedObjects?.(e),
    };
    // probeSamples matches each ball of A to a keypoint at t = 0; its features are not used here
    const samples = probeSamples(labels, i, states, new Float32Array(k), 1, ballObjects(e, renderer.imageSize));
    const mass = new Float32Array(k);
    const present = new Float32Array(k);
    const consequential = new Float32Array(k);
    const counterfactual = new Float32Array(k);
    const determined = new Float32Array(k);
    for (const s of samples) {
      mass[s.keypoint] = s.heavy;
      present[s.keypoint] = 1;
      consequential[s.keypoint] = s.consequential ? 1 : 0;
      counterfactual[s.keypoint] = s.counterfactual ? 1 : 0;
      determined[s.keypoint] = s.consequential && s.determined ? 1 : 0;
    }
    out.push({ ab: withVelocities(states.values, times.length, k, raw), labels: { heavy: mass, present, consequential, counterfactual, determined }, samples });
    if ((i + 1) % 250 === 0) console.error(`${split}: ${i + 1}/${count} examples (${seconds()} s)`);
  }
  return out;
}
const train = items('train', trainCount);
const test = items('test', testCount);

// tensors held before the classifier's own (the shipped de-rendering's weights, with --renderer derender)
const tensorsBefore = tf.memory().numTensors;
// CoDy's confounder parameters (conf/…), initialised as CoDy's, and the head u_k → 32 ReLU → logit (the paper's MLP)
const init = initialCodyParams(config, seed);
const params: Record<string, tf.Variable> = {};
for (const s of codyParamSpecs(config).filter((p) => p.name.startsWith('conf/'))) params[s.name] = tf.tidy(() => tf.variable(tf.tensor(init[s.name], [...s.shape])));
const headRng = createRng(seed).fork('cophy/mass-classifier/head');
const uniform = (n: number, bound: number) => Float32Array.from({ length: n }, () => headRng.uniform(-bound, bound));
const cf = config.confounderSize;
params['head/1/kernel'] = tf.tidy(() => tf.variable(tf.tensor2d(uniform(cf * cf, 1 / Math.sqrt(cf)), [cf, cf])));
params['head/1/bias'] = tf.tidy(() => tf.variable(tf.tensor1d(uniform(cf, 1 / Math.sqrt(cf)))));
params['head/2/kernel'] = tf.tidy(() => tf.variable(tf.tensor2d(uniform(cf, 1 / Math.sqrt(cf)), [cf, 1])));
params['head/2/bias'] = tf.tidy(() => tf.variable(tf.tensor1d(uniform(1, 1 / Math.sqrt(cf)))));

/** logits, B × K, from time-major AB states. */
function logits(ab: tf.Tensor4D): tf.Tensor2D {
  const u = confounderTfOf(config, params, ab);
  const [b] = u.shape;
  const flat = tf.reshape(u, [b * k, cf]) as tf.Tensor2D;
  const hidden = tf.relu(tf.add(tf.matMul(flat, params['head/1/kernel'] as tf.Tensor2D), params['head/1/bias']));
  return tf.reshape(tf.add(tf.matMul(hidden as tf.Tensor2D, params['head/2/kernel'] as tf.Tensor2D), params['head/2/bias']), [b, k]) as tf.Tensor2D;
}

const s = config.stateSize;
function batchOf(list: readonly Item[]): { ab: tf.Tensor4D; heavy: tf.Tensor2D; present: tf.Tensor2D } {
  const b = list.length;
  const ab = new Float32Array(b * frames * k * s);
  const heavy = new Float32Array(b * k);
  const present = new Float32Array(b * k);
  list.forEach((it, i) => {
    ab.set(it.ab, i * frames * k * s);
    heavy.set(it.labels.heavy, i * k);
    present.set(it.labels.present, i * k);
  });
  return { ab: tf.tensor4d(timeMajor(ab, b, frames, k, s), [frames, b, k, s]), heavy: tf.tensor2d(heavy, [b, k]), present: tf.tensor2d(present, [b, k]) };
}

/** The trained estimator's u of each item (K × cf), in batches. */
function codesOf(list: readonly Item[]): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < list.length; i += 64) {
    const part = list.slice(i, i + 64);
    const u = tf.tidy(() => confounderTfOf(config, params, batchOf(part).ab).dataSync() as Float32Array);
    part.forEach((_, j) => out.push(u.slice(j * k * cf, (j + 1) * k * cf)));
  }
  return out;
}

/**
 * Issue #12's linear probe (core/massProbe.ts, as the experiment fits it: on the consequential balls of the
 * first `trainN` training examples of data seed `dataSeed`, scored on those of its first `testN` test examples),
 * on this estimator's u instead of the unsupervised CoDy's.
 */
function linearProbeOfU(dataSeed: number, trainN: number, testN: number): { accuracy: number; balls: number } {
  const withCodes = (list: Item[]) => {
    const codes = codesOf(list);
    return list.flatMap((it, i) => it.samples.map((sm) => ({ ...sm, features: codes[i].slice(sm.keypoint * cf, (sm.keypoint + 1) * cf) })));
  };
  const fitOn = withCodes(dataSeed === seed && trainN <= train.length ? train.slice(0, trainN) : items('train', trainN, dataSeed));
  const scoreOn = withCodes(dataSeed === seed && testN <= test.length ? test.slice(0, testN) : items('test', testN, dataSeed));
  const score = probeAccuracy(fitLinearProbe(selectSamples(fitOn, 'consequential')), selectSamples(scoreOn, 'consequential'));
  return { accuracy: score.accuracy, balls: score.total };
}

function predict(list: readonly Item[]): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < list.length; i += 64) {
    const part = list.slice(i, i + 64);
    const p = tf.tidy(() => tf.sigmoid(logits(batchOf(part).ab)).dataSync() as Float32Array);
    part.forEach((_, j) => out.push(p.slice(j * k, (j + 1) * k)));
  }
  return out;
}

const history: { step: number; test: ClassifierAccuracy; train200: ClassifierAccuracy }[] = [];
function report(step: number): void {
  const te = classifierAccuracy(predict(test), test.map((t) => t.labels));
  const tr = classifierAccuracy(predict(train.slice(0, 200)), train.slice(0, 200).map((t) => t.labels));
  const f = (x: number) => x.toFixed(3);
  console.log(
    `step ${step}: test accuracy, all balls ${f(te.all)} (${te.counts.all}), consequential ${f(te.consequential)} (${te.counts.consequential}), ` +
      `counterfactual ${f(te.counterfactual)} (${te.counts.counterfactual}), consequential and pinned down by AB ${f(te.determined)} (${te.counts.determined}); ` +
      `first 200 training examples: ${f(tr.all)} / ${f(tr.consequential)} / ${f(tr.counterfactual)} / ${f(tr.determined)} (${seconds()} s)`,
  );
  history.push({ step, test: te, train200: tr });
}

const majority = classifierAccuracy(
  test.map(() => new Float32Array(k).fill(train.reduce((a, t) => a + t.labels.heavy.reduce((x, y, j) => x + y * t.labels.present[j], 0), 0) / train.reduce((a, t) => a + t.labels.present.reduce((x, y) => x + y, 0), 0))),
  test.map((t) => t.labels),
);
console.log(
  `BallsCF${unfiltered ? ' without the filter' : ''}, data seed ${seed}: ${train.length} training and ${test.length} test examples, ${rendererName} keypoints at stride ${DEFAULT_KEYPOINT_STRIDE} (${frames} frames); ` +
    `CoDy's confounder estimator + MLP head, batch ${batch}, Adam 1e-3, ${steps} steps. The training split's majority class scores ${majority.all.toFixed(3)} / ${majority.consequential.toFixed(3)} / ${majority.counterfactual.toFixed(3)} / ${majority.determined.toFixed(3)} on the test balls (all / consequential / counterfactual / pinned down).`,
);
const optimizer = tf.train.adam(1e-3);
const order = createRng(seed).fork('cophy/mass-classifier/order');
let cursor = train.length;
let perm: number[] = [];
for (let step = 1; step <= steps; step++) {
  const picked: Item[] = [];
  while (picked.length < batch) {
    if (cursor >= perm.length) {
      perm = order.shuffle(Array.from({ length: train.length }, (_, i) => i));
      cursor = 0;
    }
    picked.push(train[perm[cursor++]]);
  }
  const loss = tf.tidy(() => {
    const bt = batchOf(picked);
    return optimizer.minimize(() => maskedLogLoss(logits(bt.ab), bt.heavy, bt.present), true, Object.values(params))!.dataSync()[0];
  });
  if (step % 50 === 0) console.error(`step ${step}/${steps}: loss ${loss.toFixed(4)} (${seconds()} s)`);
  if (step % evalEvery === 0 || step === steps) report(step);
}

// the last step's test accuracies with bootstrap 95% intervals, examples resampled (their balls move together)
const counts = classifierCounts(predict(test), test.map((t) => t.labels));
const final = Object.fromEntries(BALL_SETS.map((set) => [set, bootstrapRatio(counts[set].right, counts[set].total, { resamples: 2000, seed })]));
console.log(`final test accuracy [95% interval]: ${BALL_SETS.map((set) => `${set} ${final[set].value.toFixed(3)} [${final[set].lo.toFixed(3)}, ${final[set].hi.toFixed(3)}]`).join(', ')}`);
// the parameters, Adam's two step-count scalars, and its two moments per parameter once it has stepped
const expectedTensors = tensorsBefore + Object.keys(params).length * (steps > 0 ? 3 : 1) + 2;
console.log(`tensors left: ${tf.memory().numTensors} (the renderer's, the parameters and Adam's state: ${expectedTensors} expected)`);
// the quick run's probe (64 training, 32 test examples) on data seeds 1–3, and the full run's size on this seed
const probes = [
  ...[1, 2, 3].map((dataSeed) => ({ dataSeed, train: 64, test: 32, ...linearProbeOfU(dataSeed, 64, 32) })),
  { dataSeed: seed, train: Math.min(800, train.length), test: test.length, ...linearProbeOfU(seed, Math.min(800, train.length), test.length) },
];
console.log(
  `issue #12's linear probe on this estimator's u (consequential test balls): ${probes.map((p) => `data seed ${p.dataSeed}, ${p.train}/${p.test} examples: ${p.accuracy.toFixed(3)} (${p.balls} balls)`).join('; ')}`,
);
if (outPath) {
  const command = ['npx tsx scripts/cophy-mass-classifier.ts', ...argv.filter((_, i) => argv[i] !== '--out' && argv[i - 1] !== '--out')].join(' ');
  writeFileSync(
    outPath,
    `${JSON.stringify(
      {
        what: "the paper's Table 6a check (arXiv 2202.00368, Appendix A.1) in miniature: CoDy's confounder estimator and an MLP head, trained with the masses as labels on AB's states",
        command,
        seed,
        renderer: rendererName,
        unfiltered,
        trainExamples: train.length,
        testExamples: test.length,
        steps,
        batch,
        majority,
        final,
        linearProbeOfU: probes,
        history,
        minutes: Number(((performance.now() - t0) / 60_000).toFixed(1)),
      },
      null,
      1,
    )}\n`,
  );
  console.log(`wrote ${outPath}`);
}
