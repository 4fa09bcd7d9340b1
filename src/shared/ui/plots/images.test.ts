import { describe, expect, it } from 'vitest';
import { gridLayout, toRgba } from './images';

describe('toRgba', () => {
  it('expands gray floats in [0,1] to opaque RGBA bytes, clamping', () => {
    const r = toRgba({ data: new Float32Array([0, 0.5, 1, 2]), width: 2, height: 2 });
    expect('rgba' in r && Array.from(r.rgba)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255]);
  });

  it('passes RGB bytes and adds alpha', () => {
    const r = toRgba({ data: new Uint8ClampedArray([1, 2, 3]), width: 1, height: 1 });
    expect('rgba' in r && Array.from(r.rgba)).toEqual([1, 2, 3, 255]);
  });

  it('keeps RGBA alpha', () => {
    const r = toRgba({ data: new Uint8ClampedArray([1, 2, 3, 4]), width: 1, height: 1, channels: 4 });
    expect('rgba' in r && Array.from(r.rgba)).toEqual([1, 2, 3, 4]);
  });

  it('names a size mismatch', () => {
    const r = toRgba({ data: new Uint8ClampedArray(5), width: 2, height: 2 });
    expect('error' in r && r.error).toMatch(/5 values do not fit 2×2/);
  });
});

describe('gridLayout', () => {
  it('wraps into rows', () => {
    const g = gridLayout(10, 4, 28, 28, 2, 12);
    expect(g.cols).toBe(4);
    expect(g.rows).toBe(3);
    expect(g.width).toBe(4 * 28 + 3 * 2);
    expect(g.cell(5)).toEqual({ x: 30, y: 42 });
  });
  it('does not make more columns than images', () => {
    expect(gridLayout(2, 8, 10, 10, 0, 0).cols).toBe(2);
    expect(gridLayout(0, 8, 10, 10, 0, 0).rows).toBe(1);
  });
});
