/**
 * Browser-only: where Vite serves tfjs-wasm's binaries, and how they are fetched. `?url` makes Vite
 * copy each `.wasm` into the build with a hashed name and gives us that URL; without it the files
 * are not served at all (docs/environment.md). Loaded only through dynamic imports (index.ts,
 * early.ts) when not in Node, so Node and Vitest never evaluate a `?url` import. No tfjs here.
 *
 * Only the two single-threaded builds ship: SIMD, and plain for browsers without WASM SIMD. The
 * threaded build can never load here (index.ts forces WASM_HAS_MULTITHREAD_SUPPORT off, and the app
 * is not cross-origin isolated), so its 436 kB binary is not copied into dist. `setWasmPaths` insists
 * on an entry for all three names: the threaded one gets a `data:` URL that is not a WASM module, so
 * if tfjs ever asked for it anyway, the start would fail with a compile error and initBackend would
 * fall back, rather than fetch a file that does not exist.
 *
 * Gzipped binaries: the build also writes `<binary>.wasm.gz` (vite.config.ts, gzipWasm): 139 kB
 * instead of 425 kB for the SIMD one. Static hosts often send `.wasm` uncompressed (`vite preview`,
 * S3 and `python3 -m http.server` do), so the page fetches the `.gz` and decompresses it itself
 * (DecompressionStream), falling back to the plain file when that is unavailable or anything about
 * the `.gz` is off. The fetch goes through tfjs's platform fetch (`installWasmFetch`), which tfjs-wasm
 * uses for the binary when `setWasmPaths(paths, true)`.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': 'data:application/wasm;base64,AA==',
};

/** The build writes the `.gz` copies; the dev server has none. */
const GZIP = !import.meta.env.DEV && typeof DecompressionStream === 'function';
const gzipped = (url: string) => `${url}.gz`;

/**
 * tfjs-wasm's own SIMD test (tfjs-backend-wasm 4.22, dist/flags_wasm.js, WASM_HAS_SIMD_SUPPORT): a
 * tiny module with one SIMD instruction, which validates only where WASM SIMD exists. Repeated here
 * so the binary can be requested before the backend's own code has arrived.
 */
function hasWasmSimd(): boolean {
  try {
    return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11]));
  } catch {
    return false;
  }
}

let preloaded = false;

/**
 * Requests the binary tfjs-wasm will fetch here (SIMD or plain, by its own test; the `.gz` when it
 * will take that) with `<link rel="preload" as="fetch" crossorigin>`, which its fetch
 * (`credentials: 'same-origin'`) then uses: called as soon as the plan puts WASM first, so the
 * download runs alongside the backend's JavaScript. Pages only: a worker starts after its page, whose
 * download is in the HTTP cache by then. Once per page.
 */
export function preloadWasmBinary(): void {
  if (preloaded || typeof document === 'undefined' || typeof WebAssembly === 'undefined') return;
  preloaded = true;
  const url = hasWasmSimd() ? simdUrl : wasmUrl;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = GZIP ? gzipped(url) : url;
  document.head.appendChild(link);
}

const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
const isWasm = (b: Uint8Array) => b.length > 8 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d; // "\0asm"

type FetchFn = (path: string, init?: RequestInit) => Promise<Response>;

/**
 * One of our binaries: its `.gz` copy, decompressed here, when that works and gives a WASM module
 * (a host may already have undone the gzip itself, sending `Content-Encoding: gzip`); otherwise the
 * plain file, through `plain`.
 */
async function fetchWasmBinary(url: string, init: RequestInit | undefined, plain: FetchFn): Promise<Response> {
  if (GZIP) {
    try {
      const res = await plain(gzipped(url), init);
      if (res.ok) {
        const bytes = new Uint8Array(await res.arrayBuffer());
        const module = isGzip(bytes)
          ? new Uint8Array(await new Response(new Response(bytes).body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())
          : bytes;
        if (isWasm(module)) return new Response(module, { status: 200, headers: { 'Content-Type': 'application/wasm' } });
      }
    } catch {
      // the plain file below
    }
  }
  return plain(url, init);
}

const patched = new WeakSet<object>();

/**
 * Routes tfjs's platform fetch for our two binaries through `fetchWasmBinary`; every other request
 * goes on unchanged. Typed structurally (tfjs-core's `Platform`), so this module needs no tfjs.
 */
export function installWasmFetch(platform: { fetch: FetchFn }): void {
  if (patched.has(platform)) return;
  patched.add(platform);
  const plain: FetchFn = platform.fetch.bind(platform);
  const ours = new Set([wasmUrl, simdUrl]);
  platform.fetch = (path, init) => (ours.has(path) ? fetchWasmBinary(path, init, plain) : plain(path, init));
}
