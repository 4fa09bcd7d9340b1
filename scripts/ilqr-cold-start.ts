/**
 * npx tsx scripts/ilqr-cold-start.ts [weights.json]
 *
 * iLQR from a cold start (zero inputs) on each Lorenz test trial with the shipped model
 * (src/apps/ilqr/weights/lorenz.json by default): iterations to converge (relative change < 1e-4,
 * at most 100) with the exact Hessian of the Student-t prior (the official code's) under the official
 * solver's μ schedule (dilqr) and under plain doubling; with the prior's majorizer curvature
 * (core/model.ts); and with the default, exact where Q_uu allows it and the majorizer elsewhere
 * (core/ilqr.ts). Prints one line per variant with the iterations per trial, their median, how many
 * converge within 20, and the largest gap between its final cost and the best any variant found on
 * the same trial (all variants minimise the same cost).
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
const variants = [
  { label: 'exact Hessian, dilqr μ', curvature: 'exact', muSchedule: 'dilqr' },
  { label: 'exact Hessian, doubling μ', curvature: 'exact', muSchedule: 'doubling' },
  { label: 'majorizer, dilqr μ', curvature: 'majorizer', muSchedule: 'dilqr' },
  { label: 'exact else majorizer, dilqr μ (default)', curvature: 'exact-else-majorizer', muSchedule: 'dilqr' },
] as const;
const runs = variants.map((v) => test.observations.map((o) => vae.infer(o, undefined, { tolerance: 1e-4, maxIterations: 100, muSchedule: v.muSchedule, curvature: v.curvature })));
const best = test.observations.map((_, i) => Math.min(...runs.map((r) => r[i].cost)));
variants.forEach((v, j) => {
  const its = runs[j].map((r) => r.iterations);
  const gap = Math.max(...runs[j].map((r, i) => r.cost - best[i]));
  const unconverged = runs[j].filter((r) => !r.converged).length;
  console.log(`${v.label}: iterations ${its.join(',')}; median ${median(its)}, ≤ 20 in ${its.filter((k) => k <= 20).length}/${its.length}, unconverged ${unconverged}; largest cost above the best found ${gap.toFixed(2)}`);
});
