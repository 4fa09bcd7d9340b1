/** Turning raw image arrays into RGBA pixels (pure, no DOM), unit-tested in Node. */

export interface RawImage {
  /** Row-major pixels: Uint8ClampedArray in 0..255, or Float32Array in 0..1 (clamped). */
  data: Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
  /** 1 (gray), 3 (RGB) or 4 (RGBA); inferred from the length when omitted. */
  channels?: 1 | 3 | 4;
}

/** RGBA bytes for one image, or an error message naming what is wrong with it. */
export function toRgba(img: RawImage): { rgba: Uint8ClampedArray } | { error: string } {
  const { data, width, height } = img;
  const n = width * height;
  if (!(width > 0 && height > 0) || !Number.isInteger(width) || !Number.isInteger(height)) return { error: `bad size ${width}×${height}` };
  const channels = img.channels ?? (data.length / n);
  if (![1, 3, 4].includes(channels) || data.length !== n * channels) {
    return { error: `${data.length} values do not fit ${width}×${height} with ${img.channels ?? '1, 3 or 4'} channels` };
  }
  const isFloat = data instanceof Float32Array;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 4; c++) {
      let v: number;
      if (c === 3) v = channels === 4 ? data[i * 4 + 3] : isFloat ? 1 : 255;
      else v = channels === 1 ? data[i] : data[i * channels + c];
      // Uint8ClampedArray clamps on assignment; floats are scaled from [0, 1] (NaN shows as black).
      out[i * 4 + c] = isFloat ? (Number.isFinite(v) ? v * 255 : 0) : v;
    }
  }
  return { rgba: out };
}

/** Grid geometry: columns, rows and each cell's top-left corner in canvas pixels. */
export function gridLayout(count: number, cols: number, cellW: number, cellH: number, gap: number, labelH: number) {
  const c = Math.max(1, Math.min(cols, count || 1));
  const r = Math.max(1, Math.ceil(count / c));
  const width = c * cellW + (c - 1) * gap;
  const height = r * (cellH + labelH) + (r - 1) * gap;
  const cell = (i: number) => ({ x: (i % c) * (cellW + gap), y: Math.floor(i / c) * (cellH + labelH + gap) });
  return { cols: c, rows: r, width, height, cell };
}
