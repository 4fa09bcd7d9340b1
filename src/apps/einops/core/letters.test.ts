import { describe, expect, it } from 'vitest';
import { GLYPHS, glyphCoverage, renderWord } from './letters';

function checksum(data: Float32Array): number {
  let h = 0;
  for (let i = 0; i < data.length; i++) h = (h * 31 + Math.round(data[i] * 1e4)) % 1_000_000_007;
  return h;
}

describe('letters rasteriser', () => {
  it('renders "einops" as a (6, 96, 96, 3) batch with values in [0, 1]', () => {
    const { data, shape } = renderWord('einops', 96);
    expect(shape).toEqual([6, 96, 96, 3]);
    expect(data.length).toBe(6 * 96 * 96 * 3);
    let min = Infinity;
    let max = -Infinity;
    for (const v of data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max - min).toBeGreaterThan(0.5);
  });

  it('is deterministic', () => {
    expect(checksum(renderWord('einops', 96).data)).toBe(checksum(renderWord('einops', 96).data));
  });

  it('draws each letter with real ink: between 4% and 40% of pixels covered, plus anti-aliased edges', () => {
    for (const ch of 'einops') {
      const cov = glyphCoverage(GLYPHS[ch], 96);
      let full = 0;
      let partial = 0;
      for (const c of cov) {
        if (c >= 0.999) full++;
        else if (c > 0.001) partial++;
      }
      expect(full / cov.length, ch).toBeGreaterThan(0.04);
      expect(full / cov.length, ch).toBeLessThan(0.4);
      expect(partial, ch).toBeGreaterThan(50);
    }
  });

  it('gives six different letters (no two images alike) in different colours', () => {
    const { data } = renderWord('einops', 96);
    const per = 96 * 96 * 3;
    const means: number[][] = [];
    for (let b = 0; b < 6; b++) {
      const m = [0, 0, 0];
      for (let i = 0; i < per; i++) m[i % 3] += data[b * per + i] / (per / 3);
      means.push(m);
      for (let b2 = 0; b2 < b; b2++) {
        let diff = 0;
        for (let i = 0; i < per; i++) diff += Math.abs(data[b * per + i] - data[b2 * per + i]);
        expect(diff / per, `${b} vs ${b2}`).toBeGreaterThan(0.03);
      }
    }
    for (let b = 0; b < 6; b++)
      for (let b2 = 0; b2 < b; b2++) {
        const d = Math.hypot(...means[b].map((v, k) => v - means[b2][k]));
        expect(d, `mean colours ${b} vs ${b2}`).toBeGreaterThan(0.02);
      }
  });

  it('is not symmetric under transpose, so a swapped h and w is visible', () => {
    const { data } = renderWord('einops', 96);
    for (let b = 0; b < 6; b++) {
      let diff = 0;
      for (let y = 0; y < 96; y++)
        for (let x = 0; x < 96; x++)
          for (let c = 0; c < 3; c++) diff += Math.abs(data[((b * 96 + y) * 96 + x) * 3 + c] - data[((b * 96 + x) * 96 + y) * 3 + c]);
      expect(diff / (96 * 96 * 3)).toBeGreaterThan(0.02);
    }
  });

  it('rejects unknown letters and tiny sizes', () => {
    expect(() => renderWord('einopz', 96)).toThrow(/no glyph for "z"/);
    expect(() => renderWord('einops', 4)).toThrow(RangeError);
  });
});
