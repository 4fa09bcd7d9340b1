/**
 * The explorer's science, in the explorer worker (explore.worker.ts): the shipped parent, child and
 * scratch-child generators (G_ema), the child's fine-tune checkpoints, and the parent W's principal
 * directions (the edit sliders: GANSpace-style PCA of w = mapping(z) over 1,000 latents). One latent
 * goes through every model with the same edit: each model maps z with its own mapping network and adds
 * the same step along the parent's direction, which is how StyleAlign transfers a parent edit to the
 * child. React- and DOM-free: Vitest drives it in Node with generated weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Generator, sampleLatents, type GeneratorConfig } from '../core/generator';
import { Morpher } from '../core/morph';
import { symmetricEigen } from '../core/oracle';
import { ZProjector } from '../core/projector';
import { CHECKPOINT_STEPS, DIRECTIONS } from '../store';
import type { ExplorerInfo, GridResult, MissingFile, ModelFacts, ProbeResult, RenderRequest, RenderResult, SpeedResult, TranslateProgress, TranslateRequest, TranslateResult } from './protocol';
import { readGan, readSnapshot, type FileReader, type ShippedGan } from './sessionWeights';

/** Latents the principal directions are fitted on (fixed: the directions do not change with the link's seed). */
export const PCA_LATENTS = 1000;
export const PCA_SEED = 1;

/** The latent the link names: z number `index` under `seed`. */
export const latentOf = (seed: number, index: number, zDim: number) => sampleLatents(seed, `stylealign/explore/${index}`, 1, zDim);

/** Latents 0 … count − 1 of `seed`, row after row (the grid and the backend check). */
function firstLatents(seed: number, count: number, zDim: number): Float32Array {
  const z = new Float32Array(count * zDim);
  for (let i = 0; i < count; i++) z.set(latentOf(seed, i, zDim), i * zDim);
  return z;
}

/** [−1, 1] NHWC floats → RGBA bytes. */
export function toRgba(images: Float32Array): Uint8ClampedArray {
  const n = images.length / 3;
  const out = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    out[4 * p] = (images[3 * p] + 1) * 127.5;
    out[4 * p + 1] = (images[3 * p + 1] + 1) * 127.5;
    out[4 * p + 2] = (images[3 * p + 2] + 1) * 127.5;
    out[4 * p + 3] = 255;
  }
  return out;
}

/** The top `k` principal directions of `count` rows of `dim` values: unit vectors (row-major [k, dim]), their σ and variance fractions. */
export function principalDirections(rows: Float32Array, count: number, dim: number, k: number): { directions: Float32Array; sigmas: number[]; fractions: number[] } {
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) mean[j] += rows[i * dim + j] / count;
  const cov = new Float64Array(dim * dim);
  for (let i = 0; i < count; i++) {
    for (let a = 0; a < dim; a++) {
      const da = rows[i * dim + a] - mean[a];
      for (let b = 0; b < dim; b++) cov[a * dim + b] += (da * (rows[i * dim + b] - mean[b])) / (count - 1);
    }
  }
  const { values, vectors } = symmetricEigen(cov, dim);
  let total = 0;
  for (let i = 0; i < dim; i++) total += Math.max(values[i], 0);
  const directions = new Float32Array(k * dim);
  const sigmas: number[] = [];
  const fractions: number[] = [];
  for (let d = 0; d < k; d++) {
    const col = dim - 1 - d; // eigenvalues ascend
    let big = 0;
    for (let i = 0; i < dim; i++) if (Math.abs(vectors[i * dim + col]) > Math.abs(big)) big = vectors[i * dim + col];
    const sign = big < 0 ? -1 : 1; // a fixed sign, so a link's edit means the same everywhere
    for (let i = 0; i < dim; i++) directions[d * dim + i] = sign * vectors[i * dim + col];
    const lambda = Math.max(values[col], 0);
    sigmas.push(Math.sqrt(lambda));
    fractions.push(total > 0 ? lambda / total : 0);
  }
  return { directions, sigmas, fractions };
}

