/** Colour maps for heatmaps (pure). Viridis is perceptually uniform and colour-blind safe. */
export type ColormapName = 'viridis' | 'diverging' | 'gray';

// Viridis at 9 evenly spaced stops (matplotlib), linearly interpolated between.
const VIRIDIS: readonly [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];
// Blue – white – red, for signed values around zero.
const DIVERGING: readonly [number, number, number][] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

function interp(stops: readonly [number, number, number][], t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** RGB for t in [0, 1] (clamped; NaN maps to 0). */
export function colormap(name: ColormapName, t: number): [number, number, number] {
  if (name === 'gray') {
    const g = Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 255);
    return [g, g, g];
  }
  return interp(name === 'viridis' ? VIRIDIS : DIVERGING, t);
}

/** The value range a heatmap shows: given bounds, or the data's finite min/max (symmetric around 0 for diverging). */
export function valueRange(data: ArrayLike<number>, name: ColormapName, min?: number, max?: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) {
    lo = 0;
    hi = 1;
  }
  if (name === 'diverging' && min === undefined && max === undefined) {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  const a = min ?? lo;
  const b = max ?? hi;
  return a === b ? [a - 0.5, b + 0.5] : [a, b];
}
