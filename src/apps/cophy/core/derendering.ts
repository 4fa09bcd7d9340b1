/**
 * Filtered-CoPhy's de-rendering module (Janny et al., ICLR 2022, arXiv 2202.00368, §4.1 and Fig. 4),
 * after the official Models/Derendering.py (filteredcophy/FilteredCoPhy @151a2fd), at half the official
 * channel widths and at 64² instead of 112²:
 *
 *   encoder  Block(3→16, 7×7) Block(16→16) Block(16→32, /2) Block(32→32) Block(32→64, /2)   ⇒ 16×16×64
 *            (official l. 130–136: 32, 32, 64, 64, 128 channels, 112² ⇒ 28²)
 *   heads    F = Block(64→16)                              the dense feature map (official net_feat, 16 channels kept)
 *            heatmaps = softplus(conv1×1(Block(64→64)))    K maps, each a soft-argmax keypoint (net_pose, regressor)
 *            coefficient maps = Block(64→K)                one 16×16 map per keypoint (net_coef)
 *   MLP      per keypoint, the flattened 16×16 map → 256 → 256 → 128 → C+1, sigmoid (the official
 *            extractor is 784 → 2048 → 1024 → 512 → C+1, l. 13–18); the last output is the gate
 *   decode   a Gaussian per keypoint, filtered by the fixed bank of C oriented 5×5 line filters
 *            (get_dilatation_filters, l. 203–214), each filtered map scaled by coefficient × gate
 *            (l. 73–74), stacked with F of the SOURCE frame (l. 86)
 *   refiner  Block(16+K·C→64) Block(64→64) Block(64→32) up×2 Block(32→32) Block(32→16) up×2
 *            Block(16→16) Block(16→16, 7×7) conv1×1(16→3) tanh   (official l. 163–177: 128, 128, 64, 64, 32, 32, 32)
 *
 * A Block is conv → batch norm → ReLU (l. 108–124). Convolutions have no bias in our Blocks: batch
 * norm removes it. Pixels are in [−1, 1], as the official loader gives them (Video_Loaders.py l. 162:
 * 2·(rgb/255) − 1), which is also the tanh output's range.
 *
 * Coordinates follow the official convention: keypoints are (row, column) in [−1, 1], the soft-argmax
 * weighting linspace(−1, 1, H) (l. 56–63), and the Gaussian is exp(−d²/std²) on the same grid
 * (gaussian_map, l. 187–200). The official std 0.1 on a 28² grid is 1.35 grid steps (2/27 each); we keep
 * 1.35 steps on our 16² grid: std = 1.35 · 2/15 = 0.18.
 *
 * Layout: NHWC, as tfjs convolves; every reshape goes through src/shared/einops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { rearrange, reduce } from '../../../shared/einops';
import { createRng } from '../../../shared/random';
import { FOREGROUND_THRESHOLD } from './metrics';

export interface DerenderConfig {
  /** Input frames are imageSize × imageSize RGB; the maps are imageSize/4. */
  imageSize: number;
  /** K: keypoints (N or 2N). */
  keypoints: number;
  /** C: oriented filters in the bank (the coefficient MLP gives C + 1 numbers, the last a gate). */
  coefficients: number;
  /** The five trunk Blocks' widths (official: 32, 32, 64, 64, 128). */
  encoder: readonly [number, number, number, number, number];
  /** Channels of the dense map F (official: 16). */
  featureChannels: number;
  /** Width of the pose Block before the 1×1 heatmap regressor (official: 128). */
  poseChannels: number;
  /** Hidden widths of the coefficient MLP (official: 2048, 1024, 512). */
  mlpHidden: readonly number[];
  /** The refiner's seven Blocks (official: 128, 128, 64, 64, 32, 32, 32); up-sampling after the 3rd and the 5th. */
  decoder: readonly [number, number, number, number, number, number, number];
  /** The Gaussian's std in [−1, 1] map coordinates, as exp(−d²/std²). */
  std: number;
  /** Kernel size of the first encoder Block and of the last refiner Block (official: 7; tests use 3, which the CPU backend trains far faster). */
  outerKernel?: number;
}

/** Grid steps per std: the official 0.1 on linspace(−1, 1, 28), whose step is 2/27. */
export const STD_GRID_STEPS = 0.1 / (2 / 27);

