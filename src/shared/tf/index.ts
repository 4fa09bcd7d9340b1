/**
 * tfjs start-up shared by every demo (contract: docs/contracts.md), and the backend state behind it.
 *
 * `initBackend` picks the fastest backend that really works here: WebGL when the GPU renders it,
 * WASM when WebGL is software-rendered (SwiftShader, llvmpipe: much slower than WASM on the same
 * CPU, see docs/environment.md) or missing, plain-JS CPU last; the order and reasons come from
 * plan.ts. Every candidate must pass a probe (a small matMul with a known answer, read back) before
 * it is used, so a backend that starts but computes garbage is skipped. Nothing here touches the DOM
 * at import time, so Node and workers can import it.
 *
 * Only tfjs-core is imported statically: each backend's package is loaded (its own chunk) when the
 * plan tries it (`loadBackend`), so a page that ends up on WASM never downloads the WebGL kernels
 * and one on WebGL never the WASM ones' binary. Pages load this whole module with a dynamic import
 * (DemoFrame), after their text has painted.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classifyRenderer, planBackends } from './plan';
import type { BackendName, WebGLStatus } from './plan';
import { registerWasmTrainingKernels } from './wasmKernels';

export { registerWasmTrainingKernels, wasmTrainingKernelsRegistered, WASM_TRAINING_KERNELS } from './wasmKernels';
export { ContextLostError } from './errors';

export { classifyRenderer, planBackends } from './plan';
export type { BackendName, BackendPlan, RendererKind, WebGLStatus } from './plan';

export interface BackendInfo {
  name: BackendName;
  /** One sentence a user can read: why this backend. */
  reason: string;
  /** The WebGL renderer string when one could be read (also when WebGL was not chosen). */
  renderer?: string;
  /** True when `force` asked for this backend and it worked. */
  forced: boolean;
  /** Backends that were tried first and failed to start or failed the probe, in order. */
  fellBackFrom?: BackendName[];
  /** Set (true) on the info sent to listeners when the WebGL context was lost. */
  contextLost?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Probing

/** A readback that has not resolved by then counts as a failed probe (a lost GPU context never answers). */
const PROBE_TIMEOUT_MS = 20_000;
const PROBE_A = [1, 2, 3, 4];
const PROBE_B = [5, 6, 7, 8];
const PROBE_EXPECTED = [19, 22, 43, 50];

/**
 * Runs a 2×2 matMul plus an add with known answers on the active backend and reads it back.
 * Returns null when right, else what went wrong.
 */
