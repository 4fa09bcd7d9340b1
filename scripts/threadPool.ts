/**
 * Node worker threads as a TaskPool (src/shared/taskPool.ts): `npm run experiment -- <id> --threads N` hands
 * an experiment this factory so it can spread independent examples over the machine's cores. tfjs's WASM
 * backend runs one thread in Node (ENV.md: its threaded build does not start there), so separate workers,
 * each with its own backend and model, are how a run uses a second core.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { TaskPool, TaskPoolFactory } from '../src/shared/taskPool';

const BOOT = new URL('./threadBoot.mjs', import.meta.url);

/** The default thread count: both cores of this project's machines, never more than the host has. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

interface Pending {
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
}

export function threadPoolFactory(size: number): TaskPoolFactory {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a thread pool needs a whole number of threads ≥ 1, not ${size}`);
  return async <Init, Task, Result>(entry: URL, init: Init): Promise<TaskPool<Task, Result>> => {
    const queue: { id: number; task: Task }[] = [];
    const pending = new Map<number, Pending>();
    const idle: Worker[] = [];
    let nextId = 0;
    let closed = false;

    const dispatch = () => {
      while (idle.length > 0 && queue.length > 0) {
        const w = idle.pop()!;
        const job = queue.shift()!;
        w.postMessage(job);
      }
    };
    const failAll = (err: Error) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      queue.length = 0;
    };

    const start = (index: number) =>
      new Promise<Worker>((resolve, reject) => {
        const w = new Worker(BOOT, { workerData: { entry: entry.href, init } });
        let ready = false;
        w.on('message', (m: { ready?: true; failed?: string; id?: number; result?: unknown; error?: string }) => {
          if (m.ready) {
            ready = true;
            resolve(w);
            return;
          }
          if (m.failed !== undefined) {
            reject(new Error(`thread ${index} could not start ${entry.pathname}: ${m.failed}`));
            return;
          }
          const id = m.id!;
          const p = pending.get(id);
          pending.delete(id);
          idle.push(w);
          if (m.error !== undefined) p?.reject(new Error(`thread ${index}: ${m.error}`));
          else p?.resolve(m.result);
          dispatch();
        });
        w.on('error', (err) => {
          if (!ready) reject(err);
          else if (!closed) failAll(new Error(`thread ${index} crashed: ${err.message}`));
        });
        w.on('exit', (code) => {
          if (!closed && ready && code !== 0) failAll(new Error(`thread ${index} exited with code ${code}`));
        });
      });

    const started = await Promise.allSettled(Array.from({ length: size }, (_, i) => start(i)));
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw failure.reason;
    }
    idle.push(...workers);

    return {
      size,
      run(task: Task): Promise<Result> {
        if (closed) return Promise.reject(new Error('the thread pool is closed'));
        return new Promise<Result>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
          queue.push({ id, task });
          dispatch();
        });
      },
      async close() {
        closed = true;
        failAll(new Error('the thread pool closed before this task ran'));
        await Promise.all(workers.map((w) => w.terminate()));
      },
    };
  };
}
