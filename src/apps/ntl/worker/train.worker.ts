/**
 * The NTL demo's training worker. The page calls these handlers through the shared worker RPC;
 * the worker starts tfjs on the backend the page chose (falling back and saying so), generates the
 * seeded data, trains step by step and reports plain numbers. Calls run one at a time in arrival
 * order, so a reset (dispose) queued behind a step waits for it instead of freeing a model mid-step.
 */
import { ContextLostError, initBackend, isContextLost, simulateContextLoss, type BackendInfo, type BackendName } from '../../../shared/tf';
import { exposeWorker, type HandlerContext } from '../../../shared/run/worker';
import { liveTensors, NtlSession, type AttackKind, type AttackReport, type DataProgress, type PreparedInfo, type SessionConfig, type SessionSizes, type StepReport } from './session';

let session: NtlSession | null = null;
let queue: Promise<unknown> = Promise.resolve();

/** Runs calls strictly one after another (the RPC layer may deliver the next call while one awaits). */
function serial<T>(fn: () => Promise<T> | T): Promise<T> {
  const run = queue.then(fn);
  queue = run.catch(() => undefined);
  return run;
}

/** Lets the worker's event loop deliver messages (a cancel) between chunks of synchronous work. */
const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Drops the session and throws ContextLostError when this worker's WebGL context is gone. */
function stopIfContextLost(where: string): void {
  if (!isContextLost()) return;
  dropSession();
  throw new ContextLostError(
    `The GPU (WebGL) context in the training worker was lost${where}, so training stopped: results computed on a lost context are garbage. ` +
      'Press Reset, then Run to start again in a fresh worker; add backend=wasm to the link to keep off the GPU.',
  );
}

function dropSession(): void {
  session?.dispose();
  session = null;
}

export const handlers = {
  /** Starts tfjs in this worker on the page's backend; falls back like the page does when it cannot. */
  init: (args: { backend: BackendName }): Promise<BackendInfo & { numTensors: number }> =>
    serial(async () => {
      const info = await initBackend({ force: args.backend });
      return { ...info, numTensors: liveTensors() };
    }),

  /** Generates the experiment's data and builds the models (replacing any earlier session). */
  prepare: (args: { config: SessionConfig; sizes?: Partial<SessionSizes> }, ctx: HandlerContext<DataProgress>): Promise<PreparedInfo> =>
    serial(async () => {
      dropSession();
      session = await NtlSession.create(args.config, {
        sizes: args.sizes,
        onProgress: (p) => ctx.progress(p),
        yieldNow,
        cancelled: () => ctx.signal.aborted,
      });
      return session.info;
    }),

  /**
   * One training step (plus a checkpoint when one is due). On a lost WebGL context the step's
   * numbers are read back as garbage, so the report is dropped, and so is the session.
   */
  step: (_args: undefined): Promise<StepReport> =>
    serial(() => {
      if (!session) throw new Error('No training session: press Run (the data is generated first).');
      const at = ` at step ${session.steps + 1}`;
      stopIfContextLost(at);
      const report = session.step();
      stopIfContextLost(at);
      return report;
    }),

  /** A removal attack on the trained ownership model. */
  attack: (args: { kind: AttackKind; fraction?: number }, ctx: HandlerContext<{ done: number; total: number }>): Promise<AttackReport> =>
    serial(async () => {
      if (!session) throw new Error('Train an ownership-verification model first (mode "Ownership verification", then Run).');
      stopIfContextLost(' before the attack');
      try {
        return await session.attack(args.kind, {
          fraction: args.fraction,
          onProgress: (done, total) => ctx.progress({ done, total }),
          yieldNow,
          // A lost context stops the attack at its next step; the finally block reports it as such.
          cancelled: () => ctx.signal.aborted || isContextLost(),
        });
      } finally {
        // On a lost context this throws, replacing both a report read from it and the cancel.
        stopIfContextLost(' during the attack');
      }
    }),

  /** Loses this worker's WebGL context on purpose (the diagnostics' "simulate a GPU loss"); false when not on WebGL. */
  simulateContextLoss: (_args: undefined): Promise<{ lost: boolean }> => serial(() => ({ lost: simulateContextLoss() })),

  /** Frees the session's tensors; returns how many tensors are still alive in this worker. */
  dispose: (_args: undefined): Promise<{ numTensors: number }> =>
    serial(() => {
      dropSession();
      return { numTensors: liveTensors() };
    }),

  /** Live tensors now. */
  memory: (_args: undefined): Promise<{ numTensors: number }> => serial(() => ({ numTensors: liveTensors() })),
};

export type NtlWorkerHandlers = typeof handlers;

exposeWorker(handlers);