const facts = (g: ShippedGan | null, stage: string): ModelFacts | null => (g ? { file: `${stage}.bin`, steps: g.manifest.training.steps, domain: g.manifest.training.domain } : null);

/** What one latent (seed, z, direction, edit) gave: the models' images by name and the morph's endpoint codes. */
interface LatentCache {
  key: string;
  images: Map<string, Uint8ClampedArray | null>;
  wParent?: Float32Array;
  wChild?: Float32Array;
}

export class ExplorerSession {
  private readonly snapshots = new Map<number, Promise<Generator | null>>();
  private morpher: Morpher | null = null;
  private latentCache: LatentCache | null = null;

  private constructor(
    private readonly read: FileReader,
    readonly parent: Generator | null,
    readonly child: Generator | null,
    readonly scratch: Generator | null,
    readonly config: GeneratorConfig | null,
    private readonly pca: { directions: Float32Array; sigmas: number[]; fractions: number[] } | null,
    readonly info: ExplorerInfo,
  ) {}

  /**
   * Loads what ships. `shippedNames` is the build's file list (the checkpoint steps come from it);
   * `missing` what the page already knows is absent (reported back as is).
   */
  static async create(read: FileReader, opts: { shippedNames: readonly string[]; missing: MissingFile[]; backend: string; morphBuilt?: boolean; translateBuilt?: boolean }): Promise<ExplorerSession> {
    const t0 = performance.now();
    const [p, c, s] = await Promise.all([readGan(read, 'parent'), readGan(read, 'child'), readGan(read, 'scratch')]);
    const make = (g: ShippedGan | null) => (g ? new Generator(g.config, g.groups.gEma, g.wAvg, false) : null);
    const parent = make(p);
    const child = make(c);
    const scratch = make(s);
    const config = p?.config ?? c?.config ?? s?.config ?? null;
    let pca = null;
    if (parent) {
      const zDim = parent.config.zDim;
      const z = sampleLatents(PCA_SEED, 'stylealign/explore/pca', PCA_LATENTS, zDim);
      const w = tf.tidy(() => parent.mapping(tf.tensor2d(z, [PCA_LATENTS, zDim])).dataSync() as Float32Array);
      pca = principalDirections(w, PCA_LATENTS, parent.config.wDim, Math.min(DIRECTIONS, parent.config.wDim));
    }
    const shippedSteps = opts.shippedNames
      .map((n) => /^child-step(\d+)\.bin$/.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .filter((k) => (CHECKPOINT_STEPS as readonly number[]).includes(k))
      .sort((a, b) => a - b);
    const info: ExplorerInfo = {
      parent: facts(p, 'parent'),
      child: facts(c, 'child'),
      scratch: facts(s, 'scratch'),
      checkpointSteps: config ? shippedSteps : [],
      missing: opts.missing,
      directionVariance: pca?.fractions ?? [],
      morphBuilt: opts.morphBuilt ?? true,
      translateBuilt: opts.translateBuilt ?? true,
      imageSize: parent?.imageSize ?? child?.imageSize ?? scratch?.imageSize ?? 32,
      backend: opts.backend,
      ms: performance.now() - t0,
    };
    return new ExplorerSession(read, parent, child, scratch, config, pca, info);
  }

  private snapshot(step: number): Promise<Generator | null> {
    let g = this.snapshots.get(step);
    if (!g) {
      const config = this.config;
      g = config ? readSnapshot(this.read, step, config).then((v) => (v ? new Generator(config, v, undefined, false) : null)) : Promise.resolve(null);
      this.snapshots.set(step, g);
    }
    return g;
  }

  /** w of `net` for z, moved along the parent's direction `dir` by `edit` σ. */
  private editedWs(net: Generator, z: tf.Tensor2D, dir: number, edit: number): tf.Tensor3D {
    let w = net.mapping(z);
    if (this.pca && edit !== 0) {
      const d = Math.max(1, Math.min(dir, this.pca.sigmas.length)) - 1;
      const dim = net.config.wDim;
      const delta = tf.mul(tf.tensor1d(this.pca.directions.subarray(d * dim, (d + 1) * dim)), edit * this.pca.sigmas[d]);
      w = tf.add(w, delta);
    }
    return net.broadcast(w);
  }

  /** W+ codes of `net` for z with the edit, as plain data. */
  private wPlus(net: Generator, z: Float32Array, dir: number, edit: number): Float32Array {
    return tf.tidy(() => this.editedWs(net, tf.tensor2d(z, [1, net.config.zDim]), dir, edit).dataSync() as Float32Array);
  }

  /**
   * The morph at t (core/morph.ts, as MergeFace.py): lerp of the parent's and the child's W+ codes of
   * the same z (each through its own mapping, with the same edit) through synthesis weights lerp(θ_p, θ_c, t).
   */
  private morph(z: Float32Array, dir: number, edit: number, t: number, codes: LatentCache): Uint8ClampedArray | null {
    if (!this.parent || !this.child || !this.info.morphBuilt) return null;
    this.morpher ??= new Morpher(this.parent, this.child);
    codes.wParent ??= this.wPlus(this.parent, z, dir, edit);
    codes.wChild ??= this.wPlus(this.child, z, dir, edit);
    return toRgba(this.morpher.render(codes.wParent, codes.wChild, t));
  }

  private renderOne(net: Generator | null, z: Float32Array, dir: number, edit: number): Uint8ClampedArray | null {
    if (!net) return null;
    const images = tf.tidy(() => {
      const zt = tf.tensor2d(z, [1, net.config.zDim]);
      return net.synthesis(this.editedWs(net, zt, dir, edit)).dataSync() as Float32Array;
    });
    return toRgba(images);
  }

  /**
   * One latent through every model. What does not depend on a changed setting is reused from the last
   * call (a dragged morph slider re-renders the morph only: the 50 ms redraw), and handed out as
   * copies, since the worker transfers the buffers it returns.
   */
  async render(req: RenderRequest): Promise<RenderResult> {
    const t0 = performance.now();
    const zDim = this.config?.zDim ?? 32;
    const z = latentOf(req.seed, req.z, zDim);
    const steps = this.info.checkpointSteps;
    const step = steps.length ? steps.reduce((a, b) => (Math.abs(b - req.step) < Math.abs(a - req.step) ? b : a)) : null;
    const key = `${req.seed}/${req.z}/${req.dir}/${req.edit}`;
    if (this.latentCache?.key !== key) this.latentCache = { key, images: new Map() };
    const codes = this.latentCache;
    const cached = async (name: string, make: () => Promise<Uint8ClampedArray | null> | Uint8ClampedArray | null) => {
      if (!codes.images.has(name)) codes.images.set(name, await make());
      return codes.images.get(name)?.slice() ?? null;
    };
    const snap = step !== null ? await this.snapshot(step) : null;
    return {
      request: req,
      parent: await cached('parent', () => this.renderOne(this.parent, z, req.dir, req.edit)),
      child: await cached('child', () => this.renderOne(this.child, z, req.dir, req.edit)),
      scratch: await cached('scratch', () => this.renderOne(this.scratch, z, req.dir, req.edit)),
      checkpoint: await cached(`step${step}`, () => this.renderOne(snap, z, req.dir, req.edit)),
      checkpointStep: snap ? step : null,
      morph: await cached(`morph${req.t}`, () => this.morph(z, req.dir, req.edit, req.t, codes)),
      ms: performance.now() - t0,
    };
  }

  /** The same `count` latents (z numbers 0 … count − 1 of the seed) through each model. */
  grid(seed: number, count: number): GridResult {
    const zDim = this.config?.zDim ?? 32;
    const z = firstLatents(seed, count, zDim);
    const run = (net: Generator | null) => (net ? toRgba(tf.tidy(() => net.forward(tf.tensor2d(z, [count, zDim])).dataSync() as Float32Array)) : null);
    return { seed, count, parent: run(this.parent), child: run(this.child), scratch: run(this.scratch) };
  }

  /**
   * The parent's and the child's raw outputs (unclipped floats, NHWC, parent first) for latents
   * 0 … count − 1 of `seed`: the backend check compares them between this worker's backend and WASM's.
   */
  probe(seed: number, count: number): ProbeResult {
    const zDim = this.config?.zDim ?? 32;
    const z = firstLatents(seed, count, zDim);
    const nets = [this.parent, this.child].filter((g): g is Generator => g !== null);
    const parts = nets.map((net) => tf.tidy(() => net.forward(tf.tensor2d(z, [count, zDim])).dataSync() as Float32Array));
    const values = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) {
      values.set(p, at);
      at += p.length;
    }
    return { seed, count, models: nets.length, values, backend: tf.getBackend() };
  }

