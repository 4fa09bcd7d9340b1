/**
 * The page's side of the offline pack (issue #15). The build lists each route's files in
 * offline-packs.json (scripts/offlinePacks.ts); the service worker (src/sw.ts) precaches the shell.
 * "Make available offline" saves a route's files (its chunks, workers, WASM, weights, data) into a
 * Cache API cache named after the build; the service worker answers from it when the network is
 * gone. A new build gets new caches (the old ones are removed on the next visit) and an update of
 * the service worker waits for every tab of the old one to close, with a notice, never mid-run.
 * In the dev server there is no service worker and no pack list: everything here reports
 * 'unavailable'.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';

export interface PackList {
  build: string;
  sizes: Record<string, number>;
  shell: string[];
  routes: Record<string, string[]>;
}

export type PackStatus = 'unavailable' | 'checking' | 'missing' | 'saving' | 'available' | 'error';

export const CACHE_PREFIX = 'oral-demos-offline-';
const BUILD_KEY = 'oral-demos:build';

/** Pure: a route's files (the shell and its own; `all`: every route's), and their total size in bytes. */
export function packFor(list: PackList, route: string): { files: string[]; bytes: number } {
  const own = route === 'all' ? Object.values(list.routes).flat() : (list.routes[route] ?? []);
  const files = [...new Set([...list.shell, ...own])];
  return { files, bytes: files.reduce((s, f) => s + (list.sizes[f] ?? 0), 0) };
}

/** Pure: "12.3 MB" (decimal megabytes, as download sizes are usually written). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

let listPromise: Promise<PackList | null> | null = null;

/** The build's pack list, or null where there is none (dev server, or no service worker support). */
export function loadPackList(): Promise<PackList | null> {
  if (!listPromise) {
    const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof caches !== 'undefined';
    listPromise = !supported
      ? Promise.resolve(null)
      : fetch(new URL('offline-packs.json', document.baseURI))
          .then((r) => (r.ok ? (r.json() as Promise<PackList>) : null))
          .catch(() => null);
  }
  return listPromise;
}

function cacheName(list: PackList): string {
  return CACHE_PREFIX + list.build;
}

/** Which of `files` no cache holds yet. */
async function missingFiles(files: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const f of files) if (!(await caches.match(new URL(f, document.baseURI).href, { ignoreSearch: true, ignoreVary: true }))) missing.push(f);
  return missing;
}

export async function packStatus(route: string): Promise<PackStatus> {
  const list = await loadPackList();
  if (!list) return 'unavailable';
  return (await missingFiles(packFor(list, route).files)).length === 0 ? 'available' : 'missing';
}

/** Saves a route's pack; `onProgress(savedBytes, totalBytes)` after each file. */
export async function savePack(route: string, onProgress: (done: number, total: number) => void): Promise<void> {
  const list = await loadPackList();
  if (!list) throw new Error('This build has no offline pack list (the dev server has none): build the app and serve dist/.');
  const { files, bytes } = packFor(list, route);
  const cache = await caches.open(cacheName(list));
  const missing = new Set(await missingFiles(files));
  let done = files.filter((f) => !missing.has(f)).reduce((s, f) => s + (list.sizes[f] ?? 0), 0);
  onProgress(done, bytes);
  for (const f of missing) {
    const url = new URL(f, document.baseURI).href;
    const res = await fetch(url, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`Could not download ${f} (HTTP ${res.status}); check the connection and try again.`);
    await cache.put(url, res);
    done += list.sizes[f] ?? 0;
    onProgress(done, bytes);
  }
  notify();
}

/** Removes every saved pack (the shell stays precached by the service worker). */
export async function clearPacks(): Promise<void> {
  for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  notify();
}

/** Bytes the saved packs and the precache take, where the browser says (navigator.storage). */
export async function storageUsed(): Promise<number | null> {
  try {
    return (await navigator.storage?.estimate?.())?.usage ?? null;
  } catch {
    return null;
  }
}

// Updates: what the shell tells the visitor.
export type UpdateNotice = 'none' | 'updated' | 'waiting';
let update: UpdateNotice = 'none';
const listeners = new Set<() => void>();
function notify(): void {
  for (const l of [...listeners]) l();
}

/**
 * Registers the service worker (production builds only) and works out the update notice: 'updated'
 * when this visit runs a newer build than the last one (its old packs are removed), 'waiting' when a
 * newer service worker has installed behind this tab (it takes over on the next visit).
 */
export function startOffline(): void {
  void loadPackList().then(async (list) => {
    if (!list) return;
    let previous: string | null = null;
    try {
      previous = localStorage.getItem(BUILD_KEY);
      localStorage.setItem(BUILD_KEY, list.build);
    } catch {
      // no storage: no notice
    }
    if (previous && previous !== list.build) {
      update = 'updated';
      notify();
    }
    for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX) && name !== cacheName(list)) await caches.delete(name);
    const reg = await navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { type: 'module' }).catch(() => null);
    if (!reg) return;
    const watch = (w: ServiceWorker | null) => {
      if (!w) return;
      const check = () => {
        if (w.state === 'installed' && navigator.serviceWorker.controller) {
          update = 'waiting';
          notify();
        }
      };
      check();
      w.addEventListener('statechange', check);
    };
    watch(reg.waiting);
    reg.addEventListener('updatefound', () => watch(reg.installing));
  });
}

export function useUpdateNotice(): UpdateNotice {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => update,
    () => 'none',
  );
}

/** A route's pack: its size, its status, and a function that saves it. */
export function useOfflinePack(route: string): { status: PackStatus; bytes: number; done: number; error: string | null; save: () => void } {
  const [status, setStatus] = useState<PackStatus>('checking');
  const [bytes, setBytes] = useState(0);
  const [done, setDone] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void loadPackList().then(async (list) => {
        if (!alive) return;
        if (!list) return setStatus('unavailable');
        setBytes(packFor(list, route).bytes);
        const s = await packStatus(route);
        if (alive) setStatus((prev) => (prev === 'saving' ? prev : s));
      });
    refresh();
    listeners.add(refresh);
    return () => {
      alive = false;
      listeners.delete(refresh);
    };
  }, [route]);
  const save = () => {
    setStatus('saving');
    setError(null);
    savePack(route, (d, total) => {
      setDone(d);
      setBytes(total);
    }).then(
      () => setStatus('available'),
      (e: unknown) => {
        setStatus('error');
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  return { status, bytes, done, error, save };
}
