/**
 * The live-training part of a demo page, written once: `useTraining` owns the worker's controller
 * and the runner (a new runner whenever the training settings change, a new controller when the
 * page's backend changes), and `TrainingPanel` lays out the run controls, progress, preparation
 * line, the worker's diagnostics and then the demo's own views (its children).
 *
 *   const training = useTraining({ live: ntlLive, makeWorker, prepareArgs, totalSteps });
 *   <TrainingPanel idPrefix="ntl" training={training} live={ntlLive} problem={problem}>…views…</TrainingPanel>
 *
 * Test ids (for `idPrefix` p): p-runner (data-status, data-done), p-data-progress, p-worker-backend
 * (data-backend: a backend, 'starting' or 'idle'), p-worker-error, p-simulate-context-loss,
 * p-tensors (data-after-run, data-after-dispose).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Runner, RunnerStatus } from '../../run';
import { TrainingController, type PrepareArgsOf, type StepOf, type WorkerHandle } from '../../run/trainingController';
import type { AnyTrainingHandlers } from '../../run/trainingWorker';
import { defaultResumeStorage, formatBytes, type SavedRunMeta } from '../../run/resumeStore';
import { useBackendInfo } from '../DemoFrame';
import { ProgressBar, RunnerControls, useRunnerShortcuts, useRunnerState } from '../RunnerControls';
import type { LiveStore } from './liveStore';
import { useRunLockPublisher } from './RunLock';

export interface Training<H extends AnyTrainingHandlers> {
  controller: TrainingController<H> | null;
  runner: Runner | null;
  /** The saved run of these settings a reload can resume (demos that save runs), while the runner is at its start or failed. */
  offer: SavedRunMeta | null;
  /** Resumes the offered run and continues training from it. */
  resume(): void;
  /** Forgets the offer (the visitor chose to start over); the saved run stays until replaced. */
  dismissOffer(): void;
  /** The demo's name in the saved runs, when it saves them. */
  saveRunsDemo: string | null;
}

/**
 * The controller (one per page backend) and the runner (one per `prepareArgs`: memoise it on the
 * training settings only, so a field that does not change training does not reset the run).
 */
