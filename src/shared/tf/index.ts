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
import { detectWebGLOnce, rendererOf, type AnyGL } from './detect';
import { planBackends } from './plan';
import type { BackendName, WebGLStatus } from './plan';
import { registerWasmTrainingKernels } from './wasmKernels';
import { registerMemoryProbe } from '../memoryProbe';

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
  /** tfjs-core's version (the reproducibility stamp). */
  tfjsVersion?: string;
  /** Float precision of the backend's arithmetic: float16 on WebGL without float32 render targets, else float32. */
  precision?: 'float32' | 'float16';
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

let wasmReady: Promise<void> | null = null;
const backendReady: Partial<Record<BackendName, Promise<void>>> = {};

/**
 * Loads a backend's package (a chunk of its own in the browser), which registers it with tfjs.
 * Once per backend; a failed download may be retried by a later call.
 */
export function loadBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') return loadWasmBackend();
  backendReady[name] ??= (name === 'webgl' ? import('@tensorflow/tfjs-backend-webgl') : import('@tensorflow/tfjs-backend-cpu')).then(
    () => {
      // The system page's self-test found tfjs 4.22's WebGL backend training a conv net wrongly
      // (on SwiftShader, from the second SGD step: loss 0.822 where CPU and WASM give 0.180 at step
      // 10) while packed outputs are unpacked lazily; with eager unpacking it matches the reference.
      // The fault is in how tfjs chains packed and unpacked shaders, not obviously in the driver, so
      // we turn lazy unpacking off on every WebGL, trading a little speed for right numbers.
      if (name === 'webgl') tf.env().set('WEBGL_LAZILY_UNPACK', false);
    },
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
    // Both chunks at once (the paths are tiny, and the binary's preload wants them early).
    const [wasm, paths] = await Promise.all([import('@tensorflow/tfjs-backend-wasm'), isNode() ? null : wasmPaths()]);
    if (paths) {
      // The binary comes through tfjs's platform fetch, which wasmPaths.browser.ts teaches to take
      // the gzipped copy (see there); tfjs then compiles it with WebAssembly.instantiate.
      paths.installWasmFetch(tf.env().platform);
      wasm.setWasmPaths(paths.WASM_PATHS, true);
    }
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

/** Browser only: the `.wasm` URLs and how to fetch them (its own tiny chunk, no tfjs). */
function wasmPaths(): Promise<typeof import('./wasmPaths.browser')> {
  wasmPathsReady ??= import('./wasmPaths.browser').catch((err: unknown) => {
    wasmPathsReady = null;
    throw err;
  });
  return wasmPathsReady;
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
  const webgl: WebGLStatus = contextLost ? { kind: 'lost' } : await detectWebGLOnce();
  if (contextLost) discardLostWebGL();
  const plan = planBackends(webgl, force);
  // Start the .wasm download now, alongside the backend's JavaScript (DemoFrame may have already).
  if (plan.order[0] === 'wasm' && !isNode()) void wasmPaths().then((p) => p.preloadWasmBinary(), () => undefined);
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
      tfjsVersion: tf.version_core,
      precision: name === 'webgl' && !tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? 'float16' : 'float32',
      ...(renderer ? { renderer } : {}),
      ...(failed.length ? { fellBackFrom: failed.map((f) => f.name) } : {}),
    };
    await wasmLoading;
    contextLost = false;
    if (name === 'webgl') watchContext();
    else unwatchContext();
    current = info;
    currentForce = force;
    registerMemoryProbe(() => tf.memory());
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
