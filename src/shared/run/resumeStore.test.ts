/** Saved runs: keys that ignore field order, sizes, and which old runs are dropped. */
import { describe, expect, it } from 'vitest';
import { approxBytes, MAX_AGE_DAYS, MAX_RUNS_PER_DEMO, memoryResumeStorage, runKey, runsToDrop, type SavedRunMeta } from './resumeStore';

const meta = (key: string, demo: string, savedAt: number): SavedRunMeta => ({ key, demo, backend: 'wasm', step: 1, total: 2, savedAt, bytes: 10 });

describe('resumeStore', () => {
  it('keys a run by demo, backend and settings, whatever the order of the fields', () => {
    expect(runKey('ntl', 'webgl', { config: { a: 1, b: [1, 2] } })).toBe(runKey('ntl', 'webgl', { config: { b: [1, 2], a: 1 } }));
    expect(runKey('ntl', 'webgl', { config: { a: 1 } })).not.toBe(runKey('ntl', 'wasm', { config: { a: 1 } }));
    expect(runKey('ntl', 'webgl', { config: { a: 1 } })).not.toBe(runKey('ntl', 'webgl', { config: { a: 2 } }));
  });

  it('sizes typed arrays by their bytes', () => {
    expect(approxBytes({ w: new Float32Array(1000), n: [1, 2] })).toBe(2 + 4000 + 2 + 16);
  });

  it(`keeps each demo's ${MAX_RUNS_PER_DEMO} newest runs and none older than ${MAX_AGE_DAYS} days`, () => {
    const now = 1e12;
    const day = 24 * 3600 * 1000;
    const all = [
      meta('n1', 'ntl', now - 1),
      meta('n2', 'ntl', now - 2),
      meta('n3', 'ntl', now - 3),
      meta('n4', 'ntl', now - 4),
      meta('i1', 'ilqr', now - (MAX_AGE_DAYS + 1) * day),
      meta('i2', 'ilqr', now - day),
    ];
    expect(runsToDrop(all, now).sort()).toEqual(['i1', 'n4']);
  });

  it('memory storage: save replaces under the same key, load copies, clear by demo', async () => {
    const s = memoryResumeStorage();
    const now = Date.now();
    await s.save(meta('a', 'ntl', now - 10), { state: { w: new Float32Array([1, 2]) }, history: [1] });
    await s.save({ ...meta('a', 'ntl', now), step: 2 }, { state: { w: new Float32Array([3, 4]) }, history: [1, 2] });
    await s.save(meta('b', 'ilqr', now), { state: null, history: [] });
    expect((await s.list('ntl')).map((m) => [m.key, m.step])).toEqual([['a', 2]]);
    const loaded = await s.load<{ w: Float32Array }, number>('a');
    expect(Array.from(loaded!.state.w)).toEqual([3, 4]);
    loaded!.state.w[0] = 99;
    expect(Array.from((await s.load<{ w: Float32Array }, number>('a'))!.state.w)).toEqual([3, 4]);
    await s.clear('ntl');
    expect((await s.list()).map((m) => m.key)).toEqual(['b']);
    expect(await s.load('a')).toBeNull();
  });
});
