/**
 * Which neighbour directions make source-only NTL refuse the unseen T1–T3? Trains source-only NTL
 * (quick sizes, from the SL model, as `experiment.ts` does) against all four directions, against all
 * but the colour cast, and against the colour cast alone, and scores each on S and T1–T3.
 * Usage: npx tsx src/apps/ntl/results/neighbour-ablation.ts <out.json> [seed…]   (default seeds 1 2)
 */
import { writeFileSync } from 'node:fs';
import { initNodeBackend } from '../../../shared/tf/node';
import { evaluateWeights, runTrainer } from '../core/attacks';
import { generateDomain, generateNeighbours, NEIGHBOUR_DIRECTIONS, PIXELS, type DigitSet, type NeighbourDirection } from '../core/domains';
import { QUICK_SIZES as Z } from '../experiment';

/** The neighbours of the listed directions only (the grid is direction-major, `perCell` × 5 distances each). */
function onlyDirections(set: DigitSet, keep: readonly NeighbourDirection[]): DigitSet {
  const per = set.n / NEIGHBOUR_DIRECTIONS.length;
  const idx: number[] = [];
  for (let i = 0; i < set.n; i++) if (keep.includes(NEIGHBOUR_DIRECTIONS[Math.floor(i / per)])) idx.push(i);
  const images = new Float32Array(idx.length * PIXELS);
  const labels = new Uint8Array(idx.length);
  idx.forEach((i, j) => {
    images.set(set.images.subarray(i * PIXELS, (i + 1) * PIXELS), j * PIXELS);
    labels[j] = set.labels[i];
  });
  return { name: `${set.name}[${keep.join('+')}]`, n: idx.length, images, labels };
}

async function main(): Promise<void> {
  const [out, ...rest] = process.argv.slice(2);
  if (!out) throw new Error('usage: neighbour-ablation.ts <out.json> [seed…]');
  const seeds = rest.length ? rest.map(Number) : [1, 2];
  await initNodeBackend('wasm');
  const variants: Record<string, readonly NeighbourDirection[]> = {
    all: NEIGHBOUR_DIRECTIONS,
    withoutCast: NEIGHBOUR_DIRECTIONS.filter((d) => d !== 'cast'),
    castOnly: ['cast'],
  };
  const perSeed: { seed: number; sl: Record<string, number>; ntl: Record<string, Record<string, number>> }[] = [];
  for (const seed of seeds) {
    const S = generateDomain('S', { n: Z.trainPerDomain, seed, split: 'train' });
    const test = Object.fromEntries((['S', 'T1', 'T2', 'T3'] as const).map((d) => [d, generateDomain(d, { n: Z.testPerDomain, seed, split: 'test' })]));
    const N = generateNeighbours({ perCell: Z.neighboursPerCell, seed, split: 'train' });
    const sl = runTrainer({ mode: 'sl', source: S, seed, batchSize: Z.batchSize }, Z.slSteps).weights;
    const row = { seed, sl: evaluateWeights(sl, test), ntl: {} as Record<string, Record<string, number>> };
    for (const [name, dirs] of Object.entries(variants)) {
      const w = runTrainer({ mode: 'ntl', source: S, target: onlyDirections(N, dirs), seed, batchSize: Z.batchSize, init: sl }, Z.ntlSteps).weights;
      row.ntl[name] = evaluateWeights(w, test);
      console.error(`seed ${seed} ${name}: ${JSON.stringify(row.ntl[name])} (SL ${JSON.stringify(row.sl)})`);
    }
    perSeed.push(row);
  }
  writeFileSync(out, JSON.stringify({ sizes: { trainPerDomain: Z.trainPerDomain, testPerDomain: Z.testPerDomain, neighboursPerCell: Z.neighboursPerCell, slSteps: Z.slSteps, ntlSteps: Z.ntlSteps }, variants, perSeed }, null, 2));
  console.error(`wrote ${out}`);
}

void main();
