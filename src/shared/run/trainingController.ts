/**
 * The page's side of a training worker (React-free): glue between a runner (src/shared/run) and a
 * worker served by `trainingHandlers` (trainingWorker.ts), written once for every demo.
 *
 * - The worker starts on the first Run or Step, not on page load (a visitor who only reads never
 *   downloads its chunk), unless the demo calls `warmUp()`; a failed start is retried by the next Run
 *   with a fresh worker.
 * - One worker call per runner step, so Pause takes effect after the step in flight and Step trains
 *   exactly one step. The first step of a run prepares the session (data, with its own progress).
 * - Each runner gets a run id; results of an older run's step (settings changed meanwhile) are dropped.
 * - Step reports are queued and flushed to the sink in batches every `flushMs` while running (a
 *   checkpoint, a single Step and the last step flush at once), so main-thread tasks stay small.
 * - Reset and release dispose the session in the worker and report its live tensor count; a
 *   finished run reports it too, so a leak shows as a growing number.
 * - A `ContextLostError` (the worker's WebGL context died) stops that worker; the next Run starts a
 *   fresh one and prepares again instead of stepping a dead session.
 * - Extras (named actions such as NTL's attacks) are aborted by a new run, a reset or a release.
 *
 * Results go to a `TrainingSink` the demo passes in (usually `liveStore.sink`), not to a global store.
 */
import { createRunner, type Runner } from './index';
import { createWorkerClient, type Endpoint, type WorkerClient } from './worker';
import type { BackendInfo, BackendName } from '../tf';
import type { ExtraProgress, PrepareProgress, WorkerStatus } from './training';
import type { AnyTrainingHandlers } from './trainingWorker';
import { approxBytes, runKey, type ResumeStorage, type SavedRunMeta } from './resumeStore';

/** What a worker handle must offer: the RPC endpoint plus terminate(). A `Worker` is one. */
export type WorkerHandle = Endpoint & { terminate(): void };

type Awaited2<F> = F extends (...a: never[]) => infer R ? Awaited<R> : never;
type ArgsOf<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
export type StepOf<H> = H extends { step: infer F } ? Awaited2<F> : never;
export type InfoOf<H> = H extends { prepare: infer F } ? Awaited2<F> : never;
export type PrepareArgsOf<H> = H extends { prepare: infer F } ? ArgsOf<F> : never;
type StandardName = 'init' | 'prepare' | 'step' | 'checkpoint' | 'save' | 'restore' | 'simulateContextLoss' | 'dispose' | 'memory';
export type ExtraName<H> = Exclude<keyof H & string, StandardName>;

/** Where the controller puts what the worker reports. */
export interface TrainingSink<Step, Info> {
  workerStatus(status: WorkerStatus): void;
  /** Preparation progress; null once prepared. */
  progress(p: PrepareProgress | null): void;
  prepared(info: Info): void;
  /** A batch of step reports, oldest first. */
  steps(batch: readonly Step[]): void;
  /** Forget the run's results (a new run, a reset). */
  clearRun(): void;
  /** The worker's live tensors after a finished run or after a dispose. */
  tensors(when: 'afterRun' | 'afterDispose', numTensors: number): void;
  /** Seconds from the first step to the last, per finished run. */
  runFinished(seconds: number): void;
  /** The extra in flight (null when none) and the last extra's error (undefined: leave it as it is). */
  extra(status: { name: string; label: string; done: number; total: number } | null, error?: string | null): void;
  /** The run was saved (its description), or saving failed (null and why). */
  saved?(meta: SavedRunMeta | null, error: string | null): void;
}

export interface TrainingControllerOptions<Step> {
  makeWorker: () => WorkerHandle;
  /** The page's tfjs backend: the worker starts on it (and falls back like the page does). */
  backend: BackendName;
  /** Draw at most every flushMs while running (default 500). */
  flushMs?: number;
  /** Reports that must be drawn at once (a checkpoint with new evaluations). */
  isCheckpoint?: (report: Step) => boolean;
  /** Where a failed start points the user; default: Run again, or backend=cpu. */
  startHint?: string;
  /**
   * Save the run (the session's `saveState` and the step reports so far) every `everySteps` steps
   * (default 10), on Pause, at the end and when the page is hidden, so a reloaded page can resume it.
   */
  resume?: { demo: string; storage: ResumeStorage; everySteps?: number };
}

/** One runner's run, as the controller tracks it. */
interface RunContext<Step> {
  runId: number;
  key: string;
  prepareArgs: unknown;
  total: number;
  prepared: boolean;
  startedAt: number;
  /** Every step report of the run, oldest first (report i is step i + 1). */
  history: Step[];
  /** The step of the last save (0: none). */
  savedStep: number;
}

