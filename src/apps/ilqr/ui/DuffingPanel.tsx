/**
 * The live part of the iLQR-VAE page for the Duffing system (d) (paper Appendix I): the kit's
 * training panel (src/shared/ui/live) around the Duffing views, with its own worker
 * (worker/duffing.worker.ts) and live store (duffingLive.ts). The set-up is fixed (core/duffing.ts);
 * the link's steps and seed make the run, and a change to either (or to the system) makes a new
 * runner; the shown held-out trial does not. Loaded lazily by the page only when this system is
 * picked.
 */
import { useDeferredValue, useMemo } from 'react';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { committedResult, formatMeanSd } from '../../../shared/ui/committedResults';
import { formatPercent } from '../../../shared/ui/format';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { TrainingPanel as KitTrainingPanel, useRunnerStatus, useTraining, ViewPanel } from '../../../shared/ui/live/TrainingPanel';
import type { TrainingController } from '../../../shared/run/trainingController';
import { DUFFING_LIVE, systemSettingsProblem } from '../core/systems';
import { useIlqrUrl } from '../store';
import type { DuffingWorkerHandlers } from '../worker/duffing.worker';
import type { DuffingPreparedInfo, DuffingSessionConfig, DuffingStepReport } from '../worker/protocolDuffing';
import { duffingHeadline } from './duffingHeadline';
import { duffingLive, latestDuffingCheckpoint, useDuffingLive, type DuffingRun } from './duffingLive';
import { DuffingCurves, DuffingNormsView, DuffingPhaseView, DuffingRasterView, DuffingReplay, useDuffingTrial } from './DuffingViews';

const makeWorker = () => new Worker(new URL('../worker/duffing.worker.ts', import.meta.url), { type: 'module', name: 'ilqr-duffing' });
const isCheckpoint = (r: DuffingStepReport) => r.checkpoint !== undefined;

/** The committed full experiment (`npm run experiment -- ilqr`), when there is one, and its sizes (only that key of the file is imported). */
const FULL = committedResult('ilqr');
const FULL_SIZES = Object.values(
  import.meta.glob<{ duffingSteps?: number; duffingSeeds?: number; duffingTestTrials?: number }>('../results/full.json', { eager: true, import: 'sizes' }),
)[0];

function Headline() {
  const steps = useIlqrUrl((s) => s.values.steps);
  const checkpoint = useDeferredValue(useStaggered(useDuffingLive(latestDuffingCheckpoint), 1));
  const chance = useDuffingLive((s) => s.prepared?.chance ?? null);
  const untrained = useDuffingLive((s) => s.prepared?.untrained ?? null);
  const h = duffingHeadline({ steps, checkpoint, chance, untrained });
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} claim={h.claim} verdict={h.verdict} />;
}

