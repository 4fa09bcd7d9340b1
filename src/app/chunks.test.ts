import { describe, expect, it } from 'vitest';
import { ChunkLoadError, isChunkLoadError, labelChunk } from './chunks';

describe('chunk errors', () => {
  it('recognises the browsers’ failed-import messages', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: http://x/a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: http://x/a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/a.css'))).toBe(true);
  });

  it('does not mistake a crash for a chunk error', () => {
    expect(isChunkLoadError(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isChunkLoadError(null)).toBe(false);
  });

  it('labels failed downloads with the chunk name and passes other errors through', async () => {
    const failing = labelChunk('demo ntl', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: x')));
    const err = await failing().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChunkLoadError);
    expect((err as ChunkLoadError).message).toContain('demo ntl');

    const crash = new RangeError('bad');
    const throwing = labelChunk('demo ntl', () => Promise.reject(crash));
    await expect(throwing()).rejects.toBe(crash);

    const ok = labelChunk('demo ntl', () => Promise.resolve(42));
    await expect(ok()).resolves.toBe(42);
  });
});
