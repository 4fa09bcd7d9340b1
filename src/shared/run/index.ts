/**
 * The long-task runner: runs `step(i)` for i = 0..totalSteps-1 in time slices that yield to the
 * browser, so training loops and simulations stay interruptible (run / pause / step / reset /
 * cancel) and no main-thread task runs much past `sliceMs` (plus one step). It also keeps progress,
 * a smoothed steps/s and an ETA for the progress bar, and turns a throwing step into an 'error'
 * state with its message instead of an unhandled rejection.
 *
 * Steps never overlap: every step (and the onReset hook) runs through one serial lock, so pressing
 * Step while a slice is finishing, or Run right after Reset, cannot interleave two steps on a model.
 */

export type RunnerStatus = 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'error';

export interface RunnerState {
  status: RunnerStatus;
  /** Steps completed. */
  done: number;
  total: number;
  /** Seconds left at the current smoothed rate; null until a rate has been measured. */
  etaSeconds: number | null;
  /** Smoothed steps per second of wall time while running (yields included); null until measured. */
  stepsPerSecond: number | null;
  error?: string;
}

export interface Runner {
  /** Runs (or resumes) until done, paused or cancelled. No-op while running or when done. */
  start(): void;
  /** Stops after the step in progress (which still counts). */
  pause(): void;
  /** Runs exactly one step (when not running and not done); resolves when it has finished. */
  stepOnce(): Promise<void>;
  /** Back to step 0 and 'idle'; a step in progress finishes first and is not counted; calls onReset. */
  reset(): void;
  /** Stops like pause, with status 'cancelled' (start() resumes from where it stopped). */
  cancel(): void;
  /**
   * Continues a saved run: `restore` runs under the step lock (no step runs meanwhile) and returns
   * the step the model now stands at; the runner then counts from there, paused (or done). Ignored
   * while running. A throwing `restore` leaves the 'error' state with its message.
   */
  restore(restore: () => Promise<number>): Promise<void>;
  getState(): RunnerState;
  /** Called on every state change (each step, status changes). Returns an unsubscribe. */
  subscribe(cb: (state: RunnerState) => void): () => void;
}

export interface RunnerOptions {
  totalSteps: number;
  step: (i: number) => Promise<void> | void;
  /** Work per task before yielding, in ms (default 30, so a task stays under 50 ms with a short step). */
  sliceMs?: number;
  /** Called once when the last step has completed. */
  onDone?: () => void;
  /** Called by reset() once no step is in progress: put the model/simulation back to its start here. */
  onReset?: () => void | Promise<void>;
}

type SchedulerLike = { yield?: () => Promise<void> };

/**
 * Lets the browser handle input and paint, then continues. Prefers `scheduler.yield()` (keeps the
 * continuation ahead of other queued work), then a MessageChannel message (unlike setTimeout(0) it is
 * not clamped to 4 ms after nesting, nor throttled to 1 s in background tabs), then setTimeout.
 */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      // A fresh channel each time, closed after use: an open port would keep Node's event loop alive.
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Weight of the newest slice in the smoothed rate: responsive, yet steady enough for an ETA. */
const RATE_SMOOTHING = 0.3;