export function stdForMap(mapSize: number): number {
  return STD_GRID_STEPS * (2 / (mapSize - 1));
}

/** The shipped model: half the official widths, 64² frames, K = N = 3 keypoints, C = 4. */
export const DEFAULT_DERENDER_CONFIG: DerenderConfig = {
  imageSize: 64,
  keypoints: 3,
  coefficients: 4,
  encoder: [16, 16, 32, 32, 64],
  featureChannels: 16,
  poseChannels: 64,
  mlpHidden: [256, 128],
  decoder: [64, 64, 32, 32, 16, 16, 16],
  std: stdForMap(16),
};

/** The official widths (Derendering.py), for the record and the differences list. */
export const OFFICIAL_DERENDER_WIDTHS = {
  imageSize: 112,
  encoder: [32, 32, 64, 64, 128],
  featureChannels: 16,
  poseChannels: 128,
  mlpHidden: [2048, 1024, 512],
  decoder: [128, 128, 64, 64, 32, 32, 32],
  std: 0.1,
} as const;

/** Batch-norm momentum and epsilon as torch.nn.BatchNorm2d's defaults. */
export const BN_MOMENTUM = 0.1;
export const BN_EPSILON = 1e-5;

export type ParamKind = 'conv' | 'dense' | 'bias' | 'gamma' | 'beta';
export interface ParamSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly kind: ParamKind;
  /** torch's default init bound 1/√fan_in for weights and biases */
  readonly fanIn: number;
}

interface BlockSpec {
  name: string;
  kernel: number;
  cin: number;
  cout: number;
  stride: 1 | 2;
}

export function mapSizeOf(config: DerenderConfig): number {
  return config.imageSize / 4;
}

function encoderBlocks(c: DerenderConfig): BlockSpec[] {
  const [a, b, d, e, f] = c.encoder;
  return [
    { name: 'enc1', kernel: c.outerKernel ?? 7, cin: 3, cout: a, stride: 1 },
    { name: 'enc2', kernel: 3, cin: a, cout: b, stride: 1 },
    { name: 'enc3', kernel: 3, cin: b, cout: d, stride: 2 },
    { name: 'enc4', kernel: 3, cin: d, cout: e, stride: 1 },
    { name: 'enc5', kernel: 3, cin: e, cout: f, stride: 2 },
  ];
}

function headBlocks(c: DerenderConfig): BlockSpec[] {
  const trunk = c.encoder[4];
  return [
    { name: 'feat', kernel: 3, cin: trunk, cout: c.featureChannels, stride: 1 },
    { name: 'pose', kernel: 3, cin: trunk, cout: c.poseChannels, stride: 1 },
    { name: 'coef', kernel: 3, cin: trunk, cout: c.keypoints, stride: 1 },
  ];
}

function decoderBlocks(c: DerenderConfig): BlockSpec[] {
  const w = c.decoder;
  const cin0 = c.featureChannels + c.keypoints * c.coefficients;
  return [
    { name: 'dec1', kernel: 3, cin: cin0, cout: w[0], stride: 1 },
    { name: 'dec2', kernel: 3, cin: w[0], cout: w[1], stride: 1 },
    { name: 'dec3', kernel: 3, cin: w[1], cout: w[2], stride: 1 },
    { name: 'dec4', kernel: 3, cin: w[2], cout: w[3], stride: 1 },
    { name: 'dec5', kernel: 3, cin: w[3], cout: w[4], stride: 1 },
    { name: 'dec6', kernel: 3, cin: w[4], cout: w[5], stride: 1 },
    { name: 'dec7', kernel: c.outerKernel ?? 7, cin: w[5], cout: w[6], stride: 1 },
  ];
}

function allBlocks(c: DerenderConfig): BlockSpec[] {
  return [...encoderBlocks(c), ...headBlocks(c), ...decoderBlocks(c)];
}

