/** Which settings differ from their defaults: what a shared link changed, for its banner and the fields' marks. */
import type { z } from 'zod';
import { sameValue, type UrlSchema, type UrlValues } from './schema';

export function changedSettings<S extends z.ZodRawShape>(schema: UrlSchema<S>, values: UrlValues<S>): (keyof UrlValues<S> & string)[] {
  const defaults = schema.defaults as Record<string, unknown>;
  return Object.keys(defaults).filter((k) => !sameValue((values as Record<string, unknown>)[k], defaults[k])) as (keyof UrlValues<S> & string)[];
}
