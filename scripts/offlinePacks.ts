/**
 * Build-time: which files each route needs offline (issue #15's offline pack), written into the
 * build as `offline-packs.json` by a Vite plugin (vite.config.ts). The service worker precaches the
 * shell; the page saves a route's files into the Cache API when the visitor asks
 * (src/shared/offline.ts).
 *
 * A route's files are everything reachable from its entry chunk: static and dynamic imports, CSS,
 * imported assets, and every file of the build whose name appears in a reachable chunk or JS asset
 * (workers, their chunks, `?url` imports such as WASM binaries and weights; a `.wasm` brings its
 * `.wasm.gz`, which is what the page fetches). DemoFrame's chunk names every demo's workers (it
 * prefetches the current demo's): `workerOwner` says which demo a worker entry belongs to, and a
 * route's pack leaves out the workers of other demos.
 */
import type { Rolldown } from 'vite';

export interface OfflinePacks {
  /** changes whenever any file name changes (file names carry content hashes) */
  build: string;
  /** bytes per file */
  sizes: Record<string, number>;
  /** precached by the service worker: the app shell */
  shell: string[];
  /** per route (demo id, or `system`): its files beyond the shell */
  routes: Record<string, string[]>;
}

const NAME = /[\w.-]+\.(?:m?js|css|wasm|gz|json|png|svg|bin|txt|webmanifest)\b/g;

function byteLength(s: string | Uint8Array): number {
  return typeof s === 'string' ? Buffer.byteLength(s) : s.byteLength;
}

export function offlinePacks(bundle: Rolldown.OutputBundle, opts: { extraShell?: string[]; workerOwner?: (baseName: string) => string | undefined } = {}): OfflinePacks {
  const files = Object.values(bundle);
  const byBase = new Map<string, string[]>();
  for (const f of files) {
    const base = f.fileName.slice(f.fileName.lastIndexOf('/') + 1);
    byBase.set(base, [...(byBase.get(base) ?? []), f.fileName]);
  }
  const sizes: Record<string, number> = {};
  const refs = new Map<string, Set<string>>();
  const scan = (text: string, out: Set<string>) => {
    for (const m of text.matchAll(NAME)) for (const name of byBase.get(m[0]) ?? []) out.add(name);
  };
  for (const f of files) {
    const out = new Set<string>();
    if (f.type === 'chunk') {
      sizes[f.fileName] = byteLength(f.code);
      f.imports.forEach((i) => out.add(i));
      f.dynamicImports.forEach((i) => out.add(i));
      const meta = (f as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
      meta?.importedCss.forEach((i) => out.add(i));
      meta?.importedAssets.forEach((i) => out.add(i));
      scan(f.code, out);
    } else {
      sizes[f.fileName] = byteLength(f.source);
      if (/\.(m?js|css)$/.test(f.fileName)) scan(typeof f.source === 'string' ? f.source : Buffer.from(f.source).toString('utf8'), out);
      if (f.fileName.endsWith('.wasm') && bundle[`${f.fileName}.gz`]) out.add(`${f.fileName}.gz`);
    }
    out.delete(f.fileName);
    refs.set(f.fileName, out);
  }
  const closure = (roots: string[], known: ReadonlySet<string>, route: string) => {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f) || known.has(f) || !(f in sizes)) continue;
      const owner = opts.workerOwner?.(f.slice(f.lastIndexOf('/') + 1));
      if (owner !== undefined && owner !== route) continue;
      seen.add(f);
      for (const g of refs.get(f) ?? []) stack.push(g);
    }
    return seen;
  };
  const chunks = files.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  // the shell: the HTML's entry and what it imports up front (its lazy routes are packs of their own)
  const shellSet = new Set<string>();
  if (entry) {
    const stack = [entry.fileName];
    while (stack.length) {
      const f = stack.pop()!;
      if (shellSet.has(f)) continue;
      shellSet.add(f);
      const c = bundle[f];
      if (c?.type === 'chunk') {
        c.imports.forEach((i) => stack.push(i));
        (c as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss.forEach((i) => shellSet.add(i));
      }
    }
  }
  for (const f of opts.extraShell ?? []) if (f in sizes) shellSet.add(f);
  const routes: Record<string, string[]> = {};
  for (const c of chunks) {
    const facade = c.facadeModuleId ?? '';
    const id = /[\\/]src[\\/]apps[\\/]([a-z]+)[\\/]index\.tsx$/.exec(facade)?.[1] ?? (/[\\/]src[\\/]app[\\/]SystemPage\.tsx$/.test(facade) ? 'system' : undefined);
    if (!id || !c.isDynamicEntry) continue;
    routes[id] = [...closure([c.fileName], shellSet, id)].sort();
  }
  const build = hashNames(Object.keys(sizes).sort());
  return { build, sizes, shell: [...shellSet].sort(), routes };
}

/** FNV-1a over the sorted file names, as 8 hex digits: a build id for cache names. */
function hashNames(names: string[]): string {
  let h = 0x811c9dc5;
  for (const n of names) for (let i = 0; i < n.length; i++) h = Math.imul(h ^ n.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
