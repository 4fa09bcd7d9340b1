import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from './node';
import reference from './selfTest.reference.json';
import { compareWithReference, formatRel, measureThroughput, runSelfTest, selfTestData, SELF_TEST_SPEC, TOLERANCE_FLOAT16, TOLERANCE_FLOAT32 } from './selfTest';

describe('self-test on WASM (Node) against the committed reference', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it('the reference was made with the spec the self-test runs now, and the curve goes down', () => {
    expect(reference.spec).toEqual(SELF_TEST_SPEC);
    expect(reference.losses).toHaveLength(SELF_TEST_SPEC.steps);
    expect(reference.losses[SELF_TEST_SPEC.steps - 1]).toBeLessThan(0.2 * reference.losses[0]);
    expect(reference.command).toBe('npx tsx scripts/selftest-reference.ts');
  });

  it('passes on WASM within the float32 tolerance, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const run = await runSelfTest();
    expect(tf.memory().numTensors).toBe(before);
    const v = compareWithReference(run.losses, reference.losses, TOLERANCE_FLOAT32);
    expect(v.pass, v.message).toBe(true);
    expect(v.maxRelError).toBeLessThan(1e-4);
  });

  it('fails when the reference is perturbed, naming the step', async () => {
    const run = await runSelfTest();
    const perturbed = [...reference.losses];
    perturbed[11] *= 1.01;
    const v = compareWithReference(run.losses, perturbed, TOLERANCE_FLOAT32);
    expect(v.pass).toBe(false);
    expect(v.worstStep).toBe(11);
    expect(v.message).toMatch(/step 12: .* more than the 0\.1% allowed/);
    // Even a perturbation far below what a wrong op does is caught at the float32 tolerance.
    const slight = reference.losses.map((l, i) => (i === 19 ? l * (1 + 3 * TOLERANCE_FLOAT32) : l));
    expect(compareWithReference(run.losses, slight, TOLERANCE_FLOAT32).pass).toBe(false);
  });

  it('fails when the computation differs (a learning rate 2% off), even at the half-float tolerance', async () => {
    const run = await runSelfTest({ spec: { ...SELF_TEST_SPEC, learningRate: 0.51 } as unknown as typeof SELF_TEST_SPEC });
    const v = compareWithReference(run.losses, reference.losses, TOLERANCE_FLOAT16);
    expect(v.pass).toBe(false);
    expect(v.maxRelError).toBeGreaterThan(TOLERANCE_FLOAT16);
  });

  it('fails on NaN losses and on a short run', () => {
    const nan = [...reference.losses];
    nan[3] = Number.NaN;
    expect(compareWithReference(nan, reference.losses, TOLERANCE_FLOAT32).message).toMatch(/step 4: the loss is NaN/);
    expect(compareWithReference(reference.losses.slice(0, 5), reference.losses, TOLERANCE_FLOAT32).message).toMatch(/ran 5 steps, the reference has 20/);
  });
});

describe('self-test helpers', () => {
  it('draws the same data for the same seed, balanced over the classes', () => {
    const a = selfTestData();
    const b = selfTestData();
    expect(a.images).toEqual(b.images);
    const perClass = [0, 0, 0];
    for (let n = 0; n < SELF_TEST_SPEC.batch; n++) for (let c = 0; c < 3; c++) perClass[c] += a.labels[n * 3 + c];
    expect(Math.max(...perClass) - Math.min(...perClass)).toBeLessThanOrEqual(1);
  });

  it('formats relative errors', () => {
    expect(formatRel(0)).toBe('0');
    expect(formatRel(3.21e-7)).toBe('3.2e-7');
    expect(formatRel(0.015)).toBe('1.5%');
  });
});

describe('measureThroughput', () => {
  it('counts the products done in the window and leaves no tensor', async () => {
    await initNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const t = await measureThroughput({ ms: 200, n: 64, perReadback: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(t.products).toBeGreaterThan(0);
    expect(t.products % 2).toBe(0);
    expect(t.ms).toBeGreaterThanOrEqual(200);
    expect(t.gflops).toBeCloseTo((t.products * 2 * 64 ** 3) / (t.ms * 1e6), 10);
  });
});
