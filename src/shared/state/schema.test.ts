import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { MAX_QUERY_LENGTH, MAX_SEED, defineUrlSchema, parseUrlState, serializeUrlState, validatePartial } from './index';

const schema = defineUrlSchema({
  id: 'ntl',
  version: 3,
  shape: {
    lr: z.number().min(0.0001).max(0.1).default(0.001),
    steps: z.int().min(1).max(1000).default(100),
    mode: z.enum(['target', 'source']).default('target'),
    ema: z.boolean().default(false),
    label: z.string().max(20).default('run'),
    samples: z.array(z.int().min(0).max(99)).max(8).default([0, 1]),
    tags: z.array(z.string().max(10)).max(4).default([]),
  },
  migrations: {
    // v1 called the learning rate "rate"; v2 wrote the mode as a number.
    1: (old) => {
      const { rate, ...rest } = old;
      return rate === undefined ? rest : { ...rest, lr: rate };
    },
    2: (old) => (old.mode === undefined ? old : { ...old, mode: old.mode === '1' ? 'source' : 'target' }),
  },
});

describe('defineUrlSchema', () => {
  it('adds seed and backend with their defaults', () => {
    expect(schema.defaults).toEqual({ seed: 1, backend: 'auto', lr: 0.001, steps: 100, mode: 'target', ema: false, label: 'run', samples: [0, 1], tags: [] });
  });
  it('lets a demo choose its default seed', () => {
    const s = defineUrlSchema({ id: 'x', version: 1, shape: { seed: z.int().min(0).max(MAX_SEED).default(42) } });
    expect(s.defaults.seed).toBe(42);
  });
  it('rejects fields without defaults, invalid defaults and the reserved name v', () => {
    expect(() => defineUrlSchema({ id: 'x', version: 1, shape: { a: z.number() } })).toThrow(/needs a default/);
    expect(() => defineUrlSchema({ id: 'x', version: 1, shape: { a: z.number().max(1).default(5) } })).toThrow(/default of "a" is invalid/);
    expect(() => defineUrlSchema({ id: 'x', version: 1, shape: { v: z.number().default(1) } })).toThrow(/reserved/);
    expect(() => defineUrlSchema({ id: 'x', version: 1, shape: { present: z.boolean().default(false) } })).toThrow(/reserved for the app shell/);
    expect(() => defineUrlSchema({ id: 'x', version: 0, shape: {} })).toThrow(/version/);
    expect(() => defineUrlSchema({ id: 'x', version: 1, shape: { o: z.object({}).default({}) } })).toThrow(/cannot be written/);
  });
  it('accepts a zod object as the shape', () => {
    const s = defineUrlSchema({ id: 'x', version: 1, shape: z.object({ k: z.int().default(4) }) });
    expect(parseUrlState(s, 'k=7').values.k).toBe(7);
  });
});

