/**
 * The system page's capability line (issue #15): what this browser offers the demos, read without
 * tfjs: WebGL 2, float32 render targets (what tfjs needs to train on WebGL in full precision), WASM
 * and its SIMD extension (what tfjs-wasm's fast build needs), memory; and, with tfjs, a one-second
 * throughput figure on the live backend.
 */

export interface Capabilities {
  webgl2: boolean;
  /** EXT_color_buffer_float on a WebGL 2 context; null without WebGL 2. */
  float32RenderTargets: boolean | null;
  wasm: boolean;
  wasmSimd: boolean;
  /** navigator.deviceMemory (GiB, rounded by the browser; Chromium only), or null. */
  deviceMemoryGb: number | null;
  /** The JS heap's limit (performance.memory, Chromium only), in MiB, or null. */
  jsHeapLimitMb: number | null;
  cpuThreads: number | null;
}

/**
 * The smallest module using a SIMD instruction (v128 const, i8x16 popcnt-free): the bytes of
 * wasm-feature-detect's `simd` test. WebAssembly.validate accepts it only where SIMD is supported.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
/** An empty module: validates wherever WebAssembly exists. */
const WASM_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

export function wasmSupport(wasm: { validate(bytes: BufferSource): boolean } | undefined = globalThis.WebAssembly): { wasm: boolean; simd: boolean } {
  if (!wasm || typeof wasm.validate !== 'function') return { wasm: false, simd: false };
  let ok = false;
  let simd = false;
  try {
    ok = wasm.validate(WASM_PROBE);
    simd = ok && wasm.validate(SIMD_PROBE);
  } catch {
    // a browser whose validate throws has no usable WebAssembly
  }
  return { wasm: ok, simd };
}

/** WebGL 2 and float32 render targets, from a throwaway canvas whose context is released at once. */
function webglSupport(): { webgl2: boolean; float32RenderTargets: boolean | null } {
  if (typeof document === 'undefined') return { webgl2: false, float32RenderTargets: null };
  let gl: WebGL2RenderingContext | null;
  try {
    gl = document.createElement('canvas').getContext('webgl2');
  } catch {
    gl = null;
  }
  if (!gl) return { webgl2: false, float32RenderTargets: null };
  const float32 = gl.getExtension('EXT_color_buffer_float') !== null;
  // One app, one WebGL context budget: give this one back now.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { webgl2: true, float32RenderTargets: float32 };
}

export function detectCapabilities(): Capabilities {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { deviceMemory?: number });
  const mem = typeof performance === 'undefined' ? undefined : (performance as Performance & { memory?: { jsHeapSizeLimit?: number } }).memory;
  const { wasm, simd } = wasmSupport();
  return {
    ...webglSupport(),
    wasm,
    wasmSimd: simd,
    deviceMemoryGb: typeof nav?.deviceMemory === 'number' ? nav.deviceMemory : null,
    jsHeapLimitMb: typeof mem?.jsHeapSizeLimit === 'number' ? Math.round(mem.jsHeapSizeLimit / 2 ** 20) : null,
    cpuThreads: nav?.hardwareConcurrency || null,
  };
}

const yesNo = (v: boolean | null, no = 'no') => (v === null ? 'n/a' : v ? 'yes' : no);

/** The line as text, e.g. "WebGL 2: yes · float32 render targets: yes · WASM SIMD: yes · memory: 8 GiB (JS heap limit 4096 MiB) · 8 threads". */
export function capabilityLine(c: Capabilities): string {
  const memory =
    c.deviceMemoryGb === null && c.jsHeapLimitMb === null
      ? 'memory: not reported'
      : `memory: ${c.deviceMemoryGb === null ? 'not reported' : `${c.deviceMemoryGb} GiB`}${c.jsHeapLimitMb === null ? '' : ` (JS heap limit ${c.jsHeapLimitMb} MiB)`}`;
  return [
    `WebGL 2: ${yesNo(c.webgl2)}`,
    `float32 render targets: ${yesNo(c.float32RenderTargets)}`,
    `WASM: ${yesNo(c.wasm)}`,
    `WASM SIMD: ${c.wasm ? yesNo(c.wasmSimd) : 'n/a'}`,
    memory,
    c.cpuThreads === null ? 'CPU threads: not reported' : `${c.cpuThreads} CPU threads`,
  ].join(' · ');
}
