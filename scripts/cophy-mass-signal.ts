/**
 * npx tsx scripts/cophy-mass-signal.ts [--seed N] [--test N] [--stride N] [--weights DIR]
 *
 * How much of CoDy's training loss could knowing the masses remove, and how much of a trained CoDy's error
 * is something else? Issue #12's probe asks whether u carries the masses; u carries what lowers the loss.
 * On the test split's counterfactual runs this prints scripts/cophyMassSignal.ts's perfect-model rows
 * (keypoint MSE ×10⁻³ with a bootstrap 95% interval over examples, at the model's frame stride, over C's
 * balls): the masses known (0), unknown (the best guess), guessed at random, the mass swap's z′ and Copy-C.
 *
 * `--weights DIR` adds a CoDy trained on the colour-centroid reference's exact keypoints (scripts/train/
 * cophy.ts --stage cody --derender colour --out DIR, e.g. checkpoints/cophy-colour-cody), scored on the
 * same balls against their colour keypoints (keypoint j is the ball of palette colour j): its rollout from C
 * with u from AB, with u = 0 and with the mass swap's u, and its error split at the first frame where the
 * masses make any difference (before it, a perfect model that does not know them errs 0).
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { bootstrapMean } from '../src/shared/bootstrap';
import { initNodeBackend } from '../src/shared/tf/node';
import { generateExample } from '../src/apps/cophy/core/dataset';
import { abductExample, ballsEvaluation, exampleFrames } from '../src/apps/cophy/core/evaluate';
import { selectFrames, strideTimes, type CounterfactualModel } from '../src/apps/cophy/core/counterfactualModel';
import { nodeWeightReader } from '../src/apps/cophy/experiment';
import { flagOr, positiveIntFlag } from './cli-common';
import { loadColourCody } from './cophyColourModel';
import { keypointMseOf, massSignal } from './cophyMassSignal';

const argv = process.argv.slice(2);
const seed = positiveIntFlag(argv, 'seed', 1);
const testExamples = positiveIntFlag(argv, 'test', 200);
const stride = positiveIntFlag(argv, 'stride', 2);
const weights = argv.includes('--weights') ? flagOr(argv, 'weights', '') : null;
let model: CounterfactualModel | null = null;
if (weights) {
  await initNodeBackend('wasm');
  model = await loadColourCody(nodeWeightReader(pathToFileURL(`${resolve(weights)}/`)), weights);
  if (model.timeStride !== stride) throw new Error(`${weights} steps every ${model.timeStride} frames: pass --stride ${model.timeStride}`);
}
const kit = ballsEvaluation();

const rows = new Map<string, number[]>();
const add = (row: string, v: number) => {
  const values = rows.get(row);
  if (values) values.push(v);
  else rows.set(row, [v]);
};
const massShares: number[] = [];
/** CoDy's squared error at kept frames 1 … EARLY, where the masses do not matter yet, and the balls' first step (px). */
const EARLY = 10;
const earlySums = new Float64Array(EARLY + 1);
const earlyCounts = new Float64Array(EARLY + 1);
const firstSteps: number[] = [];
/** How far CoDy moves each ball by kept frame t, as a fraction of its true displacement: along it, and across it. */
const DISPLACEMENT_FRAMES = [1, 3, 6];
const along = DISPLACEMENT_FRAMES.map(() => [] as number[]);
const across = DISPLACEMENT_FRAMES.map(() => [] as number[]);
const t0 = performance.now();
for (let i = 0; i < testExamples; i++) {
  const e = generateExample(seed, 'test', i);
  const times = strideTimes(e.cd.frames, stride);
  const s = massSignal(e, times);
  add('masses known (CD itself)', s.known);
  add('masses unknown, best guess (mean over the 2^N combinations)', s.bestGuess);
  add('masses guessed at random', s.random);
  add("the mass swap's z′", s.swap);
  add('Copy-C', s.copyC);
  massShares.push(s.firstMassFrame / times.length);
  if (!model) continue;
  const ab = abductExample(model, e, i, kit);
  const cd = model.extract(exampleFrames(kit.source, e, 'cd', times, model.imageSize), times.length);
  const c = selectFrames(cd, [0]);
  const keypoints = e.c.objects.map((k) => e.colors[k]);
  const ours = model.rollout(c, ab.u, times.length - 1);
  const first = s.firstMassFrame;
  add('CoDy on exact keypoints, u from AB', keypointMseOf(cd, ours, keypoints));
  add('the same, u = 0', keypointMseOf(cd, model.rollout(c, new Float32Array(ab.u.length), times.length - 1), keypoints));
  const swapAb = model.extract(kit.massSwap(e, times, model.imageSize).abFrames, times.length);
  add("the same, the mass swap's u", keypointMseOf(cd, model.rollout(c, model.confounder(swapAb), times.length - 1), keypoints));
  // Frame 0 is C itself; frames 1 … first − 1 are those where a perfect model without the masses errs 0.
  if (first > 1) add('CoDy, u from AB, frames before the masses make a difference', keypointMseOf(cd, ours, keypoints, 1, first));
  for (let t = 1; t <= Math.min(EARLY, first - 1); t++) {
    earlySums[t] += keypointMseOf(cd, ours, keypoints, t, t + 1);
    earlyCounts[t]++;
  }
  DISPLACEMENT_FRAMES.forEach((t, d) => {
    if (t >= first) return;
    for (const j of keypoints) {
      const [o0, o1] = [j * cd.stateSize, (t * cd.keypoints + j) * cd.stateSize];
      const [tr, tc] = [cd.values[o1] - cd.values[o0], cd.values[o1 + 1] - cd.values[o0 + 1]];
      const [pr, pc] = [ours.values[o1] - ours.values[o0], ours.values[o1 + 1] - ours.values[o0 + 1]];
      const len2 = tr * tr + tc * tc;
      if (len2 < 1e-8) continue; // a ball at rest has no direction to measure along
      along[d].push((pr * tr + pc * tc) / len2);
      across[d].push(Math.abs(pc * tr - pr * tc) / len2);
    }
  });
  for (const j of keypoints) {
    const [r0, c0, r1, c1] = [0, 1, cd.keypoints * cd.stateSize, cd.keypoints * cd.stateSize + 1].map((o) => cd.values[j * cd.stateSize + o]);
    firstSteps.push((Math.hypot(r1 - r0, c1 - c0) * model.imageSize) / 2);
  }
  if (first < times.length) {
    add('CoDy, u from AB, frames from there on', keypointMseOf(cd, ours, keypoints, first));
    add('perfect model, masses unknown, the same frames', s.bestGuessAfter);
  }
}

