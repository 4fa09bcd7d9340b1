/**
 * npx tsx scripts/cophy-lpsnr-gap.ts [--scenario blocktower|collision] [--examples N] [--seed N] [--all] [--weights DIR] [--per-example]
 *
 * Where a 3-D scenario's L-PSNR gap comes from (issue #14: on BlocktowerCF's unstable towers the shipped
 * model's D scores below Copy-C in pixels although its keypoints are 4× nearer). For the first N test
 * examples (BlocktowerCF: those whose C is unstable, unless --all), the shipped model's predicted states are
 * decoded again with parts of them replaced by the encoder's keypoints of the true D, and each variant is
 * scored as `experiment.ts` scores ours (L-PSNR, the official mask, averaged as `videoAverage`, every frame
 * of the model's time stride). A variant that closes the gap names the part of the prediction that opens it:
 * positions or appearance coefficients, the objects that stay put or those that move. --weights reads
 * another model's files (default src/apps/cophy/weights/<scenario>/). --per-example also prints each example's
 * L-PSNR for ours, Copy-C and the decoder's ceiling with how far its objects travel: a mean over a dozen towers
 * can hang on one or two where nothing moves much and Copy-C is nearly exact.
 */
import { bootstrapMean } from '../src/shared/bootstrap';
import { initNodeBackend } from '../src/shared/tf/node';
import { selectFrames, strideTimes, type KeypointStates } from '../src/apps/cophy/core/counterfactualModel';
import { abductExample, exampleFrames } from '../src/apps/cophy/core/evaluate';
import { KPMSE_SCALE, keypointMse, removeBackground, videoPixelScores } from '../src/apps/cophy/core/metrics';
import { loadShippedModel } from '../src/apps/cophy/core/shippedModel';
import { DEFAULT_DYNAMICS_LOADER, nodeWeightReader } from '../src/apps/cophy/experiment';
import { generateExample3d, type Scenario3d } from '../src/apps/cophy/core3d/dataset3d';
import { evaluation3d } from '../src/apps/cophy/core3d/evaluation3d';
import { initPhysics } from '../src/apps/cophy/core3d/physics';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

/** A keypoint "stays put" when it never moves this far from C in the true D (keypoint units of [−1, 1]: about 3 px of 64). */
const STILL_RADIUS = 0.1;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}
const scenario = flag('scenario', 'blocktower') as Scenario3d;
if (scenario !== 'blocktower' && scenario !== 'collision') throw new Error(`--scenario must be blocktower or collision, not "${scenario}"`);
const wanted = Number(flag('examples', '24'));
const seed = Number(flag('seed', '1'));
const all = process.argv.includes('--all') || scenario !== 'blocktower';
const perExample = process.argv.includes('--per-example');

await initNodeBackend('wasm');
await initPhysics();
const weights = process.argv.includes('--weights') ? pathToFileURL(resolve(flag('weights', '.')) + '/') : new URL(`../src/apps/cophy/weights/${scenario}/`, import.meta.url);
const model = await loadShippedModel(nodeWeightReader(weights), DEFAULT_DYNAMICS_LOADER);
const kit = evaluation3d();
const size = model.imageSize;
const views = (b: Float32Array, n: number) => Array.from({ length: n }, (_, i) => b.subarray((i * b.length) / n, ((i + 1) * b.length) / n));
const scores = new Map<string, number[]>();
const add = (name: string, v: number) => scores.set(name, [...(scores.get(name) ?? []), v]);
const t0 = performance.now();

for (let i = 0, used = 0; used < wanted && i < 200; i++) {
  const example = generateExample3d(scenario, seed, 'test', i);
  if (!all && example.cdStable !== false) continue;
  used++;
  const times = strideTimes(kit.source.frames(example, 'cd'), model.timeStride);
  const frames = times.length;
  const cdFrames = exampleFrames(kit.source, example, 'cd', times, size);
  const truth = model.extract(cdFrames, frames);
  const ours = model.rollout(selectFrames(truth, [0]), abductExample(model, example, i, kit).u, frames - 1);
  const k = truth.keypoints;
  const s = truth.stateSize;
  // The farthest each true keypoint gets from where it was in C.
  const travel = Array.from({ length: k }, (_, j) => {
    let m = 0;
    for (let t = 0; t < frames; t++) {
      const dr = truth.values[(t * k + j) * s] - truth.values[j * s];
      const dc = truth.values[(t * k + j) * s + 1] - truth.values[j * s + 1];
      m = Math.max(m, Math.sqrt(dr * dr + dc * dc));
    }
    return m;
  });
  /** The true states with ours in the numbers `fromOurs(keypoint, index in the state)` picks. */
  const splice = (fromOurs: (j: number, n: number) => boolean): KeypointStates => {
    const values = Float32Array.from(truth.values);
    for (let r = 0; r < frames * k; r++) for (let n = 0; n < s; n++) if (fromOurs(r % k, n)) values[r * s + n] = ours.values[r * s + n];
    return { ...truth, values };
  };
  const still = (j: number) => travel[j] < STILL_RADIUS;
  const variants: [string, KeypointStates][] = [
    ['ours (the shipped model)', ours],
    ['our positions, true coefficients', splice((_, n) => n < 2)],
    ['true positions, our coefficients', splice((_, n) => n >= 2)],
    ['ours on objects that stay put, true elsewhere', splice((j, n) => n < 2 && still(j))],
    ['ours on objects that move, true elsewhere', splice((j, n) => n < 2 && !still(j))],
    ["Copy-C's keypoints, decoded", selectFrames(truth, new Array<number>(frames).fill(0))],
    ['decoder ceiling (true keypoints)', truth],
  ];
  const cdViews = views(cdFrames, frames);
  const { masks } = removeBackground(cdViews, size, kit.backgrounds(size));
  const videoFrames = kit.source.frames(example, 'cd');
  for (const [name, states] of variants) add(name, videoPixelScores(cdViews, views(model.decode(states, cdViews[0]), frames), masks, { videoFrames }).meanLpsnr);
  add('Copy-C (pixels)', videoPixelScores(cdViews, cdViews.map(() => cdViews[0]), masks, { videoFrames }).meanLpsnr);
  add('keypoint MSE ×10⁻³, ours', keypointMse(truth, ours) * KPMSE_SCALE);
  add('objects that stay put, per example', travel.filter((_, j) => still(j)).length);
  if (perExample) {
    const last = (name: string) => scores.get(name)!.at(-1)!.toFixed(2);
    const px = (v: number) => ((v * size) / 2).toFixed(1);
    console.log(`  test ${i}: ours ${last('ours (the shipped model)')}, Copy-C ${last('Copy-C (pixels)')}, ceiling ${last('decoder ceiling (true keypoints)')} dB; objects travel ${travel.map(px).join(' / ')} px`);
  }
  console.error(`[gap] ${used}/${wanted} (test example ${i}, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
model.dispose();

const count = scores.get('ours (the shipped model)')?.length ?? 0;
console.log(`${scenario}, seed ${seed}, ${count} test examples${all ? '' : ' with an unstable C'}; L-PSNR in dB, mean [95% bootstrap interval]:`);
for (const [name, values] of scores) {
  const b = bootstrapMean(values, { resamples: 2000, seed: `gap/${name}` });
  console.log(`  ${name.padEnd(48)} ${b.value.toFixed(2)} [${b.lo.toFixed(2)}, ${b.hi.toFixed(2)}]`);
}
console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s`);
