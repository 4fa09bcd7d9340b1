import { formatValue, type ValueTable } from '../core/view';
import { formatCount } from '../../../shared/formatCount';

/**
 * The output's values as 2-D slices over its last two axes. With `swatches`, rows of three values in
 * [0, 1] also get a colour chip (the mean colours of global average pooling).
 */
export function ValuesView({
  table,
  testId,
  swatches = false,
  tintRange,
}: {
  table: ValueTable;
  testId?: string;
  swatches?: boolean;
  /** Tint each cell by its value within this range, so each number can be followed from input to output. */
  tintRange?: [number, number];
}) {
  const tint = (v: number) => {
    if (!tintRange) return undefined;
    const f = (v - tintRange[0]) / (tintRange[1] - tintRange[0] || 1);
    return { background: `hsl(${Math.round(f * 300)} 75% 85%)`, color: '#111' };
  };
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
                    <td key={c} style={tint(v)}>
                      {formatValue(v)}
                    </td>
                  ))}
                  {swatches && row.length === 3 && row.every((v) => v >= 0 && v <= 1) && (
                    <td className="einops-swatch" aria-hidden="true">
                      <span style={{ background: `rgb(${row.map((v) => Math.round(v * 255)).join(', ')})` }} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {table.shown < table.total && (
        <p className="muted small">
          showing the first {table.shown} of {formatCount(table.total)} values
        </p>
      )}
    </div>
  );
}
