import { describe, expect, it } from 'vitest';
import { colormap, valueRange } from './colormap';

describe('colormap', () => {
  it('hits the end stops and clamps', () => {
    expect(colormap('viridis', 0)).toEqual([68, 1, 84]);
    expect(colormap('viridis', 1)).toEqual([253, 231, 37]);
    expect(colormap('viridis', 7)).toEqual([253, 231, 37]);
    expect(colormap('viridis', Number.NaN)).toEqual([68, 1, 84]);
    expect(colormap('diverging', 0.5)).toEqual([247, 247, 247]);
    expect(colormap('gray', 0.5)).toEqual([128, 128, 128]);
  });

  it('is monotone in brightness for viridis', () => {
    let prev = -1;
    for (let t = 0; t <= 1; t += 0.05) {
      const [r, g, b] = colormap('viridis', t);
      const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      expect(lum).toBeGreaterThan(prev);
      prev = lum;
    }
  });
});

describe('valueRange', () => {
  it('uses the data range, ignoring non-finite values', () => {
    expect(valueRange([1, 3, Number.NaN, 2], 'viridis')).toEqual([1, 3]);
  });
  it('is symmetric for diverging maps', () => {
    expect(valueRange([-1, 3], 'diverging')).toEqual([-3, 3]);
  });
  it('honours explicit bounds and widens a flat range', () => {
    expect(valueRange([5, 6], 'viridis', 0, 10)).toEqual([0, 10]);
    expect(valueRange([2, 2], 'viridis')).toEqual([1.5, 2.5]);
    expect(valueRange([], 'viridis')).toEqual([0, 1]);
  });
});
