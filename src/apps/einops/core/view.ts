/**
 * How to show an output of any shape: as a grid of colour or grey tiles when the shape reads as
 * images, otherwise as numbers. Pure functions over a flat row-major Float32Array; the UI only puts
 * the resulting RGBA bytes on a canvas.
 */

export interface TilePlan {
  kind: 'tiles';
  tiles: number;
  height: number;
  width: number;
  /** 3 = RGB tiles, 1 = grey tiles. */
  channels: 1 | 3;
  /** Flat index of (tile, y, x, ch) in the output. */
  index: (tile: number, y: number, x: number, ch: number) => number;
  /** How the shape was read, in words (always shown, so no reading is hidden). */
  reading: string;
}

export interface ValuesPlan {
  kind: 'values';
  reading: string;
}

export type ViewPlan = TilePlan | ValuesPlan;

const MAX_TILES = 1024;
const MIN_SIDE = 4;

function product(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}

/**
 * Reads a shape as images. `preferValues` (the numbers input) always shows values: there every value
 * matters and there are few of them.
 */
export function planView(shape: readonly number[], preferValues = false): ViewPlan {
  const rank = shape.length;
  const shapeText = `(${shape.join(', ')})`;
  if (preferValues) return { kind: 'values', reading: `showing the values of ${shapeText}` };
  const last = shape[rank - 1];
  // (..., h, w, c) with c = 3 or 1: colour or grey images, leading axes flattened into a batch.
  if (rank >= 3 && (last === 3 || last === 1)) {
    const [h, w] = [shape[rank - 3], shape[rank - 2]];
    const tiles = product(shape.slice(0, rank - 3));
    if (h >= MIN_SIDE && w >= MIN_SIDE && tiles <= MAX_TILES) {
      const channels = last as 1 | 3;
      const reading =
        rank === 3
          ? `one image: h=${h}, w=${w}, c=${last}`
          : rank === 4
            ? `${tiles} images: b=${tiles}, h=${h}, w=${w}, c=${last}`
            : `${tiles} images: the leading axes (${shape.slice(0, rank - 3).join(' × ')}) as a batch, then h=${h}, w=${w}, c=${last}`;
      return { kind: 'tiles', tiles, height: h, width: w, channels, index: (t, y, x, ch) => ((t * h + y) * w + x) * channels + ch, reading };
    }
  }
  // (b, h, w, c) with another c: each channel as a grey tile, tiles ordered (b c).
  if (rank === 4) {
    const [b, h, w, c] = shape;
    if (h >= MIN_SIDE && w >= MIN_SIDE && b * c <= MAX_TILES) {
      return {
        kind: 'tiles',
        tiles: b * c,
        height: h,
        width: w,
        channels: 1,
        index: (t, y, x) => ((Math.floor(t / c) * h + y) * w + x) * c + (t % c),
        reading: `c=${c} is not a colour count, so each channel is a grey tile: ${b} × ${c} tiles in (b c) order, h=${h}, w=${w}`,
      };
    }
  }
  // (n, h, w): grey images.
  if (rank === 3) {
    const [n, h, w] = shape;
    if (h >= MIN_SIDE && w >= MIN_SIDE && n <= MAX_TILES) {
      return {
        kind: 'tiles',
        tiles: n,
        height: h,
        width: w,
        channels: 1,
        index: (t, y, x) => (t * h + y) * w + x,
        reading: `no colour axis, so ${n} grey images: n=${n}, h=${h}, w=${w}`,
      };
    }
  }
  if (rank === 2 && shape[0] >= 16 && shape[1] >= 16) {
    const [h, w] = shape;
    return { kind: 'tiles', tiles: 1, height: h, width: w, channels: 1, index: (_t, y, x) => y * w + x, reading: `one grey image: h=${h}, w=${w}` };
  }
  return { kind: 'values', reading: `can't show ${shapeText} as an image, showing values` };
}

export interface ValueRange {
  min: number;
  max: number;
}

export function valueRange(data: ArrayLike<number>): ValueRange {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** Columns of tiles in the grid. */
  cols: number;
  /** Set when values outside [0, 1] were scaled for display. */
  scaledFrom: ValueRange | null;
}

