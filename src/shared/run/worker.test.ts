import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerClient, exposeWorker, transfer, type Endpoint, type HandlerContext } from './worker';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A worker simulated by the other end of a MessageChannel: same structured cloning and transfer. */
function pair<H extends Parameters<typeof exposeWorker>[0]>(handlers: H) {
  const { port1, port2 } = new MessageChannel();
  const stop = exposeWorker(handlers, port1 as unknown as Endpoint);
  const client = createWorkerClient<H>(port2 as unknown as Endpoint);
  const close = () => {
    stop();
    client.dispose();
    port1.close();
    port2.close();
  };
  opened.push(close);
  return { client, port1, port2 };
}
const opened: Array<() => void> = [];
afterEach(() => {
  while (opened.length) opened.pop()!();
});

const state = { sawAbort: false, progressAfterAbort: 0, steps: 0, workerBuffer: null as ArrayBuffer | null };

const handlers = {
  add: (args: { a: number; b: number }) => args.a + args.b,
  async echoLater(args: { text: string }) {
    await sleep(2);
    return { text: args.text.toUpperCase(), at: 'worker' };
  },
  async count(args: { to: number }, ctx: HandlerContext<{ step: number }>) {
    for (let i = 1; i <= args.to; i++) {
      await sleep(1);
      ctx.progress({ step: i });
    }
    return 'counted';
  },
  async longTrain(args: { maxSteps: number }, ctx: HandlerContext<number>) {
    state.steps = 0;
    for (let i = 0; i < args.maxSteps; i++) {
      if (ctx.signal.aborted) {
        state.sawAbort = true;
        ctx.progress(-1); // must be dropped
        throw new Error('stopped');
      }
      state.steps++;
      ctx.progress(i);
      await sleep(2);
    }
    return 'finished';
  },
  fail: () => {
    throw new TypeError('bad pattern: "b c -> b"');
  },
  async failLater() {
    await sleep(1);
    throw new RangeError('learning rate must be > 0');
  },
  sum(args: { data: Float32Array }) {
    return args.data.reduce((s, v) => s + v, 0);
  },
  makeBuffer(args: { n: number }) {
    const data = new Float32Array(args.n).fill(2);
    state.workerBuffer = data.buffer;
    return transfer({ data }, [data.buffer]);
  },
};

describe('worker RPC over a MessageChannel', () => {
  it('returns sync and async results', async () => {
    const { client } = pair(handlers);
    expect(await client.call('add', { a: 2, b: 3 })).toBe(5);
    const r = await client.call('echoLater', { text: 'hi' });
    expect(r).toEqual({ text: 'HI', at: 'worker' });
    // Calls in flight at once resolve independently.
    const all = await Promise.all([client.call('add', { a: 1, b: 1 }), client.call('echoLater', { text: 'x' }), client.call('add', { a: 5, b: 5 })]);
    expect(all).toEqual([2, { text: 'X', at: 'worker' }, 10]);
  });

  it('delivers progress in order before the result', async () => {
    const { client } = pair(handlers);
    const seen: number[] = [];
    const result = await client.call('count', { to: 5 }, { onProgress: (p) => seen.push(p.step) });
    expect(result).toBe('counted');
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('propagates errors with their message and name', async () => {
    const { client } = pair(handlers);
    await expect(client.call('fail', undefined)).rejects.toMatchObject({ name: 'TypeError', message: 'bad pattern: "b c -> b"' });
    await expect(client.call('failLater', undefined)).rejects.toMatchObject({ name: 'RangeError', message: 'learning rate must be > 0' });
    await expect(client.call('nope' as 'add', { a: 1, b: 2 })).rejects.toThrow(/no handler "nope".*add, echoLater/);
  });

  it('cancels through an AbortSignal: rejects at once, the handler sees the abort, later progress is dropped', async () => {
    state.sawAbort = false;
    const { client } = pair(handlers);
    const controller = new AbortController();
    const progress: number[] = [];
    const call = client.call('longTrain', { maxSteps: 10_000 }, {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p === 3) controller.abort();
      },
    });
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    const stepsAtAbort = state.steps;
    await sleep(30);
    expect(state.sawAbort).toBe(true);
    expect(state.steps - stepsAtAbort).toBeLessThanOrEqual(2);
    expect(progress).not.toContain(-1);
    expect(progress.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });

  it('an already-aborted signal never reaches the worker', async () => {
    state.steps = 0;
    const { client } = pair(handlers);
    const c = new AbortController();
    c.abort();
    await expect(client.call('longTrain', { maxSteps: 5 }, { signal: c.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await sleep(10);
    expect(state.steps).toBe(0);
  });

  it('transfers buffers instead of copying them, both ways', async () => {
    const { client } = pair(handlers);
    const data = new Float32Array([1, 2, 3, 4]);
    expect(await client.call('sum', transfer({ data }, [data.buffer]))).toBe(10);
    expect(data.buffer.byteLength).toBe(0); // moved to the worker
    const copy = new Float32Array([1, 2]);
    expect(await client.call('sum', { data: copy })).toBe(3);
    expect(copy.buffer.byteLength).toBe(8); // not marked: copied
    const out = await client.call('makeBuffer', { n: 3 });
    expect(Array.from(out.data)).toEqual([2, 2, 2]);
    expect(state.workerBuffer!.byteLength).toBe(0); // moved out of the worker
  });

  it('rejects arguments that cannot be cloned, and pending calls on dispose', async () => {
    const { client } = pair(handlers);
    await expect(client.call('add', { a: 1, b: () => 2 } as unknown as { a: number; b: number })).rejects.toThrow();
    const pending = client.call('longTrain', { maxSteps: 50 });
    client.dispose();
    await expect(pending).rejects.toThrow(/disposed/);
    await expect(client.call('add', { a: 1, b: 1 })).rejects.toThrow(/disposed/);
  });

  it('leaves other messages on the same port alone', async () => {
    const { client, port2, port1 } = pair(handlers);
    const foreign: unknown[] = [];
    port1.addEventListener('message', (ev) => foreign.push(ev.data));
    port2.postMessage({ kind: 'call', id: 1, name: 'add', args: { a: 1, b: 1 } }); // untagged
    await sleep(10);
    expect(foreign).toHaveLength(1);
    expect(await client.call('add', { a: 20, b: 22 })).toBe(42);
  });
});
