/**
 * The Lorenz views' results (never in the URL) and the page's side of their worker
 * (worker/lorenz.worker.ts): the worker starts when the Lorenz panel mounts, loads the checkpoint
 * (`prepare`, with progress) and then answers one request at a time. For each kind of request
 * only the latest answer is drawn: a trial picked while the previous one was still solving does
 * not flash the old trial's numbers.
 */
import { create } from 'zustand';
import type { PrepareProgress } from '../../../shared/run/training';
import { createWorkerClient, type WorkerClient } from '../../../shared/run/worker';
import type { LorenzWorkerHandlers } from '../worker/lorenz.worker';
import type { LorenzInferenceTrace, LorenzInfo, LorenzPrediction, LorenzR2Report, LorenzTrialReport } from '../worker/protocolLorenz';

export interface LorenzState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  progress: PrepareProgress | null;
  info: LorenzInfo | null;
  /** why the worker or a request failed, with the fix where there is one */
  error: string | null;
  trial: LorenzTrialReport | null;
  trace: LorenzInferenceTrace | null;
  prediction: LorenzPrediction | null;
  r2: LorenzR2Report | null;
  /** the request in flight that the page waits on (labels the busy line) */
  busy: { name: string; label: string; done: number; total: number } | null;
}

const EMPTY: LorenzState = { status: 'idle', progress: null, info: null, error: null, trial: null, trace: null, prediction: null, r2: null, busy: null };

export const useLorenz = create<LorenzState>(() => ({ ...EMPTY }));

type WorkerHandle = Worker;
type Extra = 'trial' | 'infer' | 'predict' | 'recomputeR2';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The worker of the Lorenz panel; one per mounted panel. */
export class LorenzController {
  private worker: WorkerHandle | null = null;
  private client: WorkerClient<LorenzWorkerHandlers> | null = null;
  private ready: Promise<boolean> | null = null;
  /** The latest request per kind: an older answer is dropped. */
  private readonly latest = new Map<Extra, number>();
  private serial = 0;
  private stopped = false;
  /** Requests in flight, oldest first: the busy line names the newest. */
  private readonly inFlight = new Map<number, { name: string; label: string; done: number; total: number }>();

  constructor(private readonly makeWorker: () => WorkerHandle) {}

  /** Starts the worker and loads the checkpoint (once); resolves false on failure (the store says why). */
  start(): Promise<boolean> {
    if (this.ready) return this.ready;
    useLorenz.setState({ ...EMPTY, status: 'loading', progress: { label: 'starting the worker', done: 0, total: 1, starting: true } });
    this.ready = (async () => {
      try {
        this.worker = this.makeWorker();
        const client = createWorkerClient<LorenzWorkerHandlers>(this.worker);
        this.client = client;
        await client.call('init', { backend: 'cpu' });
        const info = await client.call('prepare', {}, { onProgress: (p) => !this.stopped && useLorenz.setState({ progress: p }) });
        if (this.stopped) return false;
        useLorenz.setState({ status: 'ready', info, progress: null });
        return true;
      } catch (err) {
        if (!this.stopped) useLorenz.setState({ status: 'error', progress: null, error: `The Lorenz worker could not load the checkpoint: ${messageOf(err)}. Reload the page to try again.` });
        return false;
      }
    })();
    return this.ready;
  }

  private async request<K extends Extra>(name: K, args: Parameters<LorenzWorkerHandlers[K]>[0], label: string): Promise<Awaited<ReturnType<LorenzWorkerHandlers[K]>> | null> {
    if (!(await this.start()) || !this.client) return null;
    const id = ++this.serial;
    this.latest.set(name, id);
    const current = () => !this.stopped && this.latest.get(name) === id;
    this.inFlight.set(id, { name, label, done: 0, total: 1 });
    this.showBusy();
    useLorenz.setState({ error: null });
    try {
      const call = this.client.call as (n: string, a: unknown, o: unknown) => Promise<Awaited<ReturnType<LorenzWorkerHandlers[K]>>>;
      const onProgress = (p: { done: number; total: number }) => {
        this.inFlight.set(id, { name, label, ...p });
        this.showBusy();
      };
      const result = await call(name, args, { onProgress });
      return current() ? result : null;
    } catch (err) {
      if (current()) useLorenz.setState({ error: messageOf(err) });
      return null;
    } finally {
      this.inFlight.delete(id);
      this.showBusy();
    }
  }

  private showBusy(): void {
    if (this.stopped) return;
    const last = [...this.inFlight.values()].at(-1) ?? null;
    useLorenz.setState({ busy: last ? { ...last } : null });
  }

  /** The test trial's posterior (0-based trial). */
  async showTrial(trial: number): Promise<void> {
    const r = await this.request('trial', { trial }, `inferring test trial ${trial + 1}`);
    if (r) useLorenz.setState({ trial: r });
  }

  /** An iLQR solve from a cold start on the test trial, every iteration kept. */
  async infer(trial: number): Promise<void> {
    const r = await this.request('infer', { trial }, `iLQR on test trial ${trial + 1}, from u = 0`);
    if (r) useLorenz.setState({ trace: r });
  }

  async predict(trial: number, from: number): Promise<void> {
    const r = await this.request('predict', { trial, from }, `predicting trial ${trial + 1} from bin ${from}`);
    if (r) useLorenz.setState({ prediction: r });
  }

  async recomputeR2(): Promise<void> {
    const r = await this.request('recomputeR2', {}, 'recomputing R²ₖ on the test trials');
    if (r) useLorenz.setState({ r2: r });
  }

  /** Stops the worker (the panel unmounts) and forgets its results. */
  stop(): void {
    this.stopped = true;
    this.client?.dispose();
    this.worker?.terminate();
    this.client = null;
    this.worker = null;
    useLorenz.setState({ ...EMPTY });
  }
}
