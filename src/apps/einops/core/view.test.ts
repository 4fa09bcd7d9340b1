import { describe, expect, it } from 'vitest';
import { composeTiles, formatValue, gridColumns, planView, valueTable } from './view';

describe('planView', () => {
  it('reads (b, h, w, 3) as colour images and (h, w, 3) as one image', () => {
    const p = planView([6, 96, 96, 3]);
    expect(p.kind).toBe('tiles');
    if (p.kind === 'tiles') expect([p.tiles, p.channels]).toEqual([6, 3]);
    const q = planView([96, 576, 3]);
    expect(q.kind === 'tiles' && q.tiles).toBe(1);
  });

  it('splits other channel counts into grey tiles in (b c) order', () => {
    const p = planView([2, 4, 4, 12]);
    expect(p.kind).toBe('tiles');
    if (p.kind !== 'tiles') return;
    expect([p.tiles, p.channels]).toEqual([24, 1]);
    // tile 13 = batch 1, channel 1; pixel (2, 3)
    expect(p.index(13, 2, 3, 0)).toBe(((1 * 4 + 2) * 4 + 3) * 12 + 1);
    expect(p.reading).toMatch(/not a colour count/);
  });

  it('falls back to values with a clear note, and always for the numbers input', () => {
    const p = planView([6, 3]);
    expect(p).toEqual({ kind: 'values', reading: "can't show (6, 3) as an image, showing values" });
    expect(planView([6, 96, 96, 3], true).kind).toBe('values');
  });
});

describe('composeTiles', () => {
  it('places tile pixels and scales out-of-range values', () => {
    const data = new Float32Array([0, 2, 4, 6, 8, 10, 12, 14]); // (2, 2, 2): two grey 2x2 tiles
    const plan = { kind: 'tiles' as const, tiles: 2, height: 2, width: 2, channels: 1 as const, index: (t: number, y: number, x: number) => (t * 2 + y) * 2 + x, reading: '' };
    const img = composeTiles(data, plan);
    expect([img.width, img.height, img.cols]).toEqual([6, 2, 2]);
    expect(img.scaledFrom).toEqual({ min: 0, max: 14 });
    expect(img.rgba[0]).toBe(0);
    expect(img.rgba[(1 * 6 + 5) * 4]).toBe(255); // last pixel of the second tile
    expect(img.rgba[2 * 4]).toBe(128); // the padding column
  });

  it('uses one row for few tiles and a wide grid for many', () => {
    expect(gridColumns(6, 96, 96)).toBe(6);
    expect(gridColumns(6, 36, 768)).toBe(1); // ViT tokens: one wide strip per image, stacked
    expect(gridColumns(1, 96, 576)).toBe(1);
    const c = gridColumns(216, 16, 16);
    expect(c).toBeGreaterThan(20);
    expect(c).toBeLessThan(30);
  });
});

describe('valueTable', () => {
  it('slices a rank-3 tensor by its first index', () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => i);
    const t = valueTable(data, [2, 3, 4]);
    expect(t.slices.map((s) => s.label)).toEqual(['[0, :, :]', '[1, :, :]']);
    expect(t.slices[1].rows[2]).toEqual([20, 21, 22, 23]);
    expect([t.shown, t.total]).toEqual([24, 24]);
  });

  it('truncates long outputs and says how much is shown', () => {
    const t = valueTable(new Float32Array(5000), [50, 100], 600);
    expect([t.shown, t.total]).toEqual([600, 5000]);
  });

  it('formats numbers compactly', () => {
    expect([formatValue(3), formatValue(0.123456), formatValue(1e-5)]).toEqual(['3', '0.123', '1.00e-5']);
  });
});
