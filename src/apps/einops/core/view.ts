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
  /** Set when a very long image was cut into bands so it can be seen (foldLongImage). */
  folded: Fold | null;
}

/** How a very wide (or tall) image was cut: into `bands` rows (or columns) of `bandLength` pixels. */
export interface Fold {
  direction: 'rows' | 'columns';
  bands: number;
  bandLength: number;
  /** The image's size before folding. */
  width: number;
  height: number;
}

/**
 * Longest side ÷ shortest side above which an image is folded. A (6, 9216) strip drawn in a 720 px
 * column is under half a pixel tall; gridColumns already keeps tile rows within this ratio.
 */
export const MAX_ASPECT = 8;
/** Width ÷ height (or height ÷ width) the folded image aims for. */
const FOLD_TARGET_ASPECT = 2;
/** Pixels between bands, in a lighter grey than the padding between tiles, so a cut reads as a cut. */
export const FOLD_GAP = 4;
const FOLD_GREY = 200;

/**
 * Cuts an image whose sides differ by more than MAX_ASPECT into bands laid side by side: a wide strip
 * into rows read left to right then top to bottom, a tall one into columns read top to bottom then
 * left to right. Pixels keep their size and order (no stretching); the last band may end early.
 */
export function foldLongImage(image: RgbaImage): RgbaImage {
  const { width: w, height: h } = image;
  const wide = w > h * MAX_ASPECT;
  const tall = h > w * MAX_ASPECT;
  if (!wide && !tall) return image;
  const long = wide ? w : h;
  const short = wide ? h : w;
  // k bands of length L = long / k make an image of about L × k (short + gap); aim that at the target ratio.
  const aim = Math.round(Math.sqrt(long / (FOLD_TARGET_ASPECT * (short + FOLD_GAP))));
  const bandLength = Math.ceil(long / Math.max(2, aim));
  const bands = Math.ceil(long / bandLength);
  const span = bands * short + (bands - 1) * FOLD_GAP;
  const outW = wide ? bandLength : span;
  const outH = wide ? span : bandLength;
  const rgba = new Uint8ClampedArray(outW * outH * 4).fill(FOLD_GREY);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  const src = image.rgba;
  for (let band = 0; band < bands; band++) {
    const start = band * bandLength;
    const len = Math.min(bandLength, long - start);
    if (wide) {
      // Band `band` holds columns start … start+len−1 of every row, placed below the previous band.
      for (let y = 0; y < h; y++) {
        const from = (y * w + start) * 4;
        rgba.set(src.subarray(from, from + len * 4), ((band * (h + FOLD_GAP) + y) * outW) * 4);
      }
    } else {
      // Band `band` holds rows start … start+len−1, placed right of the previous band.
      for (let y = 0; y < len; y++) {
        const from = (start + y) * w * 4;
        rgba.set(src.subarray(from, from + w * 4), (y * outW + band * (w + FOLD_GAP)) * 4);
      }
    }
  }
  return {
    ...image,
    width: outW,
    height: outH,
    rgba,
    folded: { direction: wide ? 'rows' : 'columns', bands, bandLength, width: w, height: h },
  };
}

/** The page's sentence for a fold, e.g. "… folded into 21 rows of 439 pixels …". */
export function describeFold(f: Fold): string {
  return f.direction === 'rows'
    ? `too wide to see in one line (${f.width} × ${f.height} pixels), so it is folded into ${f.bands} rows of ${f.bandLength} pixels: read left to right, then the next row (light grey gaps mark the cuts; pixels are not stretched)`
    : `too tall to see in one column (${f.width} × ${f.height} pixels), so it is folded into ${f.bands} columns of ${f.bandLength} pixels: read top to bottom, then the next column (light grey gaps mark the cuts; pixels are not stretched)`;
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

/**
 * Lays the tiles out on a grid of RGBA bytes, scaling to [0, 1] first when values leave that range;
 * a grid too long to see is folded (foldLongImage).
 */
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
  return foldLongImage({ width, height, rgba, cols, scaledFrom: needsScale ? range : null, folded: null });
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
