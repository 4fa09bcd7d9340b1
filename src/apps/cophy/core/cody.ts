/**
 * CoDy, Filtered-CoPhy's counterfactual dynamics model (Janny et al., ICLR 2022, arXiv 2202.00368 §4.2,
 * Fig. 5), after the official Models/CoDy.py and Models/modules.py (filteredcophy/FilteredCoPhy @151a2fd),
 * at a quarter of the official lifted width. Per keypoint the state is 14 numbers: (row, column), the C + 1
 * coefficients (the last the gate) and the finite differences of those 7 (keypointStates.ts).
 *
 *   confounders  u = last output of a 2-layer GRU (→ 32) over the AB sequence of GN(state) (CoDy.py l. 6–21)
 *   encoder      z = GN(state) → liftSize (l. 58–66; the official z is 256, ours 64)
 *   dynamics     δ = W · GRU₂(GN([z, u])), z ← z + δ, 149 times from C's z (l. 24–55 and 98–113)
 *   decoder      state = GN(GRU₁(z over time)) (l. 69–81)
 *
 * GN is the official GCN (modules.py l. 27–49): per ordered pair (i, j ≠ i) a message f([x_j, x_i]), per
 * node E_i = Σ_j f([x_j, x_i]), the sum of all messages Σ_i E_i, and g([x_i, E_i, Σ E]); f and g are MLPs
 * with `layers` extra hidden layers (modules.py l. 5–24). GRUs follow torch.nn.GRU's equations and gate
 * order (r, z, n), initial hidden state zero.
 *
 * Two implementations of the same function:
 *   - tfjs (training, `codyLossTf`, `codyForwardTf`), batched over examples, one frame at a time;
 *   - plain TypeScript on Float32Array (`CodyRollout`, `confounder`, `rolloutPlain`), for inference:
 *     149 steps of small products, where tfjs's per-op overhead would dominate. The test checks that they
 *     agree within 1e-4.
 * Layout: keypoint states frame-major, T × K × S; reshapes of tensors go through src/shared/einops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { rearrange } from '../../../shared/einops';
import { createRng } from '../../../shared/random';
import type { FlatParams } from './derendering';

export interface CodyConfig {
  /** K keypoints per frame */
  keypoints: number;
  /** S: numbers per keypoint (2·(C + 3) = 14 for C = 4) */
  stateSize: number;
  /** the confounder code u per keypoint (official cf_size 32) */
  confounderSize: number;
  /** hidden width of the GNs of the confounder and dynamics modules (official hidden_size 64) */
  gnHidden: number;
  /** extra hidden layers in those GNs' MLPs (official n_layers 2) */
  gnLayers: number;
  /** output width of those GNs and the dynamics GRU's width (official emb_size 128) */
  embSize: number;
  /** the lifted state z (official z_size 256) */
  liftSize: number;
  /** hidden width of the encoder's and decoder's GNs, which have no extra layers (official 32, n_layers 0) */
  codecHidden: number;
}

/** The shipped model: K = 3, z = 64 (official 256), GN hidden 32 (64), embedding 64 (128), one extra layer per MLP (2). */
export const DEFAULT_CODY_CONFIG: CodyConfig = {
  keypoints: 3,
  stateSize: 14,
  confounderSize: 32,
  gnHidden: 32,
  gnLayers: 1,
  embSize: 64,
  liftSize: 64,
  codecHidden: 32,
};

/** The official sizes (train_cody.py l. 107–113; CoDy.py l. 61, 72). */
export const OFFICIAL_CODY_SIZES = { confounderSize: 32, gnHidden: 64, gnLayers: 2, embSize: 128, liftSize: 256, codecHidden: 32 } as const;

/** train_cody.py get_loss l. 91: 1e3 · MSE(cd, ĉd) + 1e3 · MSE(cd, decoder(encoder(cd))). */
export const PREDICTION_WEIGHT = 1e3;
export const AUTOENCODE_WEIGHT = 1e3;


export interface CodyParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  /** the torch init bound: 1/√fan_in for Linear, 1/√hidden for GRU */
  readonly bound: number;
}

interface GnSpec {
  prefix: string;
  inSize: number;
  outSize: number;
  hidden: number;
  layers: number;
}

