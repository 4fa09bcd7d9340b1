/**
 * npx tsx scripts/cophy-keypoints-bench.ts [--backend wasm|cpu] [--examples N] [--chunk N] [--stride N]
 *
 * Cost per frame of Filtered-CoPhy keypoint extraction (src/apps/cophy/core/keypointStates.ts) in Node:
 * render each AB and CD frame on demand and run the shipped-size de-rendering encoder over it (random
 * weights: the cost does not depend on them). Prints the rendering and encoding shares and the time the
 * training split (1,000 examples × 2 videos) would take at this rate.
 */
import { initNodeBackend } from '../src/shared/tf/node';
import { generateExample } from '../src/apps/cophy/core/dataset';
import { DEFAULT_DERENDER_CONFIG, DerenderModel } from '../src/apps/cophy/core/derendering';
import { extractStates, strideTimes } from '../src/apps/cophy/core/keypointStates';
import { renderExampleFrame } from '../src/apps/cophy/core/render';
import { DerenderStateRenderer } from '../src/apps/cophy/core/shippedModel';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}
const backend = flag('backend', 'wasm');
if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu, not "${backend}"`);
const count = Number(flag('examples', '2'));
const chunk = Number(flag('chunk', '50'));
const stride = Number(flag('stride', '1'));
await initNodeBackend(backend);
const examples = Array.from({ length: count }, (_, i) => generateExample(1, 'train', i));
const model = DerenderModel.create(DEFAULT_DERENDER_CONFIG, 1);
const encoder = new DerenderStateRenderer(model, chunk);
extractStates(encoder, examples.slice(0, 1), { stride: 10, chunk }); // warm-up
const frames = examples.reduce((a, e) => a + strideTimes(e.ab.frames, stride).length + strideTimes(e.cd.frames, stride).length, 0);
let t0 = performance.now();
for (const e of examples) for (const part of ['ab', 'cd'] as const) for (const t of strideTimes(e[part].frames, stride)) renderExampleFrame(e, part, t);
const renderMs = (performance.now() - t0) / frames;
t0 = performance.now();
extractStates(encoder, examples, { stride, chunk });
const totalMs = (performance.now() - t0) / frames;
const perExample = (totalMs * frames) / count;
console.log(
  `${backend}, chunk ${chunk}, stride ${stride}: ${frames} frames, ${totalMs.toFixed(2)} ms a frame (rendering ${renderMs.toFixed(2)}, encoding ${(totalMs - renderMs).toFixed(2)}); ` +
    `1,000 training examples at this rate: ${((perExample * 1000) / 60000).toFixed(1)} min`,
);
model.dispose();
