/**
 * Heatmap on a canvas: one pixel per cell, scaled up with crisp edges, a colour bar with the
 * value range, and the hovered cell's value as text (also reachable by keyboard: arrow keys).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { colormap, valueRange, type ColormapName } from './colormap';
import { ChartTools, type ChartData } from './ChartTools';
import { formatValue } from '../format';
import '../ui.css';

export interface HeatmapProps {
  /** Row-major values, rows × cols. */
  data: ArrayLike<number>;
  rows: number;
  cols: number;
  min?: number;
  max?: number;
  colormap?: ColormapName;
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  /** What the values are ("attention weight"), for the colour bar and screen readers. */
  label: string;
  /** Display height of one cell in CSS px (width follows the container). */
  cellSize?: number;
  className?: string;
}

export function Heatmap({ data, rows, cols, min, max, colormap: cmap = 'viridis', rowLabels, colLabels, label, cellSize, className }: HeatmapProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<{ r: number; c: number } | null>(null);
  const [lo, hi] = useMemo(() => valueRange(data, cmap, min, max), [data, cmap, min, max]);
  const sizeError = data.length !== rows * cols ? `Heatmap got ${data.length} values for ${rows}×${cols} cells.` : null;

  useEffect(() => {
    const cv = canvasRef.current;
    if (!cv || sizeError || rows <= 0 || cols <= 0) return;
    cv.width = cols;
    cv.height = rows;
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(cols, rows);
    const span = hi - lo || 1;
    for (let i = 0; i < rows * cols; i++) {
      const v = data[i];
      const o = i * 4;
      if (!Number.isFinite(v)) {
        img.data[o + 3] = 0; // transparent: missing value
        continue;
      }
      const [r, g, b] = colormap(cmap, (v - lo) / span);
      img.data[o] = r;
      img.data[o + 1] = g;
      img.data[o + 2] = b;
      img.data[o + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [data, rows, cols, lo, hi, cmap, sizeError]);

  const cellAt = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const c = Math.floor(((e.clientX - rect.left) / rect.width) * cols);
    const r = Math.floor(((e.clientY - rect.top) / rect.height) * rows);
    return r >= 0 && r < rows && c >= 0 && c < cols ? { r, c } : null;
  };

  const onKey = (e: React.KeyboardEvent) => {
    const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const step = d[e.key];
    if (!step) return;
    e.preventDefault();
    setCursor((p) => {
      const cur = p ?? { r: 0, c: 0 };
      return { r: Math.min(rows - 1, Math.max(0, cur.r + step[0])), c: Math.min(cols - 1, Math.max(0, cur.c + step[1])) };
    });
  };

  const tableData = useMemo<ChartData>(
    () => ({
      columns: ['', ...Array.from({ length: cols }, (_, c) => colLabels?.[c] ?? `col ${c}`)],
      rows: Array.from({ length: rows }, (_, r) => [rowLabels?.[r] ?? `row ${r}`, ...Array.from({ length: cols }, (_, c) => data[r * cols + c])]),
    }),
    [data, rows, cols, rowLabels, colLabels],
  );
  if (sizeError) return <p className="error-detail">{sizeError}</p>;
  const hovered = cursor ? data[cursor.r * cols + cursor.c] : null;
  const gradient = Array.from({ length: 11 }, (_, i) => {
    const [r, g, b] = colormap(cmap, i / 10);
    return `rgb(${r} ${g} ${b}) ${i * 10}%`;
  }).join(', ');

  return (
    <figure className={'plot heatmap' + (className ? ' ' + className : '')}>
      <ChartTools title={`Heatmap of ${label}`} data={tableData} png={{ canvas: () => canvasRef.current }}>
      <canvas
        ref={canvasRef}
        className="heatmap-canvas"
        style={cellSize ? { height: `${(cellSize * rows) / 16}rem`, width: `${(cellSize * cols) / 16}rem`, maxWidth: '100%' } : { aspectRatio: `${cols} / ${rows}` }}
        role="img"
        aria-label={`Heatmap of ${label}, ${rows} by ${cols}, from ${formatValue(lo)} to ${formatValue(hi)}`}
        tabIndex={0}
        onPointerMove={(e) => setCursor(cellAt(e))}
        onPointerLeave={() => setCursor(null)}
        onKeyDown={onKey}
      />
      <figcaption className="heatmap-legend">
        <span>{formatValue(lo)}</span>
        <span className="colorbar" style={{ background: `linear-gradient(to right, ${gradient})` }} aria-hidden="true" />
        <span>{formatValue(hi)}</span>
        <span className="muted">{label}</span>
        <span className="heatmap-readout" aria-live="polite">
          {cursor && hovered !== null
            ? `${rowLabels?.[cursor.r] ?? `row ${cursor.r}`}, ${colLabels?.[cursor.c] ?? `col ${cursor.c}`}: ${formatValue(hovered)}`
            : ''}
        </span>
      </figcaption>
      </ChartTools>
    </figure>
  );
}