/** Every trainable parameter, in the order of the shipped weight file. */
export function paramSpecs(c: DerenderConfig): ParamSpec[] {
  const specs: ParamSpec[] = [];
  for (const b of allBlocks(c)) {
    const fanIn = b.kernel * b.kernel * b.cin;
    specs.push({ name: `${b.name}/kernel`, shape: [b.kernel, b.kernel, b.cin, b.cout], kind: 'conv', fanIn });
    specs.push({ name: `${b.name}/gamma`, shape: [b.cout], kind: 'gamma', fanIn });
    specs.push({ name: `${b.name}/beta`, shape: [b.cout], kind: 'beta', fanIn });
  }
  specs.push({ name: 'regressor/kernel', shape: [1, 1, c.poseChannels, c.keypoints], kind: 'conv', fanIn: c.poseChannels });
  specs.push({ name: 'regressor/bias', shape: [c.keypoints], kind: 'bias', fanIn: c.poseChannels });
  const m = mapSizeOf(c);
  const widths = [m * m, ...c.mlpHidden, c.coefficients + 1];
  for (let i = 0; i + 1 < widths.length; i++) {
    specs.push({ name: `mlp${i + 1}/kernel`, shape: [widths[i], widths[i + 1]], kind: 'dense', fanIn: widths[i] });
    specs.push({ name: `mlp${i + 1}/bias`, shape: [widths[i + 1]], kind: 'bias', fanIn: widths[i] });
  }
  const last = c.decoder[6];
  specs.push({ name: 'out/kernel', shape: [1, 1, last, 3], kind: 'conv', fanIn: last });
  specs.push({ name: 'out/bias', shape: [3], kind: 'bias', fanIn: last });
  return specs;
}

/** Batch-norm running statistics (not trained; updated in training, used at inference). */
export function bnStatSpecs(c: DerenderConfig): { name: string; size: number; init: number }[] {
  return allBlocks(c).flatMap((b) => [
    { name: `${b.name}/mean`, size: b.cout, init: 0 },
    { name: `${b.name}/var`, size: b.cout, init: 1 },
  ]);
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function paramCount(c: DerenderConfig): number {
  return paramSpecs(c).reduce((a, s) => a + sizeOf(s.shape), 0);
}

export type FlatParams = Record<string, Float32Array>;

/** torch's default initialisation (U(±1/√fan_in) for weights and biases; γ = 1, β = 0), from the suite's PRNG. */
export function initialParams(c: DerenderConfig, seed: number): FlatParams {
  const root = createRng(seed).fork('cophy/derender/init');
  const out: FlatParams = {};
  for (const s of paramSpecs(c)) {
    const values = new Float32Array(sizeOf(s.shape));
    if (s.kind === 'gamma') values.fill(1);
    else if (s.kind !== 'beta') {
      const bound = 1 / Math.sqrt(s.fanIn);
      const r = root.fork(s.name);
      for (let i = 0; i < values.length; i++) values[i] = r.uniform(-bound, bound);
    }
    out[s.name] = values;
  }
  return out;
}

export function initialBnStats(c: DerenderConfig): FlatParams {
  const out: FlatParams = {};
  for (const s of bnStatSpecs(c)) out[s.name] = new Float32Array(s.size).fill(s.init);
  return out;
}

/**
 * The fixed filter bank (get_dilatation_filters, Derendering.py l. 203–214): filter i is a line through
 * the centre at angle θ_i = iπ/C on the grid linspace(−5, 5, 5)², value exp(−dist²) with dist the
 * distance to the line, |x·sin θ − y·cos θ|; x indexes rows, y columns, as in the official Z[k, i, j].
 * For C = 4 the sines and cosines come from a constant table (0, ±√½, 1); other C use Math.sin/cos
 * once, here, never in a step. Returned as a depthwise filter [5, 5, 1, C].
 */
export function lineFilterBank(coefficients: number): Float32Array {
  const half = Math.sqrt(0.5);
  const TABLE4: readonly (readonly [number, number])[] = [
    [0, 1],
    [half, half],
    [1, 0],
    [half, -half],
  ];
  const grid = [-5, -2.5, 0, 2.5, 5];
  const bank = new Float32Array(25 * coefficients);
  for (let k = 0; k < coefficients; k++) {
    const [sin, cos] = coefficients === 4 ? TABLE4[k] : [Math.sin((k * Math.PI) / coefficients), Math.cos((k * Math.PI) / coefficients)];
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const d = grid[i] * sin - grid[j] * cos;
        bank[(i * 5 + j) * coefficients + k] = Math.exp(-d * d);
      }
    }
  }
  return bank;
}

/** linspace(−1, 1, n) as in torch. */
export function linspace(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? 0 : -1 + (2 * i) / (n - 1);
  return out;
}

type Tensors = Record<string, tf.Tensor>;

