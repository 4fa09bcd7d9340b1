import { describe, expect, it } from 'vitest';
import { highestAccuracy, relativeDrop } from './metrics';

describe('relativeDrop', () => {
  it('is 1 − NTL / SL', () => {
    expect(relativeDrop(0.1, 0.5)).toBeCloseTo(0.8, 12);
    expect(relativeDrop(0.5, 0.5)).toBe(0);
    expect(relativeDrop(0, 0.7)).toBe(1);
    // NTL above SL: a negative drop, not clamped.
    expect(relativeDrop(0.6, 0.5)).toBeCloseTo(-0.2, 12);
  });
  it('is null when an accuracy is missing or SL is not above 0', () => {
    expect(relativeDrop(undefined, 0.5)).toBeNull();
    expect(relativeDrop(0.1, undefined)).toBeNull();
    expect(relativeDrop(0.1, 0)).toBeNull();
    expect(relativeDrop(0.1, NaN)).toBeNull();
  });
});

describe('highestAccuracy', () => {
  it('returns the key with the highest accuracy among the listed keys', () => {
    const acc = { S: 0.12, T1: 0.4, T2: 0.1, 'src+patch': 0.99 };
    expect(highestAccuracy(acc, ['S', 'T1', 'T2'])).toEqual({ key: 'T1', value: 0.4 });
  });
  it('skips keys without a value and lets the first key win a tie', () => {
    const acc: Partial<Record<'S' | 'N' | 'T3', number>> = { S: 0.3, T3: 0.3 };
    expect(highestAccuracy(acc, ['N', 'T3', 'S'])).toEqual({ key: 'T3', value: 0.3 });
  });
  it('is null when no listed key has a value', () => {
    expect(highestAccuracy({ S: 0.5 } as Partial<Record<'S' | 'N', number>>, ['N'])).toBeNull();
    expect(highestAccuracy({}, [])).toBeNull();
  });
});
