import { describe, expect, it } from 'vitest';
import { judgeClaim } from './verdict';

describe('judgeClaim', () => {
  it('holds on the claimed side of the bound, and within five points of it', () => {
    expect(judgeClaim({ direction: 'atLeast', bound: 0.8 }, 0.84)).toBe('holds');
    expect(judgeClaim({ direction: 'atLeast', bound: 0.8 }, 0.76)).toBe('holds');
    expect(judgeClaim({ direction: 'atLeast', bound: 0.8 }, 0.74)).toBe('fails');
    expect(judgeClaim({ direction: 'atMost', bound: 0.1 }, 0.1)).toBe('holds');
    expect(judgeClaim({ direction: 'atMost', bound: 0.1 }, 0.149)).toBe('holds');
    expect(judgeClaim({ direction: 'atMost', bound: 0.1 }, 0.2)).toBe('fails');
  });
  it('says "not measured" when there is no value', () => {
    expect(judgeClaim({ direction: 'atMost', bound: 0.1 }, null)).toBe('not-measured');
    expect(judgeClaim({ direction: 'atMost', bound: 0.1 }, undefined)).toBe('not-measured');
    expect(judgeClaim({ direction: 'atLeast', bound: 0.1 }, NaN)).toBe('not-measured');
  });
});
