import { formatValue } from './format';
import './ui.css';

export interface PaperRow {
  metric: string;
  /** The paper's number, where it reports one: its value, where it is (table/figure), and whether we checked it against the PDF. */
  paper?: { value: string; source: string; verified: boolean };
  /** This run's value; null/undefined while it has not been computed yet. */
  run?: string | number | null;
  note?: string;
}

/**
 * The paper's numbers next to this run's. Each paper number names its source and carries a
 * verified/unverified badge, so an unchecked number is never mistaken for a checked one.
 */
export function PaperVsRunTable({ rows, className }: { rows: readonly PaperRow[]; className?: string }) {
  const anyUnverified = rows.some((r) => r.paper && !r.paper.verified);
  return (
    <div className={'table-scroll' + (className ? ' ' + className : '')}>
      <table className="table paper-vs-run" data-testid="paper-vs-run">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Paper</th>
            <th scope="col">This run</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i + r.metric}>
              <th scope="row">{r.metric}</th>
              <td>
                {r.paper ? (
                  <>
                    <span className="paper-value">{r.paper.value}</span>{' '}
                    {r.paper.verified ? (
                      <span className="badge ok" title="Checked against the paper's text">
                        verified
                      </span>
                    ) : (
                      <span className="badge warn" title="Not yet checked against the paper's PDF; treat with care">
                        ⚠ unverified
                      </span>
                    )}
                    <div className="source">{r.paper.source}</div>
                  </>
                ) : (
                  <span className="muted">not reported</span>
                )}
              </td>
              <td className="run-value">{r.run === null || r.run === undefined ? <span className="muted">not run yet</span> : formatValue(r.run)}</td>
              <td className="note">{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
    </div>
  );
}
export { DifferencesList } from './DifferencesList';