function gnSpecs(c: CodyConfig): GnSpec[] {
  return [
    { prefix: 'conf/gn', inSize: c.stateSize, outSize: c.embSize, hidden: c.gnHidden, layers: c.gnLayers },
    { prefix: 'dyn/gn', inSize: c.liftSize + c.confounderSize, outSize: c.embSize, hidden: c.gnHidden, layers: c.gnLayers },
    { prefix: 'enc/gn', inSize: c.stateSize, outSize: c.liftSize, hidden: c.codecHidden, layers: 0 },
    { prefix: 'dec/gn', inSize: c.liftSize, outSize: c.stateSize, hidden: c.codecHidden, layers: 0 },
  ];
}

function gruSpecs(c: CodyConfig): { prefix: string; inSize: number; hidden: number }[] {
  return [
    { prefix: 'conf/gru0', inSize: c.embSize, hidden: c.confounderSize },
    { prefix: 'conf/gru1', inSize: c.confounderSize, hidden: c.confounderSize },
    { prefix: 'dyn/gru0', inSize: c.embSize, hidden: c.embSize },
    { prefix: 'dyn/gru1', inSize: c.embSize, hidden: c.embSize },
    { prefix: 'dec/gru', inSize: c.liftSize, hidden: c.liftSize },
  ];
}

/** Widths of an MLP of modules.py: in → h, `layers` × (h → h), h → out. */
function mlpWidths(inSize: number, hidden: number, outSize: number, layers: number): number[] {
  return [inSize, ...Array<number>(layers + 1).fill(hidden), outSize];
}

function gnMlps(g: GnSpec): { name: string; widths: number[] }[] {
  return [
    { name: `${g.prefix}/f`, widths: mlpWidths(2 * g.inSize, g.hidden, g.hidden, g.layers) },
    { name: `${g.prefix}/g`, widths: mlpWidths(2 * g.hidden + g.inSize, g.hidden, g.outSize, g.layers) },
  ];
}