/**
 * Tiles per row: a handful of tiles go in one row unless that row would be more than 8 times wider
 * than tall (then fewer columns); many tiles make a roughly 3:1 grid.
 */
export function gridColumns(tiles: number, height: number, width: number): number {
  if (tiles <= 8) {
    for (let cols = tiles; cols > 1; cols--) {
      if ((cols * width) / (Math.ceil(tiles / cols) * height) <= 8) return cols;
    }
    return 1;
  }
  return Math.max(1, Math.min(tiles, Math.round(Math.sqrt((tiles * height * 3) / width))));
}

const PAD = 2;
const PAD_GREY = 128;

/** Lays the tiles out on a grid of RGBA bytes, scaling to [0, 1] first when values leave that range. */
export function composeTiles(data: ArrayLike<number>, plan: TilePlan): RgbaImage {
  const range = valueRange(data);
  const needsScale = range.min < 0 || range.max > 1;
  const lo = needsScale ? range.min : 0;
  const span = needsScale ? range.max - range.min || 1 : 1;
  const cols = gridColumns(plan.tiles, plan.height, plan.width);
  const rows = Math.ceil(plan.tiles / cols);
  const width = cols * plan.width + (cols - 1) * PAD;
  const height = rows * plan.height + (rows - 1) * PAD;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(PAD_GREY);
  for (let t = 0; t < plan.tiles; t++) {
    const ox = (t % cols) * (plan.width + PAD);
    const oy = Math.floor(t / cols) * (plan.height + PAD);
    for (let y = 0; y < plan.height; y++) {
      let o = ((oy + y) * width + ox) * 4;
      for (let x = 0; x < plan.width; x++, o += 4) {
        if (plan.channels === 3) {
          for (let ch = 0; ch < 3; ch++) rgba[o + ch] = ((data[plan.index(t, y, x, ch)] - lo) / span) * 255;
        } else {
          const v = ((data[plan.index(t, y, x, 0)] - lo) / span) * 255;
          rgba[o] = v;
          rgba[o + 1] = v;
          rgba[o + 2] = v;
        }
        rgba[o + 3] = 255;
      }
    }
  }
  return { width, height, rgba, cols, scaledFrom: needsScale ? range : null };
}

export interface ValueSlice {
  /** e.g. "[1, 0, :, :]" for the slice shown; "" for rank ≤ 2. */
  label: string;
  rows: number[][];
}

export interface ValueTable {
  slices: ValueSlice[];
  /** How many values are shown, and how many the output has. */
  shown: number;
  total: number;
}

/**
 * The output as 2-D slices (the last two axes), leading axes indexed in row-major order, up to
 * `maxValues` values; rank 0 and 1 become one row.
 */
export function valueTable(data: ArrayLike<number>, shape: readonly number[], maxValues = 600): ValueTable {
  const total = product(shape);
  const rank = shape.length;
  const cols = rank >= 1 ? shape[rank - 1] : 1;
  const rowsPer = rank >= 2 ? shape[rank - 2] : 1;
  const sliceSize = Math.max(1, cols * rowsPer);
  const lead = shape.slice(0, Math.max(0, rank - 2));
  const slices: ValueSlice[] = [];
  let shown = 0;
  const nSlices = total === 0 ? 0 : total / sliceSize;
  for (let s = 0; s < nSlices && shown < maxValues; s++) {
    const idx: number[] = [];
    let rem = s;
    for (let k = lead.length - 1; k >= 0; k--) {
      idx.unshift(rem % lead[k]);
      rem = Math.floor(rem / lead[k]);
    }
    const rows: number[][] = [];
    for (let r = 0; r < rowsPer && shown < maxValues; r++) {
      const row: number[] = [];
      for (let c = 0; c < cols && shown < maxValues; c++, shown++) row.push(data[s * sliceSize + r * cols + c]);
      rows.push(row);
    }
    const label = lead.length > 0 ? `[${[...idx, ':', ':'].slice(0, rank).join(', ')}]` : '';
    slices.push({ label, rows });
  }
  return { slices, shown, total };
}

/** Short, stable number formatting for the values view: integers as is, others to 3 significant digits. */
export function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(3)).toString();
}
