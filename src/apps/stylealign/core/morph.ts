/**
 * Cross-domain morphing (StyleAlign, arXiv 2110.11323, application "morphing"), as the official
 * betterze/StyleAlign @4e75a75 `MergeFace.py` does it:
 *   - each endpoint is a W+ code: the parent's (there an e4e inversion, `--source_latent`) and the
 *     child's (an e4e inversion, or with `--target_is_z` the child's mapping of a z truncated at ψ = 0.5,
 *     MergeFace.py:57-63);
 *   - frame t renders lerp(w⁺_p, w⁺_c, t) (MergeFace.py:101) through a synthesis network whose weights
 *     are lerp(θ_p, θ_c, t) over every variable whose name contains 'G_synthesis' (MergeFace.py:80, 109),
 *     with the same t for both (ts2 = ts1, MergeFace.py:136);
 *   - the mapping network is not interpolated: the synthesis network is run on W+ directly
 *     (MergeFace.py:113), so the mapping only made the endpoints' codes.
 * In our generator the synthesis variables are everything but `map.*`: the learned constant, the
 * affine (style) layers, the convolutions and toRGB (StyleGAN2 keeps the affine layers inside
 * G_synthesis too). Plain data in and out; no tensor outlives a call but the morph generator's own
 * variables, freed by `dispose()`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Generator, type GeneratorConfig } from './generator';
import type { FlatParams } from './nn';

/** The parameters MergeFace interpolates: the synthesis network's (every name but the mapping's). */
export const isSynthesisParam = (name: string) => !name.startsWith('map.');

/** W+ codes ([count, numWs, wDim], row-major) of `count` latents through `g`'s own mapping, truncated by ψ toward its w_avg. */
export function wPlusOf(g: Generator, z: Float32Array, count: number, psi = 1): Float32Array {
  return tf.tidy(() => g.broadcast(g.truncate(g.mapping(tf.tensor2d(z, [count, g.config.zDim])), psi)).dataSync() as Float32Array);
}

/** a + (b − a)·t elementwise (MergeFace.py:33). */
export function lerpArray(a: Float32Array, b: Float32Array, t: number): Float32Array {
  if (a.length !== b.length) throw new Error(`lerp: ${a.length} values against ${b.length}`);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + (b[i] - a[i]) * t;
  return out;
}

/**
 * A morph between two aligned generators (same config). `render(wA, wB, t)` draws the frames; the
 * synthesis weights for a given t are assigned once and reused while t stays the same (a slider that
 * only changes the codes costs one synthesis pass).
 */
export class Morpher {
  readonly config: GeneratorConfig;
  /** the generator that renders frames; its synthesis weights are lerp(θ_p, θ_c, t) for the current t */
  readonly net: Generator;
  private readonly parent: Record<string, tf.Tensor>;
  private readonly child: Record<string, tf.Tensor>;
  private currentT = 0;

  constructor(parent: Generator, child: Generator) {
    if (JSON.stringify(parent.config) !== JSON.stringify(child.config)) throw new Error('Morpher: the two generators must share an architecture (aligned models do)');
    this.config = parent.config;
    const pv = parent.values();
    const cv = child.values();
    this.net = new Generator(parent.config, pv, parent.wAvgValues(), false);
    const names = Object.keys(pv).filter(isSynthesisParam);
    this.parent = tf.tidy(() => Object.fromEntries(names.map((n) => [n, tf.keep(tf.tensor(pv[n], parent.params[n].shape))])));
    this.child = tf.tidy(() => Object.fromEntries(names.map((n) => [n, tf.keep(tf.tensor(cv[n], child.params[n].shape))])));
  }

  /** The morph's t of the weights now assigned (0 = parent, 1 = child). */
  get t(): number {
    return this.currentT;
  }

  /** Assigns lerp(θ_p, θ_c, t) to every synthesis variable of `net`. */
  setT(t: number): void {
    if (!Number.isFinite(t)) throw new Error(`Morpher.setT: t is ${t}`);
    if (t === this.currentT) return;
    tf.tidy(() => {
      for (const [name, a] of Object.entries(this.parent)) this.net.params[name].assign(tf.add(a, tf.mul(tf.sub(this.child[name], a), t)));
    });
    this.currentT = t;
  }

  /** Synthesis weights at t as plain data (for tests and the weight-space plots). */
  synthesisValuesAt(t: number): FlatParams {
    this.setT(t);
    return Object.fromEntries(Object.keys(this.parent).map((n) => [n, this.net.params[n].dataSync().slice() as Float32Array]));
  }

  /**
   * `count` frames: codes lerp(wA, wB, t) (each [count, numWs, wDim]) through the synthesis network
   * with weights lerp(θ_p, θ_c, t). Float32 NHWC in [−1, 1].
   */
  render(wA: Float32Array, wB: Float32Array, t: number, count = 1): Float32Array {
    this.setT(t);
    const { wDim } = this.config;
    const numWs = this.net.numWs;
    if (wA.length !== count * numWs * wDim || wB.length !== wA.length) throw new Error(`Morpher.render: codes must hold ${count} × ${numWs} × ${wDim} values`);
    return tf.tidy(() => this.net.synthesis(tf.tensor3d(lerpArray(wA, wB, t), [count, numWs, wDim])).dataSync() as Float32Array);
  }

  dispose(): void {
    this.net.dispose();
    tf.dispose([...Object.values(this.parent), ...Object.values(this.child)]);
  }
}