  /**
   * The parent generator's throughput on this backend: latents → images read back to the CPU, in batches
   * of `batch`, after one warm-up batch (shader compilation), for at least `seconds`.
   */
  speed(batch: number, seconds: number): SpeedResult {
    const net = this.parent ?? this.child ?? this.scratch;
    if (!net) throw new Error('No generator ships in this build, so there is nothing to time: train one with npx tsx scripts/train/stylealign.ts --stage parent.');
    const zDim = net.config.zDim;
    const z = sampleLatents(2, 'stylealign/explore/speed', batch, zDim);
    const once = () => tf.tidy(() => net.forward(tf.tensor2d(z, [batch, zDim])).dataSync());
    once();
    const t0 = performance.now();
    let batches = 0;
    while (batches === 0 || performance.now() - t0 < seconds * 1000) {
      once();
      batches++;
    }
    const ms = performance.now() - t0;
    return { imagesPerSecond: (batches * batch * 1000) / ms, batch, batches, ms, backend: tf.getBackend() };
  }

  /**
   * Translation (core/projector.ts, as projector_z.py): the drawing is inverted into the parent's Z by
   * optimisation, in chunks with progress (the parent's reconstruction and the child's rendering of the
   * same z), then rendered by the child.
   */
  async translate(req: TranslateRequest, opts: { onProgress: (p: TranslateProgress) => void; yieldNow: () => Promise<void>; cancelled: () => boolean; chunk?: number }): Promise<TranslateResult> {
    const t0 = performance.now();
    if (!this.info.translateBuilt) return { kind: 'unavailable', message: 'Not built yet: the inversion into the parent\'s Z is not in this build.' };
    if (!this.parent || !this.child) {
      const missing = [!this.parent && 'parent.bin', !this.child && 'child.bin'].filter(Boolean).join(' and ');
      return { kind: 'unavailable', message: `Translation needs the parent and the child, and this build does not ship ${missing}: train them with npx tsx scripts/train/stylealign.ts --stage parent, then --stage child.` };
    }
    const s = this.parent.imageSize;
    if (req.rgba.length !== s * s * 4) throw new Error(`translate: the drawing must be ${s} × ${s} RGBA (${s * s * 4} bytes), got ${req.rgba.length}`);
    const target = new Float32Array(s * s * 3);
    for (let p = 0; p < s * s; p++) for (let c = 0; c < 3; c++) target[3 * p + c] = req.rgba[4 * p + c] / 127.5 - 1;
    const projector = new ZProjector(this.parent, target, 1, { steps: req.steps, seed: req.seed });
    const child = this.child;
    const views = () => {
      const z = projector.latents();
      return { parent: toRgba(projector.images()), child: toRgba(child.generate(z, 1)) };
    };
    try {
      const chunk = opts.chunk ?? 10;
      while (!projector.done) {
        const stats = projector.step(chunk);
        opts.onProgress({ done: stats.step, total: req.steps, loss: stats.loss, ...views() });
        await opts.yieldNow();
        if (opts.cancelled()) throw Object.assign(new Error('translation cancelled'), { name: 'AbortError' });
      }
      return { kind: 'done', ...views(), loss: projector.stats.loss, ms: performance.now() - t0 };
    } finally {
      projector.dispose();
    }
  }

  async dispose(): Promise<void> {
    this.morpher?.dispose();
    this.morpher = null;
    this.parent?.dispose();
    this.child?.dispose();
    this.scratch?.dispose();
    for (const g of this.snapshots.values()) (await g)?.dispose();
    this.snapshots.clear();
  }
}

