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
import { useCallback, useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignSeries, decimate, lastValues, type SeriesInput } from './align';
import { ChartTools, EXPORT_SCALE, type ChartData, type PngSource } from './ChartTools';
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
  const seriesRef = useRef(series);
  seriesRef.current = series;

  /**
   * uPlot's options at `f` times the on-screen size (fonts, strokes and room included): f = 1 for the
   * page, f = EXPORT_SCALE for the PNG, which uPlot then draws at f × its device pixel ratio.
   */
  const optsFor = useCallback(
    (f: number, cssWidth: number): uPlot.Options => {
      const axis = (labelText: string, vertical: boolean): uPlot.Axis => ({
        label: labelText,
        stroke: theme.muted,
        grid: { stroke: theme.grid, width: f },
        ticks: { stroke: theme.grid, width: f, size: 8 * f },
        font: `${fontPx * f}px ${theme.font}`,
        labelFont: `${labelPx * f}px ${theme.font}`,
        labelSize: (labelPx + 8) * f,
        gap: 5 * f,
        // Room for the tick labels at this font: the widest label on y, one line of text on x.
        size: vertical ? fitTickLabels : (fontPx + 8 + 5 + 6) * f,
      });
      const show = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatValue(v));
      const isLatest = (u: uPlot, idx: number | null | undefined) => idx !== null && idx !== undefined && idx === u.data[0].length - 1;
      /** Without a hovering cursor the legend shows the latest point instead of '–'. */
      const showLatest = (u: uPlot) => {
        const n = u.data[0]?.length ?? 0;
        if (n > 0 && u.cursor.idx == null && u.legend.idx !== n - 1) u.setLegend({ idx: n - 1 });
      };
      return {
        width: Math.max(200, cssWidth || 600) * f,
        height: scaledHeight * f,
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
          ...seriesRef.current.map((s, i) => ({
            label: s.name,
            stroke: s.color ?? theme.series[i % theme.series.length],
            width: 2 * f,
            spanGaps: true,
            points: { show: false },
            // A series with no point at the last x (another series ran further) shows its own last value there.
            value: (u: uPlot, v: number | null, _sidx: number, idx: number | null) => show(v ?? (isLatest(u, idx) ? lastRef.current[i] : null)),
          })),
        ],
      };
    },
    // Rebuilt on identity changes only (`names` stands for the series' names and colours).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [names, xLabel, yLabel, logY, yMin, yMax, theme, scaledHeight, fontPx, labelPx],
  );

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const opts = optsFor(1, el.clientWidth);
    const u = new uPlot(opts, dataRef.current as uPlot.AlignedData, el);
    plotRef.current = u;
    return () => {
      u.destroy();
      plotRef.current = null;
    };
    // Rebuilt on identity changes only; data and size have their own effects below.
  }, [optsFor]);

  useEffect(() => {
    plotRef.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && width > 0) u.setSize({ width: Math.max(200, width), height: scaledHeight });
  }, [width, scaledHeight]);

  // The PNG: the same chart drawn afresh at EXPORT_SCALE times the page's size, with a legend row
  // (uPlot's legend is HTML, not on the canvas) of each series' name and last value.
  const png = useMemo<PngSource>(
    () => ({
      canvas: () => plotRef.current?.ctx.canvas ?? null,
      redraw: async () => {
        const f = EXPORT_SCALE;
        const host = document.createElement('div');
        host.style.cssText = 'position:absolute;left:-100000px;top:0';
        document.body.appendChild(host);
        try {
          const u = new uPlot(optsFor(f, boxRef.current?.clientWidth ?? 600), dataRef.current as uPlot.AlignedData, host);
          // uPlot sizes and draws in a microtask after construction: let it.
          await new Promise((resolve) => setTimeout(resolve, 0));
          const chart = u.ctx.canvas;
          const names = seriesRef.current.map((s, i) => `${s.name}${lastRef.current[i] === null ? '' : ` ${formatValue(lastRef.current[i] as number)}`}`);
          const dpr = window.devicePixelRatio || 1;
          const lineH = Math.round((fontPx + 10) * f * dpr);
          const out = document.createElement('canvas');
          out.width = chart.width;
          out.height = chart.height + lineH + Math.round(6 * f * dpr);
          const ctx = out.getContext('2d');
          if (!ctx) return null;
          ctx.fillStyle = theme.surface;
          ctx.fillRect(0, 0, out.width, out.height);
          ctx.drawImage(chart, 0, 0);
          ctx.font = `${Math.round(fontPx * f * dpr)}px ${theme.font}`;
          ctx.textBaseline = 'middle';
          let x = Math.round(8 * f * dpr);
          const y = chart.height + lineH / 2 + Math.round(3 * f * dpr);
          names.forEach((name, i) => {
            ctx.fillStyle = seriesRef.current[i].color ?? theme.series[i % theme.series.length];
            ctx.fillRect(x, y - f * dpr, 18 * f * dpr, 2 * f * dpr);
            x += Math.round(24 * f * dpr);
            ctx.fillStyle = theme.text;
            ctx.fillText(name, x, y);
            x += Math.round(ctx.measureText(name).width + 18 * f * dpr);
          });
          u.destroy();
          return out;
        } finally {
          host.remove();
        }
      },
    }),
    [optsFor, fontPx, theme],
  );

  const last = lastValues(series);
  const summary =
    label ??
    `Line chart of ${yLabel} against ${xLabel}. ` +
      series.map((s, i) => `${s.name}: ${s.points.length} points${last[i] === null ? '' : `, last ${formatValue(last[i])}`}`).join('; ');

  return (
    <figure className={'plot line-chart' + (className ? ' ' + className : '')} data-font-px={fontPx} data-label-font-px={labelPx}>
      <ChartTools title={label ?? `${yLabel} against ${xLabel}`} data={tableData} png={png}>
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
