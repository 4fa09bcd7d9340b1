/**
 * The URL-schema contract every demo's `store.test.ts` asserts (docs/demo-pattern.md §2), as one
 * call. Test-only: it imports Vitest, so app code must not import it (eslint.config.js forbids it
 * outside test files) and `index.ts` does not re-export it.
 */
import { expect } from 'vitest';
import type { z } from 'zod';
import { parseUrlState, sameValue, serializeUrlState, type UrlSchema, type UrlValues } from './schema';

export interface UrlSchemaContract<V> {
  /** Settings that differ from the defaults (at least one), laid over the defaults for the round trip. */
  nonDefault: Partial<V>;
  /**
   * Raw link text per field that the schema must refuse, e.g. `{ steps: '0', mode: 'nope' }` (or a
   * list of such texts for one field). Each falls back to the field's default with one notice.
   */
  bad: Partial<Record<keyof V & string, string | readonly string[]>>;
}

/**
 * Asserts the link contract of `schema` with Vitest's `expect`:
 * - the defaults serialise to '' and '' parses to the defaults without notices;
 * - the non-default values round-trip through `serializeUrlState`/`parseUrlState` with no notices,
 *   and the link (`v=<version>&…`) carries exactly those fields;
 * - each bad raw value, alone and next to the other non-default values, falls back to the field's
 *   default (the rest of the link kept) with exactly one notice, which names the field.
 */
export function expectUrlSchemaContract<S extends z.ZodRawShape>(schema: UrlSchema<S>, contract: UrlSchemaContract<UrlValues<S>>): void {
  const defaults = schema.defaults as Record<string, unknown>;
  const names = schema.fields.map((f) => f.name);

  expect(serializeUrlState(schema, schema.defaults), 'the defaults serialise to the empty link').toBe('');
  expect(parseUrlState(schema, ''), 'the empty link gives the defaults').toEqual({ values: schema.defaults, notices: [] });

  const nonDefault = contract.nonDefault as Record<string, unknown>;
  expect(Object.keys(nonDefault).length, 'nonDefault names at least one field').toBeGreaterThan(0);
  for (const [name, value] of Object.entries(nonDefault)) {
    expect(names, `nonDefault.${name} is a field of "${schema.id}"`).toContain(name);
    expect(sameValue(value, defaults[name]), `nonDefault.${name} differs from its default`).toBe(false);
  }
  const values = { ...schema.defaults, ...contract.nonDefault } as UrlValues<S>;
  const query = serializeUrlState(schema, values);
  expect(query, 'a non-default link starts with its version').toMatch(new RegExp(`^v=${schema.version}&`));
  const keys = query.split('&').slice(1).map((pair) => decodeURIComponent(pair.slice(0, pair.indexOf('='))));
  expect(keys, 'the link carries the non-default fields only, in schema order').toEqual(names.filter((n) => n in nonDefault));
  expect(parseUrlState(schema, query), `"${query}" round-trips without notices`).toEqual({ values, notices: [] });

  const bad = Object.entries(contract.bad as Record<string, string | readonly string[] | undefined>);
  expect(bad.length, 'bad names at least one field').toBeGreaterThan(0);
  for (const [name, raws] of bad) {
    expect(names, `bad.${name} is a field of "${schema.id}"`).toContain(name);
    for (const raw of typeof raws === 'string' ? [raws] : (raws ?? [])) {
      const param = `${encodeURIComponent(name)}=${encodeURIComponent(raw)}`;
      const alone = parseUrlState(schema, param);
      expect(alone.values, `"${param}" falls back to the defaults`).toEqual(schema.defaults);
      expect(alone.notices, `"${param}" gives one notice`).toHaveLength(1);
      expect(alone.notices[0], `the notice for "${param}" names the field`).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      // Next to the other non-default settings: only this field falls back.
      const others = Object.fromEntries(Object.entries(values as Record<string, unknown>).filter(([n]) => n !== name));
      const rest = serializeUrlState(schema, others as Partial<UrlValues<S>>);
      const mixed = parseUrlState(schema, rest ? `${rest}&${param}` : param);
      expect(mixed.values, `"${param}" next to the other settings: only ${name} falls back`).toEqual({ ...others, [name]: defaults[name] });
      expect(mixed.notices, `"${param}" next to the other settings gives one notice`).toHaveLength(1);
    }
  }
}
