/**
 * The live part of the DEG page: the kit's training panel around the demo's views. Preparing the run
 * builds the grammar and samples N molecules (all in the worker); each runner step is one REINFORCE
 * epoch. A change to a training setting (or a pasted list) makes a new runner.
 */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { TrainingPanel as KitTrainingPanel, useRunnerStatus, useTraining, ViewPanel } from '../../../shared/ui/live/TrainingPanel';
import type { TrainingController } from '../../../shared/run/trainingController';
import type { Runner } from '../../../shared/run';
import { DATASET_NAMES, datasetSmiles } from '../core/datasets';
import { settingsProblem } from '../core/settings';
import { useGrammarUrl, type GrammarUrlValues } from '../store';
import type { GrammarWorkerHandlers } from '../worker/train.worker';
import type { PreparedInfo, SessionConfig } from '../worker/protocol';
import { grammarHeadline } from './headline';
import { grammarLive, useGrammarLive, usePasted, useShownGrammar, useShownSamples, type GrammarRun } from './liveStore';
import { ExportSmiles, PastePanel } from './UserData';
import { ContractionSteps, RewardCurves, RuleGallery, SampleGrid, TrainingMolecules } from './Views';

const makeWorker = () => new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module', name: 'grammar-worker' });

function sessionConfig(v: GrammarUrlValues, pasted: string | null): SessionConfig {
  return { dataset: v.dataset, pasted, n: v.n, epochs: v.epochs, rewardSamples: v.rewardSamples, seed: v.seed };
}

function Headline() {
  const v = useGrammarUrl((s) => s.values);
  const pasted = usePasted((s) => s.text !== null);
  const prepared = useGrammarLive((s) => s.prepared);
  const grammar = useDeferredValue(useShownGrammar());
  const last = useGrammarLive((s) => s.epochs.at(-1) ?? null);
  const count = useMemo(() => (pasted ? null : datasetSmiles(v.dataset).length), [pasted, v.dataset]);
  const h = grammarHeadline({ setName: pasted ? 'pasted molecules' : DATASET_NAMES[v.dataset], trainingCount: count, n: v.n, epochs: v.epochs, prepared, grammar, last });
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} />;
}

function RunSummary() {
  const prepared = useGrammarLive((s) => s.prepared);
  const backend = useGrammarLive((s) => s.worker.backend?.name ?? null);
  if (!prepared) return null;
  return (
    <p className="small run-summary" data-testid="grammar-run-summary">
      {prepared.molecules.length} training molecules ({prepared.source.kind === 'pasted' ? 'your list' : DATASET_NAMES[prepared.source.id]}) contracted in{' '}
      {prepared.iterations} iterations into {prepared.grammar.metrics.rules} rules ({(prepared.buildSeconds * 1000).toFixed(0)} ms); prepared in{' '}
      {prepared.seconds.toFixed(1)} s with RDKit in the worker. The page itself loads no tfjs; REINFORCE updates F<sub>θ</sub> with tfjs
      in the worker{backend ? ` (${backend} backend)` : ''}.
    </p>
  );
}

function EpochTimes() {
  const epochs = useGrammarLive((s) => s.epochs);
  if (!epochs.length) return null;
  const mean = epochs.reduce((a, e) => a + e.seconds, 0) / epochs.length;
  return <> · {mean.toFixed(1)} s per epoch</>;
}

const ms = (x: number | null) => (x === null ? '?' : `${Math.round(x)} ms`);

/** Where the preparation's time went in the worker (the e2e timing test prints `data-times`). */
function PrepareTimings() {
  const times = useGrammarLive((s) => s.prepared?.times ?? null);
  if (!times) return null;
  const p = times.phases;
  const load = times.rdkitLoad;
  return (
    <span data-testid="grammar-prepare-times" data-times={JSON.stringify(times)}>
      {' · '}preparation in the worker: waiting for RDKit {ms(p.rdkit)}
      {load && (
        <>
          {' '}
          (its load: download {ms(load.downloadMs)}, ready after {ms(load.readyMs)}, started {ms(load.startedBeforePrepareMs)} before Build;
          warm-up {load.warmUp ? `${ms(load.warmUp.ms)}, ${load.warmUp.stages} of 4 stages` : 'not run'})
        </>
      )}
      , reading the set {ms(p.read)}, building the grammar {ms(p.build)}, sampling + metrics {ms(p.sample)}, drawing the samples {ms(p.draw)}, drawing the rules{' '}
      {ms(p.rules)}
    </span>
  );
}

function BuildButton({ runner }: { runner: Runner | null }) {
  const status = useRunnerStatus(runner);
  const prepared = useGrammarLive((s) => s.prepared !== null);
  const preparing = useGrammarLive((s) => s.data !== null);
  const busy = status === 'running' || (preparing && status !== 'error');
  return (
    <button type="button" className="btn primary" data-testid="grammar-build" disabled={!runner || prepared || busy} onClick={() => void runner?.stepOnce()}>
      {prepared ? 'Grammar built' : busy ? 'Building…' : 'Build grammar'}
    </button>
  );
}

