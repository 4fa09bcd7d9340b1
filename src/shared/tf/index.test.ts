import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  classifyRenderer,
  ContextLostError,
  getBackendInfo,
  initBackend,
  isContextLost,
  onBackendChange,
  planBackends,
  probeActiveBackend,
  simulateContextLoss,
  wasmTrainingKernelsRegistered,
  type BackendInfo,
} from './index';

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

describe('initBackend in Node (no WebGL)', () => {
  it('picks wasm, probes it, installs the training kernels, notifies listeners', async () => {
    const seen: BackendInfo[] = [];
    const off = onBackendChange((i) => seen.push(i));
    const info = await initBackend();
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.forced).toBe(false);
    expect(info.reason).toMatch(/WebGL is not available/);
    expect(info.fellBackFrom).toBeUndefined();
    expect(wasmTrainingKernelsRegistered()).toBe(true);
    expect(getBackendInfo()).toBe(info);
    expect(seen).toEqual([info]);
    expect(isContextLost()).toBe(false);
    // Same request again: the same info, no new notification.
    expect(await initBackend()).toBe(info);
    expect(seen).toHaveLength(1);
    off();
  });

  it('off WebGL there is no context to lose: simulateContextLoss says so and work goes on', async () => {
    await initBackend();
    expect(simulateContextLoss()).toBe(false);
    expect(isContextLost()).toBe(false);
    const err = new ContextLostError('gone');
    expect(err.name).toBe('ContextLostError');
    expect(err).toBeInstanceOf(Error);
  });

  it('honours a forced backend', async () => {
    const info = await initBackend({ force: 'cpu' });
    expect(info).toMatchObject({ name: 'cpu', forced: true });
    expect(info.reason).toMatch(/forced by \?backend=cpu/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('falls back when the forced backend cannot start, and says so', async () => {
    const info = await initBackend({ force: 'webgl' });
    expect(info.name).toBe('wasm');
    expect(info.forced).toBe(false);
    expect(info.fellBackFrom).toEqual(['webgl']);
    expect(info.reason).toMatch(/\?backend=webgl failed/);
  });

  it('concurrent calls are serialised and agree', async () => {
    const [a, b] = await Promise.all([initBackend({ force: 'cpu' }), initBackend({ force: 'cpu' })]);
    expect(a).toBe(b);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('skips a backend whose probe computes the wrong answer', async () => {
    // Sabotage the CPU matMul so it returns zeros: the probe must notice and fall back.
    const stock = tf.getKernel('BatchMatMul', 'cpu')!;
    tf.unregisterKernel('BatchMatMul', 'cpu');
    tf.registerKernel({
      ...stock,
      kernelFunc: (args) => {
        const out = stock.kernelFunc(args) as tf.TensorInfo;
        const zeros = tf.zeros(out.shape);
        (args.backend as tf.KernelBackend).disposeData(out.dataId);
        return zeros;
      },
    });
    try {
      await tf.setBackend('cpu');
      expect(await probeActiveBackend()).toMatch(/expected \[19.5, 22.5, 43.5, 50.5\]/);
      const info = await initBackend({ force: 'wasm' }).then(() => initBackend({ force: 'cpu' }));
      expect(info.name).toBe('wasm');
      expect(info.fellBackFrom).toEqual(['cpu']);
      expect(info.reason).toMatch(/probe matMul returned/);
    } finally {
      tf.unregisterKernel('BatchMatMul', 'cpu');
      tf.registerKernel(stock);
    }
    await tf.setBackend('cpu');
    expect(await probeActiveBackend()).toBeNull();
  });

  it('the probe leaves no tensors behind', async () => {
    await initBackend();
    const before = tf.memory().numTensors;
    expect(await probeActiveBackend()).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });
});
