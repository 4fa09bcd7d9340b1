/**
 * The training controller and the standard worker handlers together, over a MessageChannel (the
 * same structured cloning a Worker uses), with a fake session and fake tfjs hooks: a failed start
 * then a retry, a stale step after a settings change, reset during a step, a context loss,
 * batching, and extras.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendInfo, BackendName } from '../tf';
import type { Runner } from './index';
import { exposeWorker, type Endpoint } from './worker';
import { TrainingController, type TrainingSink, type WorkerHandle } from './trainingController';
import { trainingHandlers, type ExtraOptions, type PrepareOptions, type TfHooks, type TrainingSession } from './trainingWorker';
import type { PrepareProgress } from './training';
import { memoryResumeStorage, type ResumeStorage, type SavedRunMeta } from './resumeStore';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FakeConfig {
  tag: string;
  /** Every `checkpointEvery`-th step carries a checkpoint. */
  checkpointEvery: number;
}
interface FakeStep {
  tag: string;
  step: number;
  checkpoint?: boolean;
}

/** A step the test releases by hand, to act while it is in flight. */
class Gate {
  private open = true;
  private waiters: Array<() => void> = [];
  close() {
    this.open = false;
  }
  release() {
    this.open = true;
    this.waiters.splice(0).forEach((w) => w());
  }
  wait(): Promise<void> {
    return this.open ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
}

/** Shared by every fake worker of a test: counts and knobs. */
const world = {
  gate: new Gate(),
  failInits: 0,
  workersMade: 0,
  workersTerminated: 0,
  prepares: 0,
  liveSessions: 0,
  stepDelayMs: 1,
};

class FakeSession implements TrainingSession<FakeStep, { tag: string }> {
  steps = 0;
  readonly info: { tag: string };
  private disposed = false;
  constructor(private readonly config: FakeConfig) {
    this.info = { tag: config.tag };
    world.liveSessions++;
  }
  async step(): Promise<FakeStep> {
    await world.gate.wait();
    await sleep(world.stepDelayMs);
    this.steps++;
    return { tag: this.config.tag, step: this.steps, ...(this.steps % this.config.checkpointEvery === 0 ? { checkpoint: true } : {}) };
  }
  checkpoint(final: boolean) {
    return { step: this.steps, final };
  }
  saveState() {
    return { steps: this.steps, tag: this.config.tag };
  }
  restoreState(state: { steps: number; tag: string }) {
    if (state.tag !== this.config.tag) throw new Error(`saved for ${state.tag}, not ${this.config.tag}`);
    this.steps = state.steps;
  }
  async slowExtra(args: { n: number }, opts: ExtraOptions): Promise<{ sum: number }> {
    let sum = 0;
    for (let i = 1; i <= args.n; i++) {
      sum += i;
      opts.onProgress(i, args.n);
      await sleep(2);
      await opts.yieldNow();
      if (opts.cancelled()) throw new Error('cancelled');
    }
    return { sum };
  }
  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    world.liveSessions--;
  }
}

/** One fake worker: its own tfjs context (lost or not) on one end of a MessageChannel. */
function makeFakeWorker(): WorkerHandle {
  world.workersMade++;
  let lost = false;
  const tf: TfHooks = {
    async initBackend({ force }: { force: BackendName }): Promise<BackendInfo> {
      await sleep(1);
      if (world.failInits > 0) {
        world.failInits--;
        throw new Error('no backend could start');
      }
      return { name: force, reason: 'test', forced: true };
    },
    isContextLost: () => lost,
    simulateContextLoss: () => (lost = true),
    numTensors: () => world.liveSessions * 10,
  };
  const handlers = trainingHandlers({
    create: async (args: { config: FakeConfig }, opts: PrepareOptions<PrepareProgress>) => {
      world.prepares++;
      opts.onProgress({ label: 'data', done: 0, total: 1 });
      await opts.yieldNow();
      return new FakeSession(args.config);
    },
    extras: { sum: (s: FakeSession, args: { n: number }, opts: ExtraOptions) => s.slowExtra(args, opts) },
    tf,
  });
  const { port1, port2 } = new MessageChannel();
  const stop = exposeWorker(handlers, port1 as unknown as Endpoint);
  const end = port2 as unknown as Endpoint;
  return {
    postMessage: (m: unknown, t?: Transferable[]) => end.postMessage(m, t),
    addEventListener: (type: 'message', l: (ev: MessageEvent) => void) => end.addEventListener(type, l),
    removeEventListener: (type: 'message', l: (ev: MessageEvent) => void) => end.removeEventListener?.(type, l),
    start: () => end.start?.(),
    terminate: () => {
      world.workersTerminated++;
      stop();
      port1.close();
      port2.close();
    },
  };
}
type FakeHandlers = ReturnType<typeof _fakeHandlersType>;
// Only for the type: the handlers object a fake worker serves.
function _fakeHandlersType() {
  return trainingHandlers({
    create: async (args: { config: FakeConfig }) => new FakeSession(args.config),
    extras: { sum: (s: FakeSession, args: { n: number }, opts: ExtraOptions) => s.slowExtra(args, opts) },
    tf: {} as TfHooks,
  });
}

