/**
 * Runs the quick NTL experiment with the official code's loss form (KL_S − clamp(0.1·KL_T, ≤1) ·
 * clamp(0.1·MMD, ≤1), KL = CE/10) instead of the paper's, and writes its report.
 * Usage: npx tsx src/apps/ntl/results/run-variant.ts <seed> <out.json>
 */
import { writeFileSync } from 'node:fs';
import { initNodeBackend } from '../../../shared/tf/node';
import experiment from '../experiment';

async function main(): Promise<void> {
  const seed = Number(process.argv[2] ?? 1);
  const out = process.argv[3];
  if (!Number.isInteger(seed) || !out) throw new Error('usage: run-variant.ts <seed> <out.json>');
  await initNodeBackend('wasm');
  const report = await experiment({ quick: true, seed, lossVariant: 'code', log: (l) => console.error(l) });
  writeFileSync(out, JSON.stringify(report, null, 2));
  console.error(`wrote ${out}`);
}

void main();
