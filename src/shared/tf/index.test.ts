import * as tf from '@tensorflow/tfjs-core';
// initBackend loads each backend's package when it tries it; the sabotage test below needs cpu's kernels at once.
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import * as plan from './plan';
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

describe('public API', () => {
  it('re-exports the pure plan, so importers of src/shared/tf need not know plan.ts', () => {
    expect(classifyRenderer).toBe(plan.classifyRenderer);
    expect(planBackends).toBe(plan.planBackends);
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