/** Every trainable parameter, in the order of the shipped weight file. */
export function codyParamSpecs(c: CodyConfig): CodyParamSpec[] {
  const specs: CodyParamSpec[] = [];
  for (const g of gnSpecs(c)) {
    for (const m of gnMlps(g)) {
      for (let i = 0; i + 1 < m.widths.length; i++) {
        const bound = 1 / Math.sqrt(m.widths[i]);
        specs.push({ name: `${m.name}${i + 1}/kernel`, shape: [m.widths[i], m.widths[i + 1]], bound });
        specs.push({ name: `${m.name}${i + 1}/bias`, shape: [m.widths[i + 1]], bound });
      }
    }
  }
  for (const r of gruSpecs(c)) {
    const bound = 1 / Math.sqrt(r.hidden);
    specs.push({ name: `${r.prefix}/wi`, shape: [r.inSize, 3 * r.hidden], bound });
    specs.push({ name: `${r.prefix}/wh`, shape: [r.hidden, 3 * r.hidden], bound });
    specs.push({ name: `${r.prefix}/bi`, shape: [3 * r.hidden], bound });
    specs.push({ name: `${r.prefix}/bh`, shape: [3 * r.hidden], bound });
  }
  // linear_cd, bias=False (CoDy.py l. 36)
  specs.push({ name: 'dyn/out/kernel', shape: [c.embSize, c.liftSize], bound: 1 / Math.sqrt(c.embSize) });
  return specs;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function codyParamCount(c: CodyConfig): number {
  return codyParamSpecs(c).reduce((a, s) => a + sizeOf(s.shape), 0);
}

/** torch's default initialisation (uniform within ±bound), from the suite's PRNG, one stream per tensor. */
export function initialCodyParams(c: CodyConfig, seed: number): FlatParams {
  const root = createRng(seed).fork('cophy/cody/init');
  const out: FlatParams = {};
  for (const s of codyParamSpecs(c)) {
    const r = root.fork(s.name);
    const values = new Float32Array(sizeOf(s.shape));
    for (let i = 0; i < values.length; i++) values[i] = r.uniform(-s.bound, s.bound);
    out[s.name] = values;
  }
  return out;
}

/** Packs the parameters into one float32 array (codyParamSpecs order), and back. */
export function packCodyWeights(c: CodyConfig, params: FlatParams): Float32Array {
  const out = new Float32Array(codyParamCount(c));
  let offset = 0;
  for (const s of codyParamSpecs(c)) {
    const v = params[s.name];
    if (!v || v.length !== sizeOf(s.shape)) throw new Error(`packCodyWeights: ${s.name} is missing or has the wrong size`);
    out.set(v, offset);
    offset += v.length;
  }
  return out;
}

export function unpackCodyWeights(c: CodyConfig, data: Float32Array): FlatParams {
  const total = codyParamCount(c);
  if (data.length !== total) throw new Error(`unpackCodyWeights: the file has ${data.length} values, this model needs ${total}`);
  const out: FlatParams = {};
  let offset = 0;
  for (const s of codyParamSpecs(c)) {
    const n = sizeOf(s.shape);
    out[s.name] = data.slice(offset, offset + n);
    offset += n;
  }
  return out;
}

export function codyWeightLayout(c: CodyConfig): { name: string; shape: number[]; offset: number }[] {
  let offset = 0;
  return codyParamSpecs(c).map((s) => {
    const e = { name: s.name, shape: [...s.shape], offset };
    offset += sizeOf(s.shape);
    return e;
  });
}

// ───────────────────────────── tfjs (training) ─────────────────────────────
//
// Sequences are time-major (T × B × K × S). What does not depend on the recurrence (the confounder's
// GN over every AB frame, the encoder over every CD frame, each GRU's input projection of a known
// sequence) runs once over all frames, as cuDNN does; the recurrence then takes one frame at a time
// (tf.unstack, cheap on WASM with the heap-view slice kernels of src/shared/tf/wasmKernels.ts).

type Tensors = Record<string, tf.Tensor>;

interface TfCtx {
  c: CodyConfig;
  p: Tensors;
  /** 1 − eye(K), [1, K, K, 1]: no message from a node to itself (modules.py l. 42) */
  offDiagonal: tf.Tensor4D;
  /** each GN's first f layer cut into its sender and receiver halves, once per forward */
  halves: Map<string, [tf.Tensor2D, tf.Tensor2D]>;
}

function linearTf(ctx: TfCtx, name: string, x: tf.Tensor2D, relu: boolean): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: ctx.p[`${name}/kernel`] as tf.Tensor2D, bias: ctx.p[`${name}/bias`], activation: relu ? 'relu' : 'linear' }) as tf.Tensor2D;
}

/** The rest of an MLP after its first layer's pre-activation `h`: ReLU, then layers 2 … L (no activation after the last). */
function mlpRestTf(ctx: TfCtx, name: string, h: tf.Tensor2D, widths: number[]): tf.Tensor2D {
  let x = tf.relu(h);
  const layers = widths.length - 1;
  for (let i = 2; i <= layers; i++) x = linearTf(ctx, `${name}${i}`, x, i < layers);
  return x;
}

/** GCN.forward (modules.py l. 34–49) on N graphs of K nodes: N × K × in → N × K × out. */
function gnTf(ctx: TfCtx, g: GnSpec, x: tf.Tensor3D): tf.Tensor3D {
  const [n, k, s] = x.shape;
  const [fm, gm] = gnMlps(g);
  const flat = rearrange(x, 'n k s -> (n k) s') as tf.Tensor2D;
  // f's first layer on [x_j, x_i] is x_j·W[:s] + x_i·W[s:] + b: two node-sized products instead of one pair-sized
  let halves = ctx.halves.get(g.prefix);
  if (!halves) {
    halves = tf.split(ctx.p[`${fm.name}1/kernel`] as tf.Tensor2D, [s, s], 0) as [tf.Tensor2D, tf.Tensor2D];
    ctx.halves.set(g.prefix, halves);
  }
  const sender = rearrange(tf.matMul(flat, halves[0]), '(n j) h -> n 1 j h', { n });
  const receiver = rearrange(tf.matMul(flat, halves[1]), '(n i) h -> n i 1 h', { n });
  const pre = tf.add(tf.add(sender, receiver), ctx.p[`${fm.name}1/bias`]); // n i j h
  const messages = mlpRestTf(ctx, fm.name, rearrange(pre, 'n i j h -> (n i j) h') as tf.Tensor2D, fm.widths);
  const masked = tf.mul(rearrange(messages, '(n i j) h -> n i j h', { n, i: k, j: k }), ctx.offDiagonal);
  const e = tf.sum(masked, 2); // n i h
  const eSum = tf.tile(tf.sum(e, 1, true), [1, k, 1]); // n k h
  const gIn = rearrange(tf.concat([x, e, eSum], 2), 'n k f -> (n k) f') as tf.Tensor2D;
  const out = mlpRestTf(ctx, gm.name, linearTf(ctx, `${gm.name}1`, gIn, false), gm.widths);
  return rearrange(out, '(n k) o -> n k o', { n }) as tf.Tensor3D;
}

