/**
 * A pool of parallel workers that each load a module once and then run tasks on it. The types live here so
 * that an experiment (`src/apps/<id>/experiment.ts`, which also runs in tests and must not import Node's
 * worker_threads) can take a pool from whoever runs it; `scripts/threadPool.ts` makes one from Node worker
 * threads for `npm run experiment`.
 *
 * The entry module a pool loads exports `setup` (a {@link TaskSetup}): it runs once per worker with the
 * pool's `init` and returns the task handler. Tasks, results and `init` cross threads by structured clone,
 * so they are plain data (numbers, strings, arrays, typed arrays, plain objects).
 */

export interface TaskPool<Task, Result> {
  /** Workers running tasks side by side. */
  readonly size: number;
  /** Runs one task on the next free worker. Rejects with the worker's error if the handler throws. */
  run(task: Task): Promise<Result>;
  /** Ends every worker; tasks still queued reject. */
  close(): Promise<void>;
}

export type TaskSetup<Init, Task, Result> = (init: Init) => Promise<(task: Task) => Result | Promise<Result>>;

/** Starts `size` workers on `entry` (a module URL whose `setup` export is a TaskSetup) with `init`. */
export type TaskPoolFactory = <Init, Task, Result>(entry: URL, init: Init) => Promise<TaskPool<Task, Result>>;

/**
 * Runs `run` on every item and returns the results in the items' order: one after another (yielding between
 * items, so progress lines and timers get through), or all at once when `parallel` (a pool behind `run`
 * queues them). `onDone` sees the count finished and the results so far (holes where unfinished).
 */
export async function mapTasks<Item, Result>(
  items: readonly Item[],
  run: (item: Item) => Promise<Result>,
  parallel: boolean,
  onDone?: (done: number, results: readonly (Result | undefined)[]) => void,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let done = 0;
  const one = async (k: number) => {
    results[k] = await run(items[k]);
    done++;
    onDone?.(done, results);
  };
  if (parallel) await Promise.all(items.map((_, k) => one(k)));
  else {
    for (let k = 0; k < items.length; k++) {
      await one(k);
      await Promise.resolve();
    }
  }
  return results;
}
