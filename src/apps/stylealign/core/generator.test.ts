import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { Generator, sampleLatents, styleLayers, TINY_GENERATOR_CONFIG, upsample2x, DEFAULT_GENERATOR_CONFIG, generatorComponent, generatorSpecs } from './generator';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('generator', () => {
  it('maps latents to images of the configured size, with one style row per layer, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const g = new Generator(TINY_GENERATOR_CONFIG, Generator.initial(TINY_GENERATOR_CONFIG, 1));
    expect(g.numWs).toBe(styleLayers(TINY_GENERATOR_CONFIG).length);
    expect(g.numWs).toBe(5); // b4.conv1, b4.torgb, b8.conv0, b8.conv1, b8.torgb
    const z = sampleLatents(1, 'test', 3, TINY_GENERATOR_CONFIG.zDim);
    const out = g.generate(z, 3);
    expect(out.length).toBe(3 * 8 * 8 * 3);
    expect(out.every(Number.isFinite)).toBe(true);
    expect(g.generate(z, 3)).toEqual(out);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('demodulates: scaling a convolution weight leaves the image unchanged', () => {
    const values = Generator.initial(TINY_GENERATOR_CONFIG, 2);
    const a = new Generator(TINY_GENERATOR_CONFIG, values);
    const scaled = { ...values, 'b8.conv1.w': values['b8.conv1.w'].map((v) => v * 3) };
    const b = new Generator(TINY_GENERATOR_CONFIG, scaled);
    const z = sampleLatents(2, 'test', 2, TINY_GENERATOR_CONFIG.zDim);
    const ia = a.generate(z, 2);
    const ib = b.generate(z, 2);
    for (let i = 0; i < ia.length; i++) expect(ib[i]).toBeCloseTo(ia[i], 4);
    a.dispose();
    b.dispose();
  });

  it('upsamples bilinearly with half-pixel centres and clamped edges', () => {
    const y = tf.tidy(() => upsample2x(tf.tensor4d([0, 4], [1, 1, 2, 1])).dataSync());
    expect(Array.from(y)).toEqual([0, 1, 3, 4, 0, 1, 3, 4]);
  });

  it('sorts every parameter into a component of the weight-change report', () => {
    const comps = new Set(generatorSpecs(DEFAULT_GENERATOR_CONFIG).map((s) => generatorComponent(s.name)));
    expect([...comps].sort()).toEqual(['affine', 'const', 'conv16', 'conv32', 'conv4', 'conv8', 'mapping', 'torgb']);
  });
});