describe('parseUrlState', () => {
  it('reads valid fields, with or without the leading ? or route', () => {
    for (const q of ['seed=3&lr=0.01&mode=source&ema=true', '?seed=3&lr=0.01&mode=source&ema=true', '#/ntl?seed=3&lr=0.01&mode=source&ema=1']) {
      const { values, notices } = parseUrlState(schema, q);
      expect(notices).toEqual([]);
      expect(values).toMatchObject({ seed: 3, lr: 0.01, mode: 'source', ema: true, steps: 100 });
    }
  });
  it('falls back per field and names the field and the reason', () => {
    const { values, notices } = parseUrlState(schema, 'lr=5&steps=2.5&mode=sideways&seed=-1&ema=maybe&label=ok');
    expect(values).toEqual({ ...schema.defaults, label: 'ok' });
    expect(notices).toEqual([
      'seed: -1 is below the minimum 0; using 1',
      'lr: 5 is above the maximum 0.1; using 0.001',
      'steps: 2.5 is not a whole number; using 100',
      'mode: "sideways" is not one of "target", "source"; using "target"',
      'ema: "maybe" is not true or false; using false',
    ]);
  });
  it('rejects non-numbers, infinities and hex for numeric fields', () => {
    for (const bad of ['abc', '', 'Infinity', '1e999', '0x10', '1,5', ' 3']) {
      const { values, notices } = parseUrlState(schema, `steps=${encodeURIComponent(bad)}`);
      expect(values.steps).toBe(100);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^steps: /);
    }
  });
  it('ignores unknown parameters with a notice', () => {
    const { values, notices } = parseUrlState(schema, 'seed=9&foo=bar');
    expect(values.seed).toBe(9);
    expect(notices).toEqual(['Ignored the unknown parameter "foo"']);
  });
  it('ignores the shell\'s parameters silently', () => {
    expect(parseUrlState(schema, 'present=1&seed=4')).toEqual({ values: { ...schema.defaults, seed: 4 }, notices: [] });
  });
  it('uses the first of repeated parameters', () => {
    const { values, notices } = parseUrlState(schema, 'seed=9&seed=10');
    expect(values.seed).toBe(9);
    expect(notices[0]).toMatch(/seed: given more than once/);
  });
  it('rejects the seed above 2^31-1', () => {
    expect(parseUrlState(schema, `seed=${MAX_SEED}`).values.seed).toBe(MAX_SEED);
    expect(parseUrlState(schema, `seed=${MAX_SEED + 1}`).values.seed).toBe(1);
  });
  it('survives broken percent-encoding', () => {
    const { values, notices } = parseUrlState(schema, 'label=%E0%A4%A&seed=4&%ZZ=1');
    expect(values.label).toBe('run');
    expect(values.seed).toBe(4);
    expect(notices).toHaveLength(2);
  });
  it('reads nothing from a query over 4 KB', () => {
    const q = `seed=5&label=${'a'.repeat(MAX_QUERY_LENGTH)}`;
    const { values, notices } = parseUrlState(schema, q);
    expect(values).toEqual(schema.defaults);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/over the limit of 4096/);
  });
  it('migrates old versions in order', () => {
    const { values, notices } = parseUrlState(schema, 'v=1&rate=0.05&mode=1&seed=2');
    expect(notices).toEqual([]);
    expect(values).toMatchObject({ lr: 0.05, mode: 'source', seed: 2 });
    expect(parseUrlState(schema, 'v=2&lr=0.05&mode=0').values).toMatchObject({ lr: 0.05, mode: 'target' });
    // Version 3 links are read as they are: "rate" is unknown there.
    expect(parseUrlState(schema, 'v=3&rate=0.05').notices).toEqual(['Ignored the unknown parameter "rate"']);
  });
  it('uses the defaults for unknown or newer versions', () => {
    for (const v of ['4', '0', 'abc', '2.5', '99999999999']) {
      const { values, notices } = parseUrlState(schema, `v=${v}&seed=7`);
      expect(values).toEqual(schema.defaults);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/version/);
    }
  });
  it('reports a missing or failing migration', () => {
    const s = defineUrlSchema({ id: 'x', version: 3, shape: { a: z.int().default(0) }, migrations: { 2: () => { throw new Error('boom'); } } });
    expect(parseUrlState(s, 'v=1&a=3').notices[0]).toMatch(/cannot be upgraded/);
    expect(parseUrlState(s, 'v=2&a=3').notices[0]).toMatch(/boom/);
    expect(parseUrlState(s, 'v=2&a=3').values.a).toBe(0);
  });
  it('reads lists, including escaped commas and the empty list', () => {
    const { values, notices } = parseUrlState(schema, `samples=3,4,5&tags=${encodeURIComponent('a\\,b,c')}`);
    expect(notices).toEqual([]);
    expect(values.samples).toEqual([3, 4, 5]);
    expect(values.tags).toEqual(['a,b', 'c']);
    expect(parseUrlState(schema, 'samples=%5B%5D').values.samples).toEqual([]);
    expect(parseUrlState(schema, 'samples=1,x').notices[0]).toMatch(/^samples: item 2: "x" is not a number/);
    expect(parseUrlState(schema, 'samples=1,200').notices[0]).toMatch(/^samples: /);
  });
  it('keeps control characters and long values out of notices', () => {
    const { notices } = parseUrlState(schema, `mode=${encodeURIComponent('<b>\n' + 'x'.repeat(200))}`);
    expect(notices[0]).not.toMatch(/\n/);
    expect(notices[0].length).toBeLessThan(160);
  });
});

