import { describe, expect, it } from 'vitest';
import { formatGflops, formatMs, matmulFlops, median, readRequestedBackend, withBackend } from './systemCheck';

describe('system check helpers', () => {
  it('reads a forced backend and rejects unknown ones with a notice', () => {
    expect(readRequestedBackend('backend=wasm')).toEqual({ backend: 'wasm', notice: null });
    expect(readRequestedBackend('backend=WebGL')).toEqual({ backend: 'webgl', notice: null });
    expect(readRequestedBackend('')).toEqual({ backend: 'auto', notice: null });
    const bad = readRequestedBackend('backend=webgpu');
    expect(bad.backend).toBe('auto');
    expect(bad.notice).toMatch(/webgpu.*webgl, wasm, cpu or auto/);
  });

  it('writes the backend into the query, keeping other keys', () => {
    expect(withBackend('present=1', 'cpu')).toBe('present=1&backend=cpu');
    expect(withBackend('backend=cpu&present=1', 'auto')).toBe('present=1');
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('formats timings', () => {
    expect(matmulFlops(128)).toBe(2 * 128 ** 3);
    expect(formatMs(0.123)).toBe('0.12 ms');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(1234.5)).toBe('1235 ms');
    expect(formatGflops(2e9, 1000)).toBe('2.00 GFLOP/s');
    expect(formatGflops(1, 0)).toBe('–');
  });
});
