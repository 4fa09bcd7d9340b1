/**
 * The shipped model: the de-rendering weights (src/apps/cophy/weights/derender.bin and
 * derender.manifest.json, written by scripts/train/cophy.ts --stage derender) wrapped as a
 * `StateRenderer`, and the CoDy weights (cody.bin and cody.manifest.json, --stage cody) handed to a
 * dynamics loader, composed into a `CounterfactualModel`. The files are read through a `WeightReader`,
 * so the same code runs in Node (fs) and in the browser (fetch). Missing files throw a
 * `MissingWeightsError` that names the command that trains them: the experiment never scores a model
 * that is not there.
 */
import * as tf from '@tensorflow/tfjs-core';
import { composeModel, MissingWeightsError, makeStates, type CounterfactualDynamics, type CounterfactualModel, type KeypointStates, type StateRenderer } from './counterfactualModel';
import { decodeFrames, DerenderModel, encodeFrames, unpackWeights, type DerenderConfig } from './derendering';

/** Reads a file of src/apps/cophy/weights/ by name; null when it does not exist. */
export type WeightReader = (name: string) => Promise<Uint8Array | null>;

/** Builds CoDy from its manifest and weights, for a renderer of `keypoints` keypoints and `stateSize` numbers each. */
export type DynamicsLoader = (files: { manifest: unknown; weights: Uint8Array }, renderer: { keypoints: number; stateSize: number }) => CounterfactualDynamics | Promise<CounterfactualDynamics>;

export const DERENDER_TRAIN_COMMAND = 'npx tsx scripts/train/cophy.ts --stage derender --steps 3000 --seed 1';
export const CODY_TRAIN_COMMAND = 'npx tsx scripts/train/cophy.ts --stage cody';
export const WEIGHTS_DIR = 'src/apps/cophy/weights';

/** The de-rendering model as encoder (states of frames) and decoder (frames of states, with C's features). */
export class DerenderStateRenderer implements StateRenderer {
  readonly name = 'de-rendering (derender.bin)';
  readonly imageSize: number;
  readonly keypoints: number;
  readonly stateSize: number;

  constructor(
    readonly model: DerenderModel,
    /** Frames per encoder or decoder call. */
    readonly chunk = 30,
  ) {
    this.imageSize = model.config.imageSize;
    this.keypoints = model.config.keypoints;
    this.stateSize = model.config.coefficients + 3;
  }

  extract(frames: Float32Array, count: number): KeypointStates {
    const s = this.imageSize;
    const px = s * s * 3;
    if (frames.length !== count * px) throw new RangeError(`${count} frames of ${s}² RGB need ${count * px} values, got ${frames.length}`);
    const k = this.keypoints;
    const c1 = this.model.config.coefficients + 1;
    const d = this.stateSize;
    const out = makeStates(count, k, d);
    for (let start = 0; start < count; start += this.chunk) {
      const n = Math.min(this.chunk, count - start);
      const { keypoints, coefficients } = this.model.keypointsOf(frames.subarray(start * px, (start + n) * px), n);
      for (let i = 0; i < n * k; i++) {
        const o = (start * k + i) * d;
        out.values[o] = keypoints[2 * i];
        out.values[o + 1] = keypoints[2 * i + 1];
        for (let q = 0; q < c1; q++) out.values[o + 2 + q] = coefficients[i * c1 + q];
      }
    }
    return out;
  }

