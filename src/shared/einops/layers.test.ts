import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-wasm';
import { EinMix, Rearrange, Reduce } from './layers';
import { EinopsError, einsum, rearrange, reduce } from './index';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

function seq(values: number, shape: number[]): tf.Tensor {
  return tf.tensor(Array.from({ length: values }, (_, i) => Math.sin(i + 1)), shape);
}

async function roundTrip(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  expect(saved).not.toBeNull();
  const a = saved! as tf.io.ModelArtifacts;
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: a.modelTopology, weightSpecs: a.weightSpecs, weightData: a.weightData }));
}

describe('Rearrange / Reduce layers', () => {
  it('match the functions, report output shapes with unknown batch, and survive save/load', async () => {
    const input = tfl.input({ shape: [4, 6, 3] });
    const r = new Rearrange({ pattern: 'b (h h2) (w w2) c -> b h w (c h2 w2)', axesLengths: { h2: 2, w2: 2 } });
    const p = new Reduce({ pattern: 'b h w c -> b c', reduction: 'max' });
    expect(r.computeOutputShape([null, 4, 6, 3])).toEqual([null, 2, 3, 12]);
    expect(p.computeOutputShape([null, 2, 3, 12])).toEqual([null, 12]);
    const out = p.apply(r.apply(input) as tfl.SymbolicTensor) as tfl.SymbolicTensor;
    expect(out.shape).toEqual([null, 12]);
    const model = tfl.model({ inputs: input, outputs: out });
    const x = seq(2 * 4 * 6 * 3, [2, 4, 6, 3]);
    const y = model.predict(x) as tf.Tensor;
    const expected = tf.tidy(() => reduce(rearrange(x, 'b (h h2) (w w2) c -> b h w (c h2 w2)', { h2: 2, w2: 2 }), 'b h w c -> b c', 'max'));
    expect(Array.from(y.dataSync())).toEqual(Array.from(expected.dataSync()));

    const loaded = await roundTrip(model);
    const y2 = loaded.predict(x) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y.dataSync()));
    const cfg = loaded.layers.find((l) => l instanceof Rearrange)!.getConfig();
    expect(cfg.pattern).toBe('b (h h2) (w w2) c -> b h w (c h2 w2)');
    expect(cfg.axesLengths).toEqual({ h2: 2, w2: 2 });
    tf.dispose([x, y, y2, expected]);
  });

  it('reject bad patterns when constructed, naming the layer', () => {
    expect(() => new Rearrange({ pattern: 'a b -> a c' })).toThrow(EinopsError);
    expect(() => new Rearrange({ pattern: 'a b -> a c' })).toThrow(/Error while preparing Rearrange\('a b -> a c'\)/);
    expect(() => new Reduce({ pattern: 'a b -> a', reduction: 'median' as 'sum' })).toThrow(/Unknown reduction/);
    expect(() => new Rearrange({ pattern: '... a -> a ...' })).not.toThrow();
  });

  it('identity Rearrange returns a fresh tensor inside a model', () => {
    const layer = new Rearrange({ pattern: 'b c -> b c' });
    const x = tf.ones([2, 3]);
    const y = layer.apply(x) as tf.Tensor;
    expect(y).not.toBe(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
    y.dispose();
  });
});

describe('EinMix', () => {
  it('is einsum with a weight (and bias), initialised in ±sqrt(3/fan_in), and saves/loads', async () => {
    const input = tfl.input({ shape: [5, 6] });
    const mix = new EinMix({
      pattern: 'b t (g cin) -> b (g cout) t',
      weightShape: 'g cin cout',
      biasShape: 'g cout',
      axesLengths: { g: 2, cin: 3, cout: 4 },
    });
    const out = mix.apply(input) as tfl.SymbolicTensor;
    expect(out.shape).toEqual([null, 8, 5]);
    const model = tfl.model({ inputs: input, outputs: out });
    const [w, bias] = mix.getWeights();
    expect(w.shape).toEqual([2, 3, 4]);
    // as in the reference, the bias has a unit axis for every output axis it does not use
    expect(bias.shape).toEqual([1, 2, 4, 1]);
    const bound = Math.sqrt(3 / 3);
    const wv = Array.from(w.dataSync());
    expect(Math.max(...wv.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...wv.map(Math.abs))).toBeGreaterThan(bound / 2);
    expect(Math.max(...Array.from(bias.dataSync()).map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(1 / 3));

    const x = seq(2 * 5 * 6, [2, 5, 6]);
    const y = model.predict(x) as tf.Tensor;
    const expected = tf.tidy(() => {
      const split = rearrange(x, 'b t (g cin) -> b t g cin', { g: 2 });
      const mixed = einsum(split, w, 'b t g cin, g cin cout -> b g cout t');
      return rearrange(tf.add(mixed, bias), 'b g cout t -> b (g cout) t');
    });
    expect(y.shape).toEqual([2, 8, 5]);
    const a = y.dataSync();
    const e = expected.dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(e[i], 5);

    const loaded = await roundTrip(model);
    const y2 = loaded.predict(x) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y.dataSync()));
    tf.dispose([x, y, y2, expected]);
  });

  it('supports ellipsis and enforces the reference rules', () => {
    const mix = new EinMix({ pattern: '... cin -> ... cout', weightShape: 'cin cout', axesLengths: { cin: 3, cout: 2 } });
    expect(mix.computeOutputShape([null, 7, 3])).toEqual([null, 7, 2]);
    const bad: [string, string, string | undefined, Record<string, number>, RegExp][] = [
      ['a b -> a c', 'b c', undefined, { b: 2 }, /should be specified/],
      ['a b -> a c', 'b c', undefined, { b: 2, c: 3, z: 1 }, /not used in pattern/],
      ['a b -> a c', 'b c d', undefined, { b: 2, c: 3, d: 4 }, /redundant/],
      ['... b -> c', 'b c', undefined, { b: 2, c: 3 }, /both sides/],
      ['(... b) -> (... c)', 'b c', undefined, { b: 2, c: 3 }, /parenthesis/],
      ['a b -> a c', 'b c', 'd', { b: 2, c: 3 }, /not present in output/],
      ['a b -> a c', 'b c', 'c', { b: 2 }, /should be specified/],
      ['a b -> a c', 'b c 2', undefined, { b: 2, c: 3 }, /Anonymous axes/],
      ['a b -> a d', 'b c', undefined, { b: 2, c: 3 }, /Unrecognized identifiers/],
      ['... a b -> a c', 'b c', 'c', { b: 2, c: 3 }, /Ellipsis in EinMix should be on both sides/],
      ['... b -> c ...', 'b c', 'c', { b: 2, c: 3 }, /after ellipsis/],
    ];
    for (const [pattern, weightShape, biasShape, axesLengths, re] of bad) {
      expect(() => new EinMix({ pattern, weightShape, biasShape, axesLengths }), pattern).toThrow(re);
    }
  });
});
