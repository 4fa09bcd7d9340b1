import { formatValue } from './format';
import { VERDICT_RULE, VERDICT_TEXT, type Verdict } from '../verdict';
import { csvWithProvenance, download, exportName, jsonWithProvenance } from '../exportFile';
import { currentProvenance } from './stamp';
import './ui.css';

/** The table as exported rows: every column, the paper's source and whether it was verified spelt out. */
export function paperRowsForExport(rows: readonly PaperRow[]): { columns: string[]; rows: (string | number | null)[][] } {
  return {
    columns: ['claim', 'paper', 'paper source', 'paper verified', 'this run', 'verdict', 'note'],
    rows: rows.map((r) => [
      r.metric,
      r.paper?.value ?? null,
      r.paper?.source ?? null,
      r.paper ? (r.paper.verified ? 'yes' : 'no') : null,
      r.run ?? null,
      r.verdict ? VERDICT_TEXT[r.verdict] : null,
      r.note ?? null,
    ]),
  };
}

export interface PaperRow {
  metric: string;
  /** The paper's number, where it reports one: its value, where it is (table/figure), and whether we checked it against the PDF. */
  paper?: { value: string; source: string; verified: boolean };
  /** This run's value; null/undefined while it has not been computed yet. */
  run?: string | number | null;
  /** Does the paper's claim hold in this run (src/shared/verdict.ts)? */
  verdict?: Verdict;
  note?: string;
}

/**
 * The paper's numbers next to this run's, with a verdict per row. Each paper number carries a
 * verified/unverified badge and a numbered source under the table, so an unchecked number is never
 * mistaken for a checked one and the rows stay short.
 */
export function PaperVsRunTable({ rows, className }: { rows: readonly PaperRow[]; className?: string }) {
  const anyUnverified = rows.some((r) => r.paper && !r.paper.verified);
  const sources: string[] = [];
  const footnote = (source: string) => {
    const i = sources.indexOf(source);
    if (i >= 0) return i + 1;
    sources.push(source);
    return sources.length;
  };
  const anyVerdict = rows.some((r) => r.verdict);
  return (
    <div className={'table-scroll' + (className ? ' ' + className : '')}>
      <table className="table paper-vs-run" data-testid="paper-vs-run">
        <thead>
          <tr>
            <th scope="col">Claim</th>
            <th scope="col">Paper</th>
            <th scope="col">This run</th>
            {anyVerdict && <th scope="col">Verdict</th>}
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i + r.metric} data-verdict={r.verdict ?? ''}>
              <th scope="row">{r.metric}</th>
              <td>
                {r.paper ? (
                  <>
                    <span className="paper-value">{r.paper.value}</span>
                    <sup className="footnote-ref">
                      <a href={`#paper-source-${footnote(r.paper.source)}`} aria-label={`source ${footnote(r.paper.source)}`}>
                        {footnote(r.paper.source)}
                      </a>
                    </sup>{' '}
                    {r.paper.verified ? (
                      <span className="badge ok" title="Checked against the paper's text">
                        verified
                      </span>
                    ) : (
                      <span className="badge warn" title="Not yet checked against the paper's PDF; treat with care">
                        ⚠ unverified
                      </span>
                    )}
                  </>
                ) : (
                  <span className="muted">not reported</span>
                )}
              </td>
              <td className="run-value">{r.run === null || r.run === undefined ? <span className="muted">not run yet</span> : formatValue(r.run)}</td>
              {anyVerdict && (
                <td>{r.verdict && <span className={`verdict verdict-${r.verdict}`}>{VERDICT_TEXT[r.verdict]}</span>}</td>
              )}
              <td className="note">{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sources.length > 0 && (
        <ol className="paper-sources muted small">
          {sources.map((s, i) => (
            <li key={s} id={`paper-source-${i + 1}`}>
              {s}
            </li>
          ))}
        </ol>
      )}
      {anyVerdict && <p className="muted small">{VERDICT_RULE}</p>}
      {anyUnverified && (
        <p className="muted small">
          <span className="badge warn">⚠ unverified</span> numbers come from secondary sources and have not been checked
          against the paper itself.
        </p>
      )}
      <p className="muted small">
        &ldquo;This run&rdquo; is computed in your browser at a much smaller scale than the paper; compare trends, not
        digits.
      </p>
      <div className="chart-tools" role="group" aria-label="Paper vs. this run: export">
        <button
          type="button"
          className="btn small"
          data-testid="paper-vs-run-csv"
          title="Save the table as CSV with its link, seed and build in the header"
          onClick={() => {
            const t = paperRowsForExport(rows);
            download(exportName('paper-vs-this-run', 'csv'), csvWithProvenance(t.columns, t.rows, currentProvenance()), 'text/csv');
          }}
        >
          CSV
        </button>
        <button
          type="button"
          className="btn small"
          data-testid="paper-vs-run-json"
          title="Save the table as JSON with its link, seed and build"
          onClick={() => download(exportName('paper-vs-this-run', 'json'), jsonWithProvenance({ rows }, currentProvenance()), 'application/json')}
        >
          JSON
        </button>
      </div>
    </div>
  );
}
