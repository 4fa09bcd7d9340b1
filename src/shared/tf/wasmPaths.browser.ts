/**
 * Browser-only: where Vite serves tfjs-wasm's binaries. `?url` makes Vite copy each `.wasm` into the
 * build with a hashed name and gives us that URL; without it the files are not served at all
 * (docs/environment.md). Loaded only through a dynamic import from index.ts when not in Node, so Node and Vitest
 * never evaluate a `?url` import. The threaded build is listed because `setWasmPaths` insists on all
 * three names; it is never fetched (WASM_HAS_MULTITHREAD_SUPPORT is forced off).
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};
