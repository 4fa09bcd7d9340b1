/**
 * The live part of the NTL page: the kit's training panel (src/shared/ui/live) around NTL's views.
 * A change to any training setting makes a new runner (the old run's models are disposed in the
 * worker); the pruning slider does not.
 */
import { useDeferredValue, useMemo } from 'react';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { TrainingPanel as KitTrainingPanel, useRunnerStatus, useTraining, ViewPanel } from '../../../shared/ui/live/TrainingPanel';
import { settingsProblem, sourceFixedToS } from '../core/settings';
import { useNtlUrl, type NtlUrlValues } from '../store';
import type { NtlWorkerHandlers } from '../worker/train.worker';
import type { PreparedInfo, SessionConfig, StepReport } from '../worker/protocol';
import { AttackPanel } from './AttackPanel';
import { ntlHeadline } from './headline';
import { latestCheckpoint, ntlLive, useNtlLive, type NtlRun } from './liveStore';
import { AccuracyView, FeatureView, LossCurves, PatchPreview, SamplesView } from './Views';
import { formatCount } from '../../../shared/formatCount';

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

const makeWorker = () => new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module', name: 'ntl-training' });
const isCheckpoint = (r: StepReport) => r.checkpoint !== undefined;

function RunSummary() {
  const prepared = useNtlLive((s) => s.prepared);
  if (!prepared) return null;
  return (
    <p className="small run-summary" data-testid="ntl-run-summary">
      Training on <strong>{prepared.sourceName}</strong> ({formatCount(prepared.counts.source)} images)
      {prepared.counts.target > 0 && (
        <>
          {' '}
          against <strong>{prepared.targetName}</strong> ({formatCount(prepared.counts.target)} images)
        </>
      )}
      ; {prepared.counts.test} test images per domain.
    </p>
  );
}

/** The run's finding in one sentence, from the same checkpoint as the accuracy table. */
function Headline() {
  const mode = useNtlUrl((s) => s.values.mode);
  const target = useNtlUrl((s) => s.values.target);
  const steps = useNtlUrl((s) => s.values.steps);
  const prepared = useNtlLive((s) => s.prepared);
  const checkpoint = useDeferredValue(useStaggered(useNtlLive(latestCheckpoint), 1));
  const attacks = useNtlLive((s) => s.attacks);
  const h = ntlHeadline({ mode, target, steps, prepared, checkpoint, attacks });
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} claim={h.claim} verdict={h.verdict} />;
}

function StepTimes() {
  const ms = useNtlLive((s) => s.msPerStep);
  const prepared = useNtlLive((s) => s.prepared);
  return (
    <>
      {ms !== null && <> · {ms.toFixed(0)} ms per step</>}
      {prepared && <> · data generated in {prepared.seconds.toFixed(1)} s</>}
    </>
  );
}

export function TrainingPanel() {
  const values = useNtlUrl((s) => s.values);
  const prepareArgs = useMemo(
    () => ({ config: sessionConfig(values) }),
    // Only the training fields: the prune slider and backend (handled by DemoFrame) do not reset a run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values.mode, values.source, values.target, values.alpha, values.beta, values.loss, values.lr, values.steps, values.batch, values.baseline, values.seed],
  );
  const training = useTraining<NtlWorkerHandlers, PreparedInfo, NtlRun>({
    live: ntlLive,
    makeWorker,
    prepareArgs,
    totalSteps: prepareArgs.config.steps,
    isCheckpoint,
    // Every 10 steps (a save is about 1 MB per model with Adam's moments), on Pause and at the end.
    saveRuns: { demo: 'ntl', everySteps: 10 },
  });
  const status = useRunnerStatus(training.runner);
  const announce = useNtlLive((s) => {
    const cp = latestCheckpoint(s);
    const target = s.prepared?.roles.target;
    const acc = cp && target ? cp.ntl[target] : undefined;
    return acc === undefined ? undefined : `target accuracy ${Math.round(acc * 100)}%`;
  });
  return (
    <KitTrainingPanel
      idPrefix="ntl"
      training={training}
      live={ntlLive}
      problem={settingsProblem(values)}
      preparingVerb="Generating data"
      headline={<Headline />}
      summary={<RunSummary />}
      diagnostics={<StepTimes />}
      announce={announce}
    >
      <ViewPanel id="ntl-h-curves" title="Losses">
        <LossCurves />
      </ViewPanel>
      <ViewPanel id="ntl-h-acc" title="Accuracy per domain">
        <AccuracyView />
      </ViewPanel>
      <ViewPanel id="ntl-h-samples" title="The domains, and the model's predictions">
        <SamplesView />
      </ViewPanel>
      <ViewPanel id="ntl-h-features" title="Feature space Φ (PCA to 2-D)">
        <FeatureView />
      </ViewPanel>
      {(values.mode === 'ownership' || values.mode === 'authorization') && (
        <ViewPanel id="ntl-h-patch" title="The patch">
          <PatchPreview />
        </ViewPanel>
      )}
      {values.mode === 'ownership' && (
        <ViewPanel id="ntl-h-attacks" title="Removal attacks">
          <AttackPanel controller={training.controller} trained={status === 'done'} />
        </ViewPanel>
      )}
    </KitTrainingPanel>
  );
}
