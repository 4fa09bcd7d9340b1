/**
 * What every chart offers beside its drawing (issue #16): "Table" shows the same numbers as a table
 * (for screen readers, for reading values off a projector, for copying), "PNG" saves the drawing and
 * "CSV" the numbers, each file carrying its provenance (the link, the seed, the app's version and
 * commit, tfjs's version and backend, the date: exportFile.ts). Long series are shown in the table at
 * most MAX_TABLE_ROWS rows, evenly spaced with the last point kept, and the table says so; the CSV
 * always holds every point.
 */
import { useId, useState, type ReactNode } from 'react';
import { csvWithProvenance, download, exportName, pngWithProvenance } from '../../exportFile';
import { formatValue } from '../format';
import { currentProvenance } from '../stamp';

export const MAX_TABLE_ROWS = 200;

export interface ChartData {
  /** column headings: the x axis, then one per series */
  columns: readonly string[];
  rows: readonly (readonly (number | null)[])[];
}

/** Evenly spaced rows (first and last kept) when there are more than `max`. */
export function tableRows<T>(rows: readonly T[], max: number = MAX_TABLE_ROWS): { rows: T[]; every: number } {
  if (rows.length <= max) return { rows: [...rows], every: 1 };
  const every = Math.ceil(rows.length / max);
  const out: T[] = [];
  for (let i = 0; i < rows.length; i += every) out.push(rows[i]);
  if (out[out.length - 1] !== rows[rows.length - 1]) out.push(rows[rows.length - 1]);
  return { rows: out, every };
}

async function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the chart could not be drawn to a PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * The toolbar and, when toggled, the table. `title` names the files; `canvas` returns the drawing
 * to save as PNG (null: no PNG button).
 */
export function ChartTools({ title, data, canvas, children }: { title: string; data: ChartData; canvas?: () => HTMLCanvasElement | null; children: ReactNode }) {
  const [showTable, setShowTable] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const tableId = useId();
  const savePng = async () => {
    const c = canvas?.();
    if (!c) return;
    try {
      setProblem(null);
      download(exportName(title, 'png'), pngWithProvenance(await canvasPng(c), currentProvenance()), 'image/png');
    } catch (e) {
      setProblem(`PNG not saved: ${e instanceof Error ? e.message : String(e)}`);
    }
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
                  {r.map((v, j) => (j === 0 ? <th key={j} scope="row">{v === null ? '–' : formatValue(v)}</th> : <td key={j}>{v === null ? '–' : formatValue(v)}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="chart-tools" role="group" aria-label={`${title}: view and export`}>
        <button type="button" className="btn small" aria-pressed={showTable} aria-controls={tableId} data-testid="chart-table-toggle" onClick={() => setShowTable((v) => !v)}>
          {showTable ? 'Chart' : 'Table'}
        </button>
        {canvas && (
          <button type="button" className="btn small" data-testid="chart-export-png" onClick={() => void savePng()} disabled={showTable} title="Save the chart as a PNG with its link, seed and build inside">
            PNG
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
