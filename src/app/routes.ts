/**
 * Hash routing, pure functions only (no DOM), so they can be unit-tested in Node.
 *
 * A location hash looks like `#/ntl?seed=3&lr=0.001`: the part before `?` picks the page, the part
 * after it is that page's state (owned by the demo's URL store). The shell itself reads one key
 * from the query, `present`, for projector mode.
 */
import { DEMO_IDS, PAPERS, type DemoId } from '../shared/papers';

export type Route =
  | { kind: 'home' }
  | { kind: 'demo'; id: DemoId }
  | { kind: 'system' }
  | { kind: 'not-found'; path: string };

export interface ParsedHash {
  route: Route;
  /** The path part, normalised: always starts with `/`, no trailing slash except for `/` itself. */
  path: string;
  /** The raw query after the first `?`, without the `?` ('' when absent). */
  query: string;
}

const DEMO_SET: ReadonlySet<string> = new Set(DEMO_IDS);

export function isDemoId(s: string): s is DemoId {
  return DEMO_SET.has(s);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A malformed escape (`%E0%A4%A`) is still a path the user typed; show it as is.
    return s;
  }
}

/** Splits and classifies a `location.hash` value (with or without the leading `#`). */
export function parseHash(hash: string): ParsedHash {
  let h = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = h.indexOf('?');
  const query = q >= 0 ? h.slice(q + 1) : '';
  h = q >= 0 ? h.slice(0, q) : h;
  let path = safeDecode(h).trim();
  if (!path.startsWith('/')) path = '/' + path;
  // Tolerate `#/ntl/` and `#//ntl`: users paste links, chat apps append slashes.
  path = path.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  const route = classify(path);
  return { route, path, query };
}

function classify(path: string): Route {
  if (path === '/') return { kind: 'home' };
  const seg = path.slice(1);
  if (seg === 'system') return { kind: 'system' };
  if (isDemoId(seg)) return { kind: 'demo', id: seg };
  return { kind: 'not-found', path };
}

/** Projector mode is on for `present=1` or `present=true` in the hash query. */
export function readPresent(query: string): boolean | null {
  const v = new URLSearchParams(query).get('present');
  if (v === null) return null;
  return v === '1' || v === 'true' || v === '';
}

/** Sets or removes `present` in a query string, leaving every other key (the demo's state) as it is. */
export function withPresent(query: string, present: boolean): string {
  const params = new URLSearchParams(query);
  if (present) params.set('present', '1');
  else params.delete('present');
  return params.toString();
}

export function routePath(route: Route): string {
  switch (route.kind) {
    case 'home':
      return '/';
    case 'system':
      return '/system';
    case 'demo':
      return '/' + route.id;
    case 'not-found':
      return route.path;
  }
}

/** A link to a route, carrying projector mode so that presenters stay in it while they navigate. */
export function hrefFor(route: Route, opts: { present?: boolean } = {}): string {
  const q = opts.present ? '?present=1' : '';
  return '#' + routePath(route) + q;
}

export function titleFor(route: Route): string {
  const app = 'Oral Demos · ICLR 2022';
  switch (route.kind) {
    case 'home':
      return app;
    case 'system':
      return 'System check · ' + app;
    case 'demo':
      return PAPERS[route.id].shortTitle + ' · ' + app;
    case 'not-found':
      return 'Page not found · ' + app;
  }
}

/** A key that changes when the page changes but not when only its state (the query) does. */
export function routeKey(route: Route): string {
  return route.kind === 'demo' ? 'demo:' + route.id : route.kind === 'not-found' ? 'nf:' + route.path : route.kind;
}

/** Route ids that look close to what the user typed, for the not-found page ("did you mean"). */
export function suggestRoutes(path: string, max = 2): DemoId[] {
  const typed = path.replace(/^\/+/, '').toLowerCase();
  if (!typed) return [];
  const scored = DEMO_IDS.map((id) => ({ id, d: editDistance(typed, id) }))
    .filter(({ id, d }) => d <= Math.max(2, Math.floor(id.length / 3)) || id.startsWith(typed) || typed.startsWith(id))
    .sort((a, b) => a.d - b.d);
  return scored.slice(0, max).map((s) => s.id);
}

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
