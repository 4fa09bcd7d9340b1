/**
 * A zustand store bound to the query part of the location hash (`#/ntl?seed=3&lr=0.001`).
 * The URL is the source of truth for shareable state: the store starts from it, follows it on
 * `hashchange`, and writes every change back with `history.replaceState` (one history entry per
 * page, not per slider tick).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { z } from 'zod';
import { SHELL_PARAMS, parseUrlState, sameValue, serializeUrlState, validatePartial, type UrlSchema, type UrlValues } from './schema';

export interface UrlStoreState<V> {
  values: V;
  /** Human-readable notices about the link (what was ignored or replaced, and why). */
  notices: string[];
  /** Validates and applies a partial update, then rewrites the URL's query. */
  set: (partial: Partial<V>) => void;
  dismissNotice: (index: number) => void;
  /** Back to the defaults (the URL loses its query). */
  reset: () => void;
}

export type UrlStore<V> = UseBoundStore<StoreApi<UrlStoreState<V>>>;

/** The slice of the browser the store needs; tests pass a fake. */
export interface UrlEnvironment {
  getHash(): string;
  /** Replaces the current history entry's hash (must not add an entry or fire hashchange). */
  replaceHash(hash: string): void;
  onHashChange(listener: () => void): () => void;
}

/**
 * Fired on `window` after a store rewrites the address (replaceState fires no hashchange): the
 * presenter link (src/shared/presenter.ts) sends the new settings to the other window.
 */
export const URL_WRITE_EVENT = 'oral-demos:url-write';

export function browserUrlEnvironment(): UrlEnvironment | null {
  if (typeof window === 'undefined' || typeof window.location === 'undefined') return null;
  return {
    getHash: () => window.location.hash,
    replaceHash: (hash) => {
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
      window.dispatchEvent(new Event(URL_WRITE_EVENT));
    },
    onHashChange: (listener) => {
      window.addEventListener('hashchange', listener);
      return () => window.removeEventListener('hashchange', listener);
    },
  };
}

/** Splits `#/ntl?seed=3` into the route path `/ntl` and the query `seed=3`. */
export function splitHash(hash: string): { path: string; query: string } {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = h.indexOf('?');
  return q < 0 ? { path: h, query: '' } : { path: h.slice(0, q), query: h.slice(q + 1) };
}

/** The raw `key=value` parts of a query that belong to the shell (kept when a store rewrites it). */
export function shellParts(query: string): string[] {
  return query.split('&').filter((part) => {
    const key = part.split('=')[0];
    try {
      return SHELL_PARAMS.includes(decodeURIComponent(key));
    } catch {
      return false;
    }
  });
}

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameValue(a[k], b[k])) return false;
  return true;
}

/**
 * Creates the store of one page. It binds to the route `#/<schema.id>`: while another route is
 * showing it neither reads nor writes the hash. Without a browser (Node) it just holds the defaults.
 */
export function createUrlStore<S extends z.ZodRawShape>(
  schema: UrlSchema<S>,
  env: UrlEnvironment | null = browserUrlEnvironment(),
): UrlStore<UrlValues<S>> {
  type V = UrlValues<S>;
  const routePath = `/${schema.id}`;
  const onRoute = () => env !== null && splitHash(env.getHash()).path === routePath;

  const writeUrl = (values: V) => {
    if (!env || !onRoute()) return;
    const current = splitHash(env.getHash()).query;
    const query = [serializeUrlState(schema, values), ...shellParts(current)].filter(Boolean).join('&');
    if (current !== query) env.replaceHash(`#${routePath}${query ? `?${query}` : ''}`);
  };

  const initial = onRoute() ? parseUrlState(schema, splitHash(env!.getHash()).query) : { values: { ...schema.defaults }, notices: [] };

  const store = create<UrlStoreState<V>>()((setState, getState) => ({
    values: initial.values,
    notices: initial.notices,
    set: (partial) => {
      const { accepted, notices } = validatePartial(schema, partial);
      const current = getState().values;
      const next = { ...current, ...accepted } as V;
      const changed = !sameValues(current as Record<string, unknown>, next as Record<string, unknown>);
      if (changed) setState({ values: next });
      if (notices.length) setState({ notices: [...getState().notices, ...notices] });
      if (changed) writeUrl(next);
    },
    dismissNotice: (index) => {
      const notices = getState().notices;
      if (index >= 0 && index < notices.length) setState({ notices: notices.filter((_, i) => i !== index) });
    },
    reset: () => {
      setState({ values: { ...schema.defaults }, notices: [] });
      writeUrl(schema.defaults);
    },
  }));

  if (env) {
    env.onHashChange(() => {
      if (!onRoute()) return;
      const parsed = parseUrlState(schema, splitHash(env.getHash()).query);
      const { values } = store.getState();
      if (sameValues(values as Record<string, unknown>, parsed.values as Record<string, unknown>) && parsed.notices.length === 0) return;
      store.setState({ values: parsed.values, notices: parsed.notices });
    });
  }
  return store;
}
