/**
 * URL state schemas: every piece of state a shared link must reproduce is a field of a zod object
 * with a default. Links carry only the fields that differ from their defaults, plus the schema's
 * version as `v`, so that old links can be migrated instead of silently misread.
 *
 * Parsing is per field and total: a query string of any shape yields valid values and a list of
 * human-readable notices, never an exception. Nothing here touches the DOM.
 */
import { z } from 'zod';

/** A query longer than this is not read at all (links are for state, not payloads). */
export const MAX_QUERY_LENGTH = 4096;
export const MAX_SEED = 2 ** 31 - 1;
export const BACKEND_CHOICES = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export type RequestedBackend = (typeof BACKEND_CHOICES)[number];
/**
 * Query keys that belong to the app shell, not to a page (`present=1`: projector mode;
 * `presenter=<id>`: this window is the presenter console of the window with that id; `kiosk`,
 * `dwell`, `idle`: attract mode, src/app/kiosk.ts). Every schema
 * ignores them silently, and a URL store keeps them in the link when it rewrites the query.
 */
export const SHELL_PARAMS: readonly string[] = ['present', 'presenter', 'kiosk', 'dwell', 'idle'];

/** Raw query parameters of one link version, as strings. Migrations work on these. */
export type RawParams = Record<string, string>;
/** `migrations[k]` upgrades the raw parameters of a version-k link to version k + 1. */
export type Migrations = Record<number, (old: RawParams) => RawParams>;

const commonShape = {
  seed: z.int().min(0).max(MAX_SEED).default(1),
  backend: z.enum(BACKEND_CHOICES).default('auto'),
};
type CommonShape = typeof commonShape;

type FieldKind =
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'literal'; values: readonly (string | number | boolean)[] }
  | { kind: 'array'; element: FieldKind };

interface FieldInfo {
  name: string;
  schema: z.ZodType;
  kind: FieldKind;
  defaultValue: unknown;
}

export interface UrlSchema<S extends z.ZodRawShape = z.ZodRawShape> {
  readonly id: string;
  readonly version: number;
  /** The zod object of every field, common ones included. */
  readonly object: z.ZodObject<CommonShape & S>;
  readonly fields: readonly FieldInfo[];
  readonly defaults: UrlValues<S>;
  readonly migrations: Migrations;
}

export type UrlValues<S extends z.ZodRawShape> = z.output<z.ZodObject<CommonShape & S>>;
export type ValuesOf<T> = T extends UrlSchema<infer S> ? UrlValues<S> : never;

export interface ParsedUrlState<V> {
  values: V;
  notices: string[];
}

export interface UrlSchemaOptions<S extends z.ZodRawShape> {
  /** Demo or page id, e.g. 'ntl'; the store binds to the route `#/<id>`. */
  id: string;
  /** Positive integer; bump it when a field changes meaning and add a migration. */
  version: number;
  /** The fields (raw shape or zod object). Each needs a default. May override `seed`'s default. */
  shape: S | z.ZodObject<S>;
  migrations?: Migrations;
}

// ---------------------------------------------------------------------------------------------
// Schema definition

function zodDef(schema: z.ZodType): { type: string; [k: string]: unknown } {
  return (schema as unknown as { _zod: { def: { type: string; [k: string]: unknown } } })._zod.def;
}

/** Finds how a field is spelled in a URL by looking through its wrappers (default, optional, ...). */
function fieldKind(schema: z.ZodType, name: string): FieldKind {
  const def = zodDef(schema);
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return fieldKind(def.innerType as z.ZodType, name);
    case 'pipe':
      return fieldKind(def.in as z.ZodType, name);
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'string':
      return { kind: 'string' };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries as Record<string, string>) };
    case 'literal':
      return { kind: 'literal', values: def.values as (string | number | boolean)[] };
    case 'array': {
      const element = fieldKind(def.element as z.ZodType, name);
      if (element.kind === 'array') throw new TypeError(`URL field "${name}": nested arrays are not supported`);
      return { kind: 'array', element };
    }
    default:
      throw new TypeError(`URL field "${name}": zod type "${def.type}" cannot be written to a link`);
  }
}

