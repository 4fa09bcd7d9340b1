import { describe, expect, it } from 'vitest';
import committed from '../bench.result.json';
import { committedBenchSummary } from './benchSummary';

describe('committed bench summary', () => {
  it('reads the ratios of the committed bench output', () => {
    const s = committedBenchSummary(committed);
    expect(s).not.toBeNull();
    expect(s!.count).toBe(6);
    expect(s!.min).toBeLessThanOrEqual(s!.median);
    expect(s!.median).toBeLessThanOrEqual(s!.max);
  });

  it('computes the median and ignores other figures', () => {
    const out = [
      {
        label: 'src/apps/einops/bench.ts',
        figures: [
          { name: 'a: einops / by hand', value: 3, unit: 'ratio' },
          { name: 'a: einops', value: 100, unit: 'ms' },
          { name: 'b: einops / by hand', value: 1, unit: 'ratio' },
        ],
      },
    ];
    expect(committedBenchSummary(out)).toEqual({ median: 2, min: 1, max: 3, count: 2 });
    expect(committedBenchSummary({})).toBeNull();
  });
});
