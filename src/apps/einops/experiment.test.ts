import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../shared/tf/node';
import experiment from './experiment';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('einops experiment (quick)', () => {
  it('reshape code runs silently on mixed-up layouts; einops with stated lengths stops them', async () => {
    const before = tf.memory().numTensors;
    const { metrics, caught } = await experiment({ quick: true, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(metrics.mixUpTrials).toBeGreaterThan(20);
    // All three spellings compute the same thing on the right input.
    expect(metrics.correctRateByHand).toBe(1);
    expect(metrics.correctRateEinops).toBe(1);
    expect(metrics.correctRateEinopsWithLengths).toBe(1);
    // The paper's point: reshape only checks the element count, so every mix-up goes through...
    expect(metrics.silentRateByHand).toBe(1);
    // ...and so does a pattern that states no lengths (the rank still matches)...
    expect(metrics.silentRateEinops).toBeGreaterThan(0.9);
    // ...while stating the lengths catches them, with a message naming the mismatch.
    expect(metrics.silentRateEinopsWithLengths).toBeLessThan(0.05);
    expect(Object.keys(caught).some((k) => k.startsWith('einopsWithLengths: Shape mismatch'))).toBe(true);
  });

  it('is reproducible from its seed', async () => {
    const a = await experiment({ quick: true, seed: 7 });
    const b = await experiment({ quick: true, seed: 7 });
    expect(a.metrics).toEqual(b.metrics);
  });
});
