/**
 * The live part of the page: it owns the training worker and the runner, and lays out the views.
 * Rendered inside DemoFrame, so tfjs has started on the page and `useBackendInfo()` says which
 * backend the worker should use. A change to any training setting makes a new runner (the old
 * run's models are disposed in the worker).
 */
import { useEffect, useMemo, useState } from 'react';
import type { Runner } from '../../../shared/run';
import { ProgressBar, RunnerControls, useRunnerShortcuts, useRunnerState } from '../../../shared/ui/RunnerControls';
import { useBackendInfo } from '../../../shared/ui/DemoFrame';
import { settingsProblem, sourceFixedToS, useNtlUrl, type NtlUrlValues } from '../store';
import type { SessionConfig } from '../worker/session';
import { AttackPanel } from './AttackPanel';
import { NtlController } from './controller';
import { useLive } from './liveStore';
import { AccuracyView, FeatureView, LossCurves, PatchPreview, SamplesView } from './Views';

function sessionConfig(v: NtlUrlValues): SessionConfig {
  return {
    mode: v.mode,
    source: sourceFixedToS(v.mode) ? 'S' : v.source,
    target: v.target,
    alpha: v.alpha,
    beta: v.beta,
    loss: v.loss,
    lr: v.lr,
    steps: v.steps,
    batch: v.batch,
    baseline: v.mode !== 'sl' && v.baseline,
    seed: v.seed,
  };
}

function DataProgressLine() {
  const data = useLive((s) => s.data);
  if (!data) return null;
  return (
    <div className="ntl-data-progress" data-testid="ntl-data-progress" role="status">
      <progress max={data.total} value={data.done} aria-label="Data generation" />
      <span className="small">
        {data.label.startsWith('starting')
          ? `${data.label[0].toUpperCase()}${data.label.slice(1)}…`
          : `Generating data ${Math.min(data.done + 1, data.total)} / ${data.total}: ${data.label}`}
      </span>
    </div>
  );
}

/**
 * Loses the worker's WebGL context on purpose: a presenter can show that a GPU loss stops training
 * with a message instead of drawing garbage, and the end-to-end tests check exactly that.
 */
