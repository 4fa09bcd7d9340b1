import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignSeries, decimate, lastValues, niceTicks, type Point } from './align';

describe('alignSeries', () => {
  it('uses the shared x column when all series share it', () => {
    const a: Point[] = [[0, 1], [1, 2], [2, 3]];
    const b: Point[] = [[0, 5], [1, Number.NaN], [2, 7]];
    expect(alignSeries([{ name: 'a', points: a }, { name: 'b', points: b }])).toEqual([[0, 1, 2], [1, 2, 3], [5, null, 7]]);
  });

  it('merges different x values with gaps', () => {
    const out = alignSeries([
      { name: 'train', points: [[0, 1], [2, 3]] },
      { name: 'test', points: [[1, 10], [2, 30]] },
    ]);
    expect(out).toEqual([[0, 1, 2], [1, null, 3], [null, 10, 30]]);
  });

  it('sorts unsorted input', () => {
    expect(alignSeries([{ name: 'a', points: [[2, 2], [0, 0], [1, 1]] }])).toEqual([[0, 1, 2], [0, 1, 2]]);
  });

  it('handles no series and empty series', () => {
    expect(alignSeries([])).toEqual([[]]);
    expect(alignSeries([{ name: 'a', points: [] }])).toEqual([[], []]);
  });
});

describe('decimate', () => {
  it('leaves small data alone', () => {
    const d = alignSeries([{ name: 'a', points: [[0, 1], [1, 2]] }]);
    expect(decimate(d, 100)).toBe(d);
  });

  it('cuts 20k rows to the budget and keeps the extremes and the ends', () => {
    const n = 20_000;
    const pts: Point[] = Array.from({ length: n }, (_, i) => [i, Math.sin(i / 50)]);
    pts[12_345] = [12_345, 40]; // a spike must survive
    pts[777] = [777, -40];
    const out = decimate(alignSeries([{ name: 'a', points: pts }]), 2000);
    expect(out[0].length).toBeLessThanOrEqual(2000 + 2);
    expect(out[0][0]).toBe(0);
    expect(out[0][out[0].length - 1]).toBe(n - 1);
    expect(Math.max(...(out[1] as number[]))).toBe(40);
    expect(Math.min(...(out[1] as number[]))).toBe(-40);
  });

  it('keeps x sorted, columns equally long and every kept row exact (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 })), { minLength: 3, maxLength: 800 }), fc.integer({ min: 6, max: 200 }), (raw, budget) => {
        const data = alignSeries([{ name: 'a', points: raw as Point[] }, { name: 'b', points: raw.map(([x, y]) => [x, -y] as Point) }]);
        const out = decimate(data, budget);
        const [xs, ...cols] = out;
        for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
        for (const c of cols) expect(c.length).toBe(xs.length);
        const row = new Map(data[0].map((x, i) => [x, i]));
        xs.forEach((x, i) => expect(out[1][i]).toBe(data[1][row.get(x)!]));
      }),
      { numRuns: 60 },
    );
  });
});

describe('helpers', () => {
  it('finds the last finite values', () => {
    expect(lastValues([{ name: 'a', points: [[0, 1], [1, Number.NaN]] }, { name: 'b', points: [] }])).toEqual([1, null]);
  });

  it('makes nice ticks', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(-0.3, 0.3, 3)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });
});

describe('alignSeries against a simple reference (property)', () => {
  it('matches a Map-based union for random series', () => {
    const pt = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.oneof(fc.double({ noNaN: true, min: -10, max: 10 }), fc.constant(Number.NaN)));
    fc.assert(
      fc.property(fc.array(fc.array(pt, { maxLength: 40 }), { minLength: 1, maxLength: 4 }), (raw) => {
        const series = raw.map((points, i) => ({ name: String(i), points: points as Point[] }));
        const out = alignSeries(series);
        const xs = [...new Set(raw.flatMap((p) => p.map(([x]) => x)))].sort((a, b) => a - b);
        expect(out[0]).toEqual(xs);
        series.forEach((s, k) => {
          // Stable sort keeps input order for equal x, so the last point with a given x wins.
          const last = new Map<number, number>();
          for (const [x, y] of [...s.points].sort((a, b) => a[0] - b[0])) last.set(x, y);
          xs.forEach((x, i) => {
            const y = last.get(x);
            expect(out[k + 1][i]).toBe(y === undefined || !Number.isFinite(y) ? null : y);
          });
        });
      }),
      { numRuns: 150 },
    );
  });
});