  decode(states: KeypointStates, source: Float32Array): Float32Array {
    const cfg = this.model.config;
    const s = cfg.imageSize;
    const k = this.keypoints;
    const c1 = cfg.coefficients + 1;
    const d = this.stateSize;
    if (states.keypoints !== k || states.stateSize !== d) throw new RangeError(`the renderer takes ${k} keypoints × ${d} numbers, got ${states.keypoints} × ${states.stateSize}`);
    const out = new Float32Array(states.frames * s * s * 3);
    const features = tf.tidy(() => encodeFrames(cfg, this.model.params, this.model.bn, tf.tensor4d(source, [1, s, s, 3])).features);
    try {
      for (let start = 0; start < states.frames; start += this.chunk) {
        const n = Math.min(this.chunk, states.frames - start);
        const kp = new Float32Array(n * k * 2);
        const co = new Float32Array(n * k * c1);
        for (let i = 0; i < n * k; i++) {
          const o = (start * k + i) * d;
          kp[2 * i] = states.values[o];
          kp[2 * i + 1] = states.values[o + 1];
          for (let q = 0; q < c1; q++) co[i * c1 + q] = states.values[o + 2 + q];
        }
        const image = tf.tidy(() =>
          decodeFrames(cfg, this.model.params, this.model.bn, this.model.bank, tf.tile(features, [n, 1, 1, 1]) as tf.Tensor4D, tf.tensor3d(kp, [n, k, 2]), tf.tensor3d(co, [n, k, c1])).dataSync(),
        );
        out.set(image, start * s * s * 3);
      }
    } finally {
      features.dispose();
    }
    return out;
  }

  dispose(): void {
    this.model.dispose();
  }
}

async function readJson(read: WeightReader, name: string): Promise<unknown | null> {
  const bytes = await read(name);
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new Error(`${WEIGHTS_DIR}/${name} is not valid JSON (${(err as Error).message}); retrain with the command in its manifest`, { cause: err });
  }
}

export function float32Of(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`a float32 weight file has a multiple of 4 bytes, this one ${bytes.byteLength}`);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** The shipped de-rendering model, or a MissingWeightsError naming the training command. */
export async function loadShippedRenderer(read: WeightReader): Promise<DerenderStateRenderer> {
  const manifest = (await readJson(read, 'derender.manifest.json')) as { config?: DerenderConfig } | null;
  const bin = await read('derender.bin');
  if (!manifest || !bin) {
    throw new MissingWeightsError(
      `No trained de-rendering model: ${WEIGHTS_DIR}/derender.bin and derender.manifest.json are written by \`${DERENDER_TRAIN_COMMAND}\` ` +
        `(stage 1 of 2, hours on a 2-core machine; --resume continues a stopped run), and CoDy then by \`${CODY_TRAIN_COMMAND}\`. ` +
        'The experiment scores the shipped model only; it reports no numbers without it.',
    );
  }
  if (!manifest.config) throw new Error(`${WEIGHTS_DIR}/derender.manifest.json has no "config"; retrain with \`${DERENDER_TRAIN_COMMAND}\``);
  const { params, bn } = unpackWeights(manifest.config, float32Of(bin));
  return new DerenderStateRenderer(new DerenderModel(manifest.config, params, bn));
}

/**
 * The shipped counterfactual model: the renderer and CoDy. Throws MissingWeightsError when a file is
 * missing, and an Error when CoDy's weights exist but no loader for them was given.
 */
export async function loadShippedModel(read: WeightReader, loadDynamics?: DynamicsLoader): Promise<CounterfactualModel> {
  const renderer = await loadShippedRenderer(read);
  try {
    const manifest = await readJson(read, 'cody.manifest.json');
    const weights = await read('cody.bin');
    if (!manifest || !weights) {
      throw new MissingWeightsError(
        `No trained CoDy model: ${WEIGHTS_DIR}/cody.bin and cody.manifest.json are written by \`${CODY_TRAIN_COMMAND}\` ` +
          '(stage 2 of 2, on the frozen keypoints of derender.bin). The experiment reports no numbers without it.',
      );
    }
    if (!loadDynamics) {
      throw new Error(`${WEIGHTS_DIR}/cody.bin exists but the experiment was given no CoDy loader: pass loadDynamics (the CoDy module's loader) to the experiment`);
    }
    const dynamics = await loadDynamics({ manifest, weights }, { keypoints: renderer.keypoints, stateSize: renderer.stateSize });
    return composeModel(renderer, dynamics);
  } catch (err) {
    renderer.dispose();
    throw err;
  }
}