export function useTraining<H extends AnyTrainingHandlers, Info, Run>(opts: {
  live: LiveStore<StepOf<H>, Info, Run>;
  makeWorker: () => WorkerHandle;
  prepareArgs: PrepareArgsOf<H>;
  totalSteps: number;
  isCheckpoint?: (report: StepOf<H>) => boolean;
  /**
   * Save the run to IndexedDB every `everySteps` steps, on Pause, at the end and when the page is
   * hidden, and offer "Resume from step N" after a reload (the demo's session implements
   * saveState/restoreState). `demo` names the demo in the saved runs.
   */
  saveRuns?: { demo: string; everySteps?: number };
}): Training<H> {
  const backend = useBackendInfo()?.name ?? 'cpu';
  const [controller, setController] = useState<TrainingController<H> | null>(null);
  const [runner, setRunner] = useState<Runner | null>(null);
  const [offer, setOffer] = useState<SavedRunMeta | null>(null);
  const { live, makeWorker, prepareArgs, totalSteps, isCheckpoint, saveRuns } = opts;
  const demo = saveRuns?.demo;
  const everySteps = saveRuns?.everySteps;

  useEffect(() => {
    const resume = demo ? { demo, everySteps, storage: defaultResumeStorage() } : undefined;
    const c = new TrainingController<H>({ makeWorker, backend, isCheckpoint, resume }, live.sink as never);
    setController(c);
    // A tab being hidden or closed saves what it has (best effort: a closing page may not finish).
    const save = () => void c.saveNow();
    const onVisibility = () => document.visibilityState === 'hidden' && save();
    if (resume) {
      window.addEventListener('pagehide', save);
      document.addEventListener('visibilitychange', onVisibility);
    }
    return () => {
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', onVisibility);
      c.terminate();
      setController(null);
    };
    // The worker factory and checkpoint test are module-level in a demo; only the backend restarts the worker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, live, demo, everySteps]);

  useEffect(() => {
    if (!controller) return;
    const r = controller.makeRunner(prepareArgs, totalSteps);
    setRunner(r);
    return () => {
      r.cancel();
      controller.release();
    };
  }, [controller, prepareArgs, totalSteps]);

  // The offer: looked up for each runner, again whenever it is back at its start or has failed
  // (a GPU context loss), and gone while a run is under way.
  const status = useRunnerStatus(runner);
  useEffect(() => {
    if (!controller || !runner || !demo) return;
    if (status !== 'idle' && status !== 'error') {
      setOffer(null);
      return;
    }
    let stale = false;
    controller.savedRun().then(
      (m) => !stale && setOffer(m && m.step > 0 ? m : null),
      () => !stale && setOffer(null), // no IndexedDB here (a private window): nothing to offer
    );
    return () => {
      stale = true;
    };
  }, [controller, runner, demo, status]);

  const resume = useCallback(() => {
    if (!controller || !runner) return;
    setOffer(null);
    void controller.resumeSaved(runner).then(() => runner.start());
  }, [controller, runner]);
  const dismissOffer = useCallback(() => setOffer(null), []);

  return { controller, runner, offer, resume, dismissOffer, saveRunsDemo: demo ?? null };
}

/** The runner's status, re-rendered on change ('idle' before there is a runner). */
export function useRunnerStatus(runner: Runner | null): RunnerStatus {
  const [status, setStatus] = useState<RunnerStatus>(runner?.getState().status ?? 'idle');
  useEffect(() => {
    if (!runner) return;
    setStatus(runner.getState().status);
    return runner.subscribe((s) => setStatus(s.status));
  }, [runner]);
  return status;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the panel reads only the shared slice of any demo's store
type AnyLive = LiveStore<any, any, object>;

function PrepareProgressLine({ idPrefix, live, verb }: { idPrefix: string; live: AnyLive; verb: string }) {
  const data = live.useLive((s) => s.data);
  if (!data) return null;
  return (
    <div className="training-data-progress" data-testid={`${idPrefix}-data-progress`} role="status">
      <progress max={data.total} value={data.done} aria-label={verb} />
      <span className="small">
        {data.starting
          ? `${data.label[0].toUpperCase()}${data.label.slice(1)}…`
          : `${verb} ${Math.min(data.done + 1, data.total)} / ${data.total}: ${data.label}`}
      </span>
    </div>
  );
}

function RunnerBlock({ idPrefix, runner, live, label, verb, detail }: { idPrefix: string; runner: Runner; live: AnyLive; label: string; verb: string; detail?: string }) {
  useRunnerShortcuts(runner);
  const state = useRunnerState(runner);
  return (
    <div className="training-runner" data-testid={`${idPrefix}-runner`} data-status={state.status} data-done={state.done}>
      <RunnerControls runner={runner} />
      <ProgressBar state={state} label={label} detail={detail} />
      <PrepareProgressLine idPrefix={idPrefix} live={live} verb={verb} />
    </div>
  );
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

/** "Resume from step N": a saved run of these settings, after a reload, a crash or a lost GPU context. */
function ResumeOffer({ idPrefix, training }: { idPrefix: string; training: Training<AnyTrainingHandlers> }) {
  const offer = training.offer;
  if (!offer) return null;
  const finished = offer.step >= offer.total;
  return (
    <div className="training-resume" role="region" aria-label="Saved run" data-testid={`${idPrefix}-resume`} data-step={offer.step}>
      <p className="small">
        {finished ? 'A finished run' : 'A run'} of these settings was saved at step <strong>{offer.step.toLocaleString('en')}</strong> of {offer.total.toLocaleString('en')}{' '}
        ({ago(Date.now() - offer.savedAt)}, {formatBytes(offer.bytes)}, on {offer.backend}).
      </p>
      <button type="button" className="btn primary" data-testid={`${idPrefix}-resume-button`} onClick={training.resume}>
        {finished ? `Restore the finished run (step ${offer.step.toLocaleString('en')})` : `Resume from step ${offer.step.toLocaleString('en')}`}
      </button>{' '}
      <button type="button" className="btn" data-testid={`${idPrefix}-resume-dismiss`} onClick={training.dismissOffer}>
        Start over instead
      </button>
    </div>
  );
}

/** Where the run was last saved, the storage the demo's saved runs take, and a Clear button. */
function SavedRunLine({ idPrefix, live, demo }: { idPrefix: string; live: AnyLive; demo: string }) {
  const saved = live.useLive((s) => s.saved);
  const error = live.useLive((s) => s.saveError);
  const [usage, setUsage] = useState<{ runs: number; bytes: number } | null>(null);
  const [cleared, setCleared] = useState(false);
  const savedAt = saved?.savedAt;
  useEffect(() => {
    let stale = false;
    defaultResumeStorage()
      .list(demo)
      .then(
        (runs) => !stale && setUsage({ runs: runs.length, bytes: runs.reduce((a, m) => a + m.bytes, 0) }),
        () => !stale && setUsage(null),
      );
    return () => {
      stale = true;
    };
  }, [demo, savedAt, cleared]);
  if (error) {
    return (
      <p className="small field-error" data-testid={`${idPrefix}-save-error`}>
        {error}
      </p>
    );
  }
  if (!usage || usage.runs === 0) return null;
  return (
    <p className="small muted training-saved" data-testid={`${idPrefix}-saved`} data-step={saved?.step ?? ''}>
      {saved ? (
        <>
          Saved at step {saved.step.toLocaleString('en')}: a reload resumes from there.{' '}
        </>
      ) : null}
      Saved runs of this demo in this browser: {usage.runs} ({formatBytes(usage.bytes)}).{' '}
      <button
        type="button"
        className="btn small"
        data-testid={`${idPrefix}-saved-clear`}
        onClick={() => {
          void defaultResumeStorage()
            .clear(demo)
            .finally(() => {
              live.useLive.setState({ saved: null });
              setCleared((c) => !c);
            });
        }}
      >
        Clear saved runs
      </button>
    </p>
  );
}

/**
 * Loses the worker's WebGL context on purpose: a presenter can show that a GPU loss stops training
 * with a message instead of drawing garbage, and the end-to-end tests check exactly that.
 */
function SimulateContextLoss({ idPrefix, controller }: { idPrefix: string; controller: TrainingController<AnyTrainingHandlers> | null }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn small"
      data-testid={`${idPrefix}-simulate-context-loss`}
      disabled={!controller || busy}
      title="Loses the training worker's WebGL context (WEBGL_lose_context), as a driver reset or the browser reclaiming the GPU would"
      onClick={() => {
        if (!controller) return;
        setBusy(true);
        void controller.simulateContextLoss().finally(() => setBusy(false));
      }}
    >
      Simulate a GPU context loss
    </button>
  );
}

/** Why the worker could not start, with the fix: outside the Diagnostics fold, where it is seen. */
function WorkerError({ idPrefix, live }: { idPrefix: string; live: AnyLive }) {
  const error = live.useLive((s) => s.worker.error);
  if (!error) return null;
  return (
    <p className="field-error" role="alert" data-testid={`${idPrefix}-worker-error`}>
      {error}
    </p>
  );
}

/**
 * The worker's backend (and why it differs from the page's), run times and the leak check's tensor
 * counts: for developers and the curious, folded away under "Diagnostics".
 */
function Diagnostics({ idPrefix, controller, live, children }: { idPrefix: string; controller: TrainingController<AnyTrainingHandlers> | null; live: AnyLive; children?: ReactNode }) {
  const worker = live.useLive((s) => s.worker);
  const tensors = live.useLive((s) => s.tensors);
  const secs = live.useLive((s) => s.runSeconds);
  const page = useBackendInfo();
  const backend = worker.backend;
  return (
    <details className="fold training-diagnostics small muted" data-testid={`${idPrefix}-diagnostics`}>
      {/* A page without tfjs (useBackendInfo() is null) has a plain-JavaScript worker: say that, not "cpu". */}
      <summary>Diagnostics: worker {backend ? (page ? `backend ${backend.name}` : 'plain JavaScript, no tfjs') : worker.starting ? 'starting…' : 'not started'}</summary>
      <p>
        Worker backend:{' '}
        <strong data-testid={`${idPrefix}-worker-backend`} data-backend={backend?.name ?? (worker.starting ? 'starting' : 'idle')}>
          {backend?.name ?? (worker.starting ? 'starting…' : 'not started (it starts on Run)')}
        </strong>
        {backend && !page && <span> ({backend.reason})</span>}
        {backend && page && backend.name !== page.name && (
          <span className="field-error">
            {' '}
            (the page runs {page.name}; in the worker: {backend.reason})
          </span>
        )}
        {backend?.name === 'webgl' && (
          <>
            {' '}
            <SimulateContextLoss idPrefix={idPrefix} controller={controller} />
          </>
        )}
        {children}
        {secs.length > 0 && <> · last run {secs[secs.length - 1].toFixed(0)} s</>}
        {' · '}
        <span data-testid={`${idPrefix}-tensors`} data-after-run={tensors.afterRun.join(',')} data-after-dispose={tensors.afterDispose.join(',')}>
          worker tensors after each run: {tensors.afterRun.length ? tensors.afterRun.join(', ') : '—'}; after each reset:{' '}
          {tensors.afterDispose.length ? tensors.afterDispose.join(', ') : '—'}
        </span>
      </p>
    </details>
  );
}

export function TrainingPanel<H extends AnyTrainingHandlers>({
  idPrefix,
  training,
  live,
  problem,
  progressLabel = 'Training',
  preparingVerb = 'Preparing',
  headline,
  summary,
  diagnostics,
  announce,
  children,
}: {
  /** Prefix of the test ids (the demo id). */
  idPrefix: string;
  training: Training<H>;
  live: AnyLive;
  /** A sentence naming what is wrong with the settings and the fix: shown instead of the Run button. */
  problem?: string | null;
  progressLabel?: string;
  /** The preparation line's verb, e.g. "Generating data". */
  preparingVerb?: string;
  /** What the run shows, in one sentence (a HeadlineCard), right under the run controls. */
  headline?: ReactNode;
  /** A line about the prepared run, under the headline. */
  summary?: ReactNode;
  /** Demo figures appended to the diagnostics line (each starting with " · "). */
  diagnostics?: ReactNode;
  /** The run's headline metric in words ("target accuracy 12%"), for the calm progress announcement. */
  announce?: string;
  /** The demo's views. */
  children?: ReactNode;
}) {
  const controller = training.controller as TrainingController<AnyTrainingHandlers> | null;
  useRunLockPublisher(training.runner);
  return (
    <div className="training-live">
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {problem ? null : training.runner ? (
        <>
          <ResumeOffer idPrefix={idPrefix} training={training as unknown as Training<AnyTrainingHandlers>} />
          <RunnerBlock idPrefix={idPrefix} runner={training.runner} live={live} label={progressLabel} verb={preparingVerb} detail={announce} />
          {training.saveRunsDemo && <SavedRunLine idPrefix={idPrefix} live={live} demo={training.saveRunsDemo} />}
        </>
      ) : (
        <p className="muted">Preparing the runner…</p>
      )}
      <WorkerError idPrefix={idPrefix} live={live} />
      {headline}
      {summary}
      {children}
      <Diagnostics idPrefix={idPrefix} controller={controller} live={live}>
        {diagnostics}
      </Diagnostics>
    </div>
  );
}

/** A titled box for one view of the run. */
export function ViewPanel({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="view-panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
