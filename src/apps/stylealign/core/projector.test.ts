import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { Generator, sampleLatents, TINY_GENERATOR_CONFIG } from './generator';
import { projectorSchedule, PROJECTOR_DEFAULTS, ZProjector } from './projector';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const C = TINY_GENERATOR_CONFIG;
const mse = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length;

describe('Z projector (projector_z.py)', () => {
  it('follows projector_z.py\'s schedule: no step at 0, full rate mid-run, no noise after 75%', () => {
    const o = { ...PROJECTOR_DEFAULTS, steps: 100 };
    expect(projectorSchedule(0, o).learningRate).toBe(0);
    expect(projectorSchedule(0, o).noise).toBeCloseTo(0.05, 12);
    expect(projectorSchedule(2, o).learningRate).toBeCloseTo(0.1 * 0.4, 12);
    expect(projectorSchedule(50, o).learningRate).toBeCloseTo(0.1, 12);
    expect(projectorSchedule(90, o).learningRate).toBeCloseTo(0.1 * (0.5 - 0.5 * Math.cos(0.4 * Math.PI)), 12);
    expect(projectorSchedule(80, o).noise).toBe(0);
  });

  it('recovers an image the generator made, the same in small steps as in one go, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const g = new Generator(C, Generator.initial(C, 4));
    const zTrue = sampleLatents(5, 'target', 2, C.zDim);
    const target = g.generate(zTrue, 2);
    const start = g.generate(new Float32Array(2 * C.zDim).map((_, i) => (i % 3) - 1), 2);
    const a = new ZProjector(g, target, 2, { steps: 80 });
    const first = a.step(1);
    expect(first.step).toBe(1);
    while (!a.done) a.step(7);
    const fitted = mse(a.images(), target);
    expect(fitted).toBeLessThan(0.25 * mse(start, target));
    expect(fitted).toBeLessThan(0.25 * first.pixel / 1);
    const b = new ZProjector(g, target, 2, { steps: 80 });
    b.step(80);
    expect(b.latents()).toEqual(a.latents());
    expect(b.stats.done).toBe(true);
    a.dispose();
    b.dispose();
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
