import { describe, expect, it } from 'vitest';
import { composeTiles, describeFold, FOLD_GAP, foldLongImage, formatValue, gridColumns, MAX_ASPECT, planView, valueTable, type RgbaImage } from './view';

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

/** A width × height image whose pixel (x, y) has red = x mod 256, green = y, blue = x >> 8. */
function gradient(width: number, height: number): RgbaImage {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set([x & 255, y, x >> 8, 255], (y * width + x) * 4);
  }
  return { width, height, rgba, cols: 1, scaledFrom: null, folded: null };
}

const pixel = (img: RgbaImage, x: number, y: number) => Array.from(img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('foldLongImage', () => {
  it('leaves images within the aspect limit alone', () => {
    const img = gradient(576, 96);
    expect(foldLongImage(img)).toBe(img);
    expect(foldLongImage(gradient(MAX_ASPECT * 10, 10))).toEqual(gradient(MAX_ASPECT * 10, 10));
  });

  it('folds the (6, 9216) strip of "b h w c -> b (h w) c" into rows, keeping every pixel in order', () => {
    const img = gradient(9216, 6);
    const f = foldLongImage(img);
    expect(f.folded).toEqual({ direction: 'rows', bands: 21, bandLength: 439, width: 9216, height: 6 });
    expect(f.width).toBe(439);
    expect(f.height).toBe(21 * 6 + 20 * FOLD_GAP);
    // Now at most twice as wide as tall, instead of 1536 times.
    expect(f.width / f.height).toBeLessThan(MAX_ASPECT);
    // Pixel x of row y is in band floor(x / 439) at column x mod 439.
    for (const [x, y] of [[0, 0], [438, 5], [439, 0], [5000, 3], [9215, 5]]) {
      const band = Math.floor(x / 439);
      expect(pixel(f, x % 439, band * (6 + FOLD_GAP) + y), `${x}, ${y}`).toEqual(pixel(img, x, y));
    }
    // The gap after band 0 and the unused end of the last band are light grey.
    expect(pixel(f, 0, 6)).toEqual([200, 200, 200, 255]);
    expect(pixel(f, 438, 20 * (6 + FOLD_GAP))).toEqual([200, 200, 200, 255]);
    expect(describeFold(f.folded!)).toMatch(/9216 × 6 pixels.*folded into 21 rows of 439 pixels/);
  });

  it('folds a tall image into columns', () => {
    const img = gradient(4, 400);
    const f = foldLongImage(img);
    expect(f.folded?.direction).toBe('columns');
    const { bands, bandLength } = f.folded!;
    expect(bands * bandLength).toBeGreaterThanOrEqual(400);
    expect([f.width, f.height]).toEqual([bands * 4 + (bands - 1) * FOLD_GAP, bandLength]);
    for (const y of [0, bandLength - 1, bandLength, 399]) {
      const band = Math.floor(y / bandLength);
      expect(pixel(f, 3 + band * (4 + FOLD_GAP), y % bandLength), `row ${y}`).toEqual(pixel(img, 3, y));
    }
  });

  it('is applied by composeTiles', () => {
    const data = new Float32Array(6 * 9216 * 3).fill(0.5);
    const plan = planView([6, 9216, 3]);
    if (plan.kind !== 'tiles') throw new Error('expected tiles');
    expect(composeTiles(data, plan).folded?.direction).toBe('rows');
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
