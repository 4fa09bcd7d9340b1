import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { generateExample } from './dataset';
import { DerenderModel, framesToFloat, stdForMap, type DerenderConfig } from './derendering';
import { extractStates, rawStateSize, strideTimes, withVelocities } from './keypointStates';
import { renderExampleFrame } from './render';
import { objectKeypoint } from './massProbe';
import { ColourKeypointRenderer } from './referenceModels';
import { DerenderStateRenderer } from './shippedModel';

const TINY: DerenderConfig = {
  imageSize: 64,
  keypoints: 3,
  coefficients: 4,
  encoder: [4, 4, 8, 8, 8],
  featureChannels: 4,
  poseChannels: 8,
  mlpHidden: [16, 8],
  decoder: [8, 8, 8, 8, 4, 4, 4],
  std: stdForMap(16),
  outerKernel: 3,
};

describe('keypoint states', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it('strides and velocities as the official loader (zero at t = 0, differences after)', () => {
    expect(strideTimes(150, 2).length).toBe(75);
    expect(strideTimes(150, 1).at(-1)).toBe(149);
    expect(() => strideTimes(150, 0)).toThrow(/stride/);
    const raw = Float32Array.from([1, 2, 4, 8, 3, 3, 6, 6]); // 2 frames × 2 keypoints × 2 numbers
    expect(Array.from(withVelocities(raw, 2, 2, 2))).toEqual([1, 2, 0, 0, 4, 8, 0, 0, 3, 3, 2, 1, 6, 6, 2, -2]);
  });

  it('extraction in chunks gives each frame the encoder’s own keypoints and coefficients, and leaks nothing', () => {
    const model = DerenderModel.create(TINY, 2);
    const examples = [generateExample(1, 'train', 0), generateExample(1, 'train', 1)];
    const before = tf.memory().numTensors;
    const states = extractStates(new DerenderStateRenderer(model, 7), examples, { stride: 30, chunk: 7 });
    expect(tf.memory().numTensors).toBe(before);
    const raw = rawStateSize(TINY.coefficients);
    expect(states[1].cd.length).toBe(5 * 3 * raw);
    // frame t = 60 of example 1's CD, encoded alone
    const alone = model.keypointsOf(framesToFloat([renderExampleFrame(examples[1], 'cd', 60)]), 1);
    const o = 2 * 3 * raw;
    for (let p = 0; p < 3; p++) {
      expect(states[1].cd[o + p * raw]).toBeCloseTo(alone.keypoints[2 * p], 5);
      expect(states[1].cd[o + p * raw + 1]).toBeCloseTo(alone.keypoints[2 * p + 1], 5);
      for (let q = 0; q < 5; q++) expect(states[1].cd[o + p * raw + 2 + q]).toBeCloseTo(alone.coefficients[p * 5 + q], 5);
    }
    model.dispose();
  });

  it('extracts with any state encoder: the colour-centroid reference puts keypoint k on the ball of colour k (the --derender colour diagnostic)', () => {
    const example = generateExample(1, 'train', 3);
    const encoder = new ColourKeypointRenderer(64, 3);
    const [states] = extractStates(encoder, [example], { stride: 30, chunk: 4 });
    expect(states.ab.length).toBe(5 * 3 * 3);
    let worst = 0;
    strideTimes(example.ab.frames, 30).forEach((t, slot) => {
      for (let ball = 0; ball < example.n; ball++) {
        const p = example.ab.positions;
        const [row, col] = objectKeypoint(p[(t * example.n + ball) * 2], p[(t * example.n + ball) * 2 + 1], 64);
        const o = (slot * 3 + example.colors[ball]) * 3;
        worst = Math.max(worst, Math.abs(states.ab[o] - row), Math.abs(states.ab[o + 1] - col));
        expect(states.ab[o + 2]).toBe(1); // the gate: the ball is in the frame
      }
    });
    // within a quarter of a pixel (2/64 per pixel) of the true centre
    expect(worst).toBeLessThan(0.5 / 64);
  });
});
