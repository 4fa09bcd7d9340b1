/**
 * A small StyleGAN2 generator (Karras et al., CVPR 2020), the architecture StyleAlign's parent and
 * child share (the official code, betterze/StyleAlign @4e75a75, runs StyleGAN2-ADA's networks):
 *
 *   z ─ normalise ─ mapping MLP (equalised lr, lr × 0.01) ─ w
 *   learned constant 4 × 4 ─ modulated conv ─ toRGB ─┐
 *     ─ bilinear ×2 ─ modulated conv ─ modulated conv ─ toRGB ─ + (upsampled skip) … at 8, 16, 32 px
 *
 * A modulated convolution in StyleGAN2's non-fused form: the input is scaled per channel by the
 * style s = A(w) (an affine layer, bias 1), convolved with the shared weight, and each output channel
 * is divided by √(Σ s²·w² + ε) over its input channels and taps (demodulation, eq. 3 of the paper).
 * toRGB is a modulated 1 × 1 conv without demodulation. Every style-consuming layer reads its own row
 * of `ws` ([batch, numWs, wDim]): the same w repeated for sampling, distinct rows for W+ (morphing).
 *
 * Dropped from StyleGAN2 (named in differences.ts): noise inputs, style mixing, path-length
 * regularisation, the [1, 3, 3, 1] FIR filters (bilinear resampling instead), transposed convolutions (upsample, then a 3 × 3 conv).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../shared/random';
import { rearrange, reduce, repeat } from '../../../shared/einops';
import { dense, effective, initialValues, LRELU_GAIN, lrelu, makeVariables, paramCountOf, readValues, type FlatParams, type ParamSpec, type Params } from './nn';

export interface GeneratorConfig {
  zDim: number;
  wDim: number;
  mappingLayers: number;
  /** StyleGAN2's mapping-network learning-rate multiplier */
  mappingLrMul: number;
  /** feature channels at 4, 8, 16, 32 px */
  channels: number[];
}

export const DEFAULT_GENERATOR_CONFIG: GeneratorConfig = {
  zDim: 32,
  wDim: 32,
  mappingLayers: 4,
  mappingLrMul: 0.01,
  channels: [64, 64, 32, 32],
};

/** A config small enough for unit tests (8 px). */
export const TINY_GENERATOR_CONFIG: GeneratorConfig = { zDim: 4, wDim: 4, mappingLayers: 2, mappingLrMul: 0.01, channels: [4, 4] };

export const resolutionOf = (i: number) => 4 * 2 ** i;
export const imageSizeOf = (c: GeneratorConfig) => resolutionOf(c.channels.length - 1);

/** Decay of the tracked mean of w (StyleGAN2's w_avg_beta), used for the truncation trick. */
export const W_AVG_BETA = 0.995;

export interface StyleLayer {
  name: string;
  kind: 'conv' | 'torgb';
  resolution: number;
  cin: number;
  cout: number;
  up: boolean;
}

/** The style-consuming layers in order; `ws` has one row per entry. */
export function styleLayers(c: GeneratorConfig): StyleLayer[] {
  const out: StyleLayer[] = [];
  c.channels.forEach((ch, i) => {
    const r = resolutionOf(i);
    if (i === 0) out.push({ name: `b${r}.conv1`, kind: 'conv', resolution: r, cin: ch, cout: ch, up: false });
    else {
      out.push({ name: `b${r}.conv0`, kind: 'conv', resolution: r, cin: c.channels[i - 1], cout: ch, up: true });
      out.push({ name: `b${r}.conv1`, kind: 'conv', resolution: r, cin: ch, cout: ch, up: false });
    }
    out.push({ name: `b${r}.torgb`, kind: 'torgb', resolution: r, cin: ch, cout: 3, up: false });
  });
  return out;
}