type Controller = TrainingController<GrammarWorkerHandlers>;

function BestSamples({ controller, ready }: { controller: Controller | null; ready: boolean }) {
  const busy = useGrammarLive((s) => s.extra !== null);
  const error = useGrammarLive((s) => s.extraError);
  const best = useGrammarLive((s) => s.best);
  const sample = async () => {
    if (!controller) return;
    const view = await controller.extra('sampleBest', {}, 'sampling the best grammar');
    if (view) useGrammarLive.setState({ best: view });
  };
  return (
    <div className="field-row">
      <button type="button" className="btn" data-testid="grammar-sample-best" disabled={!controller || !ready || busy} onClick={() => void sample()}>
        Sample N from the best grammar so far
      </button>
      {best && (
        <button type="button" className="btn" data-testid="grammar-show-initial" onClick={() => useGrammarLive.setState({ best: null })}>
          Back to the grammar before training
        </button>
      )}
      {!ready && <span className="muted small">after an epoch, while paused or done</span>}
      {error && (
        <span className="field-error" role="alert" data-testid="grammar-extra-error">
          {error}
        </span>
      )}
    </div>
  );
}

function Samples() {
  const shown = useDeferredValue(useStaggered(useShownSamples(), 1));
  if (!shown) return <p className="muted small">Build the grammar: N molecules are then generated from it and drawn here.</p>;
  return <SampleGrid samples={shown.samples} total={shown.total} grammar={shown.grammar} />;
}

export function TrainingPanel() {
  const values = useGrammarUrl((s) => s.values);
  const pasted = usePasted((s) => s.text);
  const pastedVersion = usePasted((s) => s.version);
  const buildPending = usePasted((s) => s.buildPending);
  const prepareArgs = useMemo(
    () => ({ config: sessionConfig(values, pasted) }),
    // Only the run's fields: the backend does not reset a run (the worker computes on its own).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values.dataset, values.n, values.epochs, values.rewardSamples, values.seed, pasted, pastedVersion],
  );
  const training = useTraining<GrammarWorkerHandlers, PreparedInfo, GrammarRun>({ live: grammarLive, makeWorker, prepareArgs, totalSteps: values.epochs, saveRuns: { demo: 'grammar', everySteps: 1 } });
  const status = useRunnerStatus(training.runner);
  // The worker (and RDKit in it: 7.4 MB of WebAssembly, 1–2 s to fetch and compile here) starts once the
  // page is idle, while the visitor reads, so that Build does not wait for it. Only this route loads it.
  const controller = training.controller;
  useEffect(() => {
    if (!controller) return;
    const warm = () => controller.warmUp();
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(warm, { timeout: 1000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(warm, 200);
    return () => clearTimeout(id);
  }, [controller]);
  const trained = useGrammarLive((s) => s.epochs.length > 0);
  // A pasted list is built as soon as its own runner exists (the runner of the commit that set it is the old one).
  const pendingFrom = useRef<Runner | null | undefined>(undefined);
  useEffect(() => {
    if (!buildPending) {
      pendingFrom.current = undefined;
      return;
    }
    if (pendingFrom.current === undefined) {
      pendingFrom.current = training.runner;
      return;
    }
    if (!training.runner || training.runner === pendingFrom.current) return;
    pendingFrom.current = undefined;
    usePasted.getState().built();
    void training.runner.stepOnce();
  }, [buildPending, training.runner]);
  return (
    <KitTrainingPanel
      idPrefix="grammar"
      training={training}
      live={grammarLive}
      problem={settingsProblem({ ...values, pasted: pasted !== null })}
      preparingVerb="Preparing"
      progressLabel="REINFORCE epochs"
      headline={
        <>
          <BuildButton runner={training.runner} />
          <Headline />
        </>
      }
      summary={<RunSummary />}
      diagnostics={
        <>
          <EpochTimes />
          <PrepareTimings />
        </>
      }
    >
      <ViewPanel id="grammar-h-samples" title="Generated molecules">
        <BestSamples controller={training.controller} ready={trained && status !== 'running'} />
        <ExportSmiles />
        <Samples />
      </ViewPanel>
      <ViewPanel id="grammar-h-reward" title="REINFORCE: reward per epoch">
        <RewardCurves />
      </ViewPanel>
      <ViewPanel id="grammar-h-trace" title="Building the grammar, step by step">
        <ContractionSteps />
      </ViewPanel>
      <ViewPanel id="grammar-h-rules" title="Production rules">
        <RuleGallery />
      </ViewPanel>
      <ViewPanel id="grammar-h-training" title="Training molecules">
        <TrainingMolecules />
      </ViewPanel>
      <ViewPanel id="grammar-h-paste" title="Your own molecules">
        <PastePanel />
      </ViewPanel>
    </KitTrainingPanel>
  );
}
