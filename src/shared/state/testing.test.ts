import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineUrlSchema } from './schema';
import { expectUrlSchemaContract } from './testing';

const schema = defineUrlSchema({
  id: 'contract',
  version: 2,
  shape: {
    steps: z.int().min(1).max(100).default(10),
    mode: z.enum(['a', 'b']).default('a'),
    tags: z.array(z.string().max(5)).max(3).default([]),
    // Accepts anything: a "bad" value for it is not refused.
    note: z.string().default(''),
  },
});

describe('expectUrlSchemaContract', () => {
  it('passes a schema that keeps the contract', () => {
    expectUrlSchemaContract(schema, {
      nonDefault: { steps: 50, mode: 'b', tags: ['x', 'y,z'], note: 'hi & bye', seed: 3 },
      bad: { steps: ['0', '101', '2.5', 'ten'], mode: 'c', tags: 'toolong', seed: '-1', backend: 'gpu' },
    });
  });

  it('fails when a "bad" value is accepted', () => {
    expect(() => expectUrlSchemaContract(schema, { nonDefault: { steps: 50 }, bad: { note: 'anything' } })).toThrow(/falls back to the defaults/);
    expect(() => expectUrlSchemaContract(schema, { nonDefault: { steps: 50 }, bad: { steps: '20' } })).toThrow(/falls back/);
  });

  it('fails when a "non-default" value is the default, or the lists are empty', () => {
    expect(() => expectUrlSchemaContract(schema, { nonDefault: { steps: 10 }, bad: { steps: '0' } })).toThrow(/differs from its default/);
    expect(() => expectUrlSchemaContract(schema, { nonDefault: {}, bad: { steps: '0' } })).toThrow(/at least one field/);
    expect(() => expectUrlSchemaContract(schema, { nonDefault: { steps: 50 }, bad: {} })).toThrow(/at least one field/);
  });

  it('fails when a value does not survive the round trip', () => {
    // 'nope' is not a valid mode: serialised, it comes back as the default with a notice.
    expect(() => expectUrlSchemaContract(schema, { nonDefault: { mode: 'nope' as 'a' }, bad: { steps: '0' } })).toThrow(/round-trips without notices/);
  });
});