export async function probeActiveBackend(): Promise<string | null> {
  let out: tf.Tensor | null = null;
  try {
    out = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d(PROBE_A, [2, 2]), tf.tensor2d(PROBE_B, [2, 2])), tf.scalar(0.5)));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
    });
    const got = Array.from(await Promise.race([out.data(), timeout]).finally(() => clearTimeout(timer)));
    const ok = got.length === 4 && got.every((v, i) => Math.abs(v - (PROBE_EXPECTED[i] + 0.5)) < 1e-3);
    return ok ? null : `probe matMul returned [${got.map((v) => +v.toFixed(3)).join(', ')}], expected [19.5, 22.5, 43.5, 50.5]`;
  } catch (err) {
    return `probe failed: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    // (tidy already freed the intermediates, also when a kernel threw)
    out?.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Environment

/** True under Node (Vitest, the CLI scripts), where the .wasm files load from the package folder. */
function isNode(): boolean {
  return typeof process !== 'undefined' && process.versions?.node != null;
}

type AnyGL = WebGLRenderingContext | WebGL2RenderingContext;

/** The unmasked renderer string when the browser gives it, else the plain (often masked) one. */
function rendererOf(gl: AnyGL): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof r === 'string' ? r : '';
}

/**
 * Reads the WebGL renderer from a throwaway 1×1 context (released right after), without starting the
 * tfjs WebGL backend: starting it compiles shaders and holds a context we may not want.
 */
function detectWebGL(): WebGLStatus {
  // Same order as tfjs's own canvas choice (OffscreenCanvas for WebGL 2 when it exists), so we read
  // the renderer tfjs would get. This matters: Chromium's --disable-webgl blocks WebGL on document
  // canvases but not on OffscreenCanvas, where tfjs still finds it.
  const makers: Array<() => HTMLCanvasElement | OffscreenCanvas> = [];
  if (typeof OffscreenCanvas !== 'undefined') makers.push(() => new OffscreenCanvas(1, 1));
  if (typeof document !== 'undefined' && typeof document.createElement === 'function') {
    makers.push(() => document.createElement('canvas'));
  }
  for (const make of makers) {
    try {
      const canvas = make();
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as AnyGL | null;
      if (!gl) continue;
      const renderer = rendererOf(gl);
      // Give the context back now: browsers cap live WebGL contexts per page.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return { kind: classifyRenderer(renderer), renderer };
    } catch {
      // try the next kind of canvas
    }
  }
  return { kind: 'missing' };
}

/** Classic-worker source for reading the renderer off the main thread (a blob: worker; the CSP allows it). */
const RENDERER_PROBE_SOURCE = `self.onmessage = function () {
  var renderer = null;
  try {
    var c = new OffscreenCanvas(1, 1);
    var gl = c.getContext('webgl2') || c.getContext('webgl');
    if (gl) {
      var ext = gl.getExtension('WEBGL_debug_renderer_info');
      var r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
      renderer = typeof r === 'string' ? r : '';
      var lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
    }
  } catch (e) {}
  self.postMessage({ renderer: renderer });
};`;

/**
 * The first WebGL context of a page can block its thread while the driver (or SwiftShader) starts
 * (src/shared/tf/README.md), so on the main thread the renderer is read in a throwaway worker. Resolves null when that is not possible or finds no WebGL
 * there (then the caller asks on the main thread, which is fast when WebGL is absent).
 */
function detectWebGLOffThread(timeoutMs = 5000): Promise<WebGLStatus | null> {
  const canSpawn =
    typeof document !== 'undefined' &&
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof Blob !== 'undefined' &&
    typeof URL !== 'undefined' &&
    typeof URL.createObjectURL === 'function';
  if (!canSpawn) return Promise.resolve(null);
  return new Promise((resolve) => {
    let url = '';
    let worker: Worker;
    try {
      url = URL.createObjectURL(new Blob([RENDERER_PROBE_SOURCE], { type: 'text/javascript' }));
      worker = new Worker(url);
    } catch {
      if (url) URL.revokeObjectURL(url);
      resolve(null);
      return;
    }
    const finish = (status: WebGLStatus | null) => {
      clearTimeout(timer);
      worker.terminate();
      URL.revokeObjectURL(url);
      resolve(status);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    worker.onmessage = (e: MessageEvent<{ renderer: string | null }>) => {
      const renderer = e.data?.renderer;
      finish(typeof renderer === 'string' ? { kind: classifyRenderer(renderer), renderer } : null);
    };
    worker.onerror = () => finish(null);
    worker.postMessage(null);
  });
}

let wasmReady: Promise<void> | null = null;
const backendReady: Partial<Record<BackendName, Promise<void>>> = {};

/**
 * Loads a backend's package (a chunk of its own in the browser), which registers it with tfjs.
 * Once per backend; a failed download may be retried by a later call.
 */
export function loadBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') return loadWasmBackend();
  backendReady[name] ??= (name === 'webgl' ? import('@tensorflow/tfjs-backend-webgl') : import('@tensorflow/tfjs-backend-cpu')).then(
    () => undefined,
    (err: unknown) => {
      delete backendReady[name];
      throw err;
    },
  );
  return backendReady[name];
}

/**
 * Loads the WASM backend module (its own chunk), tells it where Vite put the `.wasm` files (browser
 * only: in Node they load from the package folder) and installs the training kernels. Done once, and
 * done even when another backend wins, so a later `tf.setBackend('wasm')` (the system page's timing)
 * works and trains. Fetching and compiling the `.wasm` binary waits for `tf.setBackend('wasm')`.
 */
function loadWasmBackend(): Promise<void> {
  wasmReady ??= (async () => {
    // Both chunks at once (the paths are tiny, and preloadWasmBinary wants them early).
    const [wasm, paths] = await Promise.all([import('@tensorflow/tfjs-backend-wasm'), isNode() ? null : wasmPaths()]);
    if (paths) wasm.setWasmPaths(paths.WASM_PATHS);
    // Threaded WASM needs cross-origin isolation, which this static app does not have (and whose
    // worker build crash-loops under the Vite bundle, docs/environment.md): never let tfjs pick it.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    registerWasmTrainingKernels();
  })().catch((err: unknown) => {
    wasmReady = null; // let a later call retry (e.g. a network hiccup fetching the chunk)
    throw err;
  });
  return wasmReady;
}

let wasmPathsReady: Promise<typeof import('./wasmPaths.browser')> | null = null;

/** Browser only: the module with the `.wasm` URLs (its own tiny chunk). */
function wasmPaths(): Promise<typeof import('./wasmPaths.browser')> {
  wasmPathsReady ??= import('./wasmPaths.browser').catch((err: unknown) => {
    wasmPathsReady = null;
    throw err;
  });
  return wasmPathsReady;
}

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

let wasmBinaryPreloaded = false;

/**
 * On a page whose plan starts with WASM: asks for the `.wasm` binary tfjs-wasm will fetch (SIMD or
 * plain, as its own test picks) with `<link rel="preload" as="fetch" crossorigin>`, which matches
 * that fetch (`credentials: 'same-origin'`), as soon as its URL is known, so that the largest download
 * of the start-up runs alongside the backend's JavaScript instead of after it (issue #8). Workers
 * skip it: they start after the page, whose download is in the HTTP cache by then.
 */
async function preloadWasmBinary(): Promise<void> {
  if (wasmBinaryPreloaded || isNode() || typeof document === 'undefined' || typeof WebAssembly === 'undefined') return;
  wasmBinaryPreloaded = true;
  try {
    const { WASM_PATHS } = await wasmPaths();
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = hasWasmSimd() ? WASM_PATHS['tfjs-backend-wasm-simd.wasm'] : WASM_PATHS['tfjs-backend-wasm.wasm'];
    document.head.appendChild(link);
  } catch {
    wasmBinaryPreloaded = false; // the paths chunk failed to load: loadWasmBackend reports that
  }
}

/** Starts one backend and probes it: null when it works, else why not. */
async function tryBackend(name: BackendName, forced: boolean): Promise<string | null> {
  try {
    await loadBackend(name);
    if (name === 'webgl') {
      if (tf.findBackendFactory('webgl') == null) return 'the WebGL backend is not registered';
      // A forced WebGL should run even on a context with a "major performance caveat" (software GL
      // under some flags), which tfjs otherwise refuses; the automatic choice never picks that anyway.
      tf.env().set('SOFTWARE_WEBGL_ENABLED', forced);
    }
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return `tf.setBackend('${name}') failed`;
    await tf.ready();
    return await probeActiveBackend();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

// ---------------------------------------------------------------------------------------------
// State, listeners and context loss

let current: BackendInfo | null = null;
let currentForce: BackendName | undefined;
let contextLost = false;
let watchedCanvas: { canvas: EventTarget; onLost: (e: Event) => void } | null = null;
const listeners = new Set<(info: BackendInfo) => void>();
let queue: Promise<unknown> = Promise.resolve();

/** Tells every listener, each in isolation. */
function notify(info: BackendInfo): void {
  for (const cb of [...listeners]) {
    try {
      cb(info);
    } catch (err) {
      // One bad listener must not stop the others from hearing about a context loss.
      console.error('onBackendChange listener threw', err);
    }
  }
}

/** Stops listening for context loss on the previous WebGL canvas. */
function unwatchContext(): void {
  if (watchedCanvas) watchedCanvas.canvas.removeEventListener('webglcontextlost', watchedCanvas.onLost);
  watchedCanvas = null;
}

/** The GL context under tfjs's active backend, or null (not webgl, or tfjs internals changed). */
function tfjsGl(): AnyGL | null {
  return (tf.backend() as unknown as { gpgpu?: { gl?: AnyGL } }).gpgpu?.gl ?? null;
}

/** The canvas under tfjs's WebGL backend, or null (not webgl, or internals changed). */
function tfjsWebGLCanvas(): (EventTarget & { getContext?: unknown }) | null {
  return (tfjsGl()?.canvas as unknown as EventTarget) ?? null;
}

/** The renderer of the context tfjs really uses (may differ from the throwaway one), if readable. */
function tfjsWebGLRenderer(): string | undefined {
  const gl = tfjsGl();
  try {
    return gl ? rendererOf(gl) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Listens for loss of tfjs's WebGL context and tells the listeners when it happens. */
function watchContext(): void {
  unwatchContext();
  const canvas = tfjsWebGLCanvas();
  if (!canvas || typeof canvas.addEventListener !== 'function') return;
  const onLost = () => {
    contextLost = true;
    if (current?.name === 'webgl') {
      current = { ...current, contextLost: true, reason: `${current.reason}. The WebGL context was then lost: results stopped` };
      notify(current);
    }
  };
  canvas.addEventListener('webglcontextlost', onLost);
  watchedCanvas = { canvas, onLost };
}

/**
 * Drops the tfjs WebGL backend whose context was lost and registers its factory again, so that the
 * dead instance is never reused (its readbacks never resolve) and a later WebGL start is fresh.
 */
function discardLostWebGL(): void {
  unwatchContext();
  const factory = tf.findBackendFactory('webgl');
  if (!factory) return;
  try {
    tf.removeBackend('webgl');
  } catch {
    // dispose() of a lost backend may throw before tfjs forgets it; forget it by hand.
    const engine = tf.engine() as unknown as { registry: Record<string, unknown>; registryFactory: Record<string, unknown> };
    delete engine.registry.webgl;
    delete engine.registryFactory.webgl;
  }
  tf.registerBackend('webgl', factory, 2 /* tfjs-backend-webgl's own priority */);
}

/** One serialised initBackend call: plan, try each candidate in order, record and announce the winner. */
async function doInit(force: BackendName | undefined): Promise<BackendInfo> {
  if (current && !contextLost && currentForce === force && tf.getBackend() === current.name) return current;

  // Load the wasm backend whichever backend wins (see loadWasmBackend); only the wasm candidate
  // itself fails on a load error.
  const wasmLoading = loadWasmBackend().catch(() => undefined);
  const webgl: WebGLStatus = contextLost ? { kind: 'lost' } : ((await detectWebGLOffThread()) ?? detectWebGL());
  if (contextLost) discardLostWebGL();
  const plan = planBackends(webgl, force);
  if (plan.order[0] === 'wasm') void preloadWasmBinary();
  const failed: { name: BackendName; why: string }[] = [];
  if (force && !plan.order.includes(force)) failed.push({ name: force, why: 'the WebGL context was lost' });

  for (const name of plan.order) {
    const why = await tryBackend(name, force === 'webgl');
    if (why !== null) {
      failed.push({ name, why });
      continue;
    }
    const renderer = (name === 'webgl' ? tfjsWebGLRenderer() : undefined) ?? ('renderer' in webgl ? webgl.renderer : undefined);
    let reason = plan.reasons[name] ?? name;
    if (failed.length) {
      const failures = failed.map((f) => `${f.name === force ? `?backend=${f.name}` : f.name} failed: ${f.why}`).join('; ');
      reason = `${failures}. Using ${name}: ${reason}`;
    }
    const info: BackendInfo = {
      name,
      reason,
      forced: force === name,
      ...(renderer ? { renderer } : {}),
      ...(failed.length ? { fellBackFrom: failed.map((f) => f.name) } : {}),
    };
    await wasmLoading;
    contextLost = false;
    if (name === 'webgl') watchContext();
    else unwatchContext();
    current = info;
    currentForce = force;
    notify(info);
    return info;
  }
  throw new Error(`No tfjs backend works here: ${failed.map((f) => `${f.name}: ${f.why}`).join('; ')}`);
}

/**
 * Starts (or re-confirms) the tfjs backend. Calls are serialised; a call with the same `force` as the
 * live backend returns at once. After a WebGL context loss, a new call moves to WASM/CPU.
 */
export function initBackend(opts: { force?: BackendName } = {}): Promise<BackendInfo> {
  const run = queue.then(() => doInit(opts.force));
  queue = run.catch(() => undefined);
  return run;
}

/** The live backend's info, or null before the first successful initBackend. */
export function getBackendInfo(): BackendInfo | null {
  return current;
}

/** Subscribes to backend changes (each successful start, and WebGL context loss). Returns an unsubscribe. */
export function onBackendChange(cb: (info: BackendInfo) => void): () => void {
  listeners.add(cb);
  return () => {
    listeners.delete(cb);
  };
}

/** tfjs's GL context while the live backend is WebGL (tf.backend() throws while a switch is pending). */
function tfjsWebGLContext(): AnyGL | null {
  if (current?.name !== 'webgl') return null;
  try {
    return tfjsGl();
  } catch {
    return null;
  }
}

/**
 * True once the WebGL context under tfjs was lost: long loops must stop (results would be garbage).
 * Also asks the context itself, which knows at once; the 'webglcontextlost' event only arrives
 * as a later task, after a synchronous training step has already read back zeros.
 */
export function isContextLost(): boolean {
  if (contextLost) return true;
  const gl = tfjsWebGLContext();
  if (gl && typeof gl.isContextLost === 'function' && gl.isContextLost()) {
    contextLost = true;
    return true;
  }
  return false;
}

/**
 * Loses the WebGL context under tfjs on purpose, through the WEBGL_lose_context extension, as a
 * driver reset or the browser reclaiming the GPU would: the system page and the demos' diagnostics
 * offer it so that anyone can see what the app does then. Returns false when tfjs is not on WebGL
 * or the extension is missing.
 */
export function simulateContextLoss(): boolean {
  const gl = tfjsWebGLContext();
  const ext = gl?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