/** x·W_i + b_i, the input half of a GRU's gates (N × 3H). */
function gruInputTf(ctx: TfCtx, prefix: string, x: tf.Tensor2D): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: ctx.p[`${prefix}/wi`] as tf.Tensor2D, bias: ctx.p[`${prefix}/bi`] }) as tf.Tensor2D;
}

/** One torch GRU step from gi = x·W_i + b_i: r, z, n as torch, n = tanh(gi_n + r·(W_hn h + b_hn)), h ← (1 − z)·n + z·h. */
function gruStepTf(ctx: TfCtx, prefix: string, gi: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  const hidden = h.shape[1];
  const gh = tf.fused.matMul({ a: h, b: ctx.p[`${prefix}/wh`] as tf.Tensor2D, bias: ctx.p[`${prefix}/bh`] });
  const [giRz, giN] = tf.split(gi, [2 * hidden, hidden], 1);
  const [ghRz, ghN] = tf.split(gh, [2 * hidden, hidden], 1);
  const [r, z] = tf.split(tf.sigmoid(tf.add(giRz, ghRz)), 2, 1);
  const cand = tf.tanh(tf.add(giN, tf.mul(r, ghN)));
  return tf.add(cand, tf.mul(z, tf.sub(h, cand))) as tf.Tensor2D;
}

/** A GRU layer over a known time-major sequence (T·N × in, rows t-major) → its T outputs, each N × H. */
function gruLayerTf(ctx: TfCtx, prefix: string, xs: tf.Tensor2D, t: number, hidden: number): tf.Tensor2D[] {
  const n = xs.shape[0] / t;
  const gis = tf.unstack(rearrange(gruInputTf(ctx, prefix, xs), '(t n) g -> t n g', { t })) as tf.Tensor2D[];
  let h: tf.Tensor2D = tf.zeros([n, hidden]);
  return gis.map((gi) => (h = gruStepTf(ctx, prefix, gi, h)));
}

function makeCtx(c: CodyConfig, p: Tensors): TfCtx {
  const k = c.keypoints;
  const mask = new Float32Array(k * k).fill(1);
  for (let i = 0; i < k; i++) mask[i * k + i] = 0;
  return { c, p, offDiagonal: tf.tensor4d(mask, [1, k, k, 1]), halves: new Map() };
}

/** Time-major states (count × B × K × S) from batch-major ones (B × frames × K × S): frames 0 … count − 1. */
export function timeMajor(data: Float32Array, batch: number, frames: number, k: number, s: number, count = frames): Float32Array {
  const per = k * s;
  if (data.length !== batch * frames * per) throw new Error(`timeMajor: ${data.length} numbers is not ${batch} × ${frames} × ${k} × ${s}`);
  const out = new Float32Array(count * batch * per);
  for (let t = 0; t < count; t++) {
    for (let b = 0; b < batch; b++) out.set(data.subarray((b * frames + t) * per, (b * frames + t + 1) * per), (t * batch + b) * per);
  }
  return out;
}

/** ConfoundersModule.forward (CoDy.py l. 14–21): AB, T × B × K × S → u, B × K × cf. */
function confounderTf(ctx: TfCtx, ab: tf.Tensor4D): tf.Tensor3D {
  const [t, b, k] = ab.shape;
  const cf = ctx.c.confounderSize;
  const emb = gnTf(ctx, gnSpecs(ctx.c)[0], rearrange(ab, 't b k s -> (t b) k s') as tf.Tensor3D);
  const layer0 = gruLayerTf(ctx, 'conf/gru0', rearrange(emb, 'tb k e -> (tb k) e') as tf.Tensor2D, t, cf);
  const layer1 = gruLayerTf(ctx, 'conf/gru1', rearrange(tf.stack(layer0), 't n h -> (t n) h') as tf.Tensor2D, t, cf);
  return rearrange(layer1[t - 1], '(b k) u -> b k u', { b, k }) as tf.Tensor3D;
}

