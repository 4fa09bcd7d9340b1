/**
 * Edit transfer (StyleAlign §4: directions found in the parent's W space act alike in the child;
 * the paper shows it with InterFaceGAN/StyleSpace edits by eye, we measure it): a direction in the
 * parent's W is found by regressing the parent oracle's attribute on w = G_p.mapping(z) (ridge; the
 * unit vector of its weights), then the child's codes w_c = G_c.mapping(z) are moved by ±1 standard
 * deviation of w along that direction and the child oracle reads the change of the matching child
 * attribute. A random unit direction, moved by its own standard deviation, is the reference.
 *
 * Slope units: child-attribute standard deviations (over the base codes' images) per standard
 * deviation of w along the direction, as half the difference between the +1 and −1 edits per code.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../../shared/random';
import type { Generator } from './generator';
import type { Oracle } from './oracle';
import { ridge } from './stats';

export interface WDirection {
  /** unit vector in W */
  direction: Float64Array;
  /** standard deviation of the codes' projections on it */
  scale: number;
}

function scaleAlong(w: ArrayLike<number>, n: number, d: Float64Array): number {
  const dim = d.length;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let j = 0; j < dim; j++) p += w[i * dim + j] * d[j];
    s += p;
    s2 += p * p;
  }
  const mean = s / n;
  return Math.sqrt(Math.max(s2 / n - mean * mean, 0));
}

const unit = (v: Float64Array) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};

/** The W direction along which attribute `attr` (one value per code) grows: ridge regression of attr on w. */
export function attributeDirection(w: ArrayLike<number>, attr: ArrayLike<number>, n: number, wDim: number): WDirection {
  const direction = unit(ridge(w, attr, n, wDim).weights);
  return { direction, scale: scaleAlong(w, n, direction) };
}

/** A random unit direction, with the codes' standard deviation along it. */
export function randomDirection(rng: Rng, w: ArrayLike<number>, n: number, wDim: number): WDirection {
  const direction = unit(Float64Array.from({ length: wDim }, () => rng.normal()));
  return { direction, scale: scaleAlong(w, n, direction) };
}

/**
 * Per code and per attribute of `oracle`: (a(w + s·d) − a(w − s·d)) / 2, where s is the direction's
 * scale, rendered by `g.synthesis` from the given codes (broadcast to every layer). [n, k] row-major.
 */
export function editResponses(g: Generator, oracle: Oracle, w: Float32Array, n: number, dir: WDirection, chunk = 50): Float64Array {
  const wDim = g.config.wDim;
  const k = oracle.evaluate(new Float32Array(g.imageSize * g.imageSize * 3), 1).outputs.length;
  const out = new Float64Array(n * k);
  for (const sign of [1, -1]) {
    const moved = new Float32Array(w.length);
    for (let i = 0; i < n; i++) for (let j = 0; j < wDim; j++) moved[i * wDim + j] = w[i * wDim + j] + sign * dir.scale * dir.direction[j];
    const px = g.imageSize * g.imageSize * 3;
    const images = new Float32Array(n * px);
    for (let i = 0; i < n; i += chunk) {
      const m = Math.min(chunk, n - i);
      images.set(tf.tidy(() => g.synthesis(g.broadcast(tf.tensor2d(moved.subarray(i * wDim, (i + m) * wDim), [m, wDim]))).dataSync() as Float32Array), i * px);
    }
    const { outputs } = oracle.evaluate(images, n);
    for (let i = 0; i < n * k; i++) out[i] += (sign * outputs[i]) / 2;
  }
  return out;
}
