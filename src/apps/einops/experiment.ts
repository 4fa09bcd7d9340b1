/**
 * npm run experiment -- einops: the paper's central claim, small. "Some commonly used operations do not
 * provide sufficient checks and can break a tensor structure" (abstract): reshape-based code runs
 * silently on a tensor whose axes are not what the code assumes, while an einops pattern that states
 * the lengths it relies on stops with an error.
 *
 * Each trial draws a batch of images (b, h, w, c) with seeded random sizes, and a mix-up: the same
 * data arriving in another axis order (channels-first, height and width swapped, batch last...), so
 * the element count still matches. The intended operation is "batch into width", written three ways:
 *   1. by hand:            tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [h, b * w, c])
 *   2. einops:             rearrange(x, 'b h w c -> h (b w) c')
 *   3. einops + lengths:   rearrange(x, 'b h w c -> h (b w) c', h=h, w=w, c=c)
 * On the right input all three must agree exactly; on a mixed-up input we count how often each runs
 * without an error, i.e. how often the mistake goes unnoticed at that line.
 *
 * The hand-written chain uses raw tf.reshape/transpose on purpose: it is what is being measured.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../shared/random';
import { EinopsError, rearrange } from '../../shared/einops';

interface MixUp {
  name: string;
  /** Permutation applied to (b, h, w, c) to make the wrong input. */
  perm: [number, number, number, number];
}

const MIX_UPS: MixUp[] = [
  { name: 'channels first (b c h w)', perm: [0, 3, 1, 2] },
  { name: 'height and width swapped (b w h c)', perm: [0, 2, 1, 3] },
  { name: 'batch last (h w c b)', perm: [1, 2, 3, 0] },
  { name: 'time-major style (h b w c)', perm: [1, 0, 2, 3] },
];

const SIZES = [2, 3, 4, 5, 6, 8];

type Style = 'byHand' | 'einops' | 'einopsWithLengths';
const STYLES: Style[] = ['byHand', 'einops', 'einopsWithLengths'];

function run(style: Style, x: tf.Tensor, dims: { b: number; h: number; w: number; c: number }): tf.Tensor {
  const { b, h, w, c } = dims;
  switch (style) {
    case 'byHand':
      return tf.tidy(() => tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [h, b * w, c]));
    case 'einops':
      return rearrange(x, 'b h w c -> h (b w) c');
    case 'einopsWithLengths':
      return rearrange(x, 'b h w c -> h (b w) c', { h, w, c });
  }
}

export default async function experiment(opts: {
  quick: boolean;
  seed: number;
  log?: (line: string) => void;
  /** Awaited before each trial; the browser passes a yield so that no task runs long. */
  pause?: () => Promise<void>;
}) {
  const trials = opts.quick ? 40 : 400;
  const rng = createRng(opts.seed).fork('einops-experiment');
  const silent: Record<Style, number> = { byHand: 0, einops: 0, einopsWithLengths: 0 };
  const correctOnRightInput: Record<Style, number> = { byHand: 0, einops: 0, einopsWithLengths: 0 };
  const caughtMessages = new Map<string, number>();
  let mixUpTrials = 0;

  for (let t = 0; t < trials; t++) {
    if (opts.pause) await opts.pause();
    const dims = { b: rng.pick(SIZES), h: rng.pick(SIZES), w: rng.pick(SIZES), c: rng.pick([1, 3, 4]) };
    const values = Float32Array.from({ length: dims.b * dims.h * dims.w * dims.c }, () => rng.next());
    const x = tf.tensor4d(values, [dims.b, dims.h, dims.w, dims.c]);
    const mixUp = rng.pick(MIX_UPS);
    const wrong = tf.transpose(x, mixUp.perm);
    try {
      // On the right input: all three agree with an explicit index check of one element per row.
      const reference = run('byHand', x, dims);
      const refData = reference.dataSync();
      for (const style of STYLES) {
        const y = run(style, x, dims);
        const same = y.shape.join() === reference.shape.join() && y.dataSync().every((v, i) => v === refData[i]);
        if (y !== x) y.dispose();
        if (same) correctOnRightInput[style]++;
      }
      // Spot-check the reference itself: output[hi, bi * w + wi, ci] = x[bi, hi, wi, ci].
      const xData = x.dataSync();
      const bi = rng.int(dims.b);
      const hi = rng.int(dims.h);
      const wi = rng.int(dims.w);
      const ci = rng.int(dims.c);
      const expected = xData[((bi * dims.h + hi) * dims.w + wi) * dims.c + ci];
      const got = refData[(hi * dims.b * dims.w + bi * dims.w + wi) * dims.c + ci];
      if (expected !== got) throw new Error('the hand-written reference is wrong');
      reference.dispose();

      // A mix-up that leaves the shape unchanged (equal sizes) is not a detectable mistake: skip it.
      if (wrong.shape.join() === x.shape.join()) continue;
      mixUpTrials++;
      for (const style of STYLES) {
        try {
          const y = run(style, wrong, dims);
          if (y !== wrong) y.dispose();
          silent[style]++;
        } catch (e) {
          if (!(e instanceof EinopsError) && !(e instanceof Error)) throw e;
          const reason = e.message.split('\n').pop()!.trim().replace(/\d+/g, 'N');
          caughtMessages.set(`${style}: ${reason}`, (caughtMessages.get(`${style}: ${reason}`) ?? 0) + 1);
        }
      }
    } finally {
      tf.dispose([x, wrong]);
    }
    if (opts.log && (t + 1) % Math.max(1, Math.floor(trials / 4)) === 0) opts.log(`${t + 1}/${trials} trials`);
  }

  const rate = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    metrics: {
      trials,
      mixUpTrials,
      silentRateByHand: rate(silent.byHand, mixUpTrials),
      silentRateEinops: rate(silent.einops, mixUpTrials),
      silentRateEinopsWithLengths: rate(silent.einopsWithLengths, mixUpTrials),
      correctRateByHand: rate(correctOnRightInput.byHand, trials),
      correctRateEinops: rate(correctOnRightInput.einops, trials),
      correctRateEinopsWithLengths: rate(correctOnRightInput.einopsWithLengths, trials),
    },
    mixUps: MIX_UPS.map((m) => m.name),
    caught: Object.fromEntries([...caughtMessages.entries()].sort((a, b) => b[1] - a[1])),
  };
}