export function defineUrlSchema<S extends z.ZodRawShape>(options: UrlSchemaOptions<S>): UrlSchema<S> {
  const { id, version, migrations = {} } = options;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new TypeError(`URL schema id "${id}" must be lower-case letters, digits and dashes`);
  if (!Number.isInteger(version) || version < 1) throw new TypeError(`URL schema "${id}": version must be a positive integer`);
  const own = (options.shape instanceof z.ZodObject ? options.shape.shape : options.shape) as S;
  if ('v' in own) throw new TypeError(`URL schema "${id}": "v" is reserved for the link version`);
  for (const key of SHELL_PARAMS) if (key in own) throw new TypeError(`URL schema "${id}": "${key}" is reserved for the app shell`);
  const shape = { ...commonShape, ...own } as CommonShape & S;
  const fields: FieldInfo[] = Object.entries(shape).map(([name, schema]) => {
    const s = schema as z.ZodType;
    const kind = fieldKind(s, name);
    const fromUndefined = s.safeParse(undefined);
    if (!fromUndefined.success || fromUndefined.data === undefined) {
      throw new TypeError(`URL schema "${id}": field "${name}" needs a default (add .default(...))`);
    }
    return { name, schema: s, kind, defaultValue: fromUndefined.data };
  });
  const defaults = Object.fromEntries(fields.map((f) => [f.name, f.defaultValue])) as UrlValues<S>;
  // A default that its own field rejects would make every link "invalid": catch it at definition.
  for (const f of fields) {
    const check = f.schema.safeParse(f.defaultValue);
    if (!check.success) throw new TypeError(`URL schema "${id}": default of "${f.name}" is invalid: ${describeIssue(check.error.issues[0])}`);
    const text = encodeValue(f.kind, f.defaultValue);
    const back = decodeValue(f.kind, text);
    if (!back.ok || !sameValue(back.value, f.defaultValue)) {
      throw new TypeError(`URL schema "${id}": default of "${f.name}" does not survive a link round trip`);
    }
  }
  return { id, version, object: z.object(shape), fields, defaults, migrations };
}

