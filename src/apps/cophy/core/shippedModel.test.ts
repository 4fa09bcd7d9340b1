import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { MissingWeightsError } from './counterfactualModel';
import { initialBnStats, initialParams, packWeights, stdForMap, type DerenderConfig } from './derendering';
import { copyCDynamics } from './referenceModels';
import { CODY_TRAIN_COMMAND, DERENDER_TRAIN_COMMAND, loadShippedModel, loadShippedRenderer, type WeightReader } from './shippedModel';

const MICRO: DerenderConfig = {
  imageSize: 16,
  keypoints: 2,
  coefficients: 4,
  encoder: [2, 2, 4, 4, 4],
  featureChannels: 2,
  poseChannels: 4,
  mlpHidden: [8, 8],
  decoder: [4, 4, 4, 4, 2, 2, 2],
  std: stdForMap(4),
  outerKernel: 3,
};

function reader(files: Record<string, Uint8Array>): WeightReader {
  return async (name) => files[name] ?? null;
}

function derenderFiles(): Record<string, Uint8Array> {
  const packed = packWeights(MICRO, initialParams(MICRO, 1), initialBnStats(MICRO));
  return {
    'derender.bin': new Uint8Array(packed.buffer),
    'derender.manifest.json': new TextEncoder().encode(JSON.stringify({ config: MICRO })),
  };
}

beforeAll(async () => {
  await initNodeBackend('cpu');
});

describe('loading the shipped model', () => {
  it('without derender.bin it names the de-rendering and the CoDy training commands', async () => {
    const err = await loadShippedModel(reader({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingWeightsError);
    expect((err as Error).message).toContain(DERENDER_TRAIN_COMMAND);
    expect((err as Error).message).toContain(CODY_TRAIN_COMMAND);
  });

  it('without cody.bin it names the CoDy command and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const err = await loadShippedModel(reader(derenderFiles())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingWeightsError);
    expect((err as Error).message).toContain(CODY_TRAIN_COMMAND);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with cody.bin but no loader it says so', async () => {
    const files = { ...derenderFiles(), 'cody.bin': new Uint8Array(4), 'cody.manifest.json': new TextEncoder().encode('{}') };
    await expect(loadShippedModel(reader(files))).rejects.toThrow(/no CoDy loader/);
  });

  it('composes the renderer with the loaded dynamics; extract and decode keep their shapes; dispose frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const files = { ...derenderFiles(), 'cody.bin': new Uint8Array(4), 'cody.manifest.json': new TextEncoder().encode('{}') };
    let seen: { keypoints: number; stateSize: number } | null = null;
    const model = await loadShippedModel(reader(files), (_f, r) => {
      seen = r;
      return copyCDynamics();
    });
    expect(seen).toEqual({ keypoints: 2, stateSize: 7 });
    const frames = new Float32Array(3 * 16 * 16 * 3).map((_, i) => Math.sin(i) * 0.9);
    const states = model.extract(frames, 3);
    expect([states.frames, states.keypoints, states.stateSize]).toEqual([3, 2, 7]);
    for (let i = 0; i < states.values.length; i++) expect(Math.abs(states.values[i])).toBeLessThanOrEqual(1);
    const rolled = model.rollout({ ...states, frames: 1, values: states.values.slice(0, 14) }, new Float32Array(2 * 32), 4);
    expect(rolled.frames).toBe(5);
    const images = model.decode(rolled, frames.subarray(0, 16 * 16 * 3));
    expect(images.length).toBe(5 * 16 * 16 * 3);
    expect(images.every((v) => v >= -1 && v <= 1)).toBe(true);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a manifest without a config is refused with the command', async () => {
    const files = { ...derenderFiles(), 'derender.manifest.json': new TextEncoder().encode('{}') };
    await expect(loadShippedRenderer(reader(files))).rejects.toThrow(DERENDER_TRAIN_COMMAND);
  });
});