/** Batch statistics a training forward pass collects, for the running averages. */
export interface BnBatchStats {
  name: string;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  count: number;
}

interface ForwardCtx {
  params: Tensors;
  bn: Tensors;
  training: boolean;
  /** training only: each Block's batch mean and (biased) variance are pushed here (call tf.keep on them to use them outside a tidy) */
  collect?: BnBatchStats[];
}

/**
 * A block's kernel and bias with its batch norm folded in, for inference: with running statistics batch
 * norm is affine per output channel, y·s + (β − μ·s) with s = γ/√(σ² + ε), so conv(x, K)·s + shift =
 * conv(x, K·s) + shift, and conv, bias and ReLU run as one fused op (an eighth less time per extracted
 * frame on WASM than conv then three full-size elementwise ops; the same function up to float rounding).
 */
export function foldBatchNorm(params: Tensors, bn: Tensors, name: string): { filter: tf.Tensor4D; bias: tf.Tensor1D } {
  const scale = tf.mul(params[`${name}/gamma`], tf.rsqrt(tf.add(bn[`${name}/var`], BN_EPSILON)));
  const bias = tf.sub(params[`${name}/beta`], tf.mul(bn[`${name}/mean`], scale)) as tf.Tensor1D;
  return { filter: tf.mul(params[`${name}/kernel`], scale) as tf.Tensor4D, bias };
}

function block(ctx: ForwardCtx, name: string, x: tf.Tensor4D, stride: 1 | 2): tf.Tensor4D {
  if (!ctx.training) {
    const { filter, bias } = foldBatchNorm(ctx.params, ctx.bn, name);
    return tf.fused.conv2d({ x, filter, strides: stride, pad: 'same', bias, activation: 'relu' });
  }
  const y = tf.conv2d(x, ctx.params[`${name}/kernel`] as tf.Tensor4D, stride, 'same');
  let mean: tf.Tensor;
  let variance: tf.Tensor;
  if (ctx.training) {
    ({ mean, variance } = tf.moments(y, [0, 1, 2]));
    ctx.collect?.push({ name, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D, count: y.shape[0] * y.shape[1] * y.shape[2] });
  } else {
    mean = ctx.bn[`${name}/mean`];
    variance = ctx.bn[`${name}/var`];
  }
  // Batch norm as y·s + (β − μ·s), s = γ/√(σ² + ε): two full-size ops. (tf.batchNorm's gradient tiles its
  // per-channel factors to the full tensor, which took a fifth of a training step on WASM.)
  const scale = tf.mul(ctx.params[`${name}/gamma`], tf.rsqrt(tf.add(variance, BN_EPSILON)));
  const shift = tf.sub(ctx.params[`${name}/beta`], tf.mul(mean, scale));
  return tf.relu(tf.add(tf.mul(y, scale), shift)) as tf.Tensor4D;
}

export interface EncoderOutput {
  /** F: n × m × m × featureChannels */
  features: tf.Tensor4D;
  /** n × K × 2, (row, column) in [−1, 1] */
  keypoints: tf.Tensor3D;
  /** n × K × (C+1), in (0, 1); the last is the gate */
  coefficients: tf.Tensor3D;
}

/** Soft-argmax over each heatmap (get_keypoint_location, l. 56–63): n × m × m × K → n × K × 2 (row, column). */
export function softArgmax(heatmaps: tf.Tensor4D): tf.Tensor3D {
  const [, h, w] = heatmaps.shape;
  const flat = rearrange(heatmaps, 'n h w k -> n k (h w)');
  const prob = rearrange(tf.softmax(flat), 'n k (h w) -> n k h w', { h, w });
  const rows = reduce(prob, 'n k h w -> n k h', 'sum');
  const cols = reduce(prob, 'n k h w -> n k w', 'sum');
  const u = tf.sum(tf.mul(rows, tf.tensor1d(linspace(h))), -1);
  const v = tf.sum(tf.mul(cols, tf.tensor1d(linspace(w))), -1);
  return tf.stack([u, v], -1) as tf.Tensor3D;
}

function mlp(ctx: ForwardCtx, x: tf.Tensor2D, layers: number): tf.Tensor2D {
  let h = x;
  for (let i = 1; i <= layers; i++) {
    h = tf.add(tf.matMul(h, ctx.params[`mlp${i}/kernel`] as tf.Tensor2D), ctx.params[`mlp${i}/bias`]) as tf.Tensor2D;
    if (i < layers) h = tf.relu(h);
  }
  return tf.sigmoid(h);
}

