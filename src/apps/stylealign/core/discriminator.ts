/**
 * A small residual discriminator in the shape of StyleGAN2's ('resnet' D, Karras et al. 2020, Fig. 7c):
 * fromRGB (1 × 1) at full resolution, then per resolution a block
 *   conv 3 × 3 → 2 × 2 average pool → conv 3 × 3 (channels change), plus a skip (pool → 1 × 1 conv, no bias),
 *   summed and scaled by √½;
 * and an epilogue at 4 × 4: the minibatch standard deviation (group 4, one feature), conv 3 × 3,
 * a dense layer and the logit. Equalised learning rate everywhere. StyleGAN2 blurs with a
 * [1, 3, 3, 1] filter and downsamples in a strided conv; we average-pool (differences.ts).
 *
 * Everything here has a second-order gradient in tfjs (R1 differentiates ‖∇ₓD(x)‖² by the weights):
 * the leaky ReLU is 0.8·relu + 0.2·x, pooling is a reshape and a mean (einops reduce).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../shared/random';
import { rearrange, reduce, repeat } from '../../../shared/einops';
import { dense, effective, initialValues, LRELU_GAIN, lrelu, makeVariables, paramCountOf, readValues, type FlatParams, type ParamSpec, type Params } from './nn';

export interface DiscriminatorConfig {
  /** channels at 32, 16, 8, 4 px (the first entry is the full resolution) */
  channels: number[];
  /** channels of the epilogue's conv and dense layer */
  epilogueChannels: number;
  /** minibatch-std group size (smaller batches use the whole batch) */
  mbstdGroup: number;
}

export const DEFAULT_DISCRIMINATOR_CONFIG: DiscriminatorConfig = { channels: [32, 32, 64, 64], epilogueChannels: 32, mbstdGroup: 4 };
export const TINY_DISCRIMINATOR_CONFIG: DiscriminatorConfig = { channels: [4, 4], epilogueChannels: 4, mbstdGroup: 2 };

const resolutionAt = (c: DiscriminatorConfig, i: number) => 4 * 2 ** (c.channels.length - 1 - i);

export function discriminatorSpecs(c: DiscriminatorConfig): ParamSpec[] {
  const specs: ParamSpec[] = [];
  const conv = (name: string, k: number, cin: number, cout: number, bias = true) => {
    specs.push({ name: `${name}.w`, shape: [k, k, cin, cout], init: 'normal', gain: 1 / Math.sqrt(cin * k * k), lrMul: 1 });
    if (bias) specs.push({ name: `${name}.b`, shape: [cout], init: 'const', value: 0, gain: 1, lrMul: 1 });
  };
  const fc = (name: string, cin: number, cout: number) => {
    specs.push({ name: `${name}.w`, shape: [cin, cout], init: 'normal', gain: 1 / Math.sqrt(cin), lrMul: 1 });
    specs.push({ name: `${name}.b`, shape: [cout], init: 'const', value: 0, gain: 1, lrMul: 1 });
  };
  conv('fromrgb', 1, 3, c.channels[0]);
  for (let i = 0; i + 1 < c.channels.length; i++) {
    const r = resolutionAt(c, i);
    conv(`b${r}.conv0`, 3, c.channels[i], c.channels[i]);
    conv(`b${r}.conv1`, 3, c.channels[i], c.channels[i + 1]);
    conv(`b${r}.skip`, 1, c.channels[i], c.channels[i + 1], false);
  }
  const last = c.channels[c.channels.length - 1];
  conv('b4.conv', 3, last + 1, c.epilogueChannels);
  fc('b4.fc', 16 * c.epilogueChannels, c.epilogueChannels);
  fc('b4.out', c.epilogueChannels, 1);
  return specs;
}

export const discriminatorParamCount = (c: DiscriminatorConfig) => paramCountOf(discriminatorSpecs(c));

/** The component of a discriminator parameter (for the weight-change report): fromrgb, b32 … b4. */
export function discriminatorComponent(name: string): string {
  return name.split('.')[0];
}

export const down2x = (x: tf.Tensor4D) => reduce(x, 'b (h 2) (w 2) c -> b h w c', 'mean') as tf.Tensor4D;

export class Discriminator {
  readonly config: DiscriminatorConfig;
  readonly specs: ParamSpec[];
  readonly specByName: Record<string, ParamSpec>;
  readonly params: Params;

  constructor(config: DiscriminatorConfig, values: FlatParams) {
    this.config = config;
    this.specs = discriminatorSpecs(config);
    this.specByName = Object.fromEntries(this.specs.map((s) => [s.name, s]));
    this.params = makeVariables(this.specs, values, 'D');
  }

  static initial(config: DiscriminatorConfig, seed: number): FlatParams {
    return initialValues(discriminatorSpecs(config), createRng(seed).fork('stylealign/D/init'));
  }

  values(): FlatParams {
    return readValues(this.params);
  }

  private conv(x: tf.Tensor4D, name: string, act = true): tf.Tensor4D {
    let y: tf.Tensor4D = tf.conv2d(x, effective(this.params, this.specByName, `${name}.w`) as tf.Tensor4D, 1, 'same');
    if (this.specByName[`${name}.b`]) y = tf.add(y, effective(this.params, this.specByName, `${name}.b`));
    return act ? (tf.mul(lrelu(y), LRELU_GAIN) as tf.Tensor4D) : y;
  }

  /** Appends the minibatch standard deviation as one more feature map (StyleGAN2's MinibatchStdLayer, one feature). */
  private minibatchStd(x: tf.Tensor4D): tf.Tensor4D {
    const [b, h, w] = x.shape;
    const g = Math.min(this.config.mbstdGroup, b);
    if (b % g !== 0) throw new Error(`discriminator: batch ${b} is not a multiple of the minibatch-std group ${g}`);
    const grouped = rearrange(x, '(g m) h w c -> g m h w c', { g });
    const centred = tf.sub(grouped, tf.mean(grouped, 0, true));
    const std = tf.sqrt(tf.add(tf.mean(tf.square(centred), 0), 1e-8)); // [m, h, w, c]
    const perGroup = reduce(std, 'm h w c -> m', 'mean');
    const feature = repeat(perGroup, 'm -> (g m) h w 1', { g, h, w });
    return tf.concat([x, feature as tf.Tensor4D], 3);
  }

  /** images [b, s, s, 3] in [−1, 1] → logits [b] */
  forward(images: tf.Tensor4D): tf.Tensor1D {
    const c = this.config;
    let x = this.conv(images, 'fromrgb');
    for (let i = 0; i + 1 < c.channels.length; i++) {
      const r = resolutionAt(c, i);
      const skip = this.conv(down2x(x), `b${r}.skip`, false);
      let t = this.conv(x, `b${r}.conv0`);
      t = this.conv(down2x(t), `b${r}.conv1`);
      x = tf.mul(tf.add(skip, t), Math.SQRT1_2);
    }
    x = this.conv(this.minibatchStd(x), 'b4.conv');
    const flat = rearrange(x, 'b h w c -> b (h w c)') as tf.Tensor2D;
    const hidden = tf.mul(lrelu(dense(flat, this.params, this.specByName, 'b4.fc')), LRELU_GAIN) as tf.Tensor2D;
    return rearrange(dense(hidden, this.params, this.specByName, 'b4.out'), 'b 1 -> b') as tf.Tensor1D;
  }

  dispose(): void {
    for (const v of Object.values(this.params)) v.dispose();
  }
}
