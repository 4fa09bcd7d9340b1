export {
  BACKEND_CHOICES,
  MAX_QUERY_LENGTH,
  MAX_SEED,
  defineUrlSchema,
  parseUrlState,
  sameValue,
  serializeUrlState,
  validatePartial,
  type Migrations,
  type ParsedUrlState,
  type RawParams,
  type RequestedBackend,
  type UrlSchema,
  type UrlSchemaOptions,
  type UrlValues,
  type ValuesOf,
} from './schema';
export { browserUrlEnvironment, createUrlStore, splitHash, type UrlEnvironment, type UrlStore, type UrlStoreState } from './store';