function encode(config: DerenderConfig, ctx: ForwardCtx, frames: tf.Tensor4D): EncoderOutput {
  let x = frames;
  for (const b of encoderBlocks(config)) x = block(ctx, b.name, x, b.stride);
  const features = block(ctx, 'feat', x, 1);
  const pose = block(ctx, 'pose', x, 1);
  const heat = tf.softplus(tf.add(tf.conv2d(pose, ctx.params['regressor/kernel'] as tf.Tensor4D, 1, 'same'), ctx.params['regressor/bias'])) as tf.Tensor4D;
  const coefMaps = block(ctx, 'coef', x, 1);
  const n = frames.shape[0];
  const k = config.keypoints;
  const perKeypoint = rearrange(coefMaps, 'n h w k -> (n k) (h w)') as tf.Tensor2D;
  const coefficients = rearrange(mlp(ctx, perKeypoint, config.mlpHidden.length + 1), '(n k) c -> n k c', { n, k }) as tf.Tensor3D;
  return { features, keypoints: softArgmax(heat), coefficients };
}

/** Gaussian maps exp(−d²/std²) around each keypoint (gaussian_map, l. 187–200): n × K × 2 → n × m × m × K. */
export function gaussianMaps(keypoints: tf.Tensor3D, size: number, std: number): tf.Tensor4D {
  const grid = tf.tensor1d(linspace(size));
  const mu = rearrange(keypoints, 'n k two -> n k two 1');
  const [muRow, muCol] = tf.split(mu, 2, 2);
  const dy = tf.square(tf.sub(rearrange(grid, 'h -> 1 1 h 1'), muRow)); // n k h 1
  const dx = tf.square(tf.sub(rearrange(grid, 'w -> 1 1 1 w'), muCol)); // n k 1 w
  const g = tf.exp(tf.mul(tf.add(dy, dx), -1 / (std * std)));
  return rearrange(g, 'n k h w -> n h w k') as tf.Tensor4D;
}

/**
 * The keypoint channels of the refiner's input (create_img, l. 65–89): each keypoint's Gaussian filtered
 * by the C line filters, each result scaled by coefficient_c × gate. n × m × m × (K·C), channel k·C + c.
 */
export function keypointMaps(config: DerenderConfig, bank: tf.Tensor4D, keypoints: tf.Tensor3D, coefficients: tf.Tensor3D, size: number, std: number = config.std): tf.Tensor4D {
  const gauss = gaussianMaps(keypoints, size, std);
  const c = config.coefficients;
  // one depthwise filter per keypoint channel, channel multiplier C: output channel k·C + c
  const filters = tf.tile(bank, [1, 1, config.keypoints, 1]) as tf.Tensor4D;
  const filtered = tf.depthwiseConv2d(gauss, filters, 1, 'same');
  const [weights, gate] = tf.split(coefficients, [c, 1], 2);
  const scale = rearrange(tf.mul(weights, gate), 'n k c -> n 1 1 (k c)');
  return tf.mul(filtered, scale) as tf.Tensor4D;
}

function refine(config: DerenderConfig, ctx: ForwardCtx, input: tf.Tensor4D): tf.Tensor4D {
  let x = input;
  const blocks = decoderBlocks(config);
  for (let i = 0; i < blocks.length; i++) {
    x = block(ctx, blocks[i].name, x, 1);
    // nn.UpsamplingBilinear2d(scale_factor=2) aligns corners
    if (i === 2 || i === 4) x = tf.image.resizeBilinear(x, [x.shape[1] * 2, x.shape[2] * 2], true);
  }
  return tf.tanh(tf.add(tf.conv2d(x, ctx.params['out/kernel'] as tf.Tensor4D, 1, 'same'), ctx.params['out/bias'])) as tf.Tensor4D;
}

export interface PairOutput {
  /** the predicted target frame, n × S × S × 3 in [−1, 1] */
  image: tf.Tensor4D;
  /** the target frame's keypoints, n × K × 2 */
  keypoints: tf.Tensor3D;
  /** the target frame's coefficients, n × K × (C+1) */
  coefficients: tf.Tensor3D;
}

