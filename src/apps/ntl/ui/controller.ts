/**
 * Glue between the page's runner and the training worker (React-free). The runner (src/shared/run)
 * drives one worker call per training step, so Pause takes effect after the step in flight (about
 * 0.1–0.5 s on WASM) and Step trains exactly one batch. The first step of a run generates the data
 * (with its own progress), Reset disposes the worker's models, and a finished run reports the
 * worker's live tensor count, so a leak shows up as a growing number across runs.
 */
import { createRunner, type Runner } from '../../../shared/run';
import type { BackendInfo, BackendName } from '../../../shared/tf';
import type { NtlWorkerHandlers } from '../worker/train.worker';
import { createWorkerClient, type WorkerClient } from '../../../shared/run/worker';
import type { AttackKind, SessionConfig, SessionSizes } from '../worker/session';
import { addSteps, clearRun, useLive } from './liveStore';
import type { StepReport } from '../worker/session';

const FLUSH_MS = 500;

export class NtlController {
  /** Started on the first Run/Step, not on page load: visitors who only read pay nothing for it. */
  private client: WorkerClient<NtlWorkerHandlers> | null = null;
  private worker: Worker | null = null;
  private ready: Promise<BackendInfo> | null = null;
  /** Bumped by each new runner: results of an older runner's step are dropped. */
  private runId = 0;
  private attackAbort: AbortController | null = null;
  /** Step reports not drawn yet: the page redraws at most every FLUSH_MS, not after every step. */
  private pending: StepReport[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly makeWorker: () => Worker,
    private readonly backend: BackendName,
    private readonly sizes?: Partial<SessionSizes>,
  ) {}

  /** Starts the worker and tfjs in it (once); the live store shows its backend or why it failed. */
  private start(): Promise<BackendInfo> {
    if (this.ready) return this.ready;
    useLive.setState({ workerBackend: null, workerError: null, workerStarting: true });
    const worker = this.makeWorker();
    const client = createWorkerClient<NtlWorkerHandlers>(worker);
    this.worker = worker;
    this.client = client;
    this.ready = client.call('init', { backend: this.backend }).then(
      (info) => {
        useLive.setState({ workerBackend: info, workerError: null, workerStarting: false });
        return info;
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        useLive.setState({ workerError: `The training worker could not start tfjs: ${message}. Press Run to try again, or add backend=cpu to the link.`, workerStarting: false });
        // Let the next Run try a fresh worker.
        client.dispose();
        worker.terminate();
        if (this.worker === worker) {
          this.worker = null;
          this.client = null;
          this.ready = null;
        }
        throw err;
      },
    );
    return this.ready;
  }

  private get rpc(): WorkerClient<NtlWorkerHandlers> {
    if (!this.client) throw new Error('The training worker has not started: press Run.');
    return this.client;
  }

  /** A runner for one configuration; stepping it trains in the worker and fills the live store. */
  makeRunner(config: SessionConfig): Runner {
    const runId = ++this.runId;
    const live = () => runId === this.runId;
    this.cancelAttack();
    this.dropPending();
    clearRun();
    let prepared = false;
    let startedAt = 0;
    const runner: Runner = createRunner({
      totalSteps: config.steps,
      step: async () => {
        if (!prepared) {
          startedAt = performance.now();
          useLive.setState({ data: { phase: 'data', label: 'starting the training worker and tfjs', done: 0, total: 1 } });
        }
        await this.start();
        if (!prepared) {
          const info = await this.rpc.call('prepare', { config, sizes: this.sizes }, { onProgress: (p) => live() && useLive.setState({ data: p }) });
          if (!live()) return;
          prepared = true;
          useLive.setState({ prepared: info, data: null });
        }
        let report: StepReport;
        try {
          report = await this.rpc.call('step', undefined);
        } catch (err) {
          // The worker's WebGL context is gone, and with it every tensor of the session: the next
          // Run starts a fresh worker (and a fresh context) and prepares again instead of stepping a dead one.
          if (err instanceof Error && err.name === 'ContextLostError') {
            this.abandonWorker();
            prepared = false;
          }
          throw err;
        }
        if (!live()) return;
        this.queue(report);
        // A single Step (runner paused) is drawn at once; a running loop is drawn in batches.
        if (runner.getState().status !== 'running') this.flush();
      },
      onDone: () => {
        this.flush();
        const seconds = (performance.now() - startedAt) / 1000;
        this.rpc.call('memory', undefined).then(
          ({ numTensors }) =>
            useLive.setState((s) => ({
              tensors: { ...s.tensors, afterRun: [...s.tensors.afterRun, numTensors] },
              runSeconds: [...s.runSeconds, seconds],
            })),
          () => undefined, // the worker was stopped (page left or backend changed)
        );
      },
      onReset: async () => {
        prepared = false;
        this.dropPending();
        this.cancelAttack();
        if (!this.client) {
          clearRun();
          return;
        }
        const { numTensors } = await this.rpc.call('dispose', undefined);
        if (live()) clearRun();
        useLive.setState((s) => ({ tensors: { ...s.tensors, afterDispose: [...s.tensors.afterDispose, numTensors] } }));
      },
    });
    return runner;
  }

