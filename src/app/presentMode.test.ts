import { describe, expect, it } from 'vitest';
import { consumePresent } from './presentMode';

describe('consumePresent', () => {
  it('takes present out of the query and keeps the demo state', () => {
    expect(consumePresent('#/ntl?seed=3&present=1&lr=0.01')).toEqual({ present: true, hash: '#/ntl?seed=3&lr=0.01' });
    expect(consumePresent('#/?present=1')).toEqual({ present: true, hash: '#/' });
    expect(consumePresent('#/einops?present=0')).toEqual({ present: false, hash: '#/einops' });
  });

  it('leaves hashes without the key untouched (byte for byte)', () => {
    for (const h of ['', '#/', '#/ntl?seed=3&x=a%20b', '#/einops?pattern=b+h']) expect(consumePresent(h)).toEqual({ present: null, hash: h });
  });

  it('keeps an odd path as typed', () => {
    expect(consumePresent('#/nope/?present=1').hash).toBe('#/nope/');
    expect(consumePresent('?present=1').hash).toBe('#/');
  });
});
