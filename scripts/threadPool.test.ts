import { describe, expect, it } from 'vitest';
import { threadPoolFactory } from './threadPool';
import { mapTasks } from '../src/shared/taskPool';
import type { Init, Task } from './fixtures/threadPoolEntry';

const ENTRY = new URL('./fixtures/threadPoolEntry.ts', import.meta.url);
type Result = { value: number; thread: number; squares: Float32Array };

describe('threadPoolFactory (Node worker threads for npm run experiment --threads)', () => {
  it('runs a TypeScript entry on two threads and returns results in the tasks\' order', async () => {
    const pool = await threadPoolFactory(2)<Init, Task, Result>(ENTRY, { offset: 1 });
    try {
      const inputs = [5, 1, 4, 2, 3, 0];
      const done: number[] = [];
      const out = await mapTasks(inputs, (n) => pool.run({ square: n, waitMs: 20 * n }), true, (d) => done.push(d));
      expect(out.map((r) => r.value)).toEqual(inputs.map((n) => n * n + 1));
      expect(out[0].squares).toBeInstanceOf(Float32Array);
      expect(new Set(out.map((r) => r.thread)).size).toBe(2);
      expect(done).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('passes a task\'s error back with its message and keeps serving', async () => {
    const pool = await threadPoolFactory(1)<Init, Task, Result>(ENTRY, { offset: 0 });
    try {
      await expect(pool.run({ fail: 'no such ball' })).rejects.toThrow(/thread 0: .*no such ball/);
      expect((await pool.run({ square: 3 })).value).toBe(9);
    } finally {
      await pool.close();
    }
    await expect(pool.run({ square: 1 })).rejects.toThrow(/closed/);
  }, 60_000);

  it('rejects when the entry cannot start, naming it, and when asked for no threads', async () => {
    await expect(threadPoolFactory(2)<Init, Task, Result>(ENTRY, { offset: 0, failSetup: true })).rejects.toThrow(/could not start .*threadPoolEntry\.ts: .*setup refused/s);
    expect(() => threadPoolFactory(0)).toThrow(RangeError);
  }, 60_000);
});

describe('mapTasks', () => {
  it('in order without a pool, one at a time', async () => {
    let running = 0;
    let most = 0;
    const out = await mapTasks([3, 1, 2], async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    }, false);
    expect(out).toEqual([30, 10, 20]);
    expect(most).toBe(1);
  });
});
