/**
 * A tiny vector rasteriser for the six test images of the einops tutorial: the letters of "einops",
 * each drawn from strokes (line segments and circular arcs) with anti-aliased edges, in its own
 * colours. React-free and DOM-free, deterministic: the same size always gives the same bytes.
 *
 * Why letters: a wrong axis order is obvious at a glance (a transposed "p" is not a "p"), which is
 * how the einops notebooks check every example by eye.
 */

export type Rgb = readonly [number, number, number];

/** A stroke in the unit square (x right, y down); widths are fractions of the image size. */
export type Stroke =
  | { kind: 'line'; x0: number; y0: number; x1: number; y1: number }
  /** Arc around (cx, cy) of radius r from angle a0 to a1 (degrees, counter-clockwise on screen). */
  | { kind: 'arc'; cx: number; cy: number; r: number; a0: number; a1: number }
  /** A filled disc (the dot of an "i"). */
  | { kind: 'disc'; cx: number; cy: number; r: number };

export interface Glyph {
  strokes: Stroke[];
  /** Ink colour at the top and at the bottom of the letter (a vertical gradient). */
  inkTop: Rgb;
  inkBottom: Rgb;
  /** Paper colour at the left and right edge (a horizontal gradient), so flips and transposes show. */
  paperLeft: Rgb;
  paperRight: Rgb;
}

const STROKE_WIDTH = 0.105;

export const GLYPHS: Readonly<Record<string, Glyph>> = {
  e: {
    strokes: [
      { kind: 'line', x0: 0.26, y0: 0.56, x1: 0.74, y1: 0.56 },
      { kind: 'arc', cx: 0.5, cy: 0.56, r: 0.24, a0: 0, a1: 315 },
    ],
    inkTop: [0.86, 0.12, 0.1],
    inkBottom: [0.55, 0.05, 0.25],
    paperLeft: [1.0, 0.93, 0.82],
    paperRight: [0.98, 0.84, 0.7],
  },
  i: {
    strokes: [
      { kind: 'line', x0: 0.5, y0: 0.4, x1: 0.5, y1: 0.82 },
      { kind: 'line', x0: 0.38, y0: 0.82, x1: 0.62, y1: 0.82 },
      { kind: 'disc', cx: 0.5, cy: 0.22, r: 0.075 },
    ],
    inkTop: [0.95, 0.55, 0.0],
    inkBottom: [0.55, 0.45, 0.0],
    paperLeft: [0.98, 0.98, 0.78],
    paperRight: [0.88, 0.97, 0.7],
  },
  n: {
    strokes: [
      { kind: 'line', x0: 0.3, y0: 0.34, x1: 0.3, y1: 0.82 },
      { kind: 'arc', cx: 0.5, cy: 0.54, r: 0.2, a0: 0, a1: 180 },
      { kind: 'line', x0: 0.7, y0: 0.54, x1: 0.7, y1: 0.82 },
    ],
    inkTop: [0.0, 0.6, 0.35],
    inkBottom: [0.0, 0.35, 0.45],
    paperLeft: [0.82, 0.97, 0.85],
    paperRight: [0.74, 0.92, 0.92],
  },
  o: {
    strokes: [{ kind: 'arc', cx: 0.5, cy: 0.57, r: 0.24, a0: 0, a1: 360 }],
    inkTop: [0.05, 0.35, 0.9],
    inkBottom: [0.0, 0.7, 0.85],
    paperLeft: [0.84, 0.9, 1.0],
    paperRight: [0.78, 0.95, 0.98],
  },
  p: {
    strokes: [
      { kind: 'line', x0: 0.3, y0: 0.34, x1: 0.3, y1: 0.95 },
      { kind: 'arc', cx: 0.5, cy: 0.54, r: 0.2, a0: 0, a1: 360 },
    ],
    inkTop: [0.45, 0.15, 0.85],
    inkBottom: [0.2, 0.1, 0.5],
    paperLeft: [0.93, 0.86, 1.0],
    paperRight: [0.86, 0.84, 0.98],
  },
  s: {
    strokes: [
      { kind: 'arc', cx: 0.5, cy: 0.44, r: 0.135, a0: 25, a1: 270 },
      { kind: 'arc', cx: 0.5, cy: 0.71, r: 0.135, a0: -155, a1: 90 },
    ],
    inkTop: [0.9, 0.1, 0.6],
    inkBottom: [0.6, 0.0, 0.4],
    paperLeft: [1.0, 0.85, 0.93],
    paperRight: [0.98, 0.9, 0.82],
  },
};

interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Arcs become short line segments; 64 per full turn is well below a pixel of error at 96 px. */
function strokeToSegments(stroke: Stroke, size: number): Segment[] {
  if (stroke.kind === 'line') {
    return [{ x0: stroke.x0 * size, y0: stroke.y0 * size, x1: stroke.x1 * size, y1: stroke.y1 * size }];
  }
  if (stroke.kind === 'disc') return [];
  const sweep = stroke.a1 - stroke.a0;
  const pieces = Math.max(2, Math.ceil((Math.abs(sweep) / 360) * 64));
  const points: [number, number][] = [];
  for (let k = 0; k <= pieces; k++) {
    const angle = ((stroke.a0 + (sweep * k) / pieces) * Math.PI) / 180;
    // Screen y grows downwards, so a counter-clockwise angle subtracts from y.
    points.push([(stroke.cx + stroke.r * Math.cos(angle)) * size, (stroke.cy - stroke.r * Math.sin(angle)) * size]);
  }
  const segments: Segment[] = [];
  for (let k = 0; k < pieces; k++) {
    segments.push({ x0: points[k][0], y0: points[k][1], x1: points[k + 1][0], y1: points[k + 1][1] });
  }
  return segments;
}

function distanceToSegment(px: number, py: number, s: Segment): number {
  const dx = s.x1 - s.x0;
  const dy = s.y1 - s.y0;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq === 0 ? 0 : ((px - s.x0) * dx + (py - s.y0) * dy) / lengthSq;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = px - (s.x0 + t * dx);
  const ey = py - (s.y0 + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * Ink coverage in [0, 1] for every pixel of a size×size image: 1 inside a stroke, a one-pixel linear
 * ramp at its edge (cheap anti-aliasing), 0 outside.
 */
export function glyphCoverage(glyph: Glyph, size: number): Float32Array {
  // Signed distance (in pixels) from the stroke edge; start far outside.
  const edgeDistance = new Float32Array(size * size).fill(Number.POSITIVE_INFINITY);
  const half = (STROKE_WIDTH * size) / 2;
  const relax = (x: number, y: number, d: number): void => {
    const i = y * size + x;
    if (d < edgeDistance[i]) edgeDistance[i] = d;
  };
  for (const stroke of glyph.strokes) {
    if (stroke.kind === 'disc') {
      const cx = stroke.cx * size;
      const cy = stroke.cy * size;
      const r = stroke.r * size;
      const lo = (v: number) => Math.max(0, Math.floor(v - r - 2));
      const hi = (v: number) => Math.min(size - 1, Math.ceil(v + r + 2));
      for (let y = lo(cy); y <= hi(cy); y++) {
        for (let x = lo(cx); x <= hi(cx); x++) relax(x, y, Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r);
      }
      continue;
    }
    for (const seg of strokeToSegments(stroke, size)) {
      const x0 = Math.max(0, Math.floor(Math.min(seg.x0, seg.x1) - half - 2));
      const x1 = Math.min(size - 1, Math.ceil(Math.max(seg.x0, seg.x1) + half + 2));
      const y0 = Math.max(0, Math.floor(Math.min(seg.y0, seg.y1) - half - 2));
      const y1 = Math.min(size - 1, Math.ceil(Math.max(seg.y0, seg.y1) + half + 2));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) relax(x, y, distanceToSegment(x + 0.5, y + 0.5, seg) - half);
      }
    }
  }
  const coverage = new Float32Array(size * size);
  for (let i = 0; i < coverage.length; i++) {
    const c = 0.5 - edgeDistance[i];
    coverage[i] = c <= 0 ? 0 : c >= 1 ? 1 : c;
  }
  return coverage;
}

/** One letter as a (size, size, 3) row-major RGB image with values in [0, 1]. */
export function renderGlyph(glyph: Glyph, size: number): Float32Array {
  const coverage = glyphCoverage(glyph, size);
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    const v = size === 1 ? 0 : y / (size - 1);
    for (let x = 0; x < size; x++) {
      const u = size === 1 ? 0 : x / (size - 1);
      const a = coverage[y * size + x];
      for (let ch = 0; ch < 3; ch++) {
        const ink = glyph.inkTop[ch] * (1 - v) + glyph.inkBottom[ch] * v;
        const paper = glyph.paperLeft[ch] * (1 - u) + glyph.paperRight[ch] * u;
        out[(y * size + x) * 3 + ch] = ink * a + paper * (1 - a);
      }
    }
  }
  return out;
}

export interface LetterBatch {
  /** Row-major (b, h, w, c) values in [0, 1]. */
  data: Float32Array;
  shape: [number, number, number, number];
}

/**
 * The word as a batch of images, shape (word.length, size, size, 3): the demo's (6, 96, 96, 3) input.
 * Throws a RangeError for a letter that has no glyph.
 */
export function renderWord(word = 'einops', size = 96): LetterBatch {
  if (!Number.isInteger(size) || size < 8) throw new RangeError(`size must be an integer ≥ 8, got ${size}`);
  const per = size * size * 3;
  const data = new Float32Array(word.length * per);
  for (let b = 0; b < word.length; b++) {
    const glyph = GLYPHS[word[b]];
    if (!glyph) throw new RangeError(`no glyph for "${word[b]}"; available: ${Object.keys(GLYPHS).join(' ')}`);
    data.set(renderGlyph(glyph, size), b * per);
  }
  return { data, shape: [word.length, size, size, 3] };
}
