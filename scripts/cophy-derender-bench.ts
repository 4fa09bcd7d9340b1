/**
 * npx tsx scripts/cophy-derender-bench.ts [--backend wasm|cpu] [--steps N] [--batch N]
 *
 * Milliseconds per training step of the Filtered-CoPhy de-rendering model (src/apps/cophy/core/
 * derendering.ts, the shipped size) in Node: forward, backward and Adam on `--batch` (16) frame pairs
 * rendered on demand. Prints each step and the median after the first (which includes warm-up).
 */
import { initNodeBackend } from '../src/shared/tf/node';
import { generateExample } from '../src/apps/cophy/core/dataset';
import { DerenderTrainer } from '../src/apps/cophy/core/derenderTrainer';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

const backend = flag('backend', 'wasm');
if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu, not "${backend}"`);
const steps = Number(flag('steps', '6'));
const batch = Number(flag('batch', '16'));
await initNodeBackend(backend);
const examples = Array.from({ length: 32 }, (_, i) => generateExample(1, 'train', i));
const trainer = new DerenderTrainer(examples, { seed: 1, batch });
const ms: number[] = [];
for (let i = 0; i < steps; i++) {
  const s = trainer.step();
  ms.push(s.ms);
  console.log(`${backend} batch ${batch} step ${s.step}: loss ${s.loss.toFixed(1)}, ${s.ms.toFixed(0)} ms`);
}
const rest = ms.slice(1).sort((a, b) => a - b);
if (rest.length) console.log(`${backend} batch ${batch}: median ${rest[Math.floor(rest.length / 2)].toFixed(0)} ms/step over steps 2–${steps}`);
trainer.dispose();
