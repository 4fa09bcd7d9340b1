/**
 * npx tsx scripts/ilqr-cold-start.ts [weights.json]
 *
 * iLQR from a cold start (zero inputs) on each Lorenz test trial with the shipped model
 * (src/apps/ilqr/weights/lorenz.json by default): iterations to converge (relative change < 1e-4,
 * at most 100) with the official solver's μ schedule (dilqr) and with plain doubling, to show how
 * much of the cold-start cost is the schedule. Prints one line per schedule and the medians.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRng } from '../src/shared/random';
import { generateLorenzData, trials } from '../src/apps/ilqr/core/lorenz';
import { median, modelFromCheckpoint, type LorenzCheckpointFile } from '../src/apps/ilqr/core/lorenzViews';

const file = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../src/apps/ilqr/weights/lorenz.json'));
const w = JSON.parse(readFileSync(file, 'utf8')) as LorenzCheckpointFile;
const vae = modelFromCheckpoint(w);
const test = trials(generateLorenzData(w.system, createRng(w.seed).fork('lorenz data')), 'test');
console.log(`checkpoint ${file.split('/').slice(-1)[0]}: ${w.steps} steps, ${test.observations.length} test trials`);
for (const muSchedule of ['dilqr', 'doubling'] as const) {
  const its = test.observations.map((o) => vae.infer(o, undefined, { tolerance: 1e-4, maxIterations: 100, muSchedule }).iterations);
  console.log(`${muSchedule.padEnd(8)} iterations ${its.join(',')}; median ${median(its)}, ≤ 20 in ${its.filter((k) => k <= 20).length}/${its.length}`);
}
