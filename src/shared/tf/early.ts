/**
 * What a demo page can start before tfjs has arrived (issue #8, fast on a phone). DemoFrame imports
 * this small chunk alongside `src/shared/tf` and calls `startBackendEarly`: the WebGL check runs
 * while tfjs-core downloads, and when the plan puts WASM first, the `.wasm` binary (the largest
 * download of the start-up) is requested at once. `initBackend` then reuses the check and the
 * request (the same module instances), so nothing is done twice. No tfjs here.
 */
import { detectWebGLOnce } from './detect';
import { planBackends, type BackendName } from './plan';

export function startBackendEarly(force?: BackendName): void {
  if (typeof document === 'undefined') return;
  void detectWebGLOnce()
    .then((webgl) => {
      if (planBackends(webgl, force).order[0] !== 'wasm') return;
      return import('./wasmPaths.browser').then((paths) => paths.preloadWasmBinary());
    })
    .catch(() => undefined); // initBackend does the same work again and reports what fails
}
