/**
 * npm run bench -- ilqr
 *
 * One iLQR solve on the sparse-input system's model (T = 100, n = m = 3, n_o = 10), from a cold
 * start to the paper's stopping rule (relative cost change < 1e-4): median wall time in Node
 * (target under 2 ms). Also the time per iteration, a warm-started solve, and one full training
 * step (iLQR + ELBO gradient through u* + Adam) on the T = 1000 trial of the experiment.
 */
import { measureMs, type BenchFigure } from '../../shared/bench';
import { createRng } from '../../shared/random';
import { generateSparseData, SPARSE_SYSTEM } from './core/sparse';
import { IlqrVaeTrainer } from './core/trainer';
import { SPARSE_TRAINER } from './experiment';

export default async function bench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const repeats = opts.quick ? 7 : 31;
  const figures: BenchFigure[] = [];
  for (const prior of ['student', 'gaussian'] as const) {
    const data = generateSparseData({ ...SPARSE_SYSTEM, T: 100 }, createRng(1).fork('data'));
    const trainer = new IlqrVaeTrainer(data, { ...SPARSE_TRAINER, prior, seed: 1 });
    // a few training steps so the model is not at its initialisation
    for (let i = 0; i < 20; i++) trainer.step();
    const o = data.observations[0];
    const cold = trainer.vae.infer(o);
    const ms = await measureMs(() => trainer.vae.infer(o), { repeats, warmup: 20, inner: 20 });
    figures.push({ name: `iLQR solve, T = 100, n = 3, n_o = 10, ${prior} prior, cold start`, value: ms, unit: 'ms', note: `${cold.iterations} iterations, median of ${repeats}` });
    figures.push({ name: `  per iteration (${prior})`, value: ms / Math.max(1, cold.iterations + 1), unit: 'ms', note: 'iterations + the final linearisation' });
    const warm = await measureMs(() => trainer.vae.infer(o, cold.us), { repeats, warmup: 20, inner: 20 });
    figures.push({ name: `iLQR solve warm-started from its own solution (${prior})`, value: warm, unit: 'ms' });
  }
  const data = generateSparseData(SPARSE_SYSTEM, createRng(1).fork('data'));
  const trainer = new IlqrVaeTrainer(data, { ...SPARSE_TRAINER, seed: 1 });
  for (let i = 0; i < 5; i++) trainer.step();
  const step = await measureMs(() => trainer.step(), { repeats: opts.quick ? 5 : 15, warmup: 2 });
  figures.push({ name: 'training step, T = 1000 (iLQR warm + ELBO gradient through u* + Adam)', value: step, unit: 'ms' });
  return figures;
}
