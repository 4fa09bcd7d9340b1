import { formatValue, type ValueTable } from '../core/view';

/** The output's values as 2-D slices over its last two axes. */
export function ValuesView({ table, testId }: { table: ValueTable; testId?: string }) {
  return (
    <div className="einops-values" data-testid={testId}>
      {table.slices.map((slice, i) => (
        <div className="einops-slice" key={i}>
          {slice.label && <div className="einops-slice-label">{slice.label}</div>}
          <table>
            <tbody>
              {slice.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((v, c) => (
                    <td key={c}>{formatValue(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {table.shown < table.total && (
        <p className="muted small">
          showing the first {table.shown} of {table.total.toLocaleString('en-US')} values
        </p>
      )}
    </div>
  );
}
