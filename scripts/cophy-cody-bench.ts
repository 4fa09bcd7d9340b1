/**
 * npx tsx scripts/cophy-cody-bench.ts [--backend wasm|cpu] [--steps N] [--batch N] [--horizon H] [--frames T]
 *
 * Milliseconds per CoDy training step (src/apps/cophy/core/cody.ts, the shipped size) in Node: forward,
 * backward and Adam on `--batch` (16) examples of random keypoint states, rolled out `--horizon` steps
 * (default frames − 1 = 149, the official). The cost does not depend on the values. Also times the plain
 * TypeScript inference rollout of 149 steps. Prints each step and the median after the first.
 */
import { initNodeBackend } from '../src/shared/tf/node';
import { createRng } from '../src/shared/random';
import { DEFAULT_CODY_CONFIG, codyParamCount, rolloutPlain } from '../src/apps/cophy/core/cody';
import { CodyTrainer } from '../src/apps/cophy/core/codyTrainer';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}
const backend = flag('backend', 'wasm');
if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu, not "${backend}"`);
const steps = Number(flag('steps', '4'));
const batch = Number(flag('batch', '16'));
const frames = Number(flag('frames', '150'));
const horizon = Number(flag('horizon', String(frames - 1)));
await initNodeBackend(backend);
const c = DEFAULT_CODY_CONFIG;
const r = createRng(1);
const n = frames * c.keypoints * c.stateSize;
const examples = Array.from({ length: 2 * batch }, () => ({ ab: Float32Array.from({ length: n }, () => r.uniform(-1, 1)), cd: Float32Array.from({ length: n }, () => r.uniform(-1, 1)) }));
const trainer = new CodyTrainer(examples, { seed: 1, frames, batch, horizon });
console.log(`CoDy: ${codyParamCount(c).toLocaleString('en-US')} parameters; ${backend}, batch ${batch}, ${frames} frames, training horizon ${horizon}`);
const ms: number[] = [];
for (let i = 0; i < steps; i++) {
  const s = trainer.step();
  ms.push(s.ms);
  console.log(`step ${s.step}: loss ${s.loss.toFixed(1)}, ${s.ms.toFixed(0)} ms`);
}
const rest = ms.slice(1).sort((a, b) => a - b);
const median = rest.length ? rest[Math.floor(rest.length / 2)] : ms[0];
console.log(`${backend} batch ${batch} horizon ${horizon}: median ${median.toFixed(0)} ms/step over steps 2–${steps}; 2,000 steps ≈ ${((median * 2000) / 3.6e6).toFixed(2)} h`);
const params = trainer.snapshot();
const t0 = performance.now();
rolloutPlain(c, params, { ab: examples[0].ab, abFrames: frames, c: examples[0].cd.subarray(0, c.keypoints * c.stateSize), horizon: 149 });
console.log(`plain-TypeScript inference (confounder over ${frames} AB frames + 149-step rollout, one example): ${(performance.now() - t0).toFixed(0)} ms`);
trainer.dispose();
