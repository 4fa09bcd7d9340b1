import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { offlinePacks } from './scripts/offlinePacks.ts';
import { buildDefines } from './scripts/buildInfo.ts';

/**
 * Content-Security-Policy for the built app only: the dev server injects inline scripts for HMR,
 * which this policy (rightly) forbids. Allows the app's own files plus what tfjs needs:
 * 'wasm-unsafe-eval' to compile the WASM backend, blob: workers and fetches, data: images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' data: blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * The files (JS chunks and CSS) each demo route's page needs up front, by demo id: the static
 * import graph of its lazily loaded entry (src/apps/<id>/index.tsx) minus what the HTML's own entry
 * already loads. Empty before the bundle exists (dev server).
 */
function routeFiles(bundle: Rolldown.OutputBundle | undefined): Record<string, string[]> {
  if (!bundle) return {};
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const file of Object.values(bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file);
  const closure = (root: string, known: ReadonlySet<string> = new Set()) => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f) || known.has(f) || !chunks.has(f)) return;
      seen.add(f);
      for (const g of chunks.get(f)!.imports) visit(g);
    };
    visit(root);
    return [...seen];
  };
  const entry = [...chunks.values()].find((c) => c.isEntry);
  const loaded = new Set(entry ? closure(entry.fileName) : []);
  const out: Record<string, string[]> = {};
  for (const chunk of chunks.values()) {
    const id = chunk.isDynamicEntry ? /[\\/]src[\\/]apps[\\/]([a-z]+)[\\/]index\.tsx$/.exec(chunk.facadeModuleId ?? '')?.[1] : undefined;
    if (!id) continue;
    const js = closure(chunk.fileName, loaded);
    const css = js.flatMap((f) => [...((chunks.get(f) as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? [])]);
    out[id] = [...js, ...new Set(css)];
  }
  return out;
}

/**
 * A classic inline script for index.html: on a demo route (`#/<id>…`), asks at once for the files
 * that route's page needs (`modulepreload` for its chunks, `preload` for its CSS), so they download
 * alongside the shell's own script instead of after the shell has started and rendered (on the phone
 * profile of issue #8 that wait was about a second). The shell's lazy import then finds them.
 */
function routePreloadScript(files: Record<string, string[]>): string {
  return `(function(){var m=${JSON.stringify(files)},k=(/^#\\/([a-z]+)/.exec(location.hash)||[])[1];if(!k||!Object.prototype.hasOwnProperty.call(m,k))return;for(var r=m[k],i=0;i<r.length;i++){var l=document.createElement('link');l.crossOrigin='';l.fetchPriority='low';if(/\\.css$/.test(r[i])){l.rel='preload';l.as='style'}else l.rel='modulepreload';l.href='./'+r[i];document.head.appendChild(l)}})();`;
}

/** The built page's CSP meta tag (allowing the route-preload script by its hash) and that script. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'oral-demos:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => {
        const script = routePreloadScript(routeFiles(ctx.bundle));
        const hash = createHash('sha256').update(script).digest('base64');
        const policy = CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' 'sha256-${hash}'`);
        return [
          { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
          { tag: 'script', children: script, injectTo: 'head' },
        ];
      },
    },
  };
}

type BackendName = 'webgl' | 'wasm' | 'cpu';

/**
 * The chunks of each built worker, by the worker entry's file name (all in the same assets folder):
 * `static`, what the entry imports up front (itself included), and per tfjs backend the chunks
 * its dynamic import adds (src/shared/tf loads one backend package on demand). Filled by the worker
 * builds, which run while the page's modules are transformed, and written into the page's code when
 * its chunks render; DemoFrame prefetches these files at idle so the first Run does not wait for them.
 */
export type WorkerChunks = Record<string, { static: string[]; backends: Partial<Record<BackendName, string[]>> }>;
/** The string in src/shared/ui/DemoFrame.tsx that becomes the JSON of WorkerChunks in the build. */
export const WORKER_CHUNKS_PLACEHOLDER = '__ORAL_DEMOS_WORKER_CHUNKS__';
const workerChunks: WorkerChunks = {};
/** The demo each worker entry belongs to (by file name), from its source path; none for shared workers. */
const workerOwners: Record<string, string> = {};

const baseName = (fileName: string) => fileName.slice(fileName.lastIndexOf('/') + 1);