// ---------------------------------------------------------------------------------------------
// Value <-> text

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeScalar(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

function encodeValue(kind: FieldKind, value: unknown): string {
  if (kind.kind === 'array') {
    const items = value as unknown[];
    // The empty list is spelled "[]" so that it differs from a list of one empty string.
    if (items.length === 0) return '[]';
    return items.map((item) => (kind.element.kind === 'string' ? escapeListItem(String(item)) : encodeScalar(item))).join(',');
  }
  return encodeScalar(value);
}

// Inside a comma-separated list, "\" escapes ",", "\" and "[" in string items (so that a list holding
// the one string "[]" is not read as the empty list).
function escapeListItem(s: string): string {
  return s.replace(/[\\,[]/g, (c) => `\\${c}`);
}

function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
    } else if (c === ',') {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(current);
  return items;
}

type Decoded = { ok: true; value: unknown } | { ok: false; why: string };

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function decodeScalar(kind: FieldKind, text: string): Decoded {
  switch (kind.kind) {
    case 'number': {
      if (!NUMBER_TEXT.test(text)) return { ok: false, why: `${quote(text)} is not a number` };
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, why: `${quote(text)} is not a finite number` };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (text === 'true' || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === '0') return { ok: true, value: false };
      return { ok: false, why: `${quote(text)} is not true or false` };
    case 'string':
    case 'enum':
      return { ok: true, value: text };
    case 'literal': {
      const match = kind.values.find((v) => encodeScalar(v) === text);
      return match === undefined ? { ok: false, why: `${quote(text)} is not ${kind.values.map((v) => quote(encodeScalar(v))).join(' or ')}` } : { ok: true, value: match };
    }
    case 'array':
      return { ok: false, why: 'nested lists are not supported' };
  }
}

function decodeValue(kind: FieldKind, text: string): Decoded {
  if (kind.kind !== 'array') return decodeScalar(kind, text);
  if (text === '[]') return { ok: true, value: [] };
  const parts = kind.element.kind === 'string' ? splitList(text) : text.split(',');
  const out: unknown[] = [];
  for (const [i, part] of parts.entries()) {
    const d = decodeScalar(kind.element, part);
    if (!d.ok) return { ok: false, why: `item ${i + 1}: ${d.why}` };
    out.push(d.value);
  }
  return { ok: true, value: out };
}

/** Equality of URL values: Object.is on scalars (so -0 and 0 differ), element-wise on lists. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return Object.is(a, b);
}

// ---------------------------------------------------------------------------------------------
// Notices

const SHOW_MAX = 40;
function quote(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const clean = text.replace(LONE_SURROGATE, '\uFFFD').replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > SHOW_MAX ? `${clean.slice(0, SHOW_MAX)}…` : clean);
}

function show(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return value.length > 8 ? `[${value.slice(0, 8).map(show).join(', ')}, …]` : `[${value.map(show).join(', ')}]`;
  return encodeScalar(value);
}

interface LooseIssue {
  code: string;
  message: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  values?: unknown[];
  divisor?: number;
  format?: string;
}

function describeIssue(issue: z.core.$ZodIssue | undefined, value?: unknown): string {
  if (!issue) return 'it is invalid';
  const i = issue as unknown as LooseIssue;
  const v = value === undefined ? 'the value' : show(value);
  const lengthy = i.origin === 'string' || i.origin === 'array';
  const unit = i.origin === 'string' ? ' characters' : i.origin === 'array' ? ' items' : '';
  switch (i.code) {
    case 'too_big':
      if (lengthy) return `${v} is longer than the maximum of ${String(i.maximum)}${unit}`;
      return `${v} is above the maximum ${String(i.maximum)}${i.inclusive === false ? ' (exclusive)' : ''}`;
    case 'too_small':
      if (lengthy) return `${v} is shorter than the minimum of ${String(i.minimum)}${unit}`;
      return `${v} is below the minimum ${String(i.minimum)}${i.inclusive === false ? ' (exclusive)' : ''}`;
    case 'invalid_type':
      if (i.expected === 'int') return `${v} is not a whole number`;
      return `${v} is not a valid ${i.expected ?? 'value'}`;
    case 'invalid_value':
      return `${v} is not one of ${(i.values ?? []).map((x) => show(x)).join(', ')}`;
    case 'not_multiple_of':
      return `${v} is not a multiple of ${String(i.divisor)}`;
    case 'invalid_format':
      return `${v} has the wrong format (${i.format ?? 'format'})`;
    default:
      return `${v} is invalid (${i.message})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Parse and serialize

function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Splits a query ("?a=1&b=2", "a=1&b=2" or a whole "#/route?a=1") into decoded pairs, in order. */
function splitQuery(query: string, notices: string[]): [string, string][] {
  const q = query.includes('?') ? query.slice(query.indexOf('?') + 1) : query;
  const pairs: [string, string][] = [];
  for (const part of q.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = decodeComponent(rawKey);
    if (key === null) {
      notices.push(`Ignored the parameter ${quote(rawKey)}: its name has broken percent-encoding`);
      continue;
    }
    const value = decodeComponent(rawValue);
    if (value === null) {
      notices.push(`${key.replace(LONE_SURROGATE, '\uFFFD').slice(0, SHOW_MAX)}: ${quote(rawValue)} has broken percent-encoding; using the default`);
      continue;
    }
    pairs.push([key, value]);
  }
  return pairs;
}

function allDefaults<V>(schema: UrlSchema, notices: string[]): ParsedUrlState<V> {
  return { values: { ...(schema.defaults as V) }, notices };
}

/**
 * Reads a query string into valid values. Pure and total: any string gives values that pass the
 * schema, with one notice per thing that was ignored or replaced by its default.
 */
export function parseUrlState<S extends z.ZodRawShape>(schema: UrlSchema<S>, query: string): ParsedUrlState<UrlValues<S>> {
  const notices: string[] = [];
  if (typeof query !== 'string') return allDefaults(schema, ['The link has no readable query; using the defaults']);
  if (query.length > MAX_QUERY_LENGTH) {
    return allDefaults(schema, [`The link's settings are ${query.length} characters long, over the limit of ${MAX_QUERY_LENGTH}; using the defaults`]);
  }
  const pairs = splitQuery(query, notices);
  let raw: RawParams = Object.create(null) as RawParams;
  const seen = new Set<string>();
  let versionText: string | undefined;
  for (const [key, value] of pairs) {
    if (key === 'v') {
      if (versionText === undefined) versionText = value;
      continue;
    }
    if (SHELL_PARAMS.includes(key)) continue;
    if (seen.has(key)) {
      notices.push(`${quote(key).slice(1, -1)}: given more than once; using the first`);
      continue;
    }
    seen.add(key);
    raw[key] = value;
  }

  if (versionText !== undefined && versionText !== String(schema.version)) {
    const from = /^\d{1,6}$/.test(versionText) ? Number(versionText) : NaN;
    if (!Number.isInteger(from) || from < 1 || from > schema.version) {
      return allDefaults(schema, [
        ...notices,
        `The link is for version ${quote(versionText)} of this page's settings, which this app does not know (it reads versions 1 to ${schema.version}); using the defaults`,
      ]);
    }
    for (let k = from; k < schema.version; k++) {
      const migrate = schema.migrations[k];
      if (!migrate) {
        return allDefaults(schema, [...notices, `Links of version ${from} cannot be upgraded to version ${schema.version}; using the defaults`]);
      }
      try {
        const next = migrate({ ...raw });
        raw = Object.create(null) as RawParams;
        for (const [key, value] of Object.entries(next)) if (typeof value === 'string') raw[key] = value;
      } catch (err) {
        return allDefaults(schema, [...notices, `Upgrading the link from version ${k} failed (${err instanceof Error ? err.message : String(err)}); using the defaults`]);
      }
    }
  }

  const values: Record<string, unknown> = { ...(schema.defaults as Record<string, unknown>) };
  const known = new Set(schema.fields.map((f) => f.name));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) notices.push(`Ignored the unknown parameter ${quote(key)}`);
  }
  for (const field of schema.fields) {
    if (!(field.name in raw)) continue;
    const text = raw[field.name];
    const fallback = `using ${show(field.defaultValue)}`;
    const decoded = decodeValue(field.kind, text);
    if (!decoded.ok) {
      notices.push(`${field.name}: ${decoded.why}; ${fallback}`);
      continue;
    }
    const checked = field.schema.safeParse(decoded.value);
    if (!checked.success) {
      notices.push(`${field.name}: ${describeIssue(checked.error.issues[0], decoded.value)}; ${fallback}`);
      continue;
    }
    values[field.name] = checked.data;
  }
  return { values: values as UrlValues<S>, notices };
}