/** Encoder.forward: N × K × S → N × K × z. */
function encodeTf(ctx: TfCtx, x: tf.Tensor3D): tf.Tensor3D {
  return gnTf(ctx, gnSpecs(ctx.c)[2], x);
}

/** Decoder.forward (l. 75–81): T lifted frames (each N × K × z) → T × N × K × S. */
function decodeTf(ctx: TfCtx, zs: readonly tf.Tensor3D[]): tf.Tensor4D {
  const [n, k] = zs[0].shape;
  let h: tf.Tensor2D = tf.zeros([n * k, ctx.c.liftSize]);
  const outs = zs.map((z) => (h = gruStepTf(ctx, 'dec/gru', gruInputTf(ctx, 'dec/gru', rearrange(z, 'n k z -> (n k) z') as tf.Tensor2D), h)));
  const seq = rearrange(tf.stack(outs), 't (n k) z -> (t n) k z', { n, k }) as tf.Tensor3D;
  return rearrange(gnTf(ctx, gnSpecs(ctx.c)[3], seq), '(t n) k s -> t n k s', { n }) as tf.Tensor4D;
}

/** The lifted rollout (CoDy.forward l. 102–112): z₀ (B × K × z), u (B × K × cf) → horizon + 1 tensors B × K × z. */
function rolloutTf(ctx: TfCtx, z0: tf.Tensor3D, u: tf.Tensor3D, horizon: number): tf.Tensor3D[] {
  const [b, k] = z0.shape;
  const gn = gnSpecs(ctx.c)[1];
  const emb = ctx.c.embSize;
  let h0: tf.Tensor2D = tf.zeros([b * k, emb]);
  let h1: tf.Tensor2D = tf.zeros([b * k, emb]);
  const zs = [z0];
  for (let t = 0; t < horizon; t++) {
    const z = zs[zs.length - 1];
    const e = rearrange(gnTf(ctx, gn, tf.concat([z, u], 2) as tf.Tensor3D), 'b k e -> (b k) e') as tf.Tensor2D;
    h0 = gruStepTf(ctx, 'dyn/gru0', gruInputTf(ctx, 'dyn/gru0', e), h0);
    h1 = gruStepTf(ctx, 'dyn/gru1', gruInputTf(ctx, 'dyn/gru1', h0), h1);
    const delta = rearrange(tf.matMul(h1, ctx.p['dyn/out/kernel'] as tf.Tensor2D), '(b k) z -> b k z', { b, k });
    zs.push(tf.add(z, delta) as tf.Tensor3D);
  }
  return zs;
}

export interface CodyForward {
  /** the predicted CD states, B × (horizon + 1) × K × S (frame 0 is C decoded) */
  prediction: tf.Tensor4D;
  /** u, B × K × cf */
  confounder: tf.Tensor3D;
}

/**
 * CoDy.forward (l. 98–113) in tfjs: u from AB (T × B × K × S, or the given u), C's state (B × K × S)
 * lifted, rolled out `horizon` steps and decoded. Call inside tf.tidy or a gradient function.
 */
export function codyForwardTf(config: CodyConfig, params: Tensors, ab: tf.Tensor4D, c: tf.Tensor3D, horizon: number, u?: tf.Tensor3D): CodyForward {
  const ctx = makeCtx(config, params);
  const confounder = u ?? confounderTf(ctx, ab);
  const decoded = decodeTf(ctx, rolloutTf(ctx, encodeTf(ctx, c), confounder, horizon));
  return { prediction: rearrange(decoded, 't b k s -> b t k s') as tf.Tensor4D, confounder };
}

/** u from AB (T × B × K × S) in tfjs → B × K × cf. Call inside tf.tidy. */
export function confounderTfOf(config: CodyConfig, params: Tensors, ab: tf.Tensor4D): tf.Tensor3D {
  return confounderTf(makeCtx(config, params), ab);
}