/**
 * Derendering.forward (l. 34–54): encode source and target together (one batch, as the official code:
 * batch norm sees both), reconstruct the target from the source's F and the target's keypoints and
 * coefficients. Call inside tf.tidy or a gradient function.
 */
export function forwardPair(
  config: DerenderConfig,
  params: Tensors,
  bn: Tensors,
  bank: tf.Tensor4D,
  source: tf.Tensor4D,
  target: tf.Tensor4D,
  opts: { training: boolean; collect?: BnBatchStats[]; /** the Gaussians' std (default config.std; a schedule may widen it early in training) */ std?: number },
): PairOutput {
  const ctx: ForwardCtx = { params, bn, training: opts.training, collect: opts.collect };
  const n = source.shape[0];
  const enc = encode(config, ctx, tf.concat([source, target], 0) as tf.Tensor4D);
  const m = mapSizeOf(config);
  const sourceFeatures = tf.slice(enc.features, [0, 0, 0, 0], [n, m, m, config.featureChannels]);
  const keypoints = tf.slice(enc.keypoints, [n, 0, 0], [n, config.keypoints, 2]);
  const coefficients = tf.slice(enc.coefficients, [n, 0, 0], [n, config.keypoints, config.coefficients + 1]);
  const maps = keypointMaps(config, bank, keypoints, coefficients, m, opts.std ?? config.std);
  const image = refine(config, ctx, tf.concat([sourceFeatures, maps], 3) as tf.Tensor4D);
  return { image, keypoints, coefficients };
}

/** Encoder only (get_keypoints_only and get_features_only), at inference (running batch-norm statistics). */
export function encodeFrames(config: DerenderConfig, params: Tensors, bn: Tensors, frames: tf.Tensor4D): EncoderOutput {
  return encode(config, { params, bn, training: false }, frames);
}

/** Decode: F of a source frame plus keypoints and coefficients → an image (create_img), at inference. */
export function decodeFrames(config: DerenderConfig, params: Tensors, bn: Tensors, bank: tf.Tensor4D, features: tf.Tensor4D, keypoints: tf.Tensor3D, coefficients: tf.Tensor3D): tf.Tensor4D {
  const ctx: ForwardCtx = { params, bn, training: false };
  const maps = keypointMaps(config, bank, keypoints, coefficients, mapSizeOf(config));
  return refine(config, ctx, tf.concat([features, maps], 3) as tf.Tensor4D);
}

/** Sobel kernels of compute_grad (train_derendering.py l. 115–125), summed over the 3 colour channels: [3, 3, 3, 2]. */
function sobelFilter(): tf.Tensor4D {
  const gx = [1, 0, -1, 2, 0, -2, 1, 0, -1];
  const gy = [1, 2, 1, 0, 0, 0, -1, -2, -1];
  const values = new Float32Array(3 * 3 * 3 * 2);
  for (let p = 0; p < 9; p++) {
    for (let ch = 0; ch < 3; ch++) {
      values[(p * 3 + ch) * 2] = gx[p];
      values[(p * 3 + ch) * 2 + 1] = gy[p];
    }
  }
  return tf.tensor4d(values, [3, 3, 3, 2]);
}

/** compute_grad: squared Sobel gradient magnitude of the channel sum, zero padding: n × S × S × 3 → n × S × S. */
export function sobelMagnitude(images: tf.Tensor4D): tf.Tensor3D {
  const g = tf.conv2d(images, sobelFilter(), 1, 'same');
  return reduce(tf.square(g), 'n h w two -> n h w', 'sum') as tf.Tensor3D;
}

/** The loss weights of get_loss (train_derendering.py l. 128–134). */
export const MSE_WEIGHT = 10_000;
export const GRADIENT_WEIGHT = 0.1;

/**
 * get_loss: 1e4·MSE(prediction, target) + 0.1·MSE(Sobel(target), Sobel(prediction)). Returns [total, mse,
 * gradient mse]; `mse` is always the plain MSE. With `pixelWeights` (n × S × S × 1, our deviation, off by
 * default) the MSE term of `total` is the weighted mean Σ w·(p − t)² / Σ w, so pixels weighted up (the
 * objects, see objectPixelWeights) count more against the floor they cover.
 */
