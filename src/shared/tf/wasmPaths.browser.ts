/**
 * Browser-only: where Vite serves tfjs-wasm's binaries. `?url` makes Vite copy each `.wasm` into the
 * build with a hashed name and gives us that URL; without it the files are not served at all
 * (docs/environment.md). Loaded only through a dynamic import from index.ts when not in Node, so Node and Vitest
 * never evaluate a `?url` import.
 *
 * Only the two single-threaded builds ship: SIMD, and plain for browsers without WASM SIMD. The
 * threaded build can never load here (index.ts forces WASM_HAS_MULTITHREAD_SUPPORT off, and the app
 * is not cross-origin isolated), so its 436 kB binary is not copied into dist. `setWasmPaths` insists
 * on an entry for all three names: the threaded one gets a `data:` URL that is not a WASM module, so
 * if tfjs ever asked for it anyway, the start would fail with a compile error and initBackend would
 * fall back, rather than fetch a file that does not exist.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': 'data:application/wasm;base64,AA==',
};
