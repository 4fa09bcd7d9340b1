/**
 * Backend planning, pure (no tfjs, no DOM): which tfjs backends to try, in which order, and the
 * sentence to show for each. index.ts detects the WebGL renderer, tries the plan and keeps the state.
 */
export type BackendName = 'webgl' | 'wasm' | 'cpu';

export type RendererKind = 'hardware' | 'software' | 'unknown';

/** Renderer strings of software rasterisers (Chrome/ANGLE SwiftShader, Mesa llvmpipe/softpipe, Windows WARP). */
const SOFTWARE_RENDERER =
  /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|microsoft basic|warp|apple software renderer|mesa offscreen/i;

/**
 * Classifies a WebGL renderer string. 'unknown' for empty or masked strings (privacy-minded browsers
 * report "WebKit WebGL" and the like): those are nearly always real GPUs, so they are treated like
 * hardware by `planBackends`.
 */
export function classifyRenderer(renderer: string | null | undefined): RendererKind {
  if (!renderer || !renderer.trim()) return 'unknown';
  if (SOFTWARE_RENDERER.test(renderer)) return 'software';
  if (/^(webkit webgl|mozilla|generic renderer)$/i.test(renderer.trim())) return 'unknown';
  return 'hardware';
}

/** What we know about WebGL before trying any backend. */
export type WebGLStatus =
  | { kind: 'missing' }
  | { kind: 'lost' }
  | { kind: RendererKind; renderer: string };

export interface BackendPlan {
  /** Candidates in the order to try. */
  order: BackendName[];
  /** Why each candidate would be chosen, if it ends up being the one that works. */
  reasons: Partial<Record<BackendName, string>>;
}

/** Shown to users. No figure: no committed script measures software WebGL against WASM yet. */
const SPEED_NOTE = 'WASM on the CPU trains faster than WebGL emulated in software';

/**
 * Pure: the order in which to try backends, and the reason to give for each. A forced backend comes
 * first (even software WebGL: the user asked for it), followed by the automatic order as fallback.
 */
export function planBackends(webgl: WebGLStatus, force?: BackendName): BackendPlan {
  const reasons: Partial<Record<BackendName, string>> = {};
  let auto: BackendName[];
  if (webgl.kind === 'hardware') {
    auto = ['webgl', 'wasm', 'cpu'];
    reasons.webgl = `hardware-accelerated WebGL (renderer "${webgl.renderer}"): the GPU is fastest`;
    reasons.wasm = 'WebGL failed to start or failed the probe; WASM on the CPU';
  } else if (webgl.kind === 'unknown') {
    auto = ['webgl', 'wasm', 'cpu'];
    reasons.webgl = `WebGL renderer ${webgl.renderer ? `"${webgl.renderer}"` : 'not reported'}; assuming a GPU`;
    reasons.wasm = 'WebGL failed to start or failed the probe; WASM on the CPU';
  } else if (webgl.kind === 'software') {
    auto = ['wasm', 'cpu'];
    reasons.wasm = `WebGL is rendered in software (renderer "${webgl.renderer}"): ${SPEED_NOTE}`;
  } else if (webgl.kind === 'lost') {
    auto = ['wasm', 'cpu'];
    reasons.wasm = 'the WebGL context was lost; continuing with WASM on the CPU';
  } else {
    auto = ['wasm', 'cpu'];
    reasons.wasm = 'WebGL is not available in this browser; WASM on the CPU';
  }
  reasons.cpu = 'the plain-JavaScript CPU backend (slowest): the faster backends did not start';
  // After a context loss, WebGL stays out even when forced: a fresh context is likely to be lost
  // again (the reason it went is still there), and the old backend would hang on its fences.
  if (!force || (force === 'webgl' && webgl.kind === 'lost')) return { order: auto, reasons };
  const forcedNote =
    force === 'webgl' && webgl.kind === 'software'
      ? ` (software renderer "${webgl.renderer}": expect it to be slow)`
      : '';
  reasons[force] = `forced by ?backend=${force}${forcedNote}`;
  return { order: [force, ...auto.filter((b) => b !== force)], reasons };
}