export function derenderLoss(prediction: tf.Tensor4D, target: tf.Tensor4D, pixelWeights?: tf.Tensor4D): [tf.Scalar, tf.Scalar, tf.Scalar] {
  const squared = tf.squaredDifference(prediction, target);
  const mse = tf.mean(squared) as tf.Scalar;
  const fitted = pixelWeights ? (tf.div(tf.mean(tf.mul(squared, pixelWeights)), tf.mean(pixelWeights)) as tf.Scalar) : mse;
  const grad = tf.mean(tf.squaredDifference(sobelMagnitude(target), sobelMagnitude(prediction))) as tf.Scalar;
  const total = tf.add(tf.mul(fitted, MSE_WEIGHT), tf.mul(grad, GRADIENT_WEIGHT)) as tf.Scalar;
  return [total, mse, grad];
}

/**
 * Per-pixel loss weights from a target frame and its empty floor (RGB bytes, size × size): `weight` where
 * Σ_c ((target − floor)/255)² > 0.1 — the foreground rule of the official L-PSNR (background_substraction.py
 * l. 25–26, as metrics.ts foregroundPixels, in [0, 1] units) — and 1 elsewhere. Objects are a few % of the pixels; without this the
 * de-rendering settles for painting floor over them (src/apps/cophy/README.md, "the floor test").
 */
export function objectPixelWeights(target: Uint8Array, floor: Uint8Array, weight: number): Float32Array {
  const n = target.length / 3;
  const out = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    let d2 = 0;
    for (let c = 0; c < 3; c++) {
      const d = (target[3 * p + c] - floor[3 * p + c]) / 255;
      d2 += d * d;
    }
    out[p] = d2 > FOREGROUND_THRESHOLD ? weight : 1;
  }
  return out;
}

/** Uint8 RGB frames (each S·S·3 bytes) to a [−1, 1] float batch, as the official loader: 2·(v/255) − 1. */
export function framesToFloat(frames: readonly Uint8Array[], out?: Float32Array): Float32Array {
  const size = frames.length ? frames[0].length : 0;
  const values = out ?? new Float32Array(frames.length * size);
  for (let f = 0; f < frames.length; f++) {
    const src = frames[f];
    const base = f * size;
    for (let i = 0; i < size; i++) values[base + i] = (2 * src[i]) / 255 - 1;
  }
  return values;
}

/**
 * A de-rendering model's state as tensors: trainable parameters (tf.Variables), batch-norm running
 * statistics (non-trainable variables) and the fixed filter bank. Dispose it when done.
 */
export class DerenderModel {
  readonly params: Record<string, tf.Variable>;
  readonly bn: Record<string, tf.Variable>;
  readonly bank: tf.Tensor4D;
  constructor(
    readonly config: DerenderConfig,
    init: FlatParams,
    bnInit: FlatParams = initialBnStats(config),
  ) {
    const params: Record<string, tf.Variable> = {};
    for (const s of paramSpecs(config)) {
      const values = init[s.name];
      if (!values || values.length !== sizeOf(s.shape)) throw new Error(`DerenderModel: ${s.name} needs ${sizeOf(s.shape)} values, got ${values?.length ?? 'none'}`);
      params[s.name] = tf.tidy(() => tf.variable(tf.tensor(values, [...s.shape]), true));
    }
    const bn: Record<string, tf.Variable> = {};
    for (const s of bnStatSpecs(config)) {
      const values = bnInit[s.name];
      if (!values || values.length !== s.size) throw new Error(`DerenderModel: ${s.name} needs ${s.size} values`);
      bn[s.name] = tf.tidy(() => tf.variable(tf.tensor1d(values), false));
    }
    this.params = params;
    this.bn = bn;
    this.bank = tf.tensor4d(lineFilterBank(config.coefficients), [5, 5, 1, config.coefficients]);
  }

  static create(config: DerenderConfig, seed: number): DerenderModel {
    return new DerenderModel(config, initialParams(config, seed));
  }

  /** Blends a training pass's batch statistics into the running ones (torch: unbiased variance, momentum 0.1). */
  updateRunningStats(stats: readonly BnBatchStats[]): void {
    tf.tidy(() => {
      for (const s of stats) {
        const mean = this.bn[`${s.name}/mean`];
        const variance = this.bn[`${s.name}/var`];
        const unbiased = tf.mul(s.variance, s.count / Math.max(1, s.count - 1));
        mean.assign(tf.add(tf.mul(mean, 1 - BN_MOMENTUM), tf.mul(s.mean, BN_MOMENTUM)));
        variance.assign(tf.add(tf.mul(variance, 1 - BN_MOMENTUM), tf.mul(unbiased, BN_MOMENTUM)));
      }
    });
  }