export function createRunner(opts: RunnerOptions): Runner {
  const { step, onDone, onReset } = opts;
  const total = Math.max(0, Math.floor(opts.totalSteps));
  const sliceMs = Math.max(1, opts.sliceMs ?? 30);
  if (!Number.isFinite(opts.totalSteps)) throw new RangeError(`createRunner: totalSteps must be finite, got ${opts.totalSteps}`);

  let state: RunnerState = { status: total === 0 ? 'done' : 'idle', done: 0, total, etaSeconds: null, stepsPerSecond: null };
  const listeners = new Set<(s: RunnerState) => void>();
  /** Bumped by reset(): a step that started before a reset must not count after it. */
  let generation = 0;
  /** Bumped by every start(): an older loop that is still awaiting a step exits when it wakes. */
  let loopToken = 0;
  /** Serialises steps and onReset. */
  let lock: Promise<unknown> = Promise.resolve();

  function set(patch: Partial<RunnerState>): void {
    state = { ...state, ...patch };
    if (patch.error === undefined && 'error' in patch) delete state.error;
    for (const cb of [...listeners]) {
      try {
        cb(state);
      } catch (err) {
        // A broken subscriber (a UI bug) must not stop the run or the other subscribers.
        console.error('runner subscriber threw', err);
      }
    }
  }

  function withEta(done: number, rate: number | null): Pick<RunnerState, 'etaSeconds' | 'stepsPerSecond'> {
    return { stepsPerSecond: rate, etaSeconds: rate && rate > 0 ? (total - done) / rate : null };
  }

  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs step(done) under the lock. Returns 'ok', 'stale' (a reset happened meanwhile; nothing
   * counted), 'finished' (all steps were already done), or 'error'.
   */
  function runOne(): Promise<'ok' | 'stale' | 'finished' | 'error'> {
    const gen = generation;
    return serial(async () => {
      if (gen !== generation) return 'stale';
      if (state.done >= total) return 'finished';
      try {
        await step(state.done);
      } catch (err) {
        if (gen !== generation) return 'stale';
        set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
        return 'error';
      }
      if (gen !== generation) return 'stale';
      const done = state.done + 1;
      set({ done, ...withEta(done, state.stepsPerSecond) });
      if (done >= total) {
        set({ status: 'done', etaSeconds: 0 });
        try {
          onDone?.();
        } catch (err) {
          set({ status: 'error', error: `onDone failed: ${err instanceof Error ? err.message : String(err)}` });
        }
        return 'finished';
      }
      return 'ok';
    });
  }

  async function loop(token: number): Promise<void> {
    let rate = state.stepsPerSecond;
    let sliceStart = now();
    let stepsInSlice = 0;
    const alive = () => token === loopToken && state.status === 'running';
    while (alive()) {
      const outcome = await runOne();
      if (outcome !== 'ok') return;
      stepsInSlice++;
      const elapsed = now() - sliceStart;
      if (elapsed >= sliceMs) {
        await yieldToBrowser();
        // Measure the rate over the slice and the yield: that is the pace the user sees.
        const wall = (now() - sliceStart) / 1000;
        const sliceRate = stepsInSlice / Math.max(wall, 1e-6);
        rate = rate == null ? sliceRate : RATE_SMOOTHING * sliceRate + (1 - RATE_SMOOTHING) * rate;
        if (token === loopToken) set(withEta(state.done, rate));
        sliceStart = now();
        stepsInSlice = 0;
      }
    }
  }

  const runner: Runner = {
    start() {
      if (state.status === 'running' || state.done >= total) return;
      const token = ++loopToken;
      set({ status: 'running', error: undefined });
      void loop(token);
    },
    pause() {
      if (state.status === 'running') set({ status: 'paused' });
    },
    cancel() {
      if (state.status === 'running' || state.status === 'paused' || state.status === 'idle') {
        loopToken++;
        set({ status: 'cancelled' });
      }
    },
    async stepOnce() {
      if (state.status === 'running' || state.done >= total) return;
      if (state.status !== 'paused') set({ status: 'paused', error: undefined });
      await runOne();
    },
    reset() {
      generation++;
      loopToken++;
      set({
        status: total === 0 ? 'done' : 'idle',
        done: 0,
        etaSeconds: null,
        stepsPerSecond: null,
        error: undefined,
      });
      if (onReset) {
        void serial(async () => {
          try {
            await onReset();
          } catch (err) {
            set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
          }
        });
      }
    },
    async restore(fn) {
      if (state.status === 'running') return;
      generation++;
      loopToken++;
      const gen = generation;
      set({ status: 'paused', done: 0, etaSeconds: null, stepsPerSecond: null, error: undefined });
      await serial(async () => {
        if (gen !== generation) return;
        let at: number;
        try {
          at = await fn();
        } catch (err) {
          if (gen === generation) set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
          return;
        }
        if (gen !== generation) return;
        const done = Math.max(0, Math.min(total, Math.floor(at)));
        set({ done, status: done >= total ? 'done' : 'paused' });
      });
    },
    getState: () => state,
    subscribe(cb) {
      listeners.add(cb);
      return () => {
        listeners.delete(cb);
      };
    },
  };
  return runner;
}
