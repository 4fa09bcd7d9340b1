/**
 * Typed RPC over postMessage, for Web Workers (and anything with the same shape: MessagePort,
 * a worker's `self`). Heavy work (training, simulation) goes to a worker so the page stays
 * responsive; this gives it a typed `await client.call('train', args, { onProgress, signal })`.
 *
 * Inside the worker:
 *   exposeWorker({
 *     async train(args: { steps: number }, { progress, signal }) { ...; progress({ step }); ...; return result; },
 *   });
 * On the main thread:
 *   const client = createWorkerClient<typeof handlers>(new Worker(new URL('./w.ts', import.meta.url), { type: 'module' }));
 *   const result = await client.call('train', { steps: 100 }, { onProgress: (p) => ..., signal });
 *
 * Cancelling (AbortSignal) rejects the call at once with an AbortError and tells the worker, whose
 * handler sees `signal.aborted` and should stop at its next check. Errors thrown in a handler reject
 * the call with the same message (and name). `transfer(value, [buffers])` marks ArrayBuffers etc. to
 * be moved instead of copied, in either direction (args, progress values, results).
 */

/** The part of Worker / MessagePort / DedicatedWorkerGlobalScope this helper needs. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  removeEventListener?(type: 'message', listener: (ev: MessageEvent) => void): void;
  /** MessagePorts need start() when listened to with addEventListener. */
  start?: () => void;
}

export interface HandlerContext<P = unknown> {
  /** Sends a progress value to the caller's onProgress (dropped after cancellation). */
  progress: (value: P) => void;
  /** Aborted when the caller cancels. */
  signal: AbortSignal;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handler args are checked per handler by the client's types
export type Handler = (args: any, ctx: HandlerContext<any>) => unknown;
export type Handlers = Record<string, Handler>;

type ArgsOf<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type ProgressOf<F> = F extends (args: never, ctx: HandlerContext<infer P>) => unknown ? P : never;
type ResultOf<F> = F extends (...a: never[]) => infer R ? Awaited<R> : never;

export interface CallOptions<P> {
  onProgress?: (value: P) => void;
  signal?: AbortSignal;
  /** Extra transferables for the arguments (besides those marked with transfer()). */
  transfer?: Transferable[];
}

export interface WorkerClient<H extends Handlers> {
  call<K extends keyof H & string>(name: K, args: ArgsOf<H[K]>, opts?: CallOptions<ProgressOf<H[K]>>): Promise<ResultOf<H[K]>>;
  /** Rejects all pending calls and stops listening (does not terminate the worker). */
  dispose(): void;
}

type Request = { kind: 'call'; id: number; name: string; args: unknown } | { kind: 'cancel'; id: number };
type Reply =
  | { kind: 'progress'; id: number; value: unknown }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; message: string; name?: string; stack?: string };

/** A tag on every message, so that other traffic on the same port (e.g. a library's) is left alone. */
const TAG = '__oralDemosRpc';

const transferMarks = new WeakMap<object, Transferable[]>();

/** Marks `value` so that `list` is transferred (moved, zero-copy) when it is posted. Returns value. */
export function transfer<T extends object>(value: T, list: Transferable[]): T {
  transferMarks.set(value, list);
  return value;
}

function transferablesOf(value: unknown): Transferable[] {
  return value !== null && typeof value === 'object' ? (transferMarks.get(value) ?? []) : [];
}

function abortError(): Error {
  if (typeof DOMException !== 'undefined') return new DOMException('The call was cancelled', 'AbortError');
  const e = new Error('The call was cancelled');
  e.name = 'AbortError';
  return e;
}

function isOurs(data: unknown): data is { [TAG]: true } & (Request | Reply) {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[TAG] === true;
}

/**
 * Serves `handlers` on `endpoint` (default: the worker's global scope). Returns a function that
 * stops serving.
 */