/** Worker builds: records each entry's chunk graph in `workerChunks`. */
function recordWorkerChunks(): Plugin {
  return {
    name: 'oral-demos:record-worker-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, Rolldown.OutputChunk>();
      for (const file of Object.values(bundle)) if (file.type === 'chunk') chunks.set(file.fileName, file);
      /** `roots` and everything they import statically, minus `known`. */
      const closure = (roots: string[], known: ReadonlySet<string> = new Set()) => {
        const seen = new Set<string>();
        const visit = (f: string) => {
          if (seen.has(f) || known.has(f) || !chunks.has(f)) return;
          seen.add(f);
          for (const g of chunks.get(f)!.imports) visit(g);
        };
        roots.forEach(visit);
        return [...seen];
      };
      for (const entry of chunks.values()) {
        if (!entry.isEntry) continue;
        const statics = closure([entry.fileName]);
        const staticSet = new Set(statics);
        const backends: Partial<Record<BackendName, string[]>> = {};
        for (const dyn of new Set(statics.flatMap((f) => chunks.get(f)!.dynamicImports))) {
          const facade = chunks.get(dyn)?.facadeModuleId ?? '';
          const name = (/tfjs-backend-(webgl|wasm|cpu)[\\/]/.exec(facade)?.[1] ?? (/wasmPaths\.browser/.test(facade) ? 'wasm' : null)) as BackendName | null;
          if (name) backends[name] = [...(backends[name] ?? []), ...closure([dyn], staticSet).map(baseName)];
        }
        workerChunks[baseName(entry.fileName)] = { static: statics.map(baseName), backends };
        const owner = /[\\/]src[\\/]apps[\\/]([a-z]+)[\\/]/.exec(entry.facadeModuleId ?? '')?.[1];
        if (owner) workerOwners[baseName(entry.fileName)] = owner;
      }
    },
  };
}

/** Page build: writes `workerChunks` into the chunk that holds the placeholder (DemoFrame's). */
function injectWorkerChunks(): Plugin {
  const placeholder = new RegExp(`(["'\`])${WORKER_CHUNKS_PLACEHOLDER}\\1`, 'g');
  return {
    name: 'oral-demos:inject-worker-chunks',
    apply: 'build',
    renderChunk(code) {
      if (!code.includes(WORKER_CHUNKS_PLACEHOLDER)) return null;
      return { code: code.replace(placeholder, () => JSON.stringify(JSON.stringify(workerChunks))), map: null };
    },
  };
}

/**
 * Writes `<name>.wasm.gz` beside each `.wasm` of the build: src/shared/tf/wasmPaths.browser.ts
 * fetches those and decompresses them in the page, because static hosts often send `.wasm`
 * uncompressed (vite preview does). The plain files stay, for browsers without DecompressionStream.
 */
function gzipWasm(): Plugin {
  return {
    name: 'oral-demos:gzip-wasm',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.wasm') || typeof file.source === 'string') continue;
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(file.source, { level: 9 }) });
      }
    },
  };
}

/** The name of the build's pack list (offlinePacks.ts), read by src/shared/offline.ts and by the service worker's precache filter. */
export const OFFLINE_PACKS_FILE = 'offline-packs.json';

/** Emits offline-packs.json: the shell's files and each route's (offlinePacks.ts). */
function emitOfflinePacks(): Plugin {
  return {
    name: 'oral-demos:offline-packs',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const packs = offlinePacks(bundle, { extraShell: ['index.html'], workerOwner: (f) => workerOwners[f] });
      this.emitFile({ type: 'asset', fileName: OFFLINE_PACKS_FILE, source: JSON.stringify(packs) });
    },
  };
}

/**
 * The service worker (src/sw.ts, Workbox through vite-plugin-pwa): it precaches the shell only, the
 * files offline-packs.json lists as `shell`, plus the icons and the web app manifest; each route's
 * pack is saved by the page when the visitor asks. No auto-registration: src/shared/offline.ts
 * registers it and says when an update is waiting.
 */
function serviceWorker(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'sw.ts',
    injectRegister: false,
    manifest: {
      name: 'Oral Demos · ICLR 2022',
      short_name: 'Oral Demos',
      description: 'Live, interactive demos of the six ICLR 2022 orals in the AI applications session, running in your browser.',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#f6f6f3',
      theme_color: '#2453c9',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    injectManifest: {
      globPatterns: ['**/*.{html,js,css,json,webmanifest,png}'],
      maximumFileSizeToCacheInBytes: 64 * 2 ** 20,
      manifestTransforms: [
        (entries) => {
          const packs = JSON.parse(readFileSync(join(import.meta.dirname, 'dist', OFFLINE_PACKS_FILE), 'utf8')) as { shell: string[] };
          const keep = new Set([...packs.shell, OFFLINE_PACKS_FILE, 'manifest.webmanifest']);
          return { manifest: entries.filter((e) => keep.has(e.url) || e.url.startsWith('icons/')), warnings: [] };
        },
      ],
    },
    devOptions: { enabled: false },
  });
}

// Relative base so the built dist/ works from any folder of any static host (hash routing).
export default defineConfig({
  base: './',
  // the app's version and commit for the reproducibility stamp (src/shared/provenance.ts)
  define: buildDefines(import.meta.dirname),
  plugins: [react(), contentSecurityPolicy(), injectWorkerChunks(), gzipWasm(), emitOfflinePacks(), serviceWorker()],
  server: { port: 5173, host: '127.0.0.1', strictPort: true }, // the README promises this address
  preview: { port: 4173, host: '127.0.0.1', strictPort: true },
  worker: { format: 'es', plugins: () => [recordWorkerChunks()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
});
