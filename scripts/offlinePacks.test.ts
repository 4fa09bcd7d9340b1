import { describe, expect, it } from 'vitest';
import type { Rolldown } from 'vite';
import { offlinePacks } from './offlinePacks';

/** A tiny fake bundle: the HTML's entry, two demo routes sharing a chunk, workers, a wasm and its .gz. */
function bundle(): Rolldown.OutputBundle {
  const chunk = (fileName: string, code: string, extra: Partial<Rolldown.OutputChunk> = {}) =>
    ({ type: 'chunk', fileName, code, imports: [], dynamicImports: [], isEntry: false, isDynamicEntry: false, facadeModuleId: null, viteMetadata: { importedCss: new Set(), importedAssets: new Set() }, ...extra }) as unknown as Rolldown.OutputChunk;
  const asset = (fileName: string, source: string | Uint8Array) => ({ type: 'asset', fileName, source }) as unknown as Rolldown.OutputAsset;
  const files = [
    asset('index.html', '<script src="./assets/index-A.js">'),
    chunk('assets/index-A.js', 'import("./ntl-B.js");import("./grammar-C.js")', { isEntry: true, dynamicImports: ['assets/ntl-B.js', 'assets/grammar-C.js'] }),
    // DemoFrame's shared chunk names every demo's worker (it prefetches the current one's)
    chunk('assets/fields-D.js', 'new URL(`train.worker-N.js`,import.meta.url);new URL(`train.worker-G.js`,import.meta.url)'),
    chunk('assets/ntl-B.js', 'x', { isDynamicEntry: true, facadeModuleId: '/r/src/apps/ntl/index.tsx', imports: ['assets/fields-D.js'] }),
    chunk('assets/grammar-C.js', 'y', { isDynamicEntry: true, facadeModuleId: '/r/src/apps/grammar/index.tsx', imports: ['assets/fields-D.js'] }),
    asset('assets/train.worker-N.js', 'import "./tf-E.js"; fetch(new URL("tfjs-backend-wasm-F.wasm", import.meta.url))'),
    asset('assets/tf-E.js', 'tf'),
    asset('assets/tfjs-backend-wasm-F.wasm', new Uint8Array(100)),
    asset('assets/tfjs-backend-wasm-F.wasm.gz', new Uint8Array(40)),
    asset('assets/train.worker-G.js', 'new URL("RDKit-H.wasm", import.meta.url)'),
    asset('assets/RDKit-H.wasm', new Uint8Array(7000)),
  ];
  return Object.fromEntries(files.map((f) => [f.fileName, f]));
}

describe('offline packs (the build side)', () => {
  it("finds each route's chunks, workers, wasm and its .gz, and leaves other demos' workers out", () => {
    const owners: Record<string, string> = { 'train.worker-N.js': 'ntl', 'train.worker-G.js': 'grammar' };
    const p = offlinePacks(bundle(), { extraShell: ['index.html'], workerOwner: (f) => owners[f] });
    expect(p.shell).toEqual(['assets/index-A.js', 'index.html']);
    expect(p.routes.ntl).toEqual(['assets/fields-D.js', 'assets/ntl-B.js', 'assets/tf-E.js', 'assets/tfjs-backend-wasm-F.wasm', 'assets/tfjs-backend-wasm-F.wasm.gz', 'assets/train.worker-N.js']);
    expect(p.routes.grammar).toEqual(['assets/RDKit-H.wasm', 'assets/fields-D.js', 'assets/grammar-C.js', 'assets/train.worker-G.js']);
    expect(p.sizes['assets/RDKit-H.wasm']).toBe(7000);
    expect(p.build).toMatch(/^[0-9a-f]{8}$/);
  });
});