function SimulateContextLoss({ controller }: { controller: NtlController | null }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn small"
      data-testid="ntl-simulate-context-loss"
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

function Diagnostics({ controller }: { controller: NtlController | null }) {
  const workerBackend = useLive((s) => s.workerBackend);
  const workerError = useLive((s) => s.workerError);
  const workerStarting = useLive((s) => s.workerStarting);
  const page = useBackendInfo();
  const ms = useLive((s) => s.msPerStep);
  const tensors = useLive((s) => s.tensors);
  const secs = useLive((s) => s.runSeconds);
  const prepared = useLive((s) => s.prepared);
  return (
    <div className="ntl-diagnostics small muted">
      {workerError && (
        <p className="ntl-field-error" role="alert" data-testid="ntl-worker-error">
          {workerError}
        </p>
      )}
      <p>
        Worker backend:{' '}
        <strong data-testid="ntl-worker-backend" data-backend={workerBackend?.name ?? (workerStarting ? 'starting' : 'idle')}>
          {workerBackend?.name ?? (workerStarting ? 'starting…' : 'not started (it starts on Run)')}
        </strong>
        {workerBackend && page && workerBackend.name !== page.name && (
          <span className="ntl-field-error"> (the page runs {page.name}; in the worker: {workerBackend.reason})</span>
        )}
        {workerBackend?.name === 'webgl' && (
          <>
            {' '}
            <SimulateContextLoss controller={controller} />
          </>
        )}
        {ms !== null && <> · {ms.toFixed(0)} ms per step</>}
        {prepared && <> · data generated in {prepared.seconds.toFixed(1)} s</>}
        {secs.length > 0 && <> · last run {secs[secs.length - 1].toFixed(0)} s</>}
        {' · '}
        <span data-testid="ntl-tensors" data-after-run={tensors.afterRun.join(',')} data-after-dispose={tensors.afterDispose.join(',')}>
          worker tensors after each run: {tensors.afterRun.length ? tensors.afterRun.join(', ') : '—'}; after each reset:{' '}
          {tensors.afterDispose.length ? tensors.afterDispose.join(', ') : '—'}
        </span>
      </p>
    </div>
  );
}

function RunSummary() {
  const prepared = useLive((s) => s.prepared);
  if (!prepared) return null;
  return (
    <p className="small" data-testid="ntl-run-summary">
      Training on <strong>{prepared.sourceName}</strong> ({prepared.counts.source.toLocaleString('en-US')} images)
      {prepared.counts.target > 0 && (
        <>
          {' '}
          against <strong>{prepared.targetName}</strong> ({prepared.counts.target.toLocaleString('en-US')} images)
        </>
      )}
      ; {prepared.counts.test} test images per domain.
    </p>
  );
}

function RunnerBlock({ runner }: { runner: Runner }) {
  useRunnerShortcuts(runner);
  const state = useRunnerState(runner);
  return (
    <div className="ntl-runner" data-testid="ntl-runner" data-status={state.status} data-done={state.done}>
      <RunnerControls runner={runner} />
      <ProgressBar state={state} label="Training" />
      <DataProgressLine />
    </div>
  );
}

export function TrainingPanel() {
  const backend = useBackendInfo();
  const values = useNtlUrl((s) => s.values);
  const config = useMemo(
    () => sessionConfig(values),
    // Only the training fields: the prune slider and backend (handled by DemoFrame) do not reset a run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values.mode, values.source, values.target, values.alpha, values.beta, values.loss, values.lr, values.steps, values.batch, values.baseline, values.seed],
  );
  const problem = settingsProblem(values);
  const [controller, setController] = useState<NtlController | null>(null);
  const [runner, setRunner] = useState<Runner | null>(null);

  const backendName = backend?.name ?? 'cpu';
  useEffect(() => {
    const c = new NtlController(() => new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module', name: 'ntl-training' }), backendName);
    setController(c);
    return () => {
      c.terminate();
      setController(null);
    };
  }, [backendName]);

  useEffect(() => {
    if (!controller) return;
    const r = controller.makeRunner(config);
    setRunner(r);
    return () => {
      r.cancel();
      controller.release();
    };
  }, [controller, config]);

  const status = useRunnerStatus(runner);
  const trained = status === 'done';

  return (
    <div className="ntl-live">
      {problem && (
        <p className="ntl-field-error" role="alert">
          {problem}
        </p>
      )}
      {problem ? null : runner ? <RunnerBlock runner={runner} /> : <p className="muted">Preparing the runner…</p>}
      <RunSummary />
      <Diagnostics controller={controller} />
      <section className="ntl-panel" aria-labelledby="ntl-h-curves">
        <h3 id="ntl-h-curves">Losses</h3>
        <LossCurves />
      </section>
      <section className="ntl-panel" aria-labelledby="ntl-h-acc">
        <h3 id="ntl-h-acc">Accuracy per domain</h3>
        <AccuracyView />
      </section>
      <section className="ntl-panel" aria-labelledby="ntl-h-samples">
        <h3 id="ntl-h-samples">Sample predictions</h3>
        <SamplesView />
      </section>
      <section className="ntl-panel" aria-labelledby="ntl-h-features">
        <h3 id="ntl-h-features">Feature space Φ (PCA to 2-D)</h3>
        <FeatureView />
      </section>
      {(values.mode === 'ownership' || values.mode === 'authorization') && (
        <section className="ntl-panel" aria-labelledby="ntl-h-patch">
          <h3 id="ntl-h-patch">The patch</h3>
          <PatchPreview />
        </section>
      )}
      {values.mode === 'ownership' && (
        <section className="ntl-panel" aria-labelledby="ntl-h-attacks">
          <h3 id="ntl-h-attacks">Removal attacks</h3>
          <AttackPanel controller={controller} trained={trained} />
        </section>
      )}
    </div>
  );
}

function useRunnerStatus(runner: Runner | null): string {
  const [status, setStatus] = useState(runner?.getState().status ?? 'idle');
  useEffect(() => {
    if (!runner) return;
    setStatus(runner.getState().status);
    return runner.subscribe((s) => setStatus(s.status));
  }, [runner]);
  return status;
}