export function generatorSpecs(c: GeneratorConfig): ParamSpec[] {
  const specs: ParamSpec[] = [];
  for (let i = 0; i < c.mappingLayers; i++) {
    const fanIn = i === 0 ? c.zDim : c.wDim;
    const lr = c.mappingLrMul;
    specs.push({ name: `map.${i}.w`, shape: [fanIn, c.wDim], init: 'normal', gain: lr / Math.sqrt(fanIn), lrMul: lr });
    specs.push({ name: `map.${i}.b`, shape: [c.wDim], init: 'const', value: 0, gain: lr, lrMul: lr });
  }
  specs.push({ name: 'const', shape: [4, 4, c.channels[0]], init: 'normal', gain: 1, lrMul: 1 });
  for (const l of styleLayers(c)) {
    specs.push({ name: `${l.name}.affine.w`, shape: [c.wDim, l.cin], init: 'normal', gain: 1 / Math.sqrt(c.wDim), lrMul: 1 });
    specs.push({ name: `${l.name}.affine.b`, shape: [l.cin], init: 'const', value: 1, gain: 1, lrMul: 1 });
    const k = l.kind === 'conv' ? 3 : 1;
    specs.push({ name: `${l.name}.w`, shape: [k, k, l.cin, l.cout], init: 'normal', gain: 1 / Math.sqrt(l.cin * k * k), lrMul: 1 });
    specs.push({ name: `${l.name}.b`, shape: [l.cout], init: 'const', value: 0, gain: 1, lrMul: 1 });
  }
  return specs;
}

export const generatorParamCount = (c: GeneratorConfig) => paramCountOf(generatorSpecs(c));

/** The component a generator parameter belongs to, for the weight-change analysis. */
export function generatorComponent(name: string): string {
  if (name.startsWith('map.')) return 'mapping';
  if (name.includes('.affine.')) return 'affine';
  if (name === 'const') return 'const';
  if (name.includes('.torgb.')) return 'torgb';
  const m = /^b(\d+)\.conv/.exec(name);
  if (m) return `conv${m[1]}`;
  throw new Error(`generatorComponent: unknown parameter ${name}`);
}

/**
 * x [b, h, w, c] → [b, 2h, 2w, c], bilinear with half-pixel centres (edges clamped). tfjs's kernel and
 * its gradient (ResizeBilinearGrad) exist on WASM and WebGL; ten times faster here than the same map as
 * two matrix products. Only G uses it, and G needs first-order gradients only.
 */
export function upsample2x(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.image.resizeBilinear(x, [2 * h, 2 * w], false, true);
}

export class Generator {
  readonly config: GeneratorConfig;
  readonly specs: ParamSpec[];
  readonly specByName: Record<string, ParamSpec>;
  readonly layers: StyleLayer[];
  readonly params: Params;
  /** the running mean of w (not trained; StyleGAN2's w_avg) */
  readonly wAvg: tf.Variable;

  constructor(config: GeneratorConfig, values: FlatParams, wAvg?: Float32Array, trainable = true) {
    this.config = config;
    this.specs = generatorSpecs(config);
    this.specByName = Object.fromEntries(this.specs.map((s) => [s.name, s]));
    this.layers = styleLayers(config);
    this.params = makeVariables(this.specs, values, 'G', trainable);
    this.wAvg = tf.tidy(() => tf.variable(tf.tensor1d(wAvg ?? new Float32Array(config.wDim)), false));
  }

  static initial(config: GeneratorConfig, seed: number): FlatParams {
    return initialValues(generatorSpecs(config), createRng(seed).fork('stylealign/G/init'));
  }

  get numWs(): number {
    return this.layers.length;
  }

  get imageSize(): number {
    return imageSizeOf(this.config);
  }

  values(): FlatParams {
    return readValues(this.params);
  }

  wAvgValues(): Float32Array {
    return this.wAvg.dataSync().slice() as Float32Array;
  }

  /** z [b, zDim] → w [b, wDim] */
  mapping(z: tf.Tensor2D): tf.Tensor2D {
    let x: tf.Tensor2D = tf.mul(z, tf.rsqrt(tf.add(tf.mean(tf.square(z), 1, true), 1e-8)));
    for (let i = 0; i < this.config.mappingLayers; i++) x = tf.mul(lrelu(dense(x, this.params, this.specByName, `map.${i}`)), LRELU_GAIN) as tf.Tensor2D;
    return x;
  }