describe('serializeUrlState', () => {
  it('writes only non-default fields, in schema order, after v', () => {
    expect(serializeUrlState(schema, schema.defaults)).toBe('');
    expect(serializeUrlState(schema, { ...schema.defaults, mode: 'source', seed: 3, lr: 0.01 })).toBe('v=3&seed=3&lr=0.01&mode=source');
    expect(serializeUrlState(schema, { ...schema.defaults, label: 'a b&c=d', tags: ['x,y'] })).toBe('v=3&label=a%20b%26c%3Dd&tags=x%5C%2Cy');
  });
  it('distinguishes -0 from 0', () => {
    const s = defineUrlSchema({ id: 'x', version: 1, shape: { a: z.number().default(0) } });
    expect(serializeUrlState(s, { ...s.defaults, a: -0 })).toBe('v=1&a=-0');
    expect(Object.is(parseUrlState(s, 'a=-0').values.a, -0)).toBe(true);
  });
});

describe('validatePartial', () => {
  it('accepts valid values and explains rejected ones', () => {
    const { accepted, notices } = validatePartial(schema, { lr: 0.05, steps: 0 });
    expect(accepted).toEqual({ lr: 0.05 });
    expect(notices).toEqual(['steps: 0 is below the minimum 1; keeping the current value']);
  });
});

// ---- properties ----

const keys = ['seed', 'backend', 'lr', 'steps', 'mode', 'ema', 'label', 'samples', 'tags', 'v', 'x', '', '%', '%E0%A4%A', '&', '='];
const valueText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('%E0%A4%A', '%', '%%', '%ZZ', '%C0%80', '%ED%A0%80', '+', '1e999', 'NaN', '-0', '[]', '\\', ',,', '9'.repeat(400)),
  fc.double().map(String),
  fc.integer().map(String),
);
const pair = fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string()), valueText);
const queries = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(pair, { maxLength: 12 }).map((ps) => ps.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.array(pair, { maxLength: 12 }).map((ps) => ps.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')),
  fc.tuple(fc.string(), fc.integer({ min: 3000, max: 9000 })).map(([s, n]) => `seed=1&label=${s.repeat(Math.ceil(n / Math.max(1, s.length)))}`),
);

describe('properties', () => {
  it('parseUrlState never throws and always returns values the schema accepts', () => {
    fc.assert(
      fc.property(queries, (q) => {
        const { values, notices } = parseUrlState(schema, q);
        expect(schema.object.safeParse(values).success).toBe(true);
        expect(Object.keys(values).sort()).toEqual(Object.keys(schema.defaults).sort());
        for (const n of notices) expect(typeof n).toBe('string');
        // Whatever was read serializes to a link that reads back the same.
        const again = parseUrlState(schema, serializeUrlState(schema, values));
        expect(again.notices).toEqual([]);
        expect(again.values).toStrictEqual(values);
      }),
      { numRuns: 1500 },
    );
  });

  const validValues = fc.record({
    seed: fc.integer({ min: 0, max: MAX_SEED }),
    backend: fc.constantFrom('auto', 'webgl', 'wasm', 'cpu' as const),
    lr: fc.double({ min: 0.0001, max: 0.1, noNaN: true }),
    steps: fc.integer({ min: 1, max: 1000 }),
    mode: fc.constantFrom('target', 'source' as const),
    ema: fc.boolean(),
    label: fc.string({ maxLength: 20, unit: 'grapheme' }).filter((s) => s.length <= 20),
    samples: fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 8 }),
    tags: fc.array(fc.string({ maxLength: 10, unit: 'grapheme-composite' }).filter((s) => s.length <= 10), { maxLength: 4 }),
  });

  it('round-trips every valid value exactly', () => {
    fc.assert(
      fc.property(validValues, (generated) => {
        const values = { ...generated }; // fast-check builds records without a prototype
        expect(schema.object.safeParse(values).success).toBe(true);
        const query = serializeUrlState(schema, values);
        const { values: back, notices } = parseUrlState(schema, query);
        expect(notices).toEqual([]);
        expect(back).toStrictEqual(values);
        // Stable: the same values always give the same link.
        expect(serializeUrlState(schema, back)).toBe(query);
      }),
      { numRuns: 1500 },
    );
  });
});
