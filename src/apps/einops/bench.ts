/**
 * npm run bench -- einops: what the notation costs. For six gallery patterns on the demo's letters
 * (6, 96, 96, 3), the einops call against the tfjs chain one would write by hand, each timed to its
 * read-back (median of repeats), plus the first call of a pattern (parse + plan, cold cache) against
 * a cached call. Outputs are compared first, so only equal computations are timed.
 *
 * The hand-written chains are the point of comparison, so they use raw tf.reshape/transpose on purpose.
 */
import * as tf from '@tensorflow/tfjs-core';
import { measureMs, type BenchFigure } from '../../shared/bench';
import { clearCaches, rearrange, reduce, repeat } from '../../shared/einops';
import { renderWord } from './core/letters';

interface Case {
  name: string;
  einops: (x: tf.Tensor) => tf.Tensor;
  byHand: (x: tf.Tensor) => tf.Tensor;
}

const CASES: Case[] = [
  {
    name: "transpose 'b h w c -> b w h c'",
    einops: (x) => rearrange(x, 'b h w c -> b w h c'),
    byHand: (x) => tf.transpose(x, [0, 2, 1, 3]),
  },
  {
    name: "batch into width 'b h w c -> h (b w) c'",
    einops: (x) => rearrange(x, 'b h w c -> h (b w) c'),
    byHand: (x) => tf.tidy(() => tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [96, 6 * 96, 3])),
  },
  {
    name: "space-to-depth 'b (h h1) (w w1) c -> b h w (c h1 w1)'",
    einops: (x) => rearrange(x, 'b (h h1) (w w1) c -> b h w (c h1 w1)', { h1: 2, w1: 2 }),
    byHand: (x) => tf.tidy(() => tf.reshape(tf.transpose(tf.reshape(x, [6, 48, 2, 48, 2, 3]), [0, 1, 3, 5, 2, 4]), [6, 48, 48, 12])),
  },
  {
    name: "max-pool 'b (h h2) (w w2) c -> b h w c'",
    einops: (x) => reduce(x, 'b (h h2) (w w2) c -> b h w c', 'max', { h2: 4, w2: 4 }),
    byHand: (x) => tf.tidy(() => tf.max(tf.reshape(x, [6, 24, 4, 24, 4, 3]), [2, 4])),
  },
  {
    name: "global average pool 'b h w c -> b c'",
    einops: (x) => reduce(x, 'b h w c -> b c', 'mean'),
    byHand: (x) => tf.mean(x, [1, 2]),
  },
  {
    name: "upsample 'b h w c -> b (h 2) (w 2) c'",
    einops: (x) => repeat(x, 'b h w c -> b (h 2) (w 2) c'),
    byHand: (x) => tf.tidy(() => tf.reshape(tf.tile(tf.reshape(x, [6, 96, 1, 96, 1, 3]), [1, 1, 2, 1, 2, 1]), [6, 192, 192, 3])),
  },
];

async function timed(fn: () => tf.Tensor): Promise<void> {
  const y = fn();
  await y.data();
  y.dispose();
}

export default async function bench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  const repeats = opts.quick ? 5 : 21;
  const inner = opts.quick ? 2 : 5;
  const word = renderWord('einops', 96);
  const x = tf.tensor4d(word.data, word.shape);
  const figures: BenchFigure[] = [];
  try {
    // Warm every kernel of both versions first, so the first case does not pay for kernel set-up.
    for (const c of CASES) for (let i = 0; i < 3; i++) {
      await timed(() => c.einops(x));
      await timed(() => c.byHand(x));
    }
    for (const c of CASES) {
      const same = tf.tidy(() => {
        const a = c.einops(x);
        const b = c.byHand(x);
        return a.shape.join() === b.shape.join() && tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] === 0;
      });
      if (!same) throw new Error(`${c.name}: einops and the hand-written chain disagree`);
      // Alternate the two so that a busy machine slows both alike.
      const einopsMs: number[] = [];
      const handMs: number[] = [];
      for (let round = 0; round < 3; round++) {
        einopsMs.push(await measureMs(() => timed(() => c.einops(x)), { repeats, warmup: 2, inner }));
        handMs.push(await measureMs(() => timed(() => c.byHand(x)), { repeats, warmup: 2, inner }));
      }
      const e = Math.min(...einopsMs);
      const h = Math.min(...handMs);
      figures.push({ name: `${c.name}: einops`, value: e, unit: 'ms', note: 'to read-back; best of 3 medians' });
      figures.push({ name: `${c.name}: by hand`, value: h, unit: 'ms' });
      figures.push({ name: `${c.name}: einops / by hand`, value: e / h, unit: 'ratio' });
    }
    // Parse + plan cost: the first call of a pattern (caches cleared) against a cached call, no read-back.
    const pattern = 'b (h h1) (w w1) c -> b h w (c h1 w1)';
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < (opts.quick ? 20 : 200); i++) {
      clearCaches();
      let t0 = performance.now();
      tf.dispose(rearrange(x, pattern, { h1: 2, w1: 2 }));
      cold.push(performance.now() - t0);
      t0 = performance.now();
      tf.dispose(rearrange(x, pattern, { h1: 2, w1: 2 }));
      warm.push(performance.now() - t0);
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
    figures.push({ name: 'first call of a pattern (parse + plan + dispatch)', value: med(cold), unit: 'ms', note: 'median, no read-back' });
    figures.push({ name: 'cached call of the same pattern (dispatch)', value: med(warm), unit: 'ms', note: 'median, no read-back' });
  } finally {
    x.dispose();
  }
  return figures;
}