/** What this run is, and the committed full run beside it, labelled as such. */
function RunSummary() {
  const prepared = useDuffingLive((s) => s.prepared);
  const steps = useIlqrUrl((s) => s.values.steps);
  const fm = FULL?.metrics;
  const full =
    fm && typeof fm['duffing.timingWithin2'] === 'number' && FULL_SIZES ? (
      <>
        {' '}
        For comparison, the committed full run (<code>npm run experiment -- ilqr</code>: {FULL_SIZES.duffingSteps} Adam steps on each of {FULL_SIZES.duffingSeeds}{' '}
        seeds, scored on {FULL_SIZES.duffingTestTrials} held-out trials; not this page's run): within ±2 bins on {formatMeanSd(FULL, 'duffing.timingWithin2')}, median error{' '}
        {formatMeanSd(FULL, 'duffing.timingErrorBins', (v) => v.toFixed(1))} bins, firing-rate R² {formatMeanSd(FULL, 'duffing.rateR2', (v) => v.toFixed(3))}.
      </>
    ) : null;
  if (!prepared) {
    return (
      <p className="small run-summary" data-testid="ilqr-duffing-summary">
        A run: the spike trains are generated from the seed, then {steps} Adam steps on minibatches of {DUFFING_LIVE.batch} of {DUFFING_LIVE.trainTrials} training
        trials; every few steps the model re-infers {DUFFING_LIVE.testTrials} held-out trials from a cold start.{full}
      </p>
    );
  }
  return (
    <p className="small run-summary" data-testid="ilqr-duffing-summary">
      {prepared.trainTrials} training trials × {prepared.bins} time bins of a Duffing oscillator seen through {prepared.neurons} Poisson neurons; an MGU2 with{' '}
      {prepared.n} latents and {prepared.m} inputs learns it in {steps} Adam steps (minibatches of {DUFFING_LIVE.batch}). This run scores {prepared.testTrials} held-out trials from a
      cold start at each checkpoint (the untrained model: within ±2 bins on {formatPercent(prepared.untrained.within2)}).{full}
    </p>
  );
}

function StepTimes() {
  const ms = useDuffingLive((s) => s.msPerStep);
  return <>{ms !== null && <> · {ms.toFixed(0)} ms per step</>}</>;
}

type Controller = TrainingController<DuffingWorkerHandlers>;

function Replay({ controller, ready }: { controller: Controller | null; ready: boolean }) {
  const trial = useDuffingTrial();
  const busy = useDuffingLive((s) => s.extra !== null);
  const error = useDuffingLive((s) => s.extraError);
  const infer = async () => {
    if (!controller) return;
    const trace = await controller.extra('infer', { trial }, `iLQR on held-out trial ${trial + 1}`);
    if (trace) useDuffingLive.setState({ trace });
  };
  return (
    <>
      <DuffingReplay onInfer={() => void infer()} disabled={!controller || !ready} busy={busy} />
      {!ready && <p className="muted small">Run (or Step once) first, and pause or finish the run: iLQR needs a model.</p>}
      {error && (
        <p className="field-error" role="alert" data-testid="ilqr-duffing-infer-error">
          {error}
        </p>
      )}
    </>
  );
}

function sessionConfig(steps: number, seed: number): DuffingSessionConfig {
  return { steps, seed };
}

export function DuffingPanel() {
  const values = useIlqrUrl((s) => s.values);
  // Only the settings that make the run: the shown trial and the other systems' settings do not reset it.
  const prepareArgs = useMemo(() => ({ config: sessionConfig(values.steps, values.seed) }), [values.steps, values.seed]);
  const training = useTraining<DuffingWorkerHandlers, DuffingPreparedInfo, DuffingRun>({ live: duffingLive, makeWorker, prepareArgs, totalSteps: values.steps, isCheckpoint, saveRuns: { demo: 'ilqr-duffing', everySteps: 10 } });
  const status = useRunnerStatus(training.runner);
  const hasModel = useDuffingLive((s) => s.checkpoints.length > 0);
  const ready = hasModel && status !== 'running';
  return (
    <KitTrainingPanel
      idPrefix="ilqr"
      training={training}
      live={duffingLive}
      problem={systemSettingsProblem(values)}
      preparingVerb="Generating spike trains"
      headline={<Headline />}
      summary={<RunSummary />}
      diagnostics={<StepTimes />}
    >
      <ViewPanel id="ilqr-h-duffing-raster" title="What the model sees: spikes of a held-out trial">
        <DuffingRasterView />
      </ViewPanel>
      <ViewPanel id="ilqr-h-duffing-norms" title="When did the perturbation happen? The inferred input's size">
        <DuffingNormsView />
      </ViewPanel>
      <ViewPanel id="ilqr-h-duffing-phase" title="Latent trajectory in the phase plane">
        <DuffingPhaseView />
      </ViewPanel>
      <ViewPanel id="ilqr-h-duffing-replay" title="One iLQR solve, iteration by iteration">
        <Replay controller={training.controller} ready={ready} />
      </ViewPanel>
      <ViewPanel id="ilqr-h-duffing-curves" title="Learning: loss and the held-out score">
        <DuffingCurves />
      </ViewPanel>
    </KitTrainingPanel>
  );
}
