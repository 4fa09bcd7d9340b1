/**
 * npm run bench -- einops: what a cached rearrange costs over the hand-written tfjs chain that does
 * the same thing. Targets (issue #3): einops/hand ≤ 1.10 on a small tensor (where per-call
 * overhead shows) and ≤ 1.02 on a large one (where the kernels dominate). Medians over repeats;
 * prints, never asserts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { measureMs, median, type BenchFigure } from '../bench';
import { rearrange } from './index';

interface Case {
  name: string;
  shape: number[];
  pattern: string;
  lengths?: Record<string, number>;
  hand: (x: tf.Tensor) => tf.Tensor;
}

const CASES: Case[] = [
  { name: 'small 2×3×4, a b c -> c a b', shape: [2, 3, 4], pattern: 'a b c -> c a b', hand: (x) => tf.transpose(x, [2, 0, 1]) },
  {
    name: 'small 2×3×4, a b c -> (c a) b',
    shape: [2, 3, 4],
    pattern: 'a b c -> (c a) b',
    hand: (x) => {
      const t = tf.transpose(x, [2, 0, 1]);
      const y = tf.reshape(t, [8, 3]);
      t.dispose();
      return y;
    },
  },
  {
    name: 'large 64×64×64×3, b h w c -> b c h w',
    shape: [64, 64, 64, 3],
    pattern: 'b h w c -> b c h w',
    hand: (x) => tf.transpose(x, [0, 3, 1, 2]),
  },
  {
    name: 'large 64×64×64×3, space-to-depth',
    shape: [64, 64, 64, 3],
    pattern: 'b (h h1) (w w1) c -> b h w (c h1 w1)',
    lengths: { h1: 2, w1: 2 },
    hand: (x) => {
      const a = tf.reshape(x, [64, 32, 2, 32, 2, 3]);
      const b = tf.transpose(a, [0, 1, 3, 5, 2, 4]);
      a.dispose();
      const y = tf.reshape(b, [64, 32, 32, 12]);
      b.dispose();
      return y;
    },
  },
];

export default async function bench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  await tf.ready();
  const figures: BenchFigure[] = [];
  for (const c of CASES) {
    const large = c.shape.reduce((a, b) => a * b, 1) > 10_000;
    const calls = large ? (opts.quick ? 10 : 100) : 1000;
    const repeats = opts.quick ? 7 : large ? 11 : 21;
    const x = tf.tidy(() => tf.randomUniform(c.shape, 0, 1, 'float32', 1));
    // same result first: the comparison is meaningless otherwise
    const a = rearrange(x, c.pattern, c.lengths);
    const b = c.hand(x);
    const same = a.shape.join() === b.shape.join() && tf.tidy(() => tf.all(tf.equal(a, b)).dataSync()[0] === 1);
    tf.dispose([a, b]);
    if (!same) throw new Error(`einops bench: ${c.name}: rearrange and the hand chain disagree`);

    const runEinops = (): void => {
      for (let i = 0; i < calls; i++) rearrange(x, c.pattern, c.lengths).dispose();
    };
    const runHand = (): void => {
      for (let i = 0; i < calls; i++) c.hand(x).dispose();
    };
    // interleave the two so drifting machine load hits both alike; in Node also count CPU time,
    // which other processes on a shared machine do not inflate
    const cpu = typeof process !== 'undefined' && typeof process.cpuUsage === 'function' ? process.cpuUsage : null;
    const cpuMicros = (f: () => void): number => {
      const c0 = cpu!();
      f();
      const c1 = cpu!(c0);
      return c1.user + c1.system;
    };
    const wallRatios: number[] = [];
    const cpuRatios: number[] = [];
    const einopsMs: number[] = [];
    const handMs: number[] = [];
    for (let w = 0; w < 3; w++) {
      // warm-up: JIT, the plan cache and the backend's kernel caches
      runEinops();
      runHand();
    }
    for (let r = 0; r < repeats; r++) {
      const e = await measureMs(runEinops, { repeats: 1, warmup: 0 });
      const h = await measureMs(runHand, { repeats: 1, warmup: 0 });
      einopsMs.push(e);
      handMs.push(h);
      wallRatios.push(e / h);
      if (cpu) cpuRatios.push(cpuMicros(runEinops) / cpuMicros(runHand));
    }
    x.dispose();
    const e = (median(einopsMs) / calls) * 1000;
    const h = (median(handMs) / calls) * 1000;
    const target = large ? 1.02 : 1.1;
    figures.push({
      name: `rearrange ${c.name}: einops/hand (wall)`,
      value: median(wallRatios),
      unit: '×',
      note: `${e.toFixed(2)} µs vs ${h.toFixed(2)} µs per call, ${calls} calls × ${repeats}, ${tf.getBackend()}; target ≤ ${target}`,
    });
    if (cpu) {
      figures.push({
        name: `rearrange ${c.name}: einops/hand (cpu time)`,
        value: median(cpuRatios),
        unit: '×',
        note: `process CPU time, robust to other load on the machine; target ≤ ${target}`,
      });
    }
  }
  return figures;
}
