/**
 * The standard handlers of a demo's training worker, wrapped around the demo's session (its
 * science). A demo's worker file is then a few lines:
 *
 *   const handlers = trainingHandlers({
 *     create: (args: { config: MyConfig }, opts) => MySession.create(args.config, opts),
 *     extras: { attack: (session, args: { kind: string }, ctx) => session.attack(args.kind, ctx) },
 *   });
 *   export type MyWorkerHandlers = typeof handlers;
 *   exposeWorker(handlers);
 *
 * What every demo gets from here, written once:
 * - `init` starts tfjs in the worker on the page's backend (falling back like the page does);
 * - calls run strictly one after another, so a reset (`dispose`) queued behind a step waits for it
 *   instead of freeing a model mid-step;
 * - `prepare` builds a fresh session (data generation with progress and cancel), `step` trains one
 *   step, `checkpoint` evaluates on demand, `save` and `restore` move the session's training state
 *   out and back in (a reloaded page resumes its run), named `extras` (NTL's attacks) run on the session with
 *   progress and cancel;
 * - `isContextLost()` is checked before and after each step and extra: results read from a lost
 *   WebGL context are garbage, so the session is dropped and a `ContextLostError` is thrown (its
 *   name crosses the RPC; the controller then starts a fresh worker);
 * - `memory` and `dispose` report the worker's live tensor count (the page's leak check);
 *   `simulateContextLoss` loses the worker's WebGL context on purpose (the diagnostics button).
 */
import type { Handler, HandlerContext, Handlers } from './worker';
import { ContextLostError } from '../tf/errors';
import type { BackendInfo, BackendName } from '../tf';
import type { ExtraProgress, PrepareProgress } from './training';

/** What a demo's session must offer: one step at a time, plain data out, every tensor freed by dispose(). */
export interface TrainingSession<Step = unknown, Info = unknown> {
  /** Plain data about the prepared run (sizes, names, sample images), sent to the page once. */
  readonly info: Info;
  /** Steps taken so far (error messages name the step that failed). */
  readonly steps: number;
  step(): Step | Promise<Step>;
  /** An evaluation on demand; `final` scores everything (the last step's checkpoint). */
  checkpoint?(final: boolean): unknown;
  /**
   * The whole training state (weights, optimiser, PRNG streams), structured-clonable plain data:
   * the page keeps it in IndexedDB, so a reloaded page can resume the run (resumeStore.ts).
   */
  saveState?(): unknown;
  /** Puts a fresh session (same settings, no step taken) where `saveState()` found the saved one. */
  restoreState?(state: never): void | Promise<void>;
  dispose(): void;
}

/** What `create` and the extras get to stay responsive: progress, a macrotask yield, and a cancel check. */
export interface PrepareOptions<P extends PrepareProgress> {
  onProgress: (p: P) => void;
  /** Lets the worker receive a cancel message between chunks of synchronous work. */
  yieldNow: () => Promise<void>;
  /** True once the caller cancelled (or, in an extra, the WebGL context was lost): stop at the next check. */
  cancelled: () => boolean;
}

export interface ExtraOptions {
  onProgress: (done: number, total: number) => void;
  yieldNow: () => Promise<void>;
  cancelled: () => boolean;
}

/** An extra: a named action on the live session (e.g. a removal attack), with progress and cancel. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each extra's own argument and result types reach the client through ExtraHandlers
export type Extra<S> = (session: S, args: any, opts: ExtraOptions) => unknown;

/** The tfjs facilities the handlers use; the defaults are src/shared/tf's (tests inject fakes). */
export interface TfHooks {
  initBackend(opts: { force: BackendName }): Promise<BackendInfo>;
  isContextLost(): boolean;
  simulateContextLoss(): boolean;
  numTensors(): number;
}

export interface TrainingWorkerSpec<A, P extends PrepareProgress, S extends TrainingSession, X extends Record<string, Extra<S>>> {
  /** Builds a session for one run (generates its data); throws with a message naming the fix on bad settings. */
  create(args: A, opts: PrepareOptions<P>): Promise<S>;
  extras?: X;
  /** What to tell the user when `step` is called with no session. */
  noSession?: string;
  /** Per extra: what to tell the user when it is called with no session. */
  extraNoSession?: Partial<Record<keyof X, string>>;
  tf: TfHooks;
}

type ExtraArgs<F> = F extends (session: never, args: infer A, opts: never) => unknown ? A : never;
type ExtraHandlers<S, X extends Record<string, Extra<S>>> = {
  [K in keyof X]: (args: ExtraArgs<X[K]>, ctx: HandlerContext<ExtraProgress>) => Promise<Awaited<ReturnType<X[K]>>>;
};

type StepOf<S> = S extends TrainingSession<infer R> ? Awaited<R> : never;
type InfoOf<S> = S extends TrainingSession<unknown, infer I> ? I : never;
type CheckpointOf<S> = S extends { checkpoint(final: boolean): infer C } ? C : never;
type SavedOf<S> = S extends { saveState(): infer T } ? Awaited<T> : never;

// A type alias, not an interface: the RPC's `Handlers` index signature accepts only the former.
export type StandardHandlers<A, P extends PrepareProgress, S extends TrainingSession> = {
  init(args: { backend: BackendName }): Promise<BackendInfo & { numTensors: number }>;
  prepare(args: A, ctx: HandlerContext<P>): Promise<InfoOf<S>>;
  step(args: undefined): Promise<StepOf<S>>;
  checkpoint(args: { final: boolean }): Promise<CheckpointOf<S>>;
  /** The session's saved state and the step it stands at (for a checkpoint a reloaded page resumes). */
  save(args: undefined): Promise<{ step: number; state: SavedOf<S> }>;
  /** Restores a freshly prepared session from `save`'s state; resolves with the step it now stands at. */
  restore(args: { state: SavedOf<S> }): Promise<{ step: number }>;
  simulateContextLoss(args: undefined): Promise<{ lost: boolean }>;
  dispose(args: undefined): Promise<{ numTensors: number }>;
  memory(args: undefined): Promise<{ numTensors: number }>;
};

