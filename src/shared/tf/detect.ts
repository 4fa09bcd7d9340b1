/**
 * WebGL detection without tfjs (moved out of index.ts so a page can start it before tfjs has
 * arrived, see early.ts): the renderer string of a throwaway context, read off the main thread when
 * possible. Nothing here runs at import time.
 */
import { classifyRenderer, type WebGLStatus } from './plan';

export type AnyGL = WebGLRenderingContext | WebGL2RenderingContext;

/** The unmasked renderer string when the browser gives it, else the plain (often masked) one. */
export function rendererOf(gl: AnyGL): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  return typeof r === 'string' ? r : '';
}

/**
 * Reads the WebGL renderer from a throwaway 1×1 context (released right after), without starting the
 * tfjs WebGL backend: starting it compiles shaders and holds a context we may not want.
 */
export function detectWebGL(): WebGLStatus {
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
export function detectWebGLOffThread(timeoutMs = 5000): Promise<WebGLStatus | null> {
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

let detected: Promise<WebGLStatus> | null = null;

/**
 * The renderer check, done once per page or worker (the GPU does not change while it lives): off the
 * main thread when possible, else on it. A context loss is not a property of the renderer and is
 * handled by the caller.
 */
export function detectWebGLOnce(): Promise<WebGLStatus> {
  detected ??= detectWebGLOffThread().then((status) => status ?? detectWebGL());
  return detected;
}
