/**
 * The link state of the einops demo: op, pattern, reduction, input and axis lengths. A pattern that
 * does not parse is still a valid link value (it is only text): the editor shows its error inline.
 * Only an over-long pattern or an unknown op/input falls back to the default, with a URL notice.
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';
import { INPUT_IDS, MAX_LENGTHS_TEXT, MAX_PATTERN_LENGTH, OPS, REDUCTIONS } from './core/types';

export const einopsSchema = defineUrlSchema({
  id: 'einops',
  version: 1,
  shape: {
    op: z.enum(OPS).default('rearrange'),
    pattern: z.string().max(MAX_PATTERN_LENGTH).default('b h w c -> h (b w) c'),
    reduction: z.enum(REDUCTIONS).default('mean'),
    input: z.enum(INPUT_IDS).default('letters'),
    lengths: z.string().max(MAX_LENGTHS_TEXT).default(''),
  },
});

export type EinopsUrlValues = ValuesOf<typeof einopsSchema>;

/** The URL store (every demo names it use<Id>Url; its live, non-URL store is use<Id>Live). */
export const useEinopsUrl = createUrlStore(einopsSchema);