export type TrainingHandlers<A, P extends PrepareProgress, S extends TrainingSession, X extends Record<string, Extra<S>>> = StandardHandlers<A, P, S> &
  ExtraHandlers<S, X>;

/** A name for the RPC: a worker's handlers object (any demo's) as the controller sees it. */
export type AnyTrainingHandlers = Handlers & Record<'init' | 'prepare' | 'step' | 'checkpoint' | 'save' | 'restore' | 'simulateContextLoss' | 'dispose' | 'memory', Handler>;

const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const STANDARD = ['init', 'prepare', 'step', 'checkpoint', 'save', 'restore', 'simulateContextLoss', 'dispose', 'memory'];

/** The handlers object for `exposeWorker`, around one session at a time. */
export function trainingHandlers<A, P extends PrepareProgress, S extends TrainingSession, X extends Record<string, Extra<S>> = Record<never, never>>(
  spec: TrainingWorkerSpec<A, P, S, X>,
): TrainingHandlers<A, P, S, X> {
  const { tf } = spec;
  let session: S | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs calls strictly one after another (the RPC layer may deliver the next call while one awaits). */
  const serial = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const dropSession = () => {
    session?.dispose();
    session = null;
  };

  /** Drops the session and throws ContextLostError when this worker's WebGL context is gone. */
  const stopIfContextLost = (where: string) => {
    if (!tf.isContextLost()) return;
    dropSession();
    throw new ContextLostError(contextLostMessage(where));
  };

  const live = (message: string): S => {
    if (!session) throw new Error(message);
    return session;
  };

  const standard: StandardHandlers<A, P, S> = {
    init: (args) =>
      serial(async () => {
        const info = await tf.initBackend({ force: args.backend });
        return { ...info, numTensors: tf.numTensors() };
      }),

    prepare: (args, ctx) =>
      serial(async () => {
        dropSession();
        session = await spec.create(args, { onProgress: (p) => ctx.progress(p), yieldNow, cancelled: () => ctx.signal.aborted });
        return session.info as InfoOf<S>;
      }),

    step: () =>
      serial(async () => {
        const s = live(spec.noSession ?? 'No training session: press Run (the data is prepared first).');
        const at = ` at step ${s.steps + 1}`;
        stopIfContextLost(at);
        const report = await s.step();
        stopIfContextLost(at);
        return report as StepOf<S>;
      }),

    checkpoint: (args) =>
      serial(() => {
        const s = live(spec.noSession ?? 'No training session: press Run first.');
        if (!s.checkpoint) throw new Error('This demo has no checkpoint on demand.');
        stopIfContextLost(' before the checkpoint');
        const cp = s.checkpoint(args.final);
        stopIfContextLost(' during the checkpoint');
        return cp as CheckpointOf<S>;
      }),

    save: () =>
      serial(async () => {
        const s = live(spec.noSession ?? 'No training session to save: press Run first.');
        if (!s.saveState) throw new Error('This demo cannot save its training.');
        stopIfContextLost(' before saving');
        const state = (await s.saveState()) as SavedOf<S>;
        stopIfContextLost(' while saving');
        return { step: s.steps, state };
      }),

    restore: (args) =>
      serial(async () => {
        const s = live('No training session to restore into: the run is prepared first.');
        if (!s.restoreState) throw new Error('This demo cannot resume a saved training.');
        if (s.steps !== 0) throw new Error('A saved run can only be restored into a fresh session (press Reset first).');
        await (s.restoreState as (state: unknown) => void | Promise<void>)(args.state);
        stopIfContextLost(' while restoring');
        return { step: s.steps };
      }),

    simulateContextLoss: () => serial(() => ({ lost: tf.simulateContextLoss() })),

    dispose: () =>
      serial(() => {
        dropSession();
        return { numTensors: tf.numTensors() };
      }),

    memory: () => serial(() => ({ numTensors: tf.numTensors() })),
  };

  const extras = {} as ExtraHandlers<S, X>;
  for (const [name, extra] of Object.entries(spec.extras ?? {}) as [keyof X & string, Extra<S>][]) {
    if (STANDARD.includes(name)) throw new Error(`extra "${name}" would replace a standard training handler; rename it`);
    const noSession = spec.extraNoSession?.[name] ?? `Train a model first (press Run), then try ${name}.`;
    extras[name] = ((args: unknown, ctx: HandlerContext<ExtraProgress>) =>
      serial(async () => {
        const s = live(noSession);
        stopIfContextLost(` before ${name}`);
        try {
          return await extra(s, args, {
            onProgress: (done, total) => ctx.progress({ done, total }),
            yieldNow,
            // A lost context stops the extra at its next check; the finally block reports it as such.
            cancelled: () => ctx.signal.aborted || tf.isContextLost(),
          });
        } finally {
          // On a lost context this throws, replacing both a result read from it and the cancel.
          stopIfContextLost(` during ${name}`);
        }
      })) as ExtraHandlers<S, X>[typeof name];
  }
  return { ...standard, ...extras };
}

function contextLostMessage(where: string): string {
  return (
    `The GPU (WebGL) context in the training worker was lost${where}, so training stopped: results computed on a lost context are garbage. ` +
    'Press Reset, then Run to start again in a fresh worker; add backend=wasm to the link to keep off the GPU.'
  );
}
