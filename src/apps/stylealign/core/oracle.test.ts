import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { createRng } from '../../../shared/random';
import { frechetDistance, gaussianOf, Oracle, oracleBatch, OracleTrainer, oracleParamCount, oracleSpecs, symmetricEigen } from './oracle';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('Fréchet distance', () => {
  it('is 0 for one Gaussian and has the closed form for diagonal covariances', () => {
    const g = { mean: Float64Array.from([1, 2]), cov: Float64Array.from([2, 0.5, 0.5, 1]) };
    expect(frechetDistance(g, g)).toBeCloseTo(0, 9);
    const a = { mean: Float64Array.from([0, 0]), cov: Float64Array.from([4, 0, 0, 1]) };
    const b = { mean: Float64Array.from([3, 0]), cov: Float64Array.from([1, 0, 0, 9]) };
    // 9 + (√4 − √1)² + (√1 − √9)² = 9 + 1 + 4
    expect(frechetDistance(a, b)).toBeCloseTo(14, 9);
  });

  it('eigendecomposes a symmetric matrix (V Λ Vᵀ = A)', () => {
    const n = 6;
    const rng = createRng(1);
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) m[i * n + j] = m[j * n + i] = rng.uniform(-1, 1);
    const { values, vectors } = symmetricEigen(m, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc += vectors[i * n + k] * values[k] * vectors[j * n + k];
      expect(acc).toBeCloseTo(m[i * n + j], 9);
    }
  });

  it('fits the sample mean and covariance', () => {
    const { mean, cov } = gaussianOf([1, 2, 3, 6], 2, 2);
    expect(Array.from(mean)).toEqual([2, 4]);
    expect(Array.from(cov)).toEqual([2, 4, 4, 8]);
  });
});

describe('oracles', () => {
  it('learn on renders (loss falls over 30 steps) without leaking tensors', () => {
    const before = tf.memory().numTensors;
    for (const kind of ['critters', 'domain'] as const) {
      const t = new OracleTrainer(kind, 1);
      const losses = Array.from({ length: 30 }, () => t.step().loss);
      const head = losses.slice(0, 5).reduce((a, b) => a + b) / 5;
      const tail = losses.slice(-5).reduce((a, b) => a + b) / 5;
      expect(tail, kind).toBeLessThan(head);
      t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(oracleParamCount('faces')).toBeGreaterThan(50_000);
  });

  it('reads the face smile with its own branch: the trunk head\'s smile column has no effect, the branch does', () => {
    const before = tf.memory().numTensors;
    const values = Oracle.initial('faces', 1);
    const images = oracleBatch('faces', 1, 0, 4).images;
    const base = new Oracle('faces', values);
    const a = base.evaluate(images, 4).outputs;
    const trunkColumn = { ...values, 'head.w': values['head.w'].map((v, i) => (i % 6 === 1 ? v + 5 : v)) };
    const other = new Oracle('faces', trunkColumn);
    const b = other.evaluate(images, 4).outputs;
    expect(Array.from(b)).toEqual(Array.from(a));
    const branch = new Oracle('faces', { ...values, 'smile.head.b': Float32Array.of(3) });
    const c = branch.evaluate(images, 4).outputs;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 6; j++) expect(c[i * 6 + j] - a[i * 6 + j]).toBeCloseTo(j === 1 ? 3 : 0, 5);
    // the trunk comes first in the specs, so its initial values do not depend on the branch
    expect(oracleSpecs('faces').slice(0, 10).map((s) => s.name)).toEqual(oracleSpecs('critters').slice(0, 10).map((s) => s.name));
    expect(oracleSpecs('faces').at(-1)?.name).toBe('smile.head.b');
    for (const o of [base, other, branch]) o.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the domain classifier half faces, half critters', () => {
    const { targets } = oracleBatch('domain', 1, 0, 8);
    expect(Array.from(targets)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });
});
