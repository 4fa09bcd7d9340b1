/**
 * Bar chart in SVG: a handful of labelled values (baselines vs. method), optional error bars.
 *
 * Normally drawn in a 600-unit-wide viewBox scaled to its box. In projector mode the viewBox is the
 * box's own width in CSS px, so the text's CSS size (≥ 18 px, ui.css) is its size on the screen,
 * and the margins grow with the font; `data-font-px` on the figure says which size it drew with.
 */
import { useId, useMemo, useRef } from 'react';
import { formatValue } from '../format';
import { niceTicks } from './align';
import { chartFontPx, usePlotTheme, useElementWidth } from './theme';
import { ChartTools } from './ChartTools';
import '../ui.css';

export interface Bar {
  label: string;
  value: number;
  /** ± half-width of an error bar (e.g. a standard deviation over seeds). */
  error?: number;
  color?: string;
  /** Draws the bar in the accent colour (e.g. "this method"). */
  highlight?: boolean;
}

export interface BarChartProps {
  bars: readonly Bar[];
  yLabel: string;
  height?: number;
  /** Fixed y range; by default 0 (or the lowest value) to the highest. */
  yRange?: [number, number];
  format?: (v: number) => string;
  className?: string;
}

export function BarChart({ bars, yLabel, height = 220, yRange, format = formatValue, className }: BarChartProps) {
  const titleId = useId();
  const boxRef = useRef<HTMLElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const tableData = useMemo(
    () => ({ columns: ['bar', yLabel, ...(bars.some((b) => b.error !== undefined) ? ['±'] : [])], rows: bars.map((b) => [b.label, b.value, ...(bars.some((c) => c.error !== undefined) ? [b.error ?? null] : [])]) }),
    [bars, yLabel],
  );
  const theme = usePlotTheme();
  const boxWidth = useElementWidth(boxRef, 600);
  const present = theme.present;
  // Text size in viewBox units: 12 normally (scaled with the box), the real CSS px in projector mode.
  const font = present ? chartFontPx(theme) : 12;
  const W = present ? Math.max(240, boxWidth) : 600;
  const H = present ? Math.round((height * theme.rem) / 16) : height;
  // Inline, so it wins over ui.css's 12px (which is in viewBox units, right for the scaled drawing).
  const textStyle = present ? { fontSize: `${font}px` } : undefined;
  const m = present ? { top: font + 8, right: 8, bottom: 2 * font + 12, left: 3 * font + 14 } : { top: 18, right: 8, bottom: 42, left: 52 };
  const finite = bars.filter((b) => Number.isFinite(b.value));
  const hiData = Math.max(0, ...finite.map((b) => b.value + (b.error ?? 0)));
  const loData = Math.min(0, ...finite.map((b) => b.value - (b.error ?? 0)));
  const [lo, hi] = yRange ?? [loData, hiData === loData ? loData + 1 : hiData];
  const ticks = niceTicks(lo, hi, 4);
  const y = (v: number) => m.top + (H - m.top - m.bottom) * (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo || 1));
  const slot = (W - m.left - m.right) / Math.max(1, bars.length);
  const bw = Math.min(64, slot * 0.62);

  return (
    <figure ref={boxRef} className={'plot bar-chart' + (className ? ' ' + className : '')} data-font-px={present ? font : undefined}>
      <ChartTools title={`${yLabel} by bar`} data={tableData} svg={() => svgRef.current}>
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>{`Bar chart of ${yLabel}: ` + bars.map((b) => `${b.label} ${format(b.value)}`).join(', ')}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={m.left} x2={W - m.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={m.left - 6} y={y(t)} className="tick" style={textStyle} textAnchor="end" dominantBaseline="middle">
              {format(t)}
            </text>
          </g>
        ))}
        <text className="axis-label" style={textStyle} transform={`translate(${present ? font : 12} ${(H - m.bottom + m.top) / 2}) rotate(-90)`} textAnchor="middle">
          {yLabel}
        </text>
        {bars.map((b, i) => {
          const cx = m.left + slot * (i + 0.5);
          const v = Number.isFinite(b.value) ? b.value : 0;
          const top = y(Math.max(0, v));
          const bottom = y(Math.min(0, v));
          const fill = b.color ?? (b.highlight ? 'var(--accent)' : `var(--series-${(i % 6) + 1})`);
          return (
            <g key={i + b.label}>
              <rect x={cx - bw / 2} y={top} width={bw} height={Math.max(1, bottom - top)} fill={fill} rx={3} opacity={b.highlight === false ? 0.6 : 1} />
              {b.error !== undefined && Number.isFinite(b.error) && (
                <path d={`M${cx} ${y(v + b.error)} V${y(v - b.error)} M${cx - 6} ${y(v + b.error)} h12 M${cx - 6} ${y(v - b.error)} h12`} className="errbar" />
              )}
              <text x={cx} y={v < 0 ? bottom + font + 2 : top - 5} className="value" style={textStyle} textAnchor="middle">
                {Number.isFinite(b.value) ? format(b.value) : '–'}
              </text>
              <text x={cx} y={H - m.bottom + font + 4} className="bar-label" style={textStyle} textAnchor="middle">
                {b.label.length > 16 ? b.label.slice(0, 15) + '…' : b.label}
              </text>
            </g>
          );
        })}
        <line x1={m.left} x2={W - m.right} y1={y(0)} y2={y(0)} className="axis" />
      </svg>
      </ChartTools>
    </figure>
  );
}
