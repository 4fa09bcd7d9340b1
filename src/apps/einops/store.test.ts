import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState } from '../../shared/state';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { einopsSchema } from './store';
import { GALLERY } from './core/gallery';

describe('einops link state', () => {
  it('keeps the link contract: non-default settings round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(einopsSchema, {
      nonDefault: { op: 'reduce', pattern: 'b h w c -> b c', reduction: 'max', input: 'numbers', lengths: 'b=2, c=3', seed: 9, backend: 'cpu' },
      bad: { op: 'transpose', pattern: 'a'.repeat(201), reduction: 'median', input: 'nope', lengths: 'x'.repeat(201), backend: 'gpu' },
    });
  });

  it('round-trips every gallery entry through a link', () => {
    for (const e of GALLERY) {
      const values = { ...einopsSchema.defaults, op: e.op, pattern: e.pattern, reduction: e.reduction, input: e.input, lengths: e.lengths };
      const query = serializeUrlState(einopsSchema, values);
      const back = parseUrlState(einopsSchema, query);
      expect(back.notices, e.id).toEqual([]);
      expect(back.values, e.id).toEqual(values);
    }
  });

  it('keeps a pattern that does not parse (the editor reports it) but refuses an over-long one', () => {
    const bad = parseUrlState(einopsSchema, 'pattern=' + encodeURIComponent('b h w c -> b h w'));
    expect(bad.values.pattern).toBe('b h w c -> b h w');
    expect(bad.notices).toEqual([]);
    const long = parseUrlState(einopsSchema, 'pattern=' + 'a'.repeat(201));
    expect(long.values.pattern).toBe(einopsSchema.defaults.pattern);
    expect(long.notices).toEqual([expect.stringMatching(/^pattern: /)]);
  });
});