  /** w [b, wDim] → ws [b, numWs, wDim] (the same w for every layer) */
  broadcast(w: tf.Tensor2D): tf.Tensor3D {
    return repeat(w, 'b d -> b l d', { l: this.numWs }) as tf.Tensor3D;
  }

  /** w ← wAvg + ψ·(w − wAvg) */
  truncate(w: tf.Tensor2D, psi: number): tf.Tensor2D {
    if (psi === 1) return w;
    return tf.add(this.wAvg, tf.mul(tf.sub(w, this.wAvg), psi));
  }

  private modulatedConv(x: tf.Tensor4D, w: tf.Tensor2D, layer: StyleLayer): tf.Tensor4D {
    const styles = dense(w, this.params, this.specByName, `${layer.name}.affine`); // [b, cin]
    const weight = effective(this.params, this.specByName, `${layer.name}.w`) as tf.Tensor4D;
    const scaled = tf.mul(x, rearrange(styles, 'b c -> b 1 1 c'));
    let y = tf.conv2d(scaled as tf.Tensor4D, weight, 1, 'same');
    if (layer.kind === 'conv') {
      // demodulation: each output channel of each sample to unit expected norm
      const wSquared = reduce(tf.square(weight), 'kh kw ci co -> ci co', 'sum') as tf.Tensor2D;
      const demod = tf.rsqrt(tf.add(tf.matMul(tf.square(styles), wSquared), 1e-8)); // [b, cout]
      y = tf.mul(y, rearrange(demod, 'b c -> b 1 1 c'));
    }
    y = tf.add(y, effective(this.params, this.specByName, `${layer.name}.b`));
    return (layer.kind === 'conv' ? tf.mul(lrelu(y), LRELU_GAIN) : y) as tf.Tensor4D;
  }

  /** ws [b, numWs, wDim] → images [b, size, size, 3], roughly in [−1, 1] */
  synthesis(ws: tf.Tensor3D): tf.Tensor4D {
    const [b, numWs] = ws.shape;
    if (numWs !== this.numWs) throw new Error(`synthesis: ws has ${numWs} rows, the generator needs ${this.numWs}`);
    const rows = tf.unstack(rearrange(ws, 'b l d -> l b d')) as tf.Tensor2D[];
    let x = repeat(this.params.const, 'h w c -> b h w c', { b }) as tf.Tensor4D;
    let img: tf.Tensor4D | null = null;
    this.layers.forEach((layer, i) => {
      if (layer.kind === 'torgb') {
        const y = this.modulatedConv(x, rows[i], layer);
        img = img ? (tf.add(upsample2x(img), y) as tf.Tensor4D) : y;
      } else {
        if (layer.up) x = upsample2x(x);
        x = this.modulatedConv(x, rows[i], layer);
      }
    });
    return img as unknown as tf.Tensor4D;
  }

  /** z [b, zDim] → images; `psi` < 1 truncates toward the mean w. */
  forward(z: tf.Tensor2D, psi = 1): tf.Tensor4D {
    return this.synthesis(this.broadcast(this.truncate(this.mapping(z), psi)));
  }

  /** Plain inference: `count` latents (row-major [count, zDim]) → float32 NHWC images in [−1, 1]. No tensor survives. */
  generate(z: Float32Array, count: number, psi = 1): Float32Array {
    return tf.tidy(() => this.forward(tf.tensor2d(z, [count, this.config.zDim]), psi).dataSync() as Float32Array);
  }

  dispose(): void {
    for (const v of Object.values(this.params)) v.dispose();
    this.wAvg.dispose();
  }
}

/** Standard-normal latents, row-major [count, zDim], from the named stream. */
export function sampleLatents(seed: number, label: string, count: number, zDim: number): Float32Array {
  const rng = createRng(createRng(seed).fork(label).uint32());
  const z = new Float32Array(count * zDim);
  for (let i = 0; i < z.length; i++) z[i] = rng.normal();
  return z;
}

/** [−1, 1] floats → RGB bytes (clamped), for display and for the oracles' input convention. */
export function toBytes(images: Float32Array): Uint8Array {
  const out = new Uint8Array(images.length);
  for (let i = 0; i < images.length; i++) {
    const v = Math.round((images[i] + 1) * 127.5);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