/**
 * The training objective (train_cody.py l. 123–130 and get_loss l. 85–92): roll out from cd[0] for
 * T − 1 steps, decode, and compare with cd; autoencode cd through encoder and decoder. The lifted C is
 * encoder(cd)[0], computed once for both terms (the official code encodes c separately: the same
 * values), and both decoder passes run as one batch. `ab` and `cd` are time-major (T × B × K × S);
 * `target` is cd as T × 2B × K × S, twice over (prediction, then autoencoding: `lossTarget`). Returns
 * [total, prediction MSE, autoencoding MSE]. Call inside a gradient function.
 */
export function codyLossTf(config: CodyConfig, params: Tensors, ab: tf.Tensor4D, cd: tf.Tensor4D, target: tf.Tensor4D): [tf.Scalar, tf.Scalar, tf.Scalar] {
  const ctx = makeCtx(config, params);
  const [t, b] = cd.shape;
  const u = confounderTf(ctx, ab);
  const zAuto = tf.unstack(rearrange(encodeTf(ctx, rearrange(cd, 't b k s -> (t b) k s') as tf.Tensor3D), '(t b) k z -> t b k z', { t })) as tf.Tensor3D[];
  const zPred = rolloutTf(ctx, zAuto[0], u, t - 1);
  const decoded = decodeTf(ctx, zPred.map((z, i) => tf.concat([z, zAuto[i]], 0) as tf.Tensor3D)); // t (2b) k s
  const squared = rearrange(tf.squaredDifference(decoded, target), 't (two b) k s -> two (t b k s)', { two: 2, b });
  const [predictionMse, autoencodeMse] = tf.unstack(tf.mean(squared, 1)) as [tf.Scalar, tf.Scalar];
  const total = tf.add(tf.mul(predictionMse, PREDICTION_WEIGHT), tf.mul(autoencodeMse, AUTOENCODE_WEIGHT)) as tf.Scalar;
  return [total, predictionMse, autoencodeMse];
}

/** The loss target of codyLossTf from batch-major CD states (B × frames × K × S): frames 0 … count − 1, as T × 2B × K × S. */
export function lossTarget(cd: Float32Array, batch: number, frames: number, k: number, s: number, count = frames): Float32Array {
  const per = k * s;
  const out = new Float32Array(count * 2 * batch * per);
  for (let t = 0; t < count; t++) {
    for (let copy = 0; copy < 2; copy++) {
      for (let b = 0; b < batch; b++) out.set(cd.subarray((b * frames + t) * per, (b * frames + t + 1) * per), ((t * 2 + copy) * batch + b) * per);
    }
  }
  return out;
}

// ─────────────────────── plain TypeScript (inference) ───────────────────────

/** y (n × out) = x (n × in) · W (in × out) + b, optionally ReLU. */
function linearPlain(x: Float32Array, n: number, w: Float32Array, b: Float32Array | null, inSize: number, outSize: number, relu: boolean): Float32Array {
  const y = new Float32Array(n * outSize);
  for (let r = 0; r < n; r++) {
    const yo = r * outSize;
    if (b) for (let o = 0; o < outSize; o++) y[yo + o] = b[o];
    const xo = r * inSize;
    for (let i = 0; i < inSize; i++) {
      const xi = x[xo + i];
      if (xi === 0) continue;
      const wo = i * outSize;
      for (let o = 0; o < outSize; o++) y[yo + o] += xi * w[wo + o];
    }
    if (relu) for (let o = 0; o < outSize; o++) if (y[yo + o] < 0) y[yo + o] = 0;
  }
  return y;
}

/** An MLP of modules.py; `firstPre`, when given, is the first layer's pre-activation already computed (it is overwritten). */
function mlpPlain(p: FlatParams, name: string, x: Float32Array, n: number, widths: number[], firstPre?: Float32Array): Float32Array {
  const layers = widths.length - 1;
  let h = firstPre ?? linearPlain(x, n, p[`${name}1/kernel`], p[`${name}1/bias`], widths[0], widths[1], false);
  for (let v = 0; v < h.length; v++) if (h[v] < 0) h[v] = 0;
  for (let i = 2; i <= layers; i++) h = linearPlain(h, n, p[`${name}${i}/kernel`], p[`${name}${i}/bias`], widths[i - 1], widths[i], i < layers);
  return h;
}