const isNamed = (err: unknown, name: string) => err instanceof Error && err.name === name;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class TrainingController<H extends AnyTrainingHandlers> {
  private client: WorkerClient<H> | null = null;
  private worker: WorkerHandle | null = null;
  private ready: Promise<BackendInfo> | null = null;
  /** Bumped by each new runner, release and terminate: an older run's results are dropped. */
  private runId = 0;
  private extraAbort: AbortController | null = null;
  /** Step reports not drawn yet. */
  private pending: StepOf<H>[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly flushMs: number;
  /** The current runner's run. */
  private run: RunContext<StepOf<H>> | null = null;
  /** Saves run one after another. */
  private saveChain: Promise<void> = Promise.resolve();
  /** Set once storing a run has failed (no IndexedDB, a full disk): later saves are not tried, so the message is said once and no step pays for a save that cannot be kept. */
  private saveFailed = false;

  constructor(
    private readonly opts: TrainingControllerOptions<StepOf<H>>,
    private readonly sink: TrainingSink<StepOf<H>, InfoOf<H>>,
  ) {
    this.flushMs = opts.flushMs ?? 500;
  }

  /** Starts the worker and tfjs in it (once); the sink shows its backend or why it failed. */
  private start(): Promise<BackendInfo> {
    if (this.ready) return this.ready;
    this.sink.workerStatus({ backend: null, error: null, starting: true });
    const worker = this.opts.makeWorker();
    const client = createWorkerClient<H>(worker);
    this.worker = worker;
    this.client = client;
    const init = client.call('init', { backend: this.opts.backend } as ArgsOf<H['init']>) as Promise<BackendInfo>;
    this.ready = init.then(
      (info) => {
        if (this.worker === worker) this.sink.workerStatus({ backend: info, error: null, starting: false });
        return info;
      },
      (err: unknown) => {
        if (this.worker === worker) {
          const hint = this.opts.startHint ?? 'Press Run to try again, or add backend=cpu to the link.';
          // The next Run tries a fresh worker.
          this.stopWorker(`The training worker could not start tfjs: ${messageOf(err)}. ${hint}`);
        }
        throw err;
      },
    );
    return this.ready;
  }

  /**
   * Starts the worker now instead of on the first Run or Step, for a demo whose worker has slow
   * set-up of its own to do while the visitor reads (the DEG demo loads RDKit's WebAssembly). A failed
   * start shows in the sink as on Run, and the next Run tries a fresh worker.
   */
  warmUp(): void {
    this.start().catch(() => undefined);
  }

  private get rpc(): WorkerClient<H> {
    if (!this.client) throw new Error('The training worker has not started: press Run.');
    return this.client;
  }

  // The generic client's call signature needs the handler's own types; the standard calls are typed here.
  private callStd<T>(name: string, args: unknown, extra?: Parameters<WorkerClient<H>['call']>[2]): Promise<T> {
    return (this.rpc.call as (n: string, a: unknown, o?: unknown) => Promise<T>)(name, args, extra);
  }

  /** A runner for one configuration: stepping it prepares (once) and trains in the worker. */
  makeRunner(prepareArgs: PrepareArgsOf<H>, totalSteps: number): Runner {
    const runId = ++this.runId;
    const current = () => runId === this.runId;
    this.cancelExtra();
    this.dropPending();
    this.sink.clearRun();
    const ctx: RunContext<StepOf<H>> = {
      runId,
      key: runKey(this.opts.resume?.demo ?? '', this.opts.backend, prepareArgs),
      prepareArgs,
      total: totalSteps,
      prepared: false,
      startedAt: 0,
      history: [],
      savedStep: 0,
    };
    this.run = ctx;
    const every = Math.max(1, this.opts.resume?.everySteps ?? 10);
    const runner: Runner = createRunner({
      totalSteps,
      step: async () => {
        if (!ctx.prepared) {
          ctx.startedAt = performance.now();
          this.sink.progress({ label: 'starting the training worker and tfjs', done: 0, total: 1, starting: true });
        }
        await this.start();
        if (!current()) return;
        if (!ctx.prepared) {
          const info = await this.callStd<InfoOf<H>>('prepare', prepareArgs, { onProgress: (p) => current() && this.sink.progress(p as PrepareProgress) });
          if (!current()) return;
          ctx.prepared = true;
          ctx.history = [];
          this.sink.prepared(info);
          this.sink.progress(null);
        }
        let report: StepOf<H>;
        try {
          report = await this.callStd<StepOf<H>>('step', undefined);
        } catch (err) {
          // The worker's WebGL context is gone, and with it every tensor of the session: the next
          // Run starts a fresh worker (and context) and prepares again instead of stepping a dead one.
          if (isNamed(err, 'ContextLostError')) {
            this.stopWorker();
            ctx.prepared = false;
          }
          throw err;
        }
        if (!current()) return;
        this.pending.push(report);
        ctx.history.push(report);
        // Sent before the next step's call, so the worker saves exactly this step's state. A step
        // that ends a pause (Pause pressed while it ran, or a single Step) is saved too: the pause
        // itself may have come while this step's report was still on its way.
        if (ctx.history.length % every === 0 || runner.getState().status !== 'running') void this.saveRun(ctx);
        // A single Step (runner not running) and a checkpoint are drawn at once; a running loop in batches.
        if (runner.getState().status !== 'running' || this.opts.isCheckpoint?.(report)) this.flush();
        else this.flushTimer ??= setTimeout(() => this.flush(), this.flushMs);
      },
      onDone: () => {
        this.flush();
        if (!current()) return;
        void this.saveRun(ctx);
        this.sink.runFinished((performance.now() - ctx.startedAt) / 1000);
        this.callStd<{ numTensors: number }>('memory', undefined).then(
          ({ numTensors }) => this.sink.tensors('afterRun', numTensors),
          () => undefined, // the worker was stopped (page left or backend changed)
        );
      },
      onReset: async () => {
        ctx.prepared = false;
        ctx.history = [];
        this.dropPending();
        this.cancelExtra();
        if (!this.client) {
          if (current()) this.sink.clearRun();
          return;
        }
        const { numTensors } = await this.callStd<{ numTensors: number }>('dispose', undefined);
        if (current()) this.sink.clearRun();
        this.sink.tensors('afterDispose', numTensors);
      },
    });
    // Pausing saves at once (a pause between two steps; one during a step saves when it ends): a
    // visitor who pauses and closes the tab resumes from exactly there.
    let last = runner.getState().status;
    runner.subscribe((st) => {
      if (st.status === 'paused' && last === 'running') void this.saveRun(ctx);
      last = st.status;
    });
    return runner;
  }

  /**
   * Saves the current run now (the page is being hidden or left); resolves when it is written, or at
   * once when there is nothing new to save or the demo does not save runs.
   */
  saveNow(): Promise<void> {
    return this.run ? this.saveRun(this.run) : Promise.resolve();
  }

  private saveRun(ctx: RunContext<StepOf<H>>): Promise<void> {
    const resume = this.opts.resume;
    if (!resume || this.saveFailed) return Promise.resolve();
    const next = this.saveChain.then(async () => {
      if (this.saveFailed) return;
      if (ctx.runId !== this.runId || !ctx.prepared || !this.client || ctx.history.length <= ctx.savedStep) return;
      const { step, state } = await this.callStd<{ step: number; state: unknown }>('save', undefined);
      // A newer run, or a report not received yet (cannot happen with one call per step; never save a gap).
      if (ctx.runId !== this.runId || step > ctx.history.length || step === 0) return;
      const payload = { state, history: ctx.history.slice(0, step) };
      const meta: SavedRunMeta = { key: ctx.key, demo: resume.demo, backend: this.opts.backend, step, total: ctx.total, savedAt: Date.now(), bytes: approxBytes(payload) };
      try {
        await resume.storage.save(meta, payload);
      } catch (err) {
        this.saveFailed = true;
        throw err;
      }
      ctx.savedStep = step;
      if (ctx.runId === this.runId) this.sink.saved?.(meta, null);
    });
    this.saveChain = next.catch((err: unknown) => {
      // A worker stopped mid-save (reset, backend change) is not worth a message; a full disk is.
      if (ctx.runId === this.runId && !isNamed(err, 'AbortError')) this.sink.saved?.(null, `This run could not be saved, so a reload will start it over: ${messageOf(err)}`);
    });
    return this.saveChain;
  }

  /** The saved run of the current runner's settings on this backend, if there is one. */
  async savedRun(): Promise<SavedRunMeta | null> {
    const resume = this.opts.resume;
    const ctx = this.run;
    if (!resume || !ctx) return null;
    const runs = await resume.storage.list(resume.demo);
    return runs.find((m) => m.key === ctx.key) ?? null;
  }

  /**
   * Continues the saved run of the current runner's settings: prepares the session (the data again,
   * from the seed), restores its training state, redraws the charts from the saved step reports, and
   * leaves the runner paused at the saved step (done, if it was finished).
   */
  async resumeSaved(runner: Runner): Promise<void> {
    const resume = this.opts.resume;
    const ctx = this.run;
    if (!resume || !ctx) throw new Error('This demo does not save its runs.');
    await runner.restore(async () => {
      const saved = await resume.storage.load<unknown, StepOf<H>>(ctx.key);
      if (!saved) throw new Error('The saved run is gone (cleared, perhaps in another tab): press Run to start over.');
      try {
        return await this.restoreInto(ctx, saved);
      } catch (err) {
        this.sink.progress(null);
        throw err;
      }
    });
  }

  private async restoreInto(ctx: RunContext<StepOf<H>>, saved: { state: unknown; history: StepOf<H>[] }): Promise<number> {
    const current = () => ctx.runId === this.runId;
    this.dropPending();
    this.cancelExtra();
    this.sink.clearRun();
    ctx.prepared = false;
    ctx.startedAt = performance.now();
    this.sink.progress({ label: 'starting the training worker and tfjs', done: 0, total: 1, starting: true });
    await this.start();
    const info = await this.callStd<InfoOf<H>>('prepare', ctx.prepareArgs, { onProgress: (p) => current() && this.sink.progress(p as PrepareProgress) });
    if (!current()) return 0;
    this.sink.prepared(info);
    this.sink.progress({ label: `restoring the saved run at step ${saved.history.length}`, done: 0, total: 1, starting: true });
    const { step } = await this.callStd<{ step: number }>('restore', { state: saved.state });
    if (!current()) return 0;
    ctx.prepared = true;
    ctx.history = saved.history.slice(0, step);
    ctx.savedStep = step;
    this.sink.progress(null);
    this.sink.steps(ctx.history);
    return step;
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length) this.sink.steps(batch);
  }

  private dropPending(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending = [];
  }

  /** Drops the current run's session (settings changed or the page is leaving). */
  release(): void {
    this.runId++;
    this.dropPending();
    this.cancelExtra();
    if (!this.client) return;
    this.callStd<{ numTensors: number }>('dispose', undefined).then(
      ({ numTensors }) => this.sink.tensors('afterDispose', numTensors),
      () => undefined, // the worker is being terminated
    );
  }

  /**
   * Runs a named extra on the trained session (e.g. an attack), showing its progress in the sink
   * under `label`. Resolves with its result, or null when it was cancelled, superseded by a new run,
   * or failed (the failure is shown through the sink). A lost WebGL context stops the worker.
   */
  async extra<K extends ExtraName<H>>(name: K, args: ArgsOf<H[K]>, label: string = name): Promise<Awaited2<H[K]> | null> {
    this.cancelExtra();
    const ac = new AbortController();
    this.extraAbort = ac;
    const runId = this.runId;
    const current = () => runId === this.runId;
    this.sink.extra({ name, label, done: 0, total: 1 }, null);
    try {
      const result = await this.callStd<Awaited2<H[K]>>(name, args, {
        signal: ac.signal,
        onProgress: (p) => {
          const { done, total } = p as ExtraProgress;
          if (current() && this.extraAbort === ac) this.sink.extra({ name, label, done, total });
        },
      });
      return current() ? result : null;
    } catch (err) {
      if (isNamed(err, 'ContextLostError')) this.stopWorker();
      if (!isNamed(err, 'AbortError') && current()) this.sink.extra(null, messageOf(err));
      return null;
    } finally {
      if (this.extraAbort === ac) {
        this.extraAbort = null;
        this.sink.extra(null);
      }
    }
  }

  cancelExtra(): void {
    if (!this.extraAbort) return;
    this.extraAbort.abort();
    this.extraAbort = null;
    this.sink.extra(null);
  }

  /** Loses the worker's WebGL context on purpose (diagnostics); false when it is not on WebGL or not started. */
  async simulateContextLoss(): Promise<boolean> {
    if (!this.client) return false;
    const { lost } = await this.callStd<{ lost: boolean }>('simulateContextLoss', undefined);
    return lost;
  }

  /** Stops a worker whose tfjs can no longer compute, or that failed to start; the next Run starts a new one. */
  private stopWorker(error: string | null = null): void {
    this.client?.dispose();
    this.worker?.terminate();
    this.client = null;
    this.worker = null;
    this.ready = null;
    this.sink.workerStatus({ backend: null, error, starting: false });
  }

  /** Stops the worker for good (the page is leaving or the backend changed); nothing in flight is drawn. */
  terminate(): void {
    this.runId++;
    this.dropPending();
    this.cancelExtra();
    this.stopWorker();
  }
}