  /**
   * Draws step results in batches: every FLUSH_MS while training (a checkpoint draws at once), so
   * each main-thread task stays small even when steps are fast.
   */
  private queue(report: StepReport): void {
    this.pending.push(report);
    if (report.checkpoint) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending;
    this.pending = [];
    addSteps(batch);
  }

  private dropPending(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending = [];
  }

  /** Drops the current runner's session (settings changed or the page is leaving). */
  release(): void {
    this.runId++;
    this.dropPending();
    this.cancelAttack();
    if (!this.client) return;
    void this.rpc.call('dispose', undefined).then(
      ({ numTensors }) => useLive.setState((s) => ({ tensors: { ...s.tensors, afterDispose: [...s.tensors.afterDispose, numTensors] } })),
      () => undefined, // the worker is being terminated
    );
  }

  async attack(kind: AttackKind, fraction?: number): Promise<void> {
    this.cancelAttack();
    const ac = new AbortController();
    this.attackAbort = ac;
    const runId = this.runId;
    useLive.setState({ attackBusy: { kind, done: 0, total: 1 }, attackError: null });
    try {
      const report = await this.rpc.call(
        'attack',
        { kind, fraction },
        { signal: ac.signal, onProgress: ({ done, total }) => runId === this.runId && useLive.setState({ attackBusy: { kind, done, total } }) },
      );
      if (runId === this.runId) useLive.setState((s) => ({ attacks: [...s.attacks, report] }));
    } catch (err) {
      if (err instanceof Error && err.name === 'ContextLostError') this.abandonWorker();
      if (!(err instanceof Error && err.name === 'AbortError') && runId === this.runId) {
        useLive.setState({ attackError: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      if (this.attackAbort === ac) {
        this.attackAbort = null;
        useLive.setState({ attackBusy: null });
      }
    }
  }

  cancelAttack(): void {
    this.attackAbort?.abort();
    this.attackAbort = null;
    useLive.setState({ attackBusy: null });
  }

  /**
   * Loses the worker's WebGL context on purpose, to show what the demo does when the GPU goes away.
   * Resolves false when the worker is not running on WebGL.
   */
  async simulateContextLoss(): Promise<boolean> {
    if (!this.client) return false;
    const { lost } = await this.rpc.call('simulateContextLoss', undefined);
    return lost;
  }

  /**
   * Stops a worker whose tfjs can no longer compute (lost context); the next Run starts a new one.
   * The error itself is shown where it happened (the runner's or the attack panel's message).
   */
  private abandonWorker(): void {
    this.client?.dispose();
    this.worker?.terminate();
    this.client = null;
    this.worker = null;
    this.ready = null;
    useLive.setState({ workerBackend: null, workerStarting: false });
  }

  /** Stops the worker for good (the page is leaving or the backend changed); nothing in flight is drawn. */
  terminate(): void {
    this.runId++;
    this.dropPending();
    this.abandonWorker();
  }
}
