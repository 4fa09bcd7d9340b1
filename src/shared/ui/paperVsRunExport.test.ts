import { describe, expect, it } from 'vitest';
import { paperRowsForExport } from './PaperVsRunTable';

describe('the paper vs. this run table, exported', () => {
  it('keeps every column and spells out the source, the verification and the verdict', () => {
    const t = paperRowsForExport([
      { metric: 'target accuracy', paper: { value: '10%', source: 'Table 1', verified: true }, run: 0.12, verdict: 'holds', note: 'small scale' },
      { metric: 'not run', run: null },
    ]);
    expect(t.columns).toEqual(['claim', 'paper', 'paper source', 'paper verified', 'this run', 'verdict', 'note']);
    expect(t.rows[0].slice(0, 5)).toEqual(['target accuracy', '10%', 'Table 1', 'yes', 0.12]);
    expect(typeof t.rows[0][5]).toBe('string');
    expect(t.rows[1]).toEqual(['not run', null, null, null, null, null, null]);
  });
});
