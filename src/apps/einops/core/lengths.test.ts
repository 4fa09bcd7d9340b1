import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLengths, parseLengths } from './lengths';

describe('axis lengths box', () => {
  it('parses comma and space separated entries', () => {
    expect(parseLengths('')).toEqual({ ok: true, lengths: {} });
    expect(parseLengths('h2=2, w2=3')).toEqual({ ok: true, lengths: { h2: 2, w2: 3 } });
    expect(parseLengths('  h2 = 2   w2=3 ')).toEqual({ ok: true, lengths: { h2: 2, w2: 3 } });
  });

  it('names the bad entry and how to fix it', () => {
    const cases: [string, RegExp, RegExp][] = [
      ['h2', /"h2" has no "="/, /h2=number/],
      ['h2=x', /not a whole number/, /h2=2/],
      ['h2=0', /length of h2 is 0/, /at least 1/],
      ['h2=2.5', /not a whole number/, /positive integer/],
      ['2h=2', /not an axis name/, /start with a letter/],
      ['h=2, h=3', /h is given twice/, /keep one/],
      ['=2', /no axis name/, /name=number/],
    ];
    for (const [text, message, hint] of cases) {
      const r = parseLengths(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.message, text).toMatch(message);
        expect(r.hint, text).toMatch(hint);
      }
    }
  });

  it('round-trips through formatLengths, and never throws on any text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/), fc.integer({ min: 1, max: 999 })), (lengths) => {
        expect(parseLengths(formatLengths(lengths))).toEqual({ ok: true, lengths });
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => { parseLengths(text); }));
  });
});
