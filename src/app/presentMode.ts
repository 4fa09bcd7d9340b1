/**
 * Projector mode (large type, results first). A link turns it on with `present=1` in the hash query
 * (`#/ntl?present=1`) or in the page's query before the `#` (`/?present=1#/ntl`, what people type
 * or what a slide tool appends); the shell takes the key out of the address at once, from both
 * places (before any demo's URL store reads the query, so schemas never see an unknown key), and
 * remembers the mode for the tab in sessionStorage. The shell's own links add `present=1` back
 * while it is on, so the mode survives navigation.
 */
import { useSyncExternalStore } from 'react';
import { parseHash, readPresent, withPresent } from './routes';

const STORAGE_KEY = 'oral-demos:present';

/** Pure: what a hash says about projector mode, and the hash without the key. */
export function consumePresent(hash: string): { present: boolean | null; hash: string } {
  const { path, query } = parseHash(hash);
  const present = readPresent(query);
  if (present === null) return { present, hash };
  const rest = withPresent(query, false);
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const rawPath = raw.includes('?') ? raw.slice(0, raw.indexOf('?')) : raw;
  return { present, hash: '#' + (rawPath || path) + (rest ? '?' + rest : '') };
}

/**
 * Pure: what the whole address (the query before `#` and the hash) says about projector mode, and
 * both parts without the key. The hash's own `present` wins when both name it (it is the more
 * specific part of the link); either way the key leaves both. `search` keeps its other keys as they
 * were ('' or `?…`).
 */
export function consumePresentFromUrl(search: string, hash: string): { present: boolean | null; search: string; hash: string } {
  const inHash = consumePresent(hash);
  const q = search.startsWith('?') ? search.slice(1) : search;
  const inSearch = readPresent(q);
  let cleanSearch = search;
  if (inSearch !== null) {
    const rest = withPresent(q, false);
    cleanSearch = rest ? '?' + rest : '';
  }
  return { present: inHash.present ?? inSearch, search: cleanSearch, hash: inHash.hash };
}

let present = false;
const listeners = new Set<() => void>();

function applyToDocument(): void {
  if (present) document.documentElement.dataset.present = '1';
  else delete document.documentElement.dataset.present;
}

function set(v: boolean): void {
  if (v === present) return;
  present = v;
  applyToDocument();
  try {
    if (v) sessionStorage.setItem(STORAGE_KEY, '1');
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be unavailable (sandboxed iframe); the mode then lasts until reload.
  }
  for (const l of [...listeners]) l();
}

function consumeFromLocation(): void {
  const { search, hash } = window.location;
  const next = consumePresentFromUrl(search, hash);
  if (next.present === null) return;
  // replaceState fires no event; listeners registered after this one read the cleaned address.
  // The path stays; a URL without a search or hash part drops the old one.
  history.replaceState(history.state, '', window.location.pathname + next.search + next.hash);
  set(next.present);
}

/** Call once before rendering: reads the stored mode and the link, and watches later navigations. */
export function initPresentMode(): void {
  try {
    present = sessionStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    present = false;
  }
  applyToDocument();
  consumeFromLocation();
  // Registered before any demo code loads, so it runs before the demos' own hashchange listeners.
  window.addEventListener('hashchange', consumeFromLocation);
  window.addEventListener('popstate', consumeFromLocation);
}

export function setPresentMode(v: boolean): void {
  set(v);
}

export function usePresentMode(): boolean {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => present,
    () => false,
  );
}
