/**
 * A small typed RPC over postMessage between the page and a Web Worker, with progress messages and
 * cancellation (the shape docs/contracts.md gives `src/shared/run/worker.ts`; this copy lives in the
 * demo until that shared module exists, and has the same call signature so the swap is an import).
 *
 * Worker: `exposeWorker({ name: (args, ctx) => result | Promise<result> })`; `ctx.progress(data)`
 * posts progress, `ctx.signal.aborted` turns true when the caller aborts.
 * Page:   `createWorkerClient<typeof handlers>(worker).call('name', args, { onProgress, signal })`.
 */

export interface WorkerContext<P = unknown> {
  progress(data: P): void;
  signal: AbortSignal;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHandler = (args: any, ctx: WorkerContext<any>) => unknown;
export type Handlers = Record<string, AnyHandler>;

type ArgsOf<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type ProgressOf<F> = F extends (args: never, ctx: WorkerContext<infer P>) => unknown ? P : never;
type ResultOf<F> = F extends (...a: never[]) => infer R ? Awaited<R> : never;

type ToWorker = { type: 'call'; id: number; name: string; args: unknown } | { type: 'cancel'; id: number };
type FromWorker =
  | { type: 'progress'; id: number; data: unknown }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string; cancelled: boolean };

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

/** Inside a worker: answers calls with `handlers`. `isCancel` tells a cancellation from a failure. */
export function exposeWorker(handlers: Handlers, opts: { isCancel?: (err: unknown) => boolean } = {}): void {
  const scope = globalThis as unknown as WorkerScope;
  const aborts = new Map<number, AbortController>();
  scope.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'cancel') {
      aborts.get(msg.id)?.abort();
      return;
    }
    const { id, name, args } = msg;
    const ac = new AbortController();
    aborts.set(id, ac);
    const ctx: WorkerContext = { progress: (data) => scope.postMessage({ type: 'progress', id, data }), signal: ac.signal };
    const handler = handlers[name];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`The worker has no handler "${name}" (it knows: ${Object.keys(handlers).join(', ')}).`);
        return handler(args, ctx);
      })
      .then(
        (value) => scope.postMessage({ type: 'result', id, value }),
        (err: unknown) =>
          scope.postMessage({
            type: 'error',
            id,
            message: err instanceof Error ? err.message : String(err),
            cancelled: ac.signal.aborted || (opts.isCancel?.(err) ?? false),
          }),
      )
      .finally(() => aborts.delete(id));
  };
}

/** Rejection of a call the caller aborted. */
export class WorkerCallCancelled extends Error {
  constructor(name: string) {
    super(`${name} was cancelled`);
    this.name = 'WorkerCallCancelled';
  }
}

export interface CallOptions<P> {
  onProgress?: (data: P) => void;
  signal?: AbortSignal;
}

export interface WorkerClient<H extends Handlers> {
  call<K extends keyof H & string>(name: K, args?: ArgsOf<H[K]>, opts?: CallOptions<ProgressOf<H[K]>>): Promise<ResultOf<H[K]>>;
  /** Stops the worker; pending calls reject. */
  terminate(): void;
}

/** On the page: a typed client for a worker that called `exposeWorker`. */
export function createWorkerClient<H extends Handlers>(worker: Worker): WorkerClient<H> {
  let nextId = 1;
  const pending = new Map<number, { name: string; resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: (d: unknown) => void }>();
  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.(msg.data);
    else {
      pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.value);
      else p.reject(msg.cancelled ? new WorkerCallCancelled(p.name) : new Error(msg.message));
    }
  });
  worker.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    failAll(`The training worker failed to start or crashed (${e.message || 'no message'}). Reload the page; if it persists, try backend=cpu in the link.`);
  });
  worker.addEventListener('messageerror', () => failAll('A message from the training worker could not be read. Reload the page.'));
  return {
    call(name, args, opts = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (opts.signal?.aborted) {
          reject(new WorkerCallCancelled(name));
          return;
        }
        pending.set(id, { name, resolve: resolve as (v: unknown) => void, reject, onProgress: opts.onProgress as ((d: unknown) => void) | undefined });
        opts.signal?.addEventListener('abort', () => worker.postMessage({ type: 'cancel', id } satisfies ToWorker), { once: true });
        worker.postMessage({ type: 'call', id, name, args } satisfies ToWorker);
      });
    },
    terminate() {
      worker.terminate();
      failAll('The training worker was stopped.');
    },
  };
}
