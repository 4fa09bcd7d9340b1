import { describe, expect, it } from 'vitest';
import { MAX_TABLE_ROWS, tableRows } from './ChartTools';

describe('chart tables', () => {
  it('keep short series whole and thin long ones evenly, keeping the first and last points', () => {
    expect(tableRows([1, 2, 3])).toEqual({ rows: [1, 2, 3], every: 1 });
    const long = Array.from({ length: 1001 }, (_, i) => i);
    const t = tableRows(long);
    expect(t.every).toBe(Math.ceil(1001 / MAX_TABLE_ROWS));
    expect(t.rows[0]).toBe(0);
    expect(t.rows.at(-1)).toBe(1000);
    expect(t.rows.length).toBeLessThanOrEqual(MAX_TABLE_ROWS + 1);
    expect(t.rows[1] - t.rows[0]).toBe(t.every);
  });
});
