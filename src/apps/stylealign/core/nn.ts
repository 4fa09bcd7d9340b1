/**
 * The building blocks the StyleAlign generator and discriminator share: named parameter sets,
 * StyleGAN2's equalised learning rate (weights stored as N(0, 1) / lrMul and scaled at run time by
 * lrMul / √fan-in, so Adam's step acts the same on every layer; Karras et al. 2018 §4.1), a leaky
 * ReLU that tfjs can differentiate twice (Adam with its whole state in plain data is src/shared/tf/adam.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../../shared/random';

/** One tensor of a network: its shape, how it is initialised, and its run-time gain. */
export interface ParamSpec {
  name: string;
  shape: number[];
  /** 'normal': N(0, 1) / lrMul; 'const': every entry `value` / lrMul */
  init: 'normal' | 'const';
  value?: number;
  /** the equalised-learning-rate multiplier applied at run time: lrMul / √fanIn for weights, lrMul for biases */
  gain: number;
  /** learning-rate multiplier (StyleGAN2: 0.01 for the mapping network) */
  lrMul: number;
}

export type Params = Record<string, tf.Variable>;
export type FlatParams = Record<string, Float32Array>;

export function initialValues(specs: readonly ParamSpec[], rng: Rng): FlatParams {
  const out: FlatParams = {};
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    if (s.init === 'normal') for (let i = 0; i < n; i++) v[i] = rng.normal() / s.lrMul;
    else v.fill((s.value ?? 0) / s.lrMul);
    out[s.name] = v;
  }
  return out;
}

export function makeVariables(specs: readonly ParamSpec[], values: FlatParams, prefix: string, trainable = true): Params {
  const out: Params = {};
  for (const s of specs) {
    const v = values[s.name];
    if (!v) throw new Error(`missing parameter ${s.name}`);
    out[s.name] = tf.tidy(() => tf.variable(tf.tensor(v, s.shape), trainable, `${prefix}/${s.name}/${uniqueSuffix++}`));
  }
  return out;
}
let uniqueSuffix = 0;

export function readValues(params: Params): FlatParams {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.dataSync().slice() as Float32Array]));
}

export function assignValues(params: Params, values: FlatParams): void {
  tf.tidy(() => {
    for (const [k, v] of Object.entries(params)) {
      const src = values[k];
      if (!src || src.length !== v.size) throw new Error(`assignValues: ${k} has ${src?.length ?? 0} values, expected ${v.size}`);
      v.assign(tf.tensor(src, v.shape));
    }
  });
}

export const paramCountOf = (specs: readonly ParamSpec[]) => specs.reduce((a, s) => a + s.shape.reduce((x, y) => x * y, 1), 0);

/** Leaky ReLU with slope 0.2 as 0.8·relu(x) + 0.2·x: tfjs's LeakyRelu gradient has no gradient itself, and R1 needs one. */
export function lrelu(x: tf.Tensor): tf.Tensor {
  return tf.add(tf.mul(tf.relu(x), 0.8), tf.mul(x, 0.2));
}

/** StyleGAN2 multiplies every leaky ReLU's output by √2 (def_gain) so activations keep unit variance. */
export const LRELU_GAIN = Math.SQRT2;

/** The weight as the network uses it: stored value × its equalised-learning-rate gain. */
export function effective(params: Params, specs: Record<string, ParamSpec>, name: string): tf.Tensor {
  return tf.mul(params[name], specs[name].gain);
}

/** A fully connected layer with equalised learning rate: x [b, in] → [b, out]. */
export function dense(x: tf.Tensor2D, params: Params, specs: Record<string, ParamSpec>, name: string): tf.Tensor2D {
  const w = effective(params, specs, `${name}.w`) as tf.Tensor2D;
  const b = effective(params, specs, `${name}.b`);
  return tf.add(tf.matMul(x, w), b);
}

/**
 * Runs `lossFn` and returns its value and the gradients of the listed parameters, keyed by our names.
 * The caller disposes the gradients.
 */
export function gradsOf(lossFn: () => tf.Scalar, params: Params): { value: tf.Scalar; grads: Record<string, tf.Tensor> } {
  const byVar = new Map(Object.entries(params).map(([name, v]) => [v.name, name]));
  const { value, grads } = tf.variableGrads(lossFn, Object.values(params));
  const out: Record<string, tf.Tensor> = {};
  for (const [varName, g] of Object.entries(grads)) {
    const name = byVar.get(varName);
    if (name) out[name] = g;
    else g.dispose();
  }
  return { value, grads: out };
}

export const toArrays = (p: FlatParams) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.from(v)]));
export const toFloat32 = (p: Record<string, number[]>): FlatParams => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Float32Array.from(v)]));
