// The pure backend plan: no tfjs, no DOM.
import { describe, expect, it } from 'vitest';
import { classifyRenderer, planBackends } from './plan';

describe('classifyRenderer', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'software'],
    ['Google SwiftShader', 'software'],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', 'software'],
    ['Mesa/X.org, llvmpipe (LLVM 12.0.0, 256 bits)', 'software'],
    ['Microsoft Basic Render Driver', 'software'],
    ['ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)', 'software'],
    ['Apple Software Renderer', 'software'],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'hardware'],
    ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', 'hardware'],
    ['Apple M1', 'hardware'],
    ['Adreno (TM) 640', 'hardware'],
    ['Mali-G78', 'hardware'],
    ['WebKit WebGL', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
  ] as const)('%s -> %s', (renderer, kind) => {
    expect(classifyRenderer(renderer)).toBe(kind);
  });
});

describe('planBackends', () => {
  it('prefers hardware WebGL', () => {
    const p = planBackends({ kind: 'hardware', renderer: 'Apple M1' });
    expect(p.order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(p.reasons.webgl).toMatch(/Apple M1/);
  });
  it('skips software WebGL and says why', () => {
    const p = planBackends({ kind: 'software', renderer: 'Google SwiftShader' });
    expect(p.order).toEqual(['wasm', 'cpu']);
    expect(p.reasons.wasm).toMatch(/software/);
    expect(p.reasons.wasm).toMatch(/SwiftShader/);
  });
  it('uses WASM without WebGL and after a context loss', () => {
    expect(planBackends({ kind: 'missing' }).order).toEqual(['wasm', 'cpu']);
    expect(planBackends({ kind: 'missing' }).reasons.wasm).toMatch(/not available/);
    expect(planBackends({ kind: 'lost' }).order).toEqual(['wasm', 'cpu']);
    expect(planBackends({ kind: 'lost' }).reasons.wasm).toMatch(/lost/);
  });
  it('tries a forced backend first, even software WebGL, then the automatic order', () => {
    const p = planBackends({ kind: 'software', renderer: 'llvmpipe' }, 'webgl');
    expect(p.order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(p.reasons.webgl).toMatch(/forced/);
    expect(p.reasons.webgl).toMatch(/slow/);
    expect(planBackends({ kind: 'hardware', renderer: 'x' }, 'cpu').order).toEqual(['cpu', 'webgl', 'wasm']);
    // ...but never a WebGL whose context was lost.
    expect(planBackends({ kind: 'lost' }, 'webgl').order).toEqual(['wasm', 'cpu']);
    expect(planBackends({ kind: 'lost' }, 'cpu').order).toEqual(['cpu', 'wasm']);
  });
});