export function exposeWorker(handlers: Handlers, endpoint: Endpoint = globalThis as unknown as Endpoint): () => void {
  const running = new Map<number, AbortController>();
  const post = (reply: Reply, list: Transferable[] = []) => endpoint.postMessage({ [TAG]: true, ...reply }, list);

  const onMessage = (ev: MessageEvent) => {
    const msg = ev.data;
    if (!isOurs(msg)) return;
    if (msg.kind === 'cancel') {
      running.get(msg.id)?.abort();
      running.delete(msg.id);
      return;
    }
    if (msg.kind !== 'call') return;
    const { id, name, args } = msg;
    const controller = new AbortController();
    running.set(id, controller);
    const ctx: HandlerContext = {
      signal: controller.signal,
      progress: (value) => {
        if (!controller.signal.aborted) post({ kind: 'progress', id, value }, transferablesOf(value));
      },
    };
    void (async () => {
      try {
        const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
        if (typeof handler !== 'function') {
          throw new Error(`worker has no handler "${name}" (it has: ${Object.keys(handlers).join(', ') || 'none'})`);
        }
        const value = await handler(args, ctx);
        if (!controller.signal.aborted) post({ kind: 'result', id, value }, transferablesOf(value));
      } catch (err) {
        if (controller.signal.aborted) return; // the caller has already been told
        const e = err instanceof Error ? err : new Error(String(err));
        post({ kind: 'error', id, message: e.message, name: e.name, stack: e.stack });
      } finally {
        running.delete(id);
      }
    })();
  };
  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();
  return () => {
    endpoint.removeEventListener?.('message', onMessage);
    for (const c of running.values()) c.abort();
    running.clear();
  };
}

/** The main-thread side: typed calls into a worker served by `exposeWorker`. */
export function createWorkerClient<H extends Handlers>(worker: Endpoint): WorkerClient<H> {
  let nextId = 1;
  let disposed = false;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: (v: unknown) => void }>();

  const onMessage = (ev: MessageEvent) => {
    const msg = ev.data;
    if (!isOurs(msg)) return;
    const p = pending.get(msg.id);
    if (!p) return; // cancelled or unknown: drop
    if (msg.kind === 'progress') {
      try {
        p.onProgress?.(msg.value);
      } catch (err) {
        console.error('onProgress threw', err); // a UI bug must not lose the call's result
      }
    } else if (msg.kind === 'result') {
      pending.delete(msg.id);
      p.resolve(msg.value);
    } else if (msg.kind === 'error') {
      pending.delete(msg.id);
      const e = new Error(msg.message);
      if (msg.name) e.name = msg.name;
      if (msg.stack) e.stack = `${msg.stack}\n    (in the worker)`;
      p.reject(e);
    }
  };
  // An uncaught error in the worker script (e.g. it failed to load) fails every pending call.
  const onError = (ev: Event) => {
    const message = (ev as ErrorEvent).message || 'the worker failed';
    for (const p of pending.values()) p.reject(new Error(`worker error: ${message}`));
    pending.clear();
  };
  worker.addEventListener('message', onMessage);
  const errorTarget = worker as unknown as { addEventListener(t: 'error', l: (e: Event) => void): void; removeEventListener?(t: 'error', l: (e: Event) => void): void };
  errorTarget.addEventListener('error', onError);
  worker.start?.();

  return {
    call(name, args, opts = {}) {
      if (disposed) return Promise.reject(new Error('worker client was disposed'));
      const { signal, onProgress } = opts;
      if (signal?.aborted) return Promise.reject(abortError());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          if (!pending.delete(id)) return;
          worker.postMessage({ [TAG]: true, kind: 'cancel', id } satisfies Request & { [TAG]: true });
          reject(abortError());
        };
        pending.set(id, {
          resolve: (v) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(v as never);
          },
          reject: (e) => {
            signal?.removeEventListener('abort', onAbort);
            reject(e);
          },
          onProgress: onProgress as ((v: unknown) => void) | undefined,
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          worker.postMessage({ [TAG]: true, kind: 'call', id, name, args } satisfies Request & { [TAG]: true }, [
            ...transferablesOf(args),
            ...(opts.transfer ?? []),
          ]);
        } catch (err) {
          // e.g. the arguments are not structured-cloneable (a function, a tensor)
          pending.delete(id);
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        }
      });
    },
    dispose() {
      disposed = true;
      worker.removeEventListener?.('message', onMessage);
      errorTarget.removeEventListener?.('error', onError);
      for (const p of pending.values()) p.reject(new Error('worker client was disposed'));
      pending.clear();
    },
  };
}
