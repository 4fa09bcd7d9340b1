/**
 * Pure data shaping for the plots (no DOM): series with their own x values turned into uPlot's
 * aligned columns, and min/max decimation so that 10k+ points per series still draw in a frame.
 */
export type Point = readonly [number, number];

export interface SeriesInput {
  name: string;
  color?: string;
  points: readonly Point[];
}

/** [xs, ys of series 0, ys of series 1, …]; a missing y is null (uPlot draws a gap or bridges it). */
export type Aligned = [number[], ...(number | null)[][]];

function sameXs(series: readonly SeriesInput[]): boolean {
  const first = series[0].points;
  for (let s = 1; s < series.length; s++) {
    const p = series[s].points;
    if (p.length !== first.length) return false;
    for (let i = 0; i < p.length; i++) if (p[i][0] !== first[i][0]) return false;
  }
  return true;
}

function finiteOrNull(y: number): number | null {
  return Number.isFinite(y) ? y : null;
}

/**
 * Aligns series on the union of their x values (sorted, de-duplicated; for a repeated x within one
 * series the last point wins). Non-finite values become gaps. A k-way merge of the (usually
 * already sorted) series: linear time, no hashing, so it keeps up with live appends.
 */
export function alignSeries(series: readonly SeriesInput[]): Aligned {
  if (series.length === 0) return [[]];
  if (sameXs(series) && isStrictlySorted(series[0].points)) {
    return [series[0].points.map((p) => p[0]), ...series.map((s) => s.points.map((p) => finiteOrNull(p[1])))];
  }
  const lists = series.map((s) => {
    const finite = s.points.filter((p) => Number.isFinite(p[0]));
    return isSorted(finite) ? finite : [...finite].sort((a, b) => a[0] - b[0]);
  });
  const heads = new Array<number>(lists.length).fill(0);
  const xs: number[] = [];
  const cols = lists.map(() => [] as (number | null)[]);
  for (;;) {
    let x = Infinity;
    for (let k = 0; k < lists.length; k++) if (heads[k] < lists[k].length && lists[k][heads[k]][0] < x) x = lists[k][heads[k]][0];
    if (x === Infinity) break;
    xs.push(x);
    for (let k = 0; k < lists.length; k++) {
      const l = lists[k];
      let y: number | null = null;
      while (heads[k] < l.length && l[heads[k]][0] === x) y = finiteOrNull(l[heads[k]++][1]);
      cols[k].push(y);
    }
  }
  return [xs, ...cols];
}

function isSorted(pts: readonly Point[]): boolean {
  for (let i = 1; i < pts.length; i++) if (pts[i][0] < pts[i - 1][0]) return false;
  return true;
}

function isStrictlySorted(pts: readonly Point[]): boolean {
  for (let i = 0; i < pts.length; i++) if (!Number.isFinite(pts[i][0]) || (i > 0 && pts[i][0] <= pts[i - 1][0])) return false;
  return true;
}

/**
 * Keeps at most about `maxRows` rows: the x range is cut into buckets and, per bucket, the rows
 * holding each series' minimum and maximum (plus the bucket's first row) are kept, so spikes and
 * the envelope survive. Rows stay in x order.
 */
export function decimate(data: Aligned, maxRows: number): Aligned {
  const [xs, ...cols] = data;
  const n = xs.length;
  const perBucket = 1 + 2 * Math.max(1, cols.length);
  const buckets = Math.max(1, Math.floor(maxRows / perBucket));
  if (n <= maxRows || n <= 2) return data;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const lo = xs[0];
  const span = xs[n - 1] - lo || 1;
  let start = 0;
  for (let b = 0; b < buckets && start < n; b++) {
    const limit = lo + (span * (b + 1)) / buckets;
    let end = start;
    while (end < n && (xs[end] < limit || b === buckets - 1)) end++;
    if (end === start) continue;
    keep[start] = 1;
    for (const col of cols) {
      let iMin = -1;
      let iMax = -1;
      for (let i = start; i < end; i++) {
        const v = col[i];
        if (v === null) continue;
        if (iMin < 0 || v < (col[iMin] as number)) iMin = i;
        if (iMax < 0 || v > (col[iMax] as number)) iMax = i;
      }
      if (iMin >= 0) keep[iMin] = 1;
      if (iMax >= 0) keep[iMax] = 1;
    }
    start = end;
  }
  const outX: number[] = [];
  const outCols = cols.map(() => [] as (number | null)[]);
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    outX.push(xs[i]);
    for (let c = 0; c < cols.length; c++) outCols[c].push(cols[c][i]);
  }
  return [outX, ...outCols];
}

/** Last finite value of each series, for the chart's text summary. */
export function lastValues(series: readonly SeriesInput[]): (number | null)[] {
  return series.map((s) => {
    for (let i = s.points.length - 1; i >= 0; i--) if (Number.isFinite(s.points[i][1])) return s.points[i][1];
    return null;
  });
}

/** Evenly spaced "nice" ticks (1, 2, 5 × 10^k) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  if (lo > hi) [lo, hi] = [hi, lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const out: number[] = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}