console.log(`BallsCF test split, seed ${seed}: ${testExamples} examples, stride ${stride}${weights ? `, CoDy ${weights}` : ''}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log('| prediction of CD from C | examples | keypoint MSE ×10⁻³ [95% interval] |\n|---|---|---|');
const f = (x: number) => (x * 1e3).toFixed(1);
for (const [row, values] of rows) {
  const b = bootstrapMean(values, { resamples: 2000, seed });
  console.log(`| ${row} | ${values.length} | ${f(b.value)} [${f(b.lo)}, ${f(b.hi)}] |`);
}
if (model) {
  // keypoint units to pixels: [−1, 1] spans the image
  const px = (mseValue: number) => ((Math.sqrt(mseValue) * model!.imageSize) / 2).toFixed(2);
  const early = [1, 2, 3, 5, 10].filter((t) => earlyCounts[t] > 0).map((t) => `frame ${t}: ${px(earlySums[t] / earlyCounts[t])} px (${earlyCounts[t]} examples)`);
  console.log(`CoDy's root-mean-square keypoint error before the masses matter, by kept frame: ${early.join(', ')}.`);
  const m = (v: number[]) => (v.reduce((a, b) => a + b, 0) / v.length).toFixed(2);
  const moved = DISPLACEMENT_FRAMES.map((t, d) => `frame ${t}: ${m(along[d])} along, ${m(across[d])} across (${along[d].length} balls)`);
  console.log(`CoDy's displacement of each ball from C, as a fraction of the true one, before the masses matter: ${moved.join('; ')}.`);
  console.log(`The balls' first kept step: ${(firstSteps.reduce((a, b) => a + b, 0) / firstSteps.length).toFixed(2)} px on average.`);
}
const share = massShares.reduce((a, b) => a + b, 0) / massShares.length;
console.log(`The masses make no difference to CD (half a pixel) in the first ${(100 * share).toFixed(0)}% of the kept frames, on average.`);
