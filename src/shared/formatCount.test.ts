import { describe, expect, it } from 'vitest';
import { formatCount } from './formatCount';

describe('formatCount', () => {
  it('writes thousands separators as en-US, like toLocaleString did', () => {
    for (const n of [0, 7, 999, 1000, 22778, 1234567, -4500, -999, 1e15, 2.5]) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    expect(formatCount(22778)).toBe('22,778');
  });
});
