import { describe, expect, it } from 'vitest';
import { highestAccuracy, relativeDrop, unseenDomainDrops } from './metrics';

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

describe('unseenDomainDrops', () => {
  it('gives 1 − NTL/SL on T1–T3 and their mean, or null when a number is missing', () => {
    const r = unseenDomainDrops({ T1: 0.1, T2: 0.1, T3: 0.9 }, { T1: 0.5, T2: 0.2, T3: 0.9 });
    expect(r?.perDomain.T1).toBeCloseTo(0.8, 12);
    expect(r?.perDomain.T2).toBeCloseTo(0.5, 12);
    expect(r?.perDomain.T3).toBeCloseTo(0, 12);
    expect(r?.mean).toBeCloseTo(1.3 / 3, 12);
    expect(unseenDomainDrops({ T1: 0.1, T2: 0.1 }, { T1: 0.5, T2: 0.2, T3: 0.9 })).toBeNull();
    expect(unseenDomainDrops({ T1: 0.1, T2: 0.1, T3: 0.9 }, undefined)).toBeNull();
  });
});
