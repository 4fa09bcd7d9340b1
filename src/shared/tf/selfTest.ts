/**
 * The self-test of the system page (issue #15): a fixed-seed mini training, 20 steps of plain SGD of
 * a small conv-net on procedurally drawn bar images, whose loss curve is compared with a committed
 * reference (selfTest.reference.json, made on the CPU backend by `npx tsx scripts/selftest-reference.ts`).
 * It runs the ops every training demo leans on, forward and backward: conv2d and its filter and input
 * gradients (the WASM backend's own kernels, wasmKernels.ts), matMul with transposes, relu, bias adds,
 * log-softmax, means, and einops' rearrange. A backend that computes any of them wrongly moves the curve.
 *
 * Browser- and Node-safe; it registers no gradients itself: the page imports tfjs-core's
 * `register_all_gradients`, Node's start-up (node.ts) gets them through tfjs-layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { rearrange } from '../einops';
import { createRng } from '../random';

export const SELF_TEST_SPEC = {
  seed: 2022,
  steps: 20,
  batch: 32,
  size: 8,
  filters: 4,
  classes: 3,
  learningRate: 0.5,
  noise: 0.3,
} as const;

/**
 * Largest allowed relative deviation of any step's loss from the reference, for a backend that
 * computes in 32-bit floats. Float32 backends agree with the CPU reference to about 1e-6 here
 * (summation order differs between kernels); an op that is wrong moves a loss by percent.
 */
export const TOLERANCE_FLOAT32 = 1e-3;
/**
 * The same for WebGL on a GPU that renders only 16-bit floats (many phones: tfjs's
 * WEBGL_RENDER_FLOAT32_CAPABLE is false there): half precision carries about 3 decimal digits.
 */
export const TOLERANCE_FLOAT16 = 3e-2;

export interface SelfTestReference {
  command: string;
  backend: string;
  tfjs: string;
  spec: typeof SELF_TEST_SPEC;
  losses: number[];
}

export interface SelfTestRun {
  losses: number[];
  /** Wall time of the 20 steps, readbacks included. */
  ms: number;
}

export interface SelfTestVerdict {
  pass: boolean;
  /** The largest relative deviation over the steps, and the (0-based) step where it is. */
  maxRelError: number;
  worstStep: number;
  tolerance: number;
  /** One sentence: why it passed or failed. */
  message: string;
}

/** The images and one-hot labels: a horizontal, vertical or diagonal bar at a random place, plus noise. */
export function selfTestData(spec = SELF_TEST_SPEC): { images: Float32Array; labels: Float32Array } {
  const rng = createRng(spec.seed).fork('self-test data');
  const { batch, size, classes, noise } = spec;
  const images = new Float32Array(batch * size * size);
  const labels = new Float32Array(batch * classes);
  for (let n = 0; n < batch; n++) {
    const cls = n % classes;
    const at = rng.int(size);
    labels[n * classes + cls] = 1;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const on = cls === 0 ? y === at : cls === 1 ? x === at : (x + y) % size === at;
        images[(n * size + y) * size + x] = (on ? 1 : 0) + noise * rng.normal();
      }
    }
  }
  return { images, labels };
}

/** Initial weights from the suite's PRNG (the same numbers on every backend). */
export function selfTestWeights(spec = SELF_TEST_SPEC): { w1: Float32Array; w2: Float32Array } {
  const rng = createRng(spec.seed).fork('self-test weights');
  const w1 = Float32Array.from({ length: 3 * 3 * 1 * spec.filters }, () => 0.5 * rng.normal());
  const w2 = Float32Array.from({ length: spec.size * spec.size * spec.filters * spec.classes }, () => 0.1 * rng.normal());
  return { w1, w2 };
}

/**
 * Trains on the active tfjs backend and returns the loss before each step. Yields a frame between
 * steps (`yieldNow`, default tf.nextFrame in a browser, a resolved promise in Node) so a page stays
 * responsive. Leaves no tensor behind.
 */
export async function runSelfTest(
  opts: { spec?: typeof SELF_TEST_SPEC; yieldNow?: () => Promise<void>; cancelled?: () => boolean } = {},
): Promise<SelfTestRun> {
  const spec = opts.spec ?? SELF_TEST_SPEC;
  const yieldNow = opts.yieldNow ?? (typeof requestAnimationFrame === 'function' ? () => tf.nextFrame() : () => Promise.resolve());
  const { images, labels } = selfTestData(spec);
  const init = selfTestWeights(spec);
  const x = tf.tensor4d(images, [spec.batch, spec.size, spec.size, 1]);
  const y = tf.tensor2d(labels, [spec.batch, spec.classes]);
  let params: tf.Tensor[] = [
    tf.tensor4d(init.w1, [3, 3, 1, spec.filters]),
    tf.zeros([spec.filters]),
    tf.tensor2d(init.w2, [spec.size * spec.size * spec.filters, spec.classes]),
    tf.zeros([spec.classes]),
  ];
  const lossOf = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor): tf.Scalar => {
    const h = tf.relu(tf.add(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'same'), b1));
    const flat = rearrange(h, 'b h w c -> b (h w c)') as tf.Tensor2D;
    const logits = tf.add(tf.matMul(flat, w2 as tf.Tensor2D), b2);
    return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1))) as tf.Scalar;
  };
  const gradsOf = tf.grads((w1, b1, w2, b2) => lossOf(w1, b1, w2, b2));
  const losses: number[] = [];
  const t0 = performance.now();
  try {
    for (let step = 0; step < spec.steps; step++) {
      if (opts.cancelled?.()) throw new Error('self-test cancelled');
      const { loss, next } = tf.tidy(() => {
        const loss = lossOf(params[0], params[1], params[2], params[3]);
        const g = gradsOf(params);
        const next = params.map((p, i) => tf.sub(p, tf.mul(g[i], spec.learningRate)));
        return { loss, next };
      });
      for (const p of params) p.dispose();
      params = next;
      const value = (await loss.data())[0];
      loss.dispose();
      losses.push(value);
      await yieldNow();
    }
  } finally {
    for (const p of params) p.dispose();
    x.dispose();
    y.dispose();
  }
  return { losses, ms: performance.now() - t0 };
}

