import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';

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

function contentSecurityPolicy(): Plugin {
  return {
    name: 'oral-demos:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
      ],
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

// Relative base so the built dist/ works from any folder of any static host (hash routing).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), injectWorkerChunks(), gzipWasm()],
  server: { port: 5173, host: '127.0.0.1', strictPort: true }, // the README promises this address
  preview: { port: 4173, host: '127.0.0.1', strictPort: true },
  worker: { format: 'es', plugins: () => [recordWorkerChunks()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
});