function encodeComponent(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
}

/**
 * Writes the fields that differ from their defaults, in the schema's order (common fields first),
 * preceded by `v=<version>`. All defaults give the empty string. Values must be valid.
 */
export function serializeUrlState<S extends z.ZodRawShape>(schema: UrlSchema<S>, values: Partial<UrlValues<S>>): string {
  const parts: string[] = [];
  const v = values as Record<string, unknown>;
  for (const field of schema.fields) {
    if (!(field.name in v) || v[field.name] === undefined) continue;
    if (sameValue(v[field.name], field.defaultValue)) continue;
    parts.push(`${encodeComponent(field.name)}=${encodeComponent(encodeValue(field.kind, v[field.name]))}`);
  }
  return parts.length ? [`v=${schema.version}`, ...parts].join('&') : '';
}

/**
 * Checks a partial update field by field (the same rules as a link), for stores and controls.
 * Returns the accepted values and a notice for each rejected one.
 */
export function validatePartial<S extends z.ZodRawShape>(
  schema: UrlSchema<S>,
  partial: Partial<UrlValues<S>>,
): { accepted: Partial<UrlValues<S>>; notices: string[] } {
  const accepted: Record<string, unknown> = {};
  const notices: string[] = [];
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(partial as Record<string, unknown>)) {
    const field = byName.get(name);
    if (!field) {
      notices.push(`Ignored the unknown setting ${quote(name)}`);
      continue;
    }
    const checked = field.schema.safeParse(value);
    if (!checked.success) notices.push(`${name}: ${describeIssue(checked.error.issues[0], value)}; keeping the current value`);
    else accepted[name] = checked.data;
  }
  return { accepted: accepted as Partial<UrlValues<S>>, notices };
}
