/**
 * What every chart offers beside its drawing (issue #16): "Table" shows the same numbers as a table
 * (for screen readers, for reading values off a projector, for copying), "PNG" saves the drawing and
 * "CSV" the numbers, each file carrying its provenance (the link, the seed, the app's version and
 * commit, tfjs's version and backend, the date: exportFile.ts). Long series are shown in the table at
 * most MAX_TABLE_ROWS rows, evenly spaced with the last point kept, and the table says so; the CSV
 * always holds every point.
 */
import { useEffect, useId, useMemo, useState, type ReactNode, type RefObject } from 'react';
import { csvWithProvenance, download, exportName, pngWithProvenance, svgWithProvenance } from '../../exportFile';
import { formatValue } from '../format';
import { currentProvenance } from '../stamp';

export const MAX_TABLE_ROWS = 200;

export interface ChartData {
  /** column headings: the x axis, then one per series */
  columns: readonly string[];
  /** the x value (or a label), then one value per series; null where a series has no point */
  rows: readonly (readonly (string | number | null)[])[];
}

const cell = (v: string | number | null) => (v === null ? '–' : typeof v === 'string' ? v : formatValue(v));

/** Evenly spaced rows (first and last kept) when there are more than `max`. */
export function tableRows<T>(rows: readonly T[], max: number = MAX_TABLE_ROWS): { rows: T[]; every: number } {
  if (rows.length <= max) return { rows: [...rows], every: 1 };
  const every = Math.ceil(rows.length / max);
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += every) out.push(rows[i]);
  if (out[out.length - 1] !== rows[rows.length - 1]) out.push(rows[rows.length - 1]);
  return { rows: out, every };
}

/** Exports are drawn at twice the screen's device pixels, so a figure stays sharp on a slide or in print. */
export const EXPORT_SCALE = 2;
export const exportPixelRatio = (): number => EXPORT_SCALE * (typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1);

/**
 * A chart's drawing for the PNG: `redraw(pixelRatio)` draws it afresh at that ratio (vector content
 * stays sharp); without one, the on-screen canvas is enlarged to the export's size with
 * nearest-neighbour sampling, which is exact for a view made of cells (a heatmap).
 */
export interface PngSource {
  canvas: () => HTMLCanvasElement | null;
  redraw?: (pixelRatio: number) => HTMLCanvasElement | null | Promise<HTMLCanvasElement | null>;
}

/**
 * For a chart drawn by `draw(canvas, pixelRatio)`: draws it on the page's canvas (at the screen's
 * ratio, at most 2) whenever `draw` changes, and returns its PNG source, which draws it afresh on a
 * new canvas at the export's ratio. `draw` returns false when it could not draw.
 */
export function useCanvasDrawing(ref: RefObject<HTMLCanvasElement | null>, draw: (canvas: HTMLCanvasElement, pixelRatio: number) => boolean): PngSource {
  useEffect(() => {
    if (ref.current) draw(ref.current, Math.min(2, window.devicePixelRatio || 1));
  }, [ref, draw]);
  return useMemo<PngSource>(
    () => ({
      canvas: () => ref.current,
      redraw: (ratio) => {
        const cv = document.createElement('canvas');
        return draw(cv, ratio) ? cv : null;
      },
    }),
    [ref, draw],
  );
}

/** The export's drawing, on the page's surface colour (a transparent PNG would vanish on a dark slide). */
async function exportCanvas(src: PngSource): Promise<HTMLCanvasElement | null> {
  const ratio = exportPixelRatio();
  const shown = src.canvas();
  const drawn = src.redraw ? await src.redraw(ratio) : shown;
  if (!drawn) return null;
  const out = document.createElement('canvas');
  if (src.redraw) {
    out.width = drawn.width;
    out.height = drawn.height;
  } else {
    const box = drawn.getBoundingClientRect();
    out.width = Math.max(1, Math.round((box.width || drawn.width) * ratio));
    out.height = Math.max(1, Math.round((box.height || drawn.height) * ratio));
  }
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas to draw the export on');
  ctx.fillStyle = getComputedStyle(shown ?? document.documentElement).getPropertyValue('--surface').trim() || '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  // Enlarging the on-screen canvas (no redraw): nearest-neighbour, exact for cells.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(drawn, 0, 0, out.width, out.height);
  return out;
}