  /** Keypoints (n × K × 2, row/column in [−1, 1]) and coefficients (n × K × (C+1)) of frames, inference mode. */
  keypointsOf(frames: Float32Array, n: number): { keypoints: Float32Array; coefficients: Float32Array } {
    const s = this.config.imageSize;
    return tf.tidy(() => {
      const out = encodeFrames(this.config, this.params, this.bn, tf.tensor4d(frames, [n, s, s, 3]));
      return { keypoints: out.keypoints.dataSync() as Float32Array, coefficients: out.coefficients.dataSync() as Float32Array };
    });
  }

  /** Reconstructs target frames from (source, target) pairs at inference; n × S × S × 3 values in [−1, 1]. */
  reconstruct(source: Float32Array, target: Float32Array, n: number): Float32Array {
    const s = this.config.imageSize;
    return tf.tidy(() => {
      const out = forwardPair(this.config, this.params, this.bn, this.bank, tf.tensor4d(source, [n, s, s, 3]), tf.tensor4d(target, [n, s, s, 3]), { training: false });
      return out.image.dataSync() as Float32Array;
    });
  }

  /** Downloads every parameter (copies). */
  snapshot(): { params: FlatParams; bn: FlatParams } {
    const read = (vars: Record<string, tf.Variable>) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, (v.dataSync() as Float32Array).slice()]));
    return { params: read(this.params), bn: read(this.bn) };
  }

  load(params: FlatParams, bn?: FlatParams): void {
    tf.tidy(() => {
      for (const s of paramSpecs(this.config)) {
        const values = params[s.name];
        if (values.length !== sizeOf(s.shape)) throw new Error(`load: ${s.name} has ${values.length} values, expected ${sizeOf(s.shape)}`);
        this.params[s.name].assign(tf.tensor(values, [...s.shape]));
      }
      if (bn) for (const s of bnStatSpecs(this.config)) this.bn[s.name].assign(tf.tensor1d(bn[s.name]));
    });
  }

  dispose(): void {
    for (const v of Object.values(this.params)) v.dispose();
    for (const v of Object.values(this.bn)) v.dispose();
    this.bank.dispose();
  }
}

/** One tensor's place in a shipped weight file (float32 values, concatenated). */
export interface WeightEntry {
  name: string;
  shape: number[];
  offset: number;
}

/** The shipped file's layout: every parameter (paramSpecs order), then the batch-norm running statistics. */
export function weightLayout(config: DerenderConfig): { entries: WeightEntry[]; total: number } {
  const entries: WeightEntry[] = [];
  let offset = 0;
  for (const s of paramSpecs(config)) {
    entries.push({ name: s.name, shape: [...s.shape], offset });
    offset += sizeOf(s.shape);
  }
  for (const s of bnStatSpecs(config)) {
    entries.push({ name: s.name, shape: [s.size], offset });
    offset += s.size;
  }
  return { entries, total: offset };
}

/** Packs parameters and running statistics into one float32 array (weightLayout order). */
export function packWeights(config: DerenderConfig, params: FlatParams, bn: FlatParams): Float32Array {
  const { entries, total } = weightLayout(config);
  const out = new Float32Array(total);
  for (const e of entries) {
    const values = params[e.name] ?? bn[e.name];
    if (!values || values.length !== sizeOf(e.shape)) throw new Error(`packWeights: ${e.name} is missing or has the wrong size`);
    out.set(values, e.offset);
  }
  return out;
}

/** The inverse of packWeights; checks the size against the config. */
export function unpackWeights(config: DerenderConfig, data: Float32Array): { params: FlatParams; bn: FlatParams } {
  const { entries, total } = weightLayout(config);
  if (data.length !== total) throw new Error(`unpackWeights: the file has ${data.length} values, this model needs ${total}`);
  const bnNames = new Set(bnStatSpecs(config).map((s) => s.name));
  const params: FlatParams = {};
  const bn: FlatParams = {};
  for (const e of entries) (bnNames.has(e.name) ? bn : params)[e.name] = data.slice(e.offset, e.offset + sizeOf(e.shape));
  return { params, bn };
}
