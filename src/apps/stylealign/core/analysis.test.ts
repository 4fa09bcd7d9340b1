import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { ranks, ridge, predict, spearman, solveSpd } from './stats';
import { ALIGNMENT_PAIRS, scoreAlignment, type PairedReadings } from './alignment';
import { ATTRIBUTES } from './domains';
import { inComponent, resetComponent } from './resetTest';
import { attributeDirection } from './editTransfer';

describe('stats', () => {
  it('ranks ties by their mean rank, and Spearman ρ is 1 for any increasing map', () => {
    expect(Array.from(ranks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
    const x = [0.1, 0.5, 0.2, 0.9, 0.3];
    expect(spearman(x, x.map((v) => v ** 3))).toBeCloseTo(1, 12);
    expect(spearman(x, x.map((v) => -Math.exp(v)))).toBeCloseTo(-1, 12);
  });

  it('recovers a linear map by ridge regression and solves SPD systems', () => {
    const rng = createRng(1);
    const n = 200;
    const d = 3;
    const x = Float64Array.from({ length: n * d }, () => rng.normal());
    const y = Float64Array.from({ length: n }, (_, i) => 2 * x[i * d] - x[i * d + 2] + 0.5);
    const m = ridge(x, y, n, d, 1e-9);
    expect(m.weights[0]).toBeCloseTo(2, 5);
    expect(m.weights[1]).toBeCloseTo(0, 5);
    expect(m.weights[2]).toBeCloseTo(-1, 5);
    expect(m.bias).toBeCloseTo(0.5, 5);
    expect(predict(m, [1, 0, 0], 1)[0]).toBeCloseTo(2.5, 5);
    expect(Array.from(solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 5), 2)).map((v) => Number(v.toFixed(9)))).toEqual([-0.5, 2]);
    const dir = attributeDirection(x, y, n, d);
    expect(dir.direction[0]).toBeCloseTo(2 / Math.sqrt(5), 4);
    expect(dir.scale).toBeGreaterThan(0.8);
  });
});

/** Readings where each pair's child attribute is `sign × parent attribute + noise`. */
function synthetic(seed: number, n: number, signs: number[], noise: number): PairedReadings {
  const rng = createRng(seed);
  const kp = ATTRIBUTES.faces.length;
  const kc = ATTRIBUTES.critters.length;
  const parent = Float64Array.from({ length: n * kp }, () => rng.normal());
  const child = new Float64Array(n * kc);
  ALIGNMENT_PAIRS.forEach((p, q) => {
    const i = ATTRIBUTES.faces.indexOf(p.parent);
    const j = ATTRIBUTES.critters.indexOf(p.child);
    for (let r = 0; r < n; r++) child[r * kc + j] = signs[q] * parent[r * kp + i] + noise * rng.normal();
  });
  return { count: n, parent, child };
}

describe('alignment scoring', () => {
  it('finds aligned pairs with their signs, and none in independent readings', () => {
    const signs = [1, -1, 1, -1];
    const a = scoreAlignment(synthetic(1, 300, signs, 0.5), synthetic(2, 300, signs, 0.5), { resamples: 200 });
    const expected = 1 / Math.sqrt(1 + 0.25);
    expect(a.meanAbsR.value).toBeCloseTo(expected, 1);
    expect(a.minPairR.value).toBeGreaterThan(0.8);
    a.pairs.forEach((p, q) => expect(Math.sign(p.r.value)).toBe(signs[q]));
    expect(a.meanAbsR.lo).toBeLessThan(a.meanAbsR.value);
    expect(a.meanAbsR.hi).toBeGreaterThan(a.meanAbsR.value);
    const none = synthetic(3, 300, [0, 0, 0, 0], 1);
    const b = scoreAlignment(none, synthetic(4, 300, [0, 0, 0, 0], 1), { resamples: 200 });
    expect(b.meanAbsR.value).toBeLessThan(0.12);
    // a sign fitted on one set and contradicted on the other shows up in minPairR
    const flipped = scoreAlignment(synthetic(5, 300, [1, 1, 1, 1], 0.5), synthetic(6, 300, [1, 1, 1, -1], 0.5), { resamples: 50 });
    expect(flipped.minPairR.value).toBeLessThan(-0.8);
    expect(flipped.meanAbsR.value).toBeGreaterThan(0.8);
  });

  it('leaves unreadable pairs out of the summaries but still reports them', () => {
    const a = scoreAlignment(synthetic(1, 200, [1, 1, 1, 0], 0.3), synthetic(2, 200, [1, 1, 1, 0], 0.3), { unreadable: new Set(['smile']), resamples: 50 });
    expect(a.pairs.find((p) => p.pair.id === 'smile')?.scored).toBe(false);
    expect(Math.abs(a.pairs.find((p) => p.pair.id === 'smile')!.r.value)).toBeLessThan(0.2);
    expect(a.meanAbsR.value).toBeGreaterThan(0.9);
    expect(a.matrix.length).toBe(ATTRIBUTES.faces.length);
  });
});

describe('reset test', () => {
  it('puts back exactly one component', () => {
    const parent = { 'map.0.w': Float32Array.of(1), 'b8.conv1.affine.w': Float32Array.of(2), 'b8.conv1.w': Float32Array.of(3), 'b4.conv1.w': Float32Array.of(4), 'b8.torgb.w': Float32Array.of(5) };
    const child = Object.fromEntries(Object.entries(parent).map(([k, v]) => [k, v.map((x) => x + 10)]));
    const r = resetComponent(parent, child, 'conv');
    expect(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v[0]]))).toEqual({ 'map.0.w': 11, 'b8.conv1.affine.w': 12, 'b8.conv1.w': 3, 'b4.conv1.w': 4, 'b8.torgb.w': 15 });
    expect(inComponent('b8.conv1.affine.w', 'affine')).toBe(true);
    expect(inComponent('map.1.b', 'mapping')).toBe(true);
  });
});
