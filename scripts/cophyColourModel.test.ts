import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../src/shared/tf/node';
import { generateExample } from '../src/apps/cophy/core/dataset';
import { abductExample } from '../src/apps/cophy/core/evaluate';
import { nodeWeightReader } from '../src/apps/cophy/experiment';
import { loadColourCody } from './cophyColourModel';

const ROOT = resolve(import.meta.dirname, '..');
const reader = (dir: string) => nodeWeightReader(pathToFileURL(`${resolve(ROOT, dir)}/`));

describe('the colour diagnostic CoDy (checkpoints/cophy-colour-cody)', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it('loads with the colour renderer and abducts a u per ball from exact keypoints, leaking no tensors', async () => {
    const before = tf.memory().numTensors;
    const model = await loadColourCody(reader('checkpoints/cophy-colour-cody'), 'checkpoints/cophy-colour-cody');
    try {
      expect(model.name).toMatch(/colour-centroid/);
      const example = generateExample(1, 'test', 0);
      const { u, probe } = abductExample(model, example, 0);
      expect(u.length).toBe(3 * model.confounderSize);
      expect(u.every(Number.isFinite)).toBe(true);
      expect(probe.length).toBe(example.n);
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses the shipped CoDy, which was trained on the de-rendering’s keypoints, and a folder without weights', async () => {
    await expect(loadColourCody(reader('src/apps/cophy/weights'), 'src/apps/cophy/weights')).rejects.toThrow(/not the colour-centroid/);
    await expect(loadColourCody(reader('docs'), 'docs')).rejects.toThrow(/holds no cody\.bin/);
  });
});
