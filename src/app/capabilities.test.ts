import { describe, expect, it } from 'vitest';
import { capabilityLine, wasmSupport, type Capabilities } from './capabilities';

describe('capabilities', () => {
  it('detects WebAssembly and its SIMD extension with the validator (Node 20 has both)', () => {
    expect(wasmSupport()).toEqual({ wasm: true, simd: true });
    expect(wasmSupport(undefined)).toEqual({ wasm: true, simd: true }); // the default is globalThis.WebAssembly
    expect(wasmSupport({ validate: (b) => (b as Uint8Array).length === 8 })).toEqual({ wasm: true, simd: false });
    expect(wasmSupport({ validate: () => false })).toEqual({ wasm: false, simd: false });
  });

  it('words the line, with n/a where a part does not apply', () => {
    const c: Capabilities = { webgl2: true, float32RenderTargets: true, wasm: true, wasmSimd: true, deviceMemoryGb: 8, jsHeapLimitMb: 4096, cpuThreads: 8 };
    expect(capabilityLine(c)).toBe('WebGL 2: yes · float32 render targets: yes · WASM: yes · WASM SIMD: yes · memory: 8 GiB (JS heap limit 4096 MiB) · 8 CPU threads');
    const none: Capabilities = { webgl2: false, float32RenderTargets: null, wasm: false, wasmSimd: false, deviceMemoryGb: null, jsHeapLimitMb: null, cpuThreads: null };
    expect(capabilityLine(none)).toBe('WebGL 2: no · float32 render targets: n/a · WASM: no · WASM SIMD: n/a · memory: not reported · CPU threads: not reported');
  });
});
