/**
 * A 2-D scatter plot of labelled point sets on a canvas, one colour per set, with one scale for
 * both axes (distances read the same horizontally and vertically) and a legend. For embeddings and
 * projections (NTL's PCA of features); a few thousand points draw in a few ms.
 *
 * In projector mode the canvas follows the viewport, min(45vw, 60vh), never smaller than `size`;
 * CSS keeps it within its box (max-width: 100%, square).
 */
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { ChartTools, useCanvasDrawing, type ChartData } from './ChartTools';
import { usePlotTheme, useViewportSize } from './theme';

export interface ScatterPlotProps {
  /** x0, y0, x1, y1, … */
  points: Float32Array | number[];
  /** Set index of each point (into `names`). */
  setIndex: Uint8Array | number[];
  names: readonly string[];
  title: string;
  /** Shown after the title, e.g. the variance the axes explain. */
  caption?: ReactNode;
  testId?: string;
  /** CSS pixels (the canvas is square); projector mode makes it larger. */
  size?: number;
  className?: string;
}

export function ScatterPlot({ points, setIndex, names, title, caption, testId, size: baseSize = 260, className }: ScatterPlotProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = usePlotTheme();
  const viewport = useViewportSize();
  const size = theme.present ? Math.max(baseSize, Math.round(Math.min(0.45 * viewport.width, 0.6 * viewport.height))) : baseSize;
  /** Draws the plot on `cv` at `dpr` device pixels per CSS pixel (the page's, or the export's). */
  const draw = useCallback(
    (cv: HTMLCanvasElement, dpr: number) => {
      cv.width = size * dpr;
      cv.height = size * dpr;
      const ctx = cv.getContext('2d');
      if (!ctx) return false;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, size, size);
      const n = setIndex.length;
      let lo = [Infinity, Infinity];
      let hi = [-Infinity, -Infinity];
      for (let i = 0; i < n; i++) {
        for (let a = 0; a < 2; a++) {
          lo[a] = Math.min(lo[a], points[i * 2 + a]);
          hi[a] = Math.max(hi[a], points[i * 2 + a]);
        }
      }
      if (!Number.isFinite(lo[0])) {
        lo = [-1, -1];
        hi = [1, 1];
      }
      const span = Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-9);
      const pad = 12;
      const k = (size - 2 * pad) / span;
      const ox = pad + (size - 2 * pad - (hi[0] - lo[0]) * k) / 2;
      const oy = pad + (size - 2 * pad - (hi[1] - lo[1]) * k) / 2;
      ctx.strokeStyle = theme.grid;
      ctx.strokeRect(0.5, 0.5, size - 1, size - 1);
      ctx.globalAlpha = 0.75;
      const radius = Math.max(2.6, size / 100);
      for (let i = 0; i < n; i++) {
        const x = ox + (points[i * 2] - lo[0]) * k;
        const y = size - (oy + (points[i * 2 + 1] - lo[1]) * k);
        ctx.fillStyle = theme.series[setIndex[i] % theme.series.length];
        ctx.beginPath();
        ctx.arc(x, y, radius, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
      return true;
    },
    [points, setIndex, theme, size],
  );
  const png = useCanvasDrawing(ref, draw);
  const tableData = useMemo<ChartData>(
    () => ({ columns: ['set', 'x', 'y'], rows: Array.from({ length: setIndex.length }, (_, i) => [names[setIndex[i]] ?? String(setIndex[i]), points[2 * i], points[2 * i + 1]]) }),
    [points, setIndex, names],
  );
  return (
    <figure className={'scatter-plot' + (className ? ` ${className}` : '')} data-testid={testId}>
      <figcaption>
        <strong>{title}</strong>
        {caption && <span className="muted small"> {caption}</span>}
      </figcaption>
      <ChartTools title={title} data={tableData} png={png}>
        <canvas ref={ref} style={{ width: size, maxWidth: '100%', height: 'auto', aspectRatio: '1 / 1' }} role="img" aria-label={`${title}: scatter plot of ${names.join(', ')}`} />
      </ChartTools>
      <ul className="plot-legend">
        {names.map((name, i) => (
          <li key={name}>
            <span className="plot-swatch" style={{ background: theme.series[i % theme.series.length] }} />
            {name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
