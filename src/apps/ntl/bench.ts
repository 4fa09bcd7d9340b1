/**
 * npm run bench -- ntl: what a live NTL run costs on the active backend. Milliseconds per training
 * step (SL and NTL, one minibatch of 32 source (+ 32 target) images, forward + backward + Adam,
 * including the read-back of the step's stats), one evaluation pass, and data generation per
 * 1,000 images of each domain. Medians over repeats; benchmarks print, they never assert.
 */
import { measureMs, type BenchFigure } from '../../shared/bench';
import { createTrainer, DOMAINS, generateDomain, generateNeighbours } from './core';

export default async function bench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const repeats = opts.quick ? 5 : 15;
  const n = opts.quick ? 200 : 1000;
  for (const d of DOMAINS) {
    let seed = 0;
    const ms = await measureMs(() => generateDomain(d, { n, seed: seed++, split: 'train' }), { repeats: 3, warmup: 1 });
    figures.push({ name: `generate ${d}`, value: (ms * 1000) / n, unit: 'ms / 1000 images' });
  }
  const nbMs = await measureMs(() => generateNeighbours({ perCell: 10, seed: 1, split: 'train' }), { repeats: 3, warmup: 1 });
  figures.push({ name: 'generate neighbours', value: (nbMs * 1000) / 200, unit: 'ms / 1000 images' });

  const S = generateDomain('S', { n: 512, seed: 1, split: 'train' });
  const T = generateDomain('T1', { n: 512, seed: 1, split: 'train' });
  for (const [mode, batch] of [['sl', 32], ['ntl', 32], ['ntl', 16]] as const) {
    const trainer = createTrainer({ mode, source: S, target: T, seed: 1, batchSize: batch });
    const ms = await measureMs(() => trainer.step(), { repeats, warmup: 3 });
    figures.push({
      name: `${mode.toUpperCase()} training step`,
      value: ms,
      unit: 'ms',
      note: mode === 'ntl' ? `batch ${batch} source + ${batch} target, with MMD` : `batch ${batch}`,
    });
    if (mode === 'sl') {
      const evalMs = await measureMs(() => trainer.evaluate({ S }), { repeats: 3, warmup: 1 });
      figures.push({ name: 'evaluate', value: (evalMs * 1000) / S.n, unit: 'ms / 1000 images' });
    }
    trainer.dispose();
  }
  return figures;
}