/** GCN on N graphs of K nodes in plain arithmetic: x is N × K × in, returns N × K × out. */
function gnPlain(p: FlatParams, g: GnSpec, x: Float32Array, n: number, k: number): Float32Array {
  const [fm, gm] = gnMlps(g);
  const s = g.inSize;
  const h = g.hidden;
  const w1 = p[`${fm.name}1/kernel`];
  const sender = linearPlain(x, n * k, w1.subarray(0, s * h), null, s, h, false);
  const receiver = linearPlain(x, n * k, w1.subarray(s * h), null, s, h, false);
  const b1 = p[`${fm.name}1/bias`];
  // pairs (i receiver, j sender), i ≠ j only: the diagonal's messages are masked out anyway
  const pairs = k * (k - 1);
  const pre = new Float32Array(n * pairs * h);
  let row = 0;
  for (let m = 0; m < n; m++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        if (i === j) continue;
        const so = (m * k + j) * h;
        const ro = (m * k + i) * h;
        const o = row * h;
        for (let q = 0; q < h; q++) pre[o + q] = sender[so + q] + receiver[ro + q] + b1[q];
        row++;
      }
    }
  }
  const messages = mlpPlain(p, fm.name, pre, n * pairs, fm.widths, pre);
  const fIn = 2 * h + s;
  const gIn = new Float32Array(n * k * fIn);
  row = 0;
  for (let m = 0; m < n; m++) {
    const total = new Float32Array(h);
    const base = m * k * fIn;
    for (let i = 0; i < k; i++) {
      const o = base + i * fIn;
      gIn.set(x.subarray((m * k + i) * s, (m * k + i + 1) * s), o);
      for (let j = 0; j < k - 1; j++) {
        const mo = row * h;
        for (let q = 0; q < h; q++) gIn[o + s + q] += messages[mo + q];
        row++;
      }
      for (let q = 0; q < h; q++) total[q] += gIn[o + s + q];
    }
    for (let i = 0; i < k; i++) gIn.set(total, base + i * fIn + s + h);
  }
  return mlpPlain(p, gm.name, gIn, n * k, gm.widths);
}

/** One torch GRU step in place: h (n × H) ← GRU(gi, h), gi = x·W_i + b_i precomputed (n × 3H). */
function gruCellPlain(p: FlatParams, prefix: string, gi: Float32Array, h: Float32Array, n: number, hidden: number): void {
  const gh = linearPlain(h, n, p[`${prefix}/wh`], p[`${prefix}/bh`], hidden, 3 * hidden, false);
  const g3 = 3 * hidden;
  for (let r = 0; r < n; r++) {
    for (let q = 0; q < hidden; q++) {
      const a = r * g3;
      const rg = 1 / (1 + Math.exp(-(gi[a + q] + gh[a + q])));
      const zg = 1 / (1 + Math.exp(-(gi[a + hidden + q] + gh[a + hidden + q])));
      const cand = Math.tanh(gi[a + 2 * hidden + q] + rg * gh[a + 2 * hidden + q]);
      const hi = r * hidden + q;
      h[hi] = cand + zg * (h[hi] - cand);
    }
  }
}

function gruStepPlain(p: FlatParams, prefix: string, x: Float32Array, h: Float32Array, n: number, inSize: number, hidden: number): void {
  gruCellPlain(p, prefix, linearPlain(x, n, p[`${prefix}/wi`], p[`${prefix}/bi`], inSize, 3 * hidden, false), h, n, hidden);
}

/** Per-keypoint states of one example, frame-major: frames × K × S. */
export interface StateSequence {
  frames: number;
  values: Float32Array;
}

/**
 * The confounder code u (K × cf) from one example's AB states (T × K × S), in plain arithmetic. Zero it
 * or take it from another AB (a mass swap) and pass it to `CodyRollout`.
 */
