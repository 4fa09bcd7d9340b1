import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { changedSettings } from './changes';
import { defineUrlSchema, parseUrlState } from './schema';

const schema = defineUrlSchema({ id: 't', version: 1, shape: { alpha: z.number().default(0.1), mode: z.enum(['a', 'b']).default('a'), on: z.boolean().default(true) } });

describe('changedSettings', () => {
  it('lists the fields a link sets away from their defaults, in schema order, the common ones too', () => {
    expect(changedSettings(schema, schema.defaults)).toEqual([]);
    const { values } = parseUrlState(schema, 'on=false&alpha=0.3&seed=7');
    expect(new Set(changedSettings(schema, values))).toEqual(new Set(['alpha', 'on', 'seed']));
    expect(changedSettings(schema, { ...schema.defaults, mode: 'b' })).toEqual(['mode']);
  });
});