/** Compares a run's losses with the reference: every step within `tolerance` (relative), none missing or non-finite. */
export function compareWithReference(run: readonly number[], reference: readonly number[], tolerance: number): SelfTestVerdict {
  if (reference.length === 0) throw new Error('the self-test reference has no losses');
  if (run.length !== reference.length) {
    return { pass: false, maxRelError: Infinity, worstStep: Math.min(run.length, reference.length), tolerance, message: `ran ${run.length} steps, the reference has ${reference.length}` };
  }
  let maxRelError = 0;
  let worstStep = 0;
  for (let i = 0; i < run.length; i++) {
    if (!Number.isFinite(run[i])) {
      return { pass: false, maxRelError: Infinity, worstStep: i, tolerance, message: `step ${i + 1}: the loss is ${run[i]} (the reference has ${formatLoss(reference[i])})` };
    }
    const rel = Math.abs(run[i] - reference[i]) / Math.max(Math.abs(reference[i]), 1e-6);
    if (rel > maxRelError) {
      maxRelError = rel;
      worstStep = i;
    }
  }
  const pass = maxRelError <= tolerance;
  const where = `step ${worstStep + 1}: ${formatLoss(run[worstStep])} vs ${formatLoss(reference[worstStep])}`;
  return {
    pass,
    maxRelError,
    worstStep,
    tolerance,
    message: pass
      ? `all ${run.length} losses within ${formatRel(tolerance)} of the reference (largest deviation ${formatRel(maxRelError)}, ${where})`
      : `deviates ${formatRel(maxRelError)} from the reference at ${where}, more than the ${formatRel(tolerance)} allowed: this backend computes some training op wrongly`,
  };
}

export function formatLoss(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(6) : String(v);
}

/** A relative error as text: "3.2e-7", "1.5%". */
export function formatRel(r: number): string {
  if (!Number.isFinite(r)) return String(r);
  if (r === 0) return '0';
  if (r >= 1e-3) return `${+(r * 100).toPrecision(2)}%`;
  return r.toExponential(1);
}

const SLICE_MS = 30;

export interface Throughput {
  /** Matrix products done in the window. */
  products: number;
  n: number;
  ms: number;
  gflops: number;
}

/**
 * How much the active backend computes in about `ms` milliseconds (default one second): n×n matrix
 * products, `perReadback` of them summed and read back per chunk, chunks until the time is up. Each
 * chunk is short (a few ms on WASM, tens on the CPU backend); the page gets a task boundary every
 * 30 ms or so (`yieldNow`, a macrotask by default). A warm-up chunk (shader compilation, first WASM call) is not counted.
 */
export async function measureThroughput(
  opts: { ms?: number; n?: number; perReadback?: number; yieldNow?: () => Promise<void>; now?: () => number } = {},
): Promise<Throughput> {
  const ms = opts.ms ?? 1000;
  const n = opts.n ?? 128;
  const k = opts.perReadback ?? 4;
  const now = opts.now ?? (() => performance.now());
  const yieldNow = opts.yieldNow ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const rng = createRng(SELF_TEST_SPEC.seed).fork('throughput');
  const a = tf.tensor2d(Float32Array.from({ length: n * n }, () => rng.uniform(-1, 1)), [n, n]);
  const bs = Array.from({ length: k }, () => tf.tensor2d(Float32Array.from({ length: n * n }, () => rng.uniform(-1, 1)), [n, n]));
  const chunk = async () => {
    const s = tf.tidy(() => tf.sum(tf.addN(bs.map((b) => tf.matMul(a, b)))));
    await s.data();
    s.dispose();
  };
  try {
    await chunk();
    let products = 0;
    const t0 = now();
    let t = t0;
    let slice = t0;
    while (t - t0 < ms) {
      await chunk();
      products += k;
      t = now();
      // Time slices of about 30 ms: the page stays responsive, and the figure is not the frame rate.
      if (t - slice > SLICE_MS) {
        await yieldNow();
        t = now();
        slice = t;
      }
    }
    const elapsed = t - t0;
    return { products, n, ms: elapsed, gflops: (products * 2 * n ** 3) / (elapsed * 1e6) };
  } finally {
    a.dispose();
    for (const b of bs) b.dispose();
  }
}