type Event =
  | { kind: 'status'; backend: string | null; error: string | null; starting: boolean }
  | { kind: 'progress'; label: string | null }
  | { kind: 'prepared'; tag: string }
  | { kind: 'steps'; batch: FakeStep[] }
  | { kind: 'clear' }
  | { kind: 'tensors'; when: string; n: number }
  | { kind: 'finished' }
  | { kind: 'extra'; name: string | null; done?: number; error?: string | null }
  | { kind: 'saved'; step: number | null; error: string | null };

function recordingSink() {
  const events: Event[] = [];
  const sink: TrainingSink<FakeStep, { tag: string }> = {
    workerStatus: (s) => events.push({ kind: 'status', backend: s.backend?.name ?? null, error: s.error, starting: s.starting }),
    progress: (p) => events.push({ kind: 'progress', label: p?.label ?? null }),
    prepared: (info) => events.push({ kind: 'prepared', tag: info.tag }),
    steps: (batch) => events.push({ kind: 'steps', batch: [...batch] }),
    clearRun: () => events.push({ kind: 'clear' }),
    tensors: (when, n) => events.push({ kind: 'tensors', when, n }),
    runFinished: () => events.push({ kind: 'finished' }),
    extra: (s, error) => events.push({ kind: 'extra', name: s?.name ?? null, done: s?.done, ...(error !== undefined ? { error } : {}) }),
    saved: (meta: SavedRunMeta | null, error: string | null) => events.push({ kind: 'saved', step: meta?.step ?? null, error }),
  };
  const stepsDrawn = () => events.flatMap((e) => (e.kind === 'steps' ? e.batch : []));
  const lastStatus = () => [...events].reverse().find((e): e is Extract<Event, { kind: 'status' }> => e.kind === 'status');
  return { sink, events, stepsDrawn, lastStatus };
}

const controllers: TrainingController<FakeHandlers>[] = [];
function setup(flushMs = 500, storage?: ResumeStorage) {
  const rec = recordingSink();
  const controller = new TrainingController<FakeHandlers>(
    {
      makeWorker: makeFakeWorker,
      backend: 'wasm',
      flushMs,
      isCheckpoint: (r) => r.checkpoint === true,
      ...(storage ? { resume: { demo: 'fake', storage, everySteps: 3 } } : {}),
    },
    rec.sink,
  );
  controllers.push(controller);
  return { controller, ...rec };
}
const config = (tag: string, checkpointEvery = 1000): { config: FakeConfig } => ({ config: { tag, checkpointEvery } });

async function until(cond: () => boolean, what: string, ms = 5000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}
const finished = (r: Runner) => until(() => ['done', 'error', 'paused', 'cancelled'].includes(r.getState().status), 'the runner to stop');

afterEach(() => {
  while (controllers.length) controllers.pop()!.terminate();
  world.gate.release();
  Object.assign(world, { failInits: 0, workersMade: 0, workersTerminated: 0, prepares: 0, liveSessions: 0, stepDelayMs: 1 });
});

