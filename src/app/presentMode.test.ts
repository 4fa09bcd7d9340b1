import { describe, expect, it } from 'vitest';
import { consumePresent, consumePresentFromUrl } from './presentMode';

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

describe('consumePresentFromUrl', () => {
  it('reads present before the # and takes it out there, keeping other keys', () => {
    expect(consumePresentFromUrl('?present=1', '#/ntl')).toEqual({ present: true, search: '', hash: '#/ntl' });
    expect(consumePresentFromUrl('?utm=x&present=1', '#/ntl?seed=3')).toEqual({ present: true, search: '?utm=x', hash: '#/ntl?seed=3' });
    expect(consumePresentFromUrl('?present=0', '')).toEqual({ present: false, search: '', hash: '' });
  });

  it('reads present after the # as before', () => {
    expect(consumePresentFromUrl('', '#/ntl?present=1')).toEqual({ present: true, search: '', hash: '#/ntl' });
    expect(consumePresentFromUrl('?a=b', '#/einops?present=1&op=reduce')).toEqual({ present: true, search: '?a=b', hash: '#/einops?op=reduce' });
  });

  it('takes it out of both places; the hash wins when both name it', () => {
    expect(consumePresentFromUrl('?present=1', '#/ntl?present=0')).toEqual({ present: false, search: '', hash: '#/ntl' });
    expect(consumePresentFromUrl('?present=0', '#/ntl?present=1')).toEqual({ present: true, search: '', hash: '#/ntl' });
  });

  it('says nothing and changes nothing without the key', () => {
    for (const [s, h] of [['', ''], ['?x=1', '#/ntl?seed=3'], ['', '#/einops?pattern=b+h']]) expect(consumePresentFromUrl(s, h)).toEqual({ present: null, search: s, hash: h });
  });
});