async function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the chart could not be drawn to a PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** An SVG drawing as a standalone document, with the page's CSS variables it uses resolved. */
function svgDocument(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  if (box.width > 0) {
    copy.setAttribute('width', String(Math.round(box.width)));
    copy.setAttribute('height', String(Math.round(box.height)));
  }
  // fills and strokes written as var(--…) mean nothing outside the page: resolve them
  const style = getComputedStyle(svg);
  const text = new XMLSerializer().serializeToString(copy);
  const resolved = text.replace(/var\((--[a-z0-9-]+)\)/gi, (whole, name: string) => style.getPropertyValue(name).trim() || whole);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${resolved}`;
}

/**
 * The toolbar and, when toggled, the table. `title` names the files; `png` gives the drawing to save
 * as PNG (at `exportPixelRatio()`), `svg` a vector drawing to save as SVG (each button only when given).
 */
export function ChartTools({ title, data, png, svg, children }: { title: string; data: ChartData; png?: PngSource; svg?: () => SVGSVGElement | null; children: ReactNode }) {
  const [showTable, setShowTable] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const tableId = useId();
  const savePng = async () => {
    if (!png) return;
    try {
      setProblem(null);
      const c = await exportCanvas(png);
      if (!c) return;
      download(exportName(title, 'png'), pngWithProvenance(await canvasPng(c), currentProvenance()), 'image/png');
    } catch (e) {
      setProblem(`PNG not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const saveSvg = () => {
    const el = svg?.();
    if (el) download(exportName(title, 'svg'), svgWithProvenance(svgDocument(el), currentProvenance()), 'image/svg+xml');
  };
  const saveCsv = () => download(exportName(title, 'csv'), csvWithProvenance(data.columns, data.rows, currentProvenance()), 'text/csv');
  const shown = tableRows(data.rows);
  return (
    <>
      {/* the drawing stays mounted (hidden) under the table, so switching back is instant */}
      <div hidden={showTable}>{children}</div>
      {showTable && (
        <div className="table-scroll chart-table" id={tableId} data-testid="chart-table">
          <table className="table">
            <caption className="small muted">
              {title}
              {shown.every > 1 ? `: every ${shown.every}th of ${data.rows.length} points and the last (the CSV has all of them)` : ''}
            </caption>
            <thead>
              <tr>
                {data.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (j === 0 ? <th key={j} scope="row">{cell(v)}</th> : <td key={j}>{cell(v)}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="chart-tools" role="group" aria-label={`${title}: view and export`}>
        <button type="button" className="btn small" aria-pressed={showTable} aria-controls={showTable ? tableId : undefined} data-testid="chart-table-toggle" onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Chart' : 'Table'}
        </button>
        {png && (
          <button type="button" className="btn small" data-testid="chart-export-png" onClick={() => void savePng()} disabled={showTable} title="Save the chart as a PNG with its link, seed and build inside">
            PNG
          </button>
        )}
        {svg && (
          <button type="button" className="btn small" data-testid="chart-export-svg" onClick={saveSvg} disabled={showTable} title="Save the chart as SVG with its link, seed and build in its metadata">
            SVG
          </button>
        )}
        <button type="button" className="btn small" data-testid="chart-export-csv" onClick={saveCsv} title="Save the numbers as CSV with their link, seed and build in the header">
          CSV
        </button>
        {problem && (
          <span className="field-error small" role="alert">
            {problem}
          </span>
        )}
      </div>
    </>
  );
}