describe('TrainingController over a MessageChannel', () => {
  it('starts the worker on the first step, not before, and prepares once per run', async () => {
    const { controller, events } = setup();
    const runner = controller.makeRunner(config('a'), 3);
    expect(world.workersMade).toBe(0);
    await runner.stepOnce();
    await runner.stepOnce();
    expect(world.workersMade).toBe(1);
    expect(world.prepares).toBe(1);
    expect(events.filter((e) => e.kind === 'prepared')).toEqual([{ kind: 'prepared', tag: 'a' }]);
    expect(events.some((e) => e.kind === 'status' && e.starting)).toBe(true);
  });

  it('warmUp() starts the worker before any step; the first step then uses it', async () => {
    const { controller, lastStatus } = setup();
    const runner = controller.makeRunner(config('a'), 3);
    controller.warmUp();
    controller.warmUp();
    expect(world.workersMade, 'one worker however often it is warmed').toBe(1);
    await until(() => lastStatus()?.backend === 'wasm', 'the warmed worker to report its backend');
    expect(world.prepares, 'warming does not prepare').toBe(0);
    await runner.stepOnce();
    expect(world.workersMade).toBe(1);
    expect(world.prepares).toBe(1);
    expect(runner.getState().done).toBe(1);
  });

  it('a failed start shows why, and the next Run retries with a fresh worker', async () => {
    const { controller, lastStatus, stepsDrawn } = setup();
    world.failInits = 1;
    const runner = controller.makeRunner(config('a'), 3);
    await runner.stepOnce();
    expect(runner.getState().status).toBe('error');
    expect(runner.getState().done).toBe(0);
    expect(lastStatus()?.error).toMatch(/could not start tfjs: no backend could start\. Press Run to try again/);
    expect(world.workersTerminated, 'the broken worker is stopped').toBe(1);
    await runner.stepOnce();
    expect(world.workersMade, 'a fresh worker for the retry').toBe(2);
    expect(runner.getState().done).toBe(1);
    expect(lastStatus()).toMatchObject({ backend: 'wasm', error: null, starting: false });
    expect(stepsDrawn().map((s) => s.step)).toEqual([1]);
  });

  it('drops a stale step: results of the old settings never reach the sink after a change', async () => {
    const { controller, events, stepsDrawn } = setup();
    const first = controller.makeRunner(config('old'), 5);
    await first.stepOnce();
    world.gate.close();
    const inFlight = first.stepOnce();
    await sleep(20); // the old run's second step is now waiting in the worker
    // Settings change: the page cancels the runner, releases the session and makes a new runner.
    first.cancel();
    controller.release();
    const second = controller.makeRunner(config('new'), 5);
    const clearedAt = events.length;
    world.gate.release();
    await inFlight;
    await second.stepOnce();
    const after = events.slice(clearedAt);
    expect(after.flatMap((e) => (e.kind === 'steps' ? e.batch.map((b) => b.tag) : []))).toEqual(['new']);
    expect(stepsDrawn().map((s) => `${s.tag}${s.step}`)).toEqual(['old1', 'new1']);
    expect(world.liveSessions, 'the old session was disposed').toBe(1);
  });

  it('reset during a step lets it finish, then disposes the session and clears the run', async () => {
    const { controller, events } = setup();
    const runner = controller.makeRunner(config('a'), 5);
    await runner.stepOnce();
    world.gate.close();
    void runner.stepOnce();
    await sleep(20);
    runner.reset();
    expect(runner.getState()).toMatchObject({ status: 'idle', done: 0 });
    world.gate.release();
    await until(() => events.some((e) => e.kind === 'tensors' && e.when === 'afterDispose'), 'the dispose');
    expect(world.liveSessions, 'reset freed the session').toBe(0);
    const tail = events.slice(events.findIndex((e) => e.kind === 'tensors'));
    expect(tail).toEqual([{ kind: 'tensors', when: 'afterDispose', n: 0 }]);
    expect(events.filter((e) => e.kind === 'clear').length, 'cleared at the start and after the reset').toBe(2);
    expect(events.findLastIndex((e) => e.kind === 'clear')).toBeGreaterThan(events.findLastIndex((e) => e.kind === 'steps'));
    // The next step prepares a new session.
    await runner.stepOnce();
    expect(world.prepares).toBe(2);
    expect(runner.getState().done).toBe(1);
  });

  it('a lost WebGL context stops the step with a message, stops the worker, and the next Run starts afresh', async () => {
    const { controller, lastStatus, stepsDrawn } = setup();
    const runner = controller.makeRunner(config('a'), 5);
    await runner.stepOnce();
    expect(await controller.simulateContextLoss()).toBe(true);
    await runner.stepOnce();
    const state = runner.getState();
    expect(state.status).toBe('error');
    expect(state.error).toMatch(/context in the training worker was lost at step 2/);
    expect(state.done, 'the step on the lost context is not counted').toBe(1);
    expect(world.workersTerminated).toBe(1);
    expect(world.liveSessions, 'the dead session was dropped').toBe(0);
    expect(lastStatus()).toMatchObject({ backend: null, starting: false });
    runner.reset();
    await runner.stepOnce();
    expect(world.workersMade).toBe(2);
    expect(world.prepares).toBe(2);
    expect(runner.getState()).toMatchObject({ status: 'paused', done: 1 });
    expect(stepsDrawn().map((s) => s.step)).toEqual([1, 1]);
  });

  it('draws a running loop in batches, a checkpoint at once, and every step exactly once, in order', async () => {
    const { controller, events, stepsDrawn } = setup(40);
    world.stepDelayMs = 3;
    const runner = controller.makeRunner(config('a', 25), 60);
    runner.start();
    await finished(runner);
    expect(runner.getState().status).toBe('done');
    const batches = events.filter((e): e is Extract<Event, { kind: 'steps' }> => e.kind === 'steps');
    expect(stepsDrawn().map((s) => s.step)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(batches.length, 'fewer draws than steps').toBeLessThan(30);
    expect(batches.some((b) => b.batch.length > 1)).toBe(true);
    for (const cp of [25, 50]) {
      const b = batches.find((x) => x.batch.some((s) => s.step === cp))!;
      expect(b.batch[b.batch.length - 1].step, `checkpoint ${cp} flushes its batch at once`).toBe(cp);
    }
    await until(() => events.some((e) => e.kind === 'tensors' && e.when === 'afterRun'), 'the memory report');
    expect(events.some((e) => e.kind === 'finished')).toBe(true);
    expect(events.find((e) => e.kind === 'tensors')).toEqual({ kind: 'tensors', when: 'afterRun', n: 10 });
  });

  it('a single Step is drawn as soon as it finishes', async () => {
    const { controller, stepsDrawn } = setup(10_000);
    const runner = controller.makeRunner(config('a'), 5);
    await runner.stepOnce();
    expect(stepsDrawn().map((s) => s.step)).toEqual([1]);
  });

  it('runs an extra with progress; a new run aborts it and its result is dropped', async () => {
    const { controller, events } = setup();
    const runner = controller.makeRunner(config('a'), 2);
    await runner.stepOnce();
    expect(await controller.extra('sum', { n: 4 }, 'Summing')).toEqual({ sum: 10 });
    expect(events.filter((e) => e.kind === 'extra' && e.name === 'sum').map((e) => (e as { done?: number }).done)).toEqual([0, 1, 2, 3, 4]);
    const slow = controller.extra('sum', { n: 200 });
    await sleep(30);
    controller.makeRunner(config('b'), 2);
    expect(await slow).toBeNull();
    expect(events[events.length - 1]).toMatchObject({ kind: 'clear' });
  });

  it('an extra with no session names the fix', async () => {
    const { controller, events } = setup();
    const runner = controller.makeRunner(config('a'), 2);
    await runner.stepOnce();
    runner.reset();
    await until(() => world.liveSessions === 0, 'the dispose');
    expect(await controller.extra('sum', { n: 2 })).toBeNull();
    expect(events.filter((e) => e.kind === 'extra' && e.error).map((e) => (e as { error: string }).error)).toEqual([
      'Train a model first (press Run), then try sum.',
    ]);
  });

  it('saves every few steps, on pause and at the end; a reloaded page resumes from the saved step with its chart history', async () => {
    const storage = memoryResumeStorage();
    // A run to the end is saved at its last step.
    const first = setup(0, storage);
    const whole = first.controller.makeRunner(config('a'), 7);
    whole.start();
    await until(() => whole.getState().status === 'done', 'the whole run');
    await first.controller.saveNow();
    expect((await storage.list('fake')).map((m) => [m.step, m.total])).toEqual([[7, 7]]);
    expect(first.events.filter((e) => e.kind === 'saved').map((e) => (e as { step: number }).step)).toEqual([3, 6, 7]);

    // Another run, paused at step 4 (a save every 3 steps, and one on pause), then the page reloads.
    const page = setup(0, storage);
    const runner = page.controller.makeRunner(config('b'), 10);
    runner.start();
    await until(() => runner.getState().done >= 4, 'step 4');
    runner.pause();
    await finished(runner);
    await page.controller.saveNow();
    const pausedAt = runner.getState().done;
    const saved = (await storage.list('fake')).find((m) => m.key.includes('"b"'));
    expect(saved?.step).toBe(pausedAt);
    page.controller.terminate();

    const reloaded = setup(0, storage);
    const again = reloaded.controller.makeRunner(config('b'), 10);
    expect((await reloaded.controller.savedRun())?.step).toBe(pausedAt);
    await reloaded.controller.resumeSaved(again);
    expect(again.getState()).toMatchObject({ status: 'paused', done: pausedAt });
    // The charts get the saved history at once, then the new steps, numbered on from there.
    expect(reloaded.stepsDrawn().map((r) => r.step)).toEqual(Array.from({ length: pausedAt }, (_, i) => i + 1));
    again.start();
    await until(() => again.getState().status === 'done', 'the resumed run');
    expect(reloaded.stepsDrawn().map((r) => r.step)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(world.prepares).toBe(3);

    // Settings with no saved run offer none; a demo without `resume` saves nothing.
    const other = setup(0, storage);
    other.controller.makeRunner(config('c'), 10);
    expect(await other.controller.savedRun()).toBeNull();
    const plain = setup(0);
    const r = plain.controller.makeRunner(config('b'), 4);
    r.start();
    await until(() => r.getState().status === 'done', 'the plain run');
    expect(await plain.controller.savedRun()).toBeNull();
    expect(plain.events.some((e) => e.kind === 'saved')).toBe(false);
  });

  it('Pause pressed while a step runs saves that step once it ends', async () => {
    const storage = memoryResumeStorage();
    const { controller } = setup(0, storage);
    const runner = controller.makeRunner(config('p'), 10);
    world.gate.close();
    runner.start();
    await until(() => world.prepares === 1, 'the run to prepare');
    await sleep(20); // step 1 is in the worker, held at the gate
    runner.pause();
    world.gate.release();
    await until(() => runner.getState().done === 1, 'step 1');
    // No saveNow() here: the step's own save must do it.
    let saved: number[] = [];
    for (let i = 0; i < 100 && saved.length === 0; i++) {
      await sleep(10);
      saved = (await storage.list('fake')).map((m) => m.step);
    }
    expect(saved).toEqual([1]);
  });

  it('storage that cannot keep a run (no IndexedDB) is said once, and no later step is saved in vain', async () => {
    const storage = memoryResumeStorage();
    let tries = 0;
    const failing: ResumeStorage = {
      ...storage,
      save: async () => {
        tries++;
        throw new Error('IndexedDB is not available in this browser');
      },
    };
    const { controller, events } = setup(0, failing);
    const runner = controller.makeRunner(config('n'), 10);
    runner.start();
    await until(() => runner.getState().status === 'done', 'the run');
    await controller.saveNow();
    expect(tries).toBe(1);
    const errors = events.filter((e): e is Extract<typeof e, { kind: 'saved' }> => e.kind === 'saved').map((e) => e.error);
    expect(errors).toEqual(['This run could not be saved, so a reload will start it over: IndexedDB is not available in this browser']);
  });

  it('a saved run that no longer restores (other settings, or cleared) leaves an error that names the fix', async () => {
    const storage = memoryResumeStorage();
    const { controller } = setup(0, storage);
    const runner = controller.makeRunner(config('d'), 5);
    await expect(controller.resumeSaved(runner)).resolves.toBeUndefined();
    expect(runner.getState().status).toBe('error');
    expect(runner.getState().error).toMatch(/saved run is gone.*press Run/);
    // Run still works from there.
    runner.reset();
    runner.start();
    await until(() => runner.getState().status === 'done', 'the run after the failed resume');
  });
});
