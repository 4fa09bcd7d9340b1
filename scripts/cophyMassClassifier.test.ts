import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../src/shared/tf/node';
import { classifierAccuracy, maskedLogLoss, type MassLabels } from './cophyMassClassifier';

const labels = (heavy: number[], present: number[], consequential: number[], counterfactual: number[], determined: number[]): MassLabels => ({
  heavy: Float32Array.from(heavy),
  present: Float32Array.from(present),
  consequential: Float32Array.from(consequential),
  counterfactual: Float32Array.from(counterfactual),
  determined: Float32Array.from(determined),
});

describe('the Table 6a check’s pure parts', () => {
  beforeAll(async () => {
    await initNodeBackend('cpu');
  });

  it('maskedLogLoss is the binary cross-entropy over the slots that hold a ball, and stays finite for large logits', () => {
    const before = tf.memory().numTensors;
    const logits = tf.tensor2d([[2, -1, 50], [0, 3, -60]]);
    const heavy = tf.tensor2d([[1, 0, 0], [1, 1, 0]]);
    const present = tf.tensor2d([[1, 1, 0], [1, 0, 1]]);
    const value = maskedLogLoss(logits, heavy, present);
    const bce = (x: number, y: number) => -(y * Math.log(1 / (1 + Math.exp(-x))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-x))));
    // slot (0, 2) holds no ball, so its hopeless logit (50 for a light ball) must not count; (1, 2) is a confident right answer
    const expected = (bce(2, 1) + bce(-1, 0) + bce(0, 1) + 0) / 4;
    expect(value.dataSync()[0]).toBeCloseTo(expected, 5);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    tf.dispose([logits, heavy, present, value]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('classifierAccuracy counts every ball, the consequential, the counterfactual and the pinned-down ones apart', () => {
    const l = [labels([1, 0, 1], [1, 1, 1], [1, 1, 0], [0, 1, 1], [1, 0, 0]), labels([0, 1, 0], [1, 1, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0])];
    const p = [Float32Array.from([0.9, 0.7, 0.2]), Float32Array.from([0.1, 0.4, 0.99])];
    const a = classifierAccuracy(p, l);
    // right: (0,0) yes, (0,1) no, (0,2) no, (1,0) yes, (1,1) no; (1,2) holds no ball
    expect(a.counts).toEqual({ all: 5, consequential: 3, counterfactual: 3, determined: 2 });
    expect(a.all).toBeCloseTo(2 / 5);
    expect(a.consequential).toBeCloseTo(1 / 3);
    expect(a.counterfactual).toBeCloseTo(1 / 3); // (0,1) no, (0,2) no, (1,0) yes
    expect(a.determined).toBeCloseTo(1 / 2);
    expect(() => classifierAccuracy(p.slice(1), l)).toThrow(/1 predictions for 2 examples/);
  });
});