export function confounder(config: CodyConfig, params: FlatParams, ab: Float32Array, frames: number): Float32Array {
  const { keypoints: k, stateSize: s, confounderSize: cf, embSize } = config;
  if (ab.length !== frames * k * s) throw new Error(`confounder: AB has ${ab.length} numbers, expected ${frames} × ${k} × ${s}`);
  const emb = gnPlain(params, gnSpecs(config)[0], ab, frames, k); // (t k) e
  const h0 = new Float32Array(k * cf);
  const h1 = new Float32Array(k * cf);
  for (let t = 0; t < frames; t++) {
    gruStepPlain(params, 'conf/gru0', emb.subarray(t * k * embSize, (t + 1) * k * embSize), h0, k, embSize, cf);
    gruStepPlain(params, 'conf/gru1', h0, h1, k, cf, cf);
  }
  return h1;
}

/**
 * The counterfactual rollout in plain arithmetic, one step at a time (so a page can draw as it goes):
 * lifted C, then `step()` returns the next decoded state (K × S). The decoder's GRU runs along.
 */
export class CodyRollout {
  private z: Float32Array;
  private readonly hDyn0: Float32Array;
  private readonly hDyn1: Float32Array;
  private readonly hDec: Float32Array;
  private readonly dynInput: Float32Array;
  private emitted = 0;

  constructor(
    readonly config: CodyConfig,
    private readonly params: FlatParams,
    c: Float32Array,
    readonly u: Float32Array,
  ) {
    const { keypoints: k, stateSize: s, liftSize, embSize, confounderSize } = config;
    if (c.length !== k * s) throw new Error(`CodyRollout: C has ${c.length} numbers, expected ${k} × ${s}`);
    if (u.length !== k * confounderSize) throw new Error(`CodyRollout: u has ${u.length} numbers, expected ${k} × ${confounderSize}`);
    this.z = gnPlain(params, gnSpecs(config)[2], c, 1, k);
    this.hDyn0 = new Float32Array(k * embSize);
    this.hDyn1 = new Float32Array(k * embSize);
    this.hDec = new Float32Array(k * liftSize);
    this.dynInput = new Float32Array(k * (liftSize + confounderSize));
  }

  /** Frames decoded so far (the first is C). */
  get frames(): number {
    return this.emitted;
  }

  /** The next frame's state: frame 0 is C through the encoder and decoder, then one dynamics step each. */
  step(): Float32Array {
    const { keypoints: k, liftSize: zs, embSize: e, confounderSize: cf } = this.config;
    const p = this.params;
    if (this.emitted > 0) {
      for (let i = 0; i < k; i++) {
        this.dynInput.set(this.z.subarray(i * zs, (i + 1) * zs), i * (zs + cf));
        this.dynInput.set(this.u.subarray(i * cf, (i + 1) * cf), i * (zs + cf) + zs);
      }
      const emb = gnPlain(p, gnSpecs(this.config)[1], this.dynInput, 1, k);
      gruStepPlain(p, 'dyn/gru0', emb, this.hDyn0, k, e, e);
      gruStepPlain(p, 'dyn/gru1', this.hDyn0, this.hDyn1, k, e, e);
      const delta = linearPlain(this.hDyn1, k, p['dyn/out/kernel'], null, e, zs, false);
      const next = new Float32Array(k * zs);
      for (let v = 0; v < next.length; v++) next[v] = this.z[v] + delta[v];
      this.z = next;
    }
    gruStepPlain(p, 'dec/gru', this.z, this.hDec, k, zs, zs);
    this.emitted++;
    return gnPlain(p, gnSpecs(this.config)[3], this.hDec, 1, k);
  }
}

/** The whole rollout: (horizon + 1) × K × S, frame 0 being C decoded. u defaults to confounder(AB). */
export function rolloutPlain(config: CodyConfig, params: FlatParams, opts: { ab?: Float32Array; abFrames?: number; c: Float32Array; horizon: number; u?: Float32Array }): Float32Array {
  const u = opts.u ?? (opts.ab && opts.abFrames ? confounder(config, params, opts.ab, opts.abFrames) : null);
  if (!u) throw new Error('rolloutPlain: pass u, or AB states and their frame count');
  const roll = new CodyRollout(config, params, opts.c, u);
  const size = config.keypoints * config.stateSize;
  const out = new Float32Array((opts.horizon + 1) * size);
  for (let t = 0; t <= opts.horizon; t++) out.set(roll.step(), t * size);
  return out;
}
