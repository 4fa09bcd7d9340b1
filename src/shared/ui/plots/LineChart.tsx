/**
 * Line chart for live training curves and the like, drawn by uPlot (canvas, fast). The chart is
 * created once per set of series names, labels and theme; new points only call `setData`, so
 * appending to 10k-point series stays smooth. Beyond about 4 points per pixel the data is
 * min/max-decimated, which keeps spikes visible.
 *
 * uPlot draws its axes on the canvas, so their font is set here: `chartFontPx`/`chartLabelPx`
 * (≥ 18 px in projector mode), exposed as `data-font-px`/`data-label-font-px` on the figure for
 * tests. In projector mode the height follows the viewport (0.28–0.38 of its height), so that a
 * chart and its legend fit the first screen under the run's controls.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignSeries, decimate, lastValues, type SeriesInput } from './align';
import { ChartTools, type ChartData } from './ChartTools';
import { formatValue } from '../format';
import { chartFontPx, chartLabelPx, usePlotTheme, useElementWidth, useViewportSize } from './theme';
import '../ui.css';

export interface LineChartProps {
  series: readonly SeriesInput[];
  xLabel: string;
  yLabel: string;
  height?: number;
  /** Log scale on y (values ≤ 0 are dropped by uPlot). */
  logY?: boolean;
  /** Fixed y range; by default it follows the data. */
  yRange?: [number, number];
  /** A short description for screen readers; defaults to the series' last values. */
  label?: string;
  className?: string;
}

export function LineChart({ series, xLabel, yLabel, height = 240, logY = false, yRange, label, className }: LineChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const theme = usePlotTheme();
  const width = useElementWidth(boxRef);
  const viewport = useViewportSize();
  const remHeight = (height * theme.rem) / 16;
  const scaledHeight = Math.round(theme.present ? Math.min(0.32 * viewport.height, Math.max(0.24 * viewport.height, remHeight)) : remHeight);
  const fontPx = chartFontPx(theme);
  const labelPx = chartLabelPx(theme);

  // The chart's identity: rebuild only when these change, not when points are appended.
  const names = series.map((s) => s.name + '\u0000' + (s.color ?? '')).join('\u0001');
  const yMin = yRange?.[0];
  const yMax = yRange?.[1];

  const aligned = useMemo(() => alignSeries(series), [series]);
  const data = useMemo(() => decimate(aligned, Math.max(400, width * 4)), [aligned, width]);
  // the table and the CSV hold the undecimated numbers
  const tableData = useMemo<ChartData>(
    () => ({ columns: [xLabel, ...series.map((s) => s.name)], rows: aligned[0].map((x, i) => [x, ...aligned.slice(1).map((ys) => (ys as (number | null)[])[i] ?? null)]) }),
    [aligned, series, xLabel],
  );
  const dataRef = useRef(data);
  dataRef.current = data;
  // Each series' last value: the legend shows it when nobody hovers (a projector cannot hover).
  const lastRef = useRef<(number | null)[]>([]);
  lastRef.current = lastValues(series);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const axis = (labelText: string, vertical: boolean): uPlot.Axis => ({
      label: labelText,
      stroke: theme.muted,
      grid: { stroke: theme.grid, width: 1 },
      ticks: { stroke: theme.grid, width: 1, size: 8 },
      font: `${fontPx}px ${theme.font}`,
      labelFont: `${labelPx}px ${theme.font}`,
      labelSize: labelPx + 8,
      gap: 5,
      // Room for the tick labels at this font: the widest label on y, one line of text on x.
      size: vertical ? fitTickLabels : fontPx + 8 + 5 + 6,
    });
    const show = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatValue(v));
    const isLatest = (u: uPlot, idx: number | null | undefined) => idx !== null && idx !== undefined && idx === u.data[0].length - 1;
    /** Without a hovering cursor the legend shows the latest point instead of '–'. */
    const showLatest = (u: uPlot) => {
      const n = u.data[0]?.length ?? 0;
      if (n > 0 && u.cursor.idx == null && u.legend.idx !== n - 1) u.setLegend({ idx: n - 1 });
    };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth || 600),
      height: scaledHeight,
      scales: {
        x: { time: false },
        y: logY ? { distr: 3 } : yMin !== undefined && yMax !== undefined ? { range: [yMin, yMax] } : {},
      },
      axes: [axis(xLabel, false), axis(yLabel, true)],
      legend: { live: true },
      hooks: { setData: [showLatest], setCursor: [showLatest], draw: [showLatest] },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: xLabel, value: (_u, v) => show(v) },
        ...series.map((s, i) => ({
          label: s.name,
          stroke: s.color ?? theme.series[i % theme.series.length],
          width: 2,
          spanGaps: true,
          points: { show: false },
          // A series with no point at the last x (another series ran further) shows its own last value there.
          value: (u: uPlot, v: number | null, _sidx: number, idx: number | null) => show(v ?? (isLatest(u, idx) ? lastRef.current[i] : null)),
        })),
      ],
    };
    const u = new uPlot(opts, dataRef.current as uPlot.AlignedData, el);
    plotRef.current = u;
    return () => {
      u.destroy();
      plotRef.current = null;
    };
    // Rebuilt on identity changes only; data and size have their own effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [names, xLabel, yLabel, logY, yMin, yMax, theme, scaledHeight, fontPx, labelPx]);

  useEffect(() => {
    plotRef.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && width > 0) u.setSize({ width: Math.max(200, width), height: scaledHeight });
  }, [width, scaledHeight]);

  const last = lastValues(series);
  const summary =
    label ??
    `Line chart of ${yLabel} against ${xLabel}. ` +
      series.map((s, i) => `${s.name}: ${s.points.length} points${last[i] === null ? '' : `, last ${formatValue(last[i])}`}`).join('; ');

  return (
    <figure className={'plot line-chart' + (className ? ' ' + className : '')} data-font-px={fontPx} data-label-font-px={labelPx}>
      <ChartTools title={label ?? `${yLabel} against ${xLabel}`} data={tableData} canvas={() => plotRef.current?.ctx.canvas ?? null}>
        <div ref={boxRef} className="plot-canvas" role="img" aria-label={summary} />
      </ChartTools>
    </figure>
  );
}

/** uPlot axis size callback: the widest tick label at the axis' font, plus the tick and the gap. */
function fitTickLabels(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx];
  // uPlot calls this again while it converges; after two passes keep what it has.
  if (cycleNum > 1) return (axis as { _size?: number })._size ?? 50;
  let size = (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + 4;
  const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  if (longest) {
    const font = Array.isArray(axis.font) ? String(axis.font[0]) : String(axis.font ?? '');
    self.ctx.font = font;
    // The canvas is drawn at devicePixelRatio and uPlot scales the font with it.
    size += self.ctx.measureText(longest).width / (window.devicePixelRatio || 1);
  }
  return Math.ceil(Math.max(size, 40));
}
