/**
 * Library integration test: every gallery entry runs through the shared einops library on the demo's
 * real inputs, with the shapes the entry promises, and leaks no tensors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops'; // tensor methods (x.reshape(…)) used below
import { initNodeBackend } from '../../../shared/tf/node';
import { GALLERY } from './gallery';
import { createInputs, disposeInputs, runRequest, type InputTensors } from './run';
import { INPUT_SHAPES } from './types';
import { parseLengths } from './lengths';
import { planView } from './view';

const EXPECTED_SHAPES: Record<string, number[]> = {
  transpose: [6, 96, 96, 3],
  'batch-into-width': [96, 576, 3],
  'batch-into-grid': [192, 288, 3],
  'space-to-depth': [6, 48, 48, 12],
  'depth-to-space': [6, 96, 96, 3],
  'pixel-shuffle': [6, 96, 96, 3],
  'vit-patches': [6, 36, 768],
  'vit-patch-grid': [54, 32, 32, 3],
  'max-pool': [6, 24, 24, 3],
  'global-avg-pool': [6, 3],
  'mean-letter': [96, 96, 3],
  'split-heads': [24, 96, 24, 3],
  'upsample-repeat': [6, 192, 192, 3],
  'pack-class-token': [6, 96, 96, 3],
  'einsum-attention': [6, 96, 96],
  'numbers-flatten': [4, 6],
};

let inputs: InputTensors;

beforeAll(async () => {
  await initNodeBackend('wasm');
  inputs = createInputs();
});
afterAll(() => disposeInputs(inputs));

describe('demo inputs', () => {
  it('have the declared shapes', () => {
    for (const [id, t] of Object.entries(inputs)) expect(t.shape, id).toEqual(INPUT_SHAPES[id as keyof typeof INPUT_SHAPES]);
  });

  it('numbers are arange(24) in row-major order', async () => {
    expect(Array.from(await inputs.numbers.data())).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });
});

describe('gallery', () => {
  it('has an expected shape for every entry and unique ids', () => {
    expect(new Set(GALLERY.map((e) => e.id)).size).toBe(GALLERY.length);
    expect(Object.keys(EXPECTED_SHAPES).sort()).toEqual(GALLERY.map((e) => e.id).sort());
  });

  for (const entry of GALLERY) {
    it(`${entry.id}: runs without error and leaks nothing`, async () => {
      const before = tf.memory().numTensors;
      const outcome = runRequest(entry, inputs);
      if (!outcome.ok) throw new Error(`${entry.id}: ${outcome.error.reason} (${outcome.error.hint})`);
      expect(outcome.outputShape).toEqual(EXPECTED_SHAPES[entry.id]);
      expect(outcome.chain.length).toBeGreaterThan(0);
      const values = await outcome.output.data();
      expect(values.every((v) => Number.isFinite(v))).toBe(true);
      outcome.output.dispose();
      expect(tf.memory().numTensors).toBe(before);
      // Every image-input entry shows as images; the numbers entry as values.
      expect(planView(outcome.outputShape, entry.input === 'numbers').kind, entry.id).toBe(
        entry.input === 'numbers' || entry.id === 'global-avg-pool' ? 'values' : 'tiles',
      );
    });
  }

  it('the max-pool caption states the window and sizes it really uses', async () => {
    const entry = GALLERY.find((e) => e.id === 'max-pool')!;
    const lengths = parseLengths(entry.lengths);
    if (!lengths.ok) throw new Error(lengths.message);
    const { h2, w2 } = lengths.lengths;
    const [, h, w] = INPUT_SHAPES[entry.input];
    const [, outH, outW] = EXPECTED_SHAPES['max-pool'];
    expect([outH, outW]).toEqual([h / h2, w / w2]);
    const window = `${h2}×${w2}`;
    expect(entry.title).toContain(window);
    expect(entry.why).toContain(`${window} max-pooling`);
    expect(entry.why).toContain(`${h}×${w} letter becomes ${outH}×${outW}`);
    // And the op does pool: each output pixel is the max of its window.
    const out = runRequest(entry, inputs);
    if (!out.ok) throw new Error(out.error.reason);
    const expected = tf.tidy(() => tf.maxPool(inputs.letters as tf.Tensor4D, [h2, w2], [h2, w2], 'valid'));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(out.output, expected))).dataSync()[0]);
    tf.dispose([out.output, expected]);
    expect(diff).toBe(0);
  });

  it('depth-to-space exactly undoes space-to-depth', async () => {
    const back = runRequest(GALLERY.find((e) => e.id === 'depth-to-space')!, inputs);
    if (!back.ok) throw new Error(back.error.reason);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(back.output, inputs.letters))).dataSync()[0]);
    back.output.dispose();
    expect(diff).toBe(0);
    // ...while the mixed-up order does not.
    const mixed = runRequest(GALLERY.find((e) => e.id === 'pixel-shuffle')!, inputs);
    if (!mixed.ok) throw new Error(mixed.error.reason);
    const mixedDiff = tf.tidy(() => tf.mean(tf.abs(tf.sub(mixed.output, inputs.letters))).dataSync()[0]);
    mixed.output.dispose();
    expect(mixedDiff).toBeGreaterThan(0.05);
  });

  it('batch into width puts letter b at columns b·96 … b·96+95', async () => {
    const out = runRequest(GALLERY.find((e) => e.id === 'batch-into-width')!, inputs);
    if (!out.ok) throw new Error(out.error.reason);
    const expected = tf.tidy(() => tf.slice(inputs.letters, [2, 0, 0, 0], [1, 96, 96, 3]).reshape([96, 96, 3]));
    const got = tf.slice(out.output, [0, 192, 0], [96, 96, 3]);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(got, expected))).dataSync()[0]);
    tf.dispose([out.output, expected, got]);
    expect(diff).toBe(0);
  });
});

describe('runRequest failures', () => {
  it('reports errors inline instead of throwing, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const cases: [Partial<import('./types').EinopsRequest>, RegExp, RegExp][] = [
      [{ pattern: 'h w c -> w h c' }, /Wrong shape: expected 3 dims\. Received 4-dim tensor/, /left side has 3 axes .* input \(6, 96, 96, 3\) has 4/],
      [{ pattern: 'b h w c -> b h w' }, /Identifiers only on one side/, /reduce/],
      [{ op: 'reduce', pattern: 'b (h h2) w c -> b h w c', lengths: 'h2=5' }, /can't divide axis of length 96 in chunks of 5/, /divisors: 1, 2, 3, 4, 6, 8/],
      [{ op: 'repeat', pattern: 'b h w c -> b h w c r' }, /Specify sizes for new axes in repeat/, /r=2/],
      [{ pattern: '' }, /empty/, /pattern such as/],
      [{ pattern: 'b h w c -> b h w c', lengths: 'h2' }, /Axis lengths/, /h2=number/],
      [{ op: 'repeat', pattern: 'b h w c -> b h w c r', lengths: 'r=1000' }, /would have/, /smaller lengths/],
      [{ op: 'einsum', pattern: 'b h w c, b h2 w2 c2 -> b h w c h2 w2 c2' }, /would have/, /smaller/],
      [{ op: 'pack', pattern: 'b c' }, /No \*-axis/, /exactly one \*/],
    ];
    for (const [partial, reason, hint] of cases) {
      const req = { op: 'rearrange' as const, reduction: 'mean' as const, input: 'letters' as const, lengths: '', pattern: '', ...partial };
      const outcome = runRequest(req, inputs);
      expect(outcome.ok, req.pattern).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.reason, req.pattern).toMatch(reason);
        expect(outcome.error.hint, req.pattern).toMatch(hint);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('silent bug cases', () => {
  it('raw reshape runs but differs from einops; einops names the mismatch of the wrong tensor', async () => {
    const { silentBugCases, disposeCases } = await import('./silentBug');
    const before = tf.memory().numTensors;
    const cases = silentBugCases(inputs);
    const byId = Object.fromEntries(cases.map((c) => [c.id, c]));
    expect(byId['raw-reshape'].image!.shape).toEqual([96, 576, 3]);
    expect(byId['einops'].image!.shape).toEqual([96, 576, 3]);
    const diff = tf.tidy(() => tf.mean(tf.abs(tf.sub(byId['raw-reshape'].image!, byId['einops'].image!))).dataSync()[0]);
    expect(diff).toBeGreaterThan(0.05);
    expect(byId['raw-wrong-tensor'].error).toBeNull();
    expect(byId['raw-wrong-tensor'].image!.shape).toEqual([96, 576, 3]);
    expect(byId['einops-wrong-tensor'].image).toBeNull();
    expect(byId['einops-wrong-tensor'].error).toBe('Shape mismatch, 48 != 96');
    disposeCases(cases);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('checkRequest', () => {
  it('agrees with runRequest on every gallery entry and on a failing one', async () => {
    const { checkRequest } = await import('./run');
    const before = tf.memory().numTensors;
    for (const entry of GALLERY) {
      const checked = checkRequest(entry, inputs);
      expect(checked.ok, entry.id).toBe(true);
      if (checked.ok) expect(checked.outputShape, entry.id).toEqual(EXPECTED_SHAPES[entry.id]);
    }
    const bad = checkRequest({ ...GALLERY[0], pattern: 'b h w -> w h b' }, inputs);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.reason).toMatch(/Wrong shape/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
