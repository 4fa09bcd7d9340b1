/**
 * The live part of the iLQR-VAE page for the systems trained live (sparse input events, §3.3, and
 * the autonomous system (b), §3.1): the kit's training panel (src/shared/ui/live) around the
 * demo's views. A change to any training setting (the system included) makes a new runner (the
 * old run is dropped in the worker); the shown trial does not.
 */
import { useDeferredValue, useMemo } from 'react';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { TrainingPanel as KitTrainingPanel, useRunnerStatus, useTraining, ViewPanel } from '../../../shared/ui/live/TrainingPanel';
import type { TrainingController } from '../../../shared/run/trainingController';
import { systemSettingsProblem, type LiveSystem } from '../core/systems';
import { useIlqrUrl, type IlqrUrlValues } from '../store';
import type { IlqrWorkerHandlers } from '../worker/train.worker';
import type { PreparedInfo, SessionConfig, StepReport } from '../worker/protocol';
import { ilqrHeadline } from './headline';
import { ilqrLive, latestCheckpoint, useIlqrLive, type IlqrRun } from './liveStore';
import { EigenvalueView, InferenceReplay, InputEnergyView, InputsView, LatentView, LearningCurves, LONG_TRIAL_BINS, LongTrialView, ObservationsView, useShownTrial } from './Views';

/** The live system of the link (the Lorenz views have their own panel: LorenzPanel.tsx). */
export function liveSystem(v: IlqrUrlValues): LiveSystem {
  return v.system === 'autonomous' ? 'autonomous' : 'sparse';
}

function sessionConfig(v: IlqrUrlValues): SessionConfig {
  return { system: liveSystem(v), prior: v.prior, trials: v.trials, bins: v.bins, noise: v.noise, lrScale: v.lr, steps: v.steps, implicit: v.implicit, seed: v.seed };
}

const makeWorker = () => new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module', name: 'ilqr-training' });
const isCheckpoint = (r: StepReport) => r.checkpoint !== undefined;

function Headline() {
  const steps = useIlqrUrl((s) => s.values.steps);
  const trials = useIlqrUrl((s) => s.values.trials);
  const bins = useIlqrUrl((s) => s.values.bins);
  const system = useIlqrUrl((s) => liveSystem(s.values));
  const checkpoint = useDeferredValue(useStaggered(useIlqrLive(latestCheckpoint), 1));
  const h = ilqrHeadline({ system, steps, trials, bins, checkpoint });
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} claim={h.claim} verdict={h.verdict} />;
}

function RunSummary() {
  const prepared = useIlqrLive((s) => s.prepared);
  if (!prepared) return null;
  return (
    <p className="small run-summary" data-testid="ilqr-run-summary">
      {prepared.trials} trial{prepared.trials === 1 ? '' : 's'} × {prepared.bins} time bins; {prepared.n} hidden latents{' '}
      {prepared.system === 'autonomous' ? 'set by an initial state and then left alone (no input events)' : 'driven by sparse input events'}, seen through{' '}
      {prepared.no} noisy channels.
    </p>
  );
}

function StepTimes() {
  const ms = useIlqrLive((s) => s.msPerStep);
  return <>{ms !== null && <> · {ms.toFixed(0)} ms per step</>}</>;
}

type Controller = TrainingController<IlqrWorkerHandlers>;

function Replay({ controller, ready }: { controller: Controller | null; ready: boolean }) {
  const trial = useShownTrial();
  const busy = useIlqrLive((s) => s.extra !== null);
  const error = useIlqrLive((s) => s.extraError);
  const infer = async () => {
    if (!controller) return;
    const trace = await controller.extra('infer', { trial }, `iLQR on trial ${trial + 1}`);
    if (trace) useIlqrLive.setState({ trace });
  };
  return (
    <>
      <InferenceReplay onInfer={() => void infer()} disabled={!controller || !ready} busy={busy} />
      {!ready && <p className="muted small">Run (or Step once) first: iLQR needs a model.</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="ilqr-infer-error">
          {error}
        </p>
      )}
    </>
  );
}

function LongTrial({ controller, ready }: { controller: Controller | null; ready: boolean }) {
  const busy = useIlqrLive((s) => s.extra !== null);
  const evaluate = async () => {
    if (!controller) return;
    const report = await controller.extra('longTrial', { bins: LONG_TRIAL_BINS }, `a held-out trial of ${LONG_TRIAL_BINS} bins`);
    if (report) useIlqrLive.setState({ longTrial: report });
  };
  return (
    <>
      <LongTrialView onEvaluate={() => void evaluate()} disabled={!controller || !ready} busy={busy} />
      {!ready && <p className="muted small">Train first (Run); pause or finish the run to evaluate.</p>}
    </>
  );
}

export function TrainingPanel() {
  const values = useIlqrUrl((s) => s.values);
  const prepareArgs = useMemo(
    () => ({ config: sessionConfig(values) }),
    // Only the training fields: the shown trial and the backend do not reset a run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values.system, values.prior, values.trials, values.bins, values.noise, values.lr, values.steps, values.implicit, values.seed],
  );
  const training = useTraining<IlqrWorkerHandlers, PreparedInfo, IlqrRun>({ live: ilqrLive, makeWorker, prepareArgs, totalSteps: values.steps, isCheckpoint, saveRuns: { demo: 'ilqr', everySteps: 10 } });
  const status = useRunnerStatus(training.runner);
  const hasModel = useIlqrLive((s) => s.checkpoints.length > 0);
  const autonomous = values.system === 'autonomous';
  return (
    <KitTrainingPanel
      idPrefix="ilqr"
      training={training}
      live={ilqrLive}
      problem={systemSettingsProblem(values)}
      preparingVerb="Generating trials"
      headline={<Headline />}
      summary={<RunSummary />}
      diagnostics={<StepTimes />}
    >
      {autonomous ? (
        <ViewPanel id="ilqr-h-inputs" title="Where the inferred inputs go: their size per bin">
          <InputEnergyView />
        </ViewPanel>
      ) : (
        <ViewPanel id="ilqr-h-inputs" title="Inferred inputs against the true ones">
          <InputsView />
        </ViewPanel>
      )}
      <ViewPanel id="ilqr-h-curves" title="Learning: loss and recovery">
        <LearningCurves />
      </ViewPanel>
      <ViewPanel id="ilqr-h-replay" title="One iLQR solve, iteration by iteration">
        <Replay controller={training.controller} ready={hasModel && status !== 'running'} />
      </ViewPanel>
      <ViewPanel id="ilqr-h-latents" title="Latent trajectory">
        <LatentView />
      </ViewPanel>
      <ViewPanel id="ilqr-h-eigen" title="Dynamics: eigenvalues of A">
        <EigenvalueView />
      </ViewPanel>
      {!autonomous && (
        <ViewPanel id="ilqr-h-long" title="After training on short trials: one long trial">
          <LongTrial controller={training.controller} ready={hasModel && status !== 'running'} />
        </ViewPanel>
      )}
      <ViewPanel id="ilqr-h-data" title="What the model sees">
        <ObservationsView />
      </ViewPanel>
    </KitTrainingPanel>
  );
}
