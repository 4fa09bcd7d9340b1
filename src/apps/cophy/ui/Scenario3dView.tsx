/**
 * The CoPhy page's 3-D scenarios (issue #14), BlocktowerCF and CollisionCF, loaded only when one is
 * chosen (React.lazy in CophyPage.tsx, so neither this code, three.js nor Rapier reaches a BallsCF visit):
 * the observed AB and the simulated CD as 64 × 64 ray-cast videos (core3d/raycast.ts, made in the
 * worker) with one player, C in an interactive three.js view (View3D.tsx), the filter's verdict object
 * by object against ε = 100 after each intervention, the filter's statistics and ε grid on a small
 * sample, and the scenario's model's D (worker/predict.ts through the 3-D worker) beside the simulated
 * one, or the commands that train it where no weights ship.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { formatPercent } from '../../../shared/ui/format';
import type { Scenario3d } from '../core3d/dataset3d';
import { FPS_3D } from '../core3d/physics';
import { trainStages3d } from '../core3d/training3d';
import { IMAGE_SIZE_3D } from '../core3d/raycast';
import { SCENARIO_FRAMES, settingsProblem3d, useCophyUrl } from '../store';
import { describeIntervention3d, intervention3dOf, intervention3dValues, objectName3d, type Intervention3d } from '../worker/intervention3d';
import { STATS3D_SAMPLE } from '../worker/stats3dSample';
import { shownEvaluation3d, useCophy3dLive } from './live3dStore';
import { useCophy3dWorker } from './useCophy3dWorker';
import { cophy3dHeadline } from './headline3d';
import { FrameCanvas, KeypointToggle, nearestFrame, PredictedView, SimulatedKeypoints } from './Videos';
import { EpsilonSweepChart, FilterCountsTable, FlipTable, sweepAtEpsilon } from './Panels';
import { VideoPlayer } from './VideoPlayer';
import { setupOf, View3D } from './View3D';

export const SCENARIO_NAMES: Readonly<Record<Scenario3d, string>> = { blocktower: 'BlocktowerCF', collision: 'CollisionCF' };


function ViewPanel({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="view-panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

const seconds = (t: number) => `${(t / FPS_3D).toFixed(2)} s`;

function useShownFrame(): number {
  const frame = useCophy3dLive((s) => s.frame);
  const total = useCophy3dLive((s) => s.example?.frames ?? 150);
  return Math.min(frame, total - 1);
}

function AbVideo3d() {
  const frame = useShownFrame();
  const frames = useCophy3dLive((s) => s.abFrames);
  const example = useCophy3dLive((s) => s.example);
  const first = useMemo(() => (example ? new ImageData(new Uint8ClampedArray(example.firstFrame), IMAGE_SIZE_3D, IMAGE_SIZE_3D) : null), [example]);
  const exact = frames[frame] ?? null;
  return (
    <div data-testid="cophy3d-ab-video" data-frames-ready={frames.filter(Boolean).length}>
      <FrameCanvas image={exact ?? nearestFrame(frames, frame) ?? first} ready={exact !== null} testId="cophy3d-ab" label={`Observed video AB, frame ${frame} (${seconds(frame)}), ray-cast at 64 × 64.`} />
    </div>
  );
}

function CFrame3d() {
  const ev = useCophy3dLive((s) => s.evaluation);
  const image = useMemo(() => (ev && ev.cFrame.length ? new ImageData(new Uint8ClampedArray(ev.cFrame), IMAGE_SIZE_3D, IMAGE_SIZE_3D) : null), [ev]);
  return <FrameCanvas image={image} ready={image !== null} testId="cophy3d-c" label={ev?.problem ? 'No C: it cannot be simulated.' : 'C, the first frame of the counterfactual video, ray-cast as the model would see it.'} />;
}

function SimulatedD3d() {
  const frame = useShownFrame();
  const frames = useCophy3dLive((s) => s.cdFrames);
  const ev = useCophy3dLive((s) => s.evaluation);
  const c = useMemo(() => (ev && ev.cFrame.length ? new ImageData(new Uint8ClampedArray(ev.cFrame), IMAGE_SIZE_3D, IMAGE_SIZE_3D) : null), [ev]);
  const exact = frames[frame] ?? null;
  return (
    <div className="cophy-d" data-testid="cophy3d-simulated-d" data-frames-ready={frames.filter(Boolean).length}>
      <FrameCanvas
        image={ev?.problem ? null : (exact ?? nearestFrame(frames, frame) ?? c)}
        ready={exact !== null}
        testId="cophy3d-cd"
        label={ev?.problem ? 'No simulated D: C cannot be simulated.' : `Simulated counterfactual video CD from your C, frame ${frame} (${seconds(frame)}), same hidden masses as AB.`}
      />
      {ev?.problem ? null : <SimulatedKeypoints store={useCophy3dLive} frame={frame} testId="cophy3d-cd-keypoints" />}
    </div>
  );
}

/** The model's D for the link's C (PredictedView, as BallsCF), or, where no model is trained for the scenario, the commands that train one. */
function PredictedD3d({ scenario }: { scenario: Scenario3d }) {
  return (
    <PredictedView
      store={useCophy3dLive}
      imageSize={IMAGE_SIZE_3D}
      fps={FPS_3D}
      testIdPrefix="cophy3d"
      notTrained={() => (
        <>
          No model is trained for {SCENARIO_NAMES[scenario]} yet (part 1's model, trained per scenario: hours on this machine, issue #14). Its three stages:{' '}
          {trainStages3d(scenario).map((c, i) => (
            <span key={c}>
              {i > 0 ? ', then ' : ''}
              <code>{c}</code>
            </span>
          ))}
          ; the weights go to <code>src/apps/cophy/weights/{scenario}/</code>. Until they ship there is no predicted D, and nothing here pretends to be one.
        </>
      )}
    />
  );
}

function Player3d() {
  return <VideoPlayer store={useCophy3dLive} fps={FPS_3D} testIdPrefix="cophy3d" editorSelector=".cophy3d-view" />;
}


const REASON: Record<string, string> = {
  kept: 'kept: identifiable and counterfactual',
  'not-counterfactual': 'rejected: not counterfactual (no single mass flip changes D by more than ε)',
  'not-identifiable': 'rejected: not identifiable (masses that AB cannot tell apart give different D’s)',
};

function Verdict3d() {
  const example = useCophy3dLive((s) => s.example);
  const ev = useCophy3dLive(shownEvaluation3d);
  const dragging = useCophy3dLive((s) => s.draft !== null);
  if (!example) return <p className="muted">The verdict appears once the example is generated.</p>;
  if (ev?.problem) {
    return (
      <p className="field-error" role="alert" data-testid="cophy3d-verdict" data-reason="problem" data-for={JSON.stringify(ev.intervention)} data-dragging={dragging ? 'true' : 'false'}>
        No verdict: {ev.problem}
      </p>
    );
  }
  const v = ev?.verdict ?? null;
  if (!v || !ev) return <p className="muted">Judging this C…</p>;
  const setup = setupOf(example);
  const dims = example.scenario === 'blocktower' ? 'x, y and z' : 'x and y';
  return (
    <div data-testid="cophy3d-verdict" data-for={JSON.stringify(ev.intervention)} data-reason={v.reason} data-counterfactual={v.counterfactual.map((k) => k + 1).join(',')} data-dragging={dragging ? 'true' : 'false'} data-changes={v.flipChange.map((c) => (c === null ? 'x' : c.toFixed(0))).join(',')}>
      <p>
        <strong data-testid="cophy3d-verdict-line">
          {describeIntervention3d(ev.intervention, setup, example.datasetOp)}: {REASON[v.reason]}
        </strong>
        {ev.cStable !== null ? ` C's tower is ${ev.cStable ? 'stable' : 'unstable'} by the official test (with the hidden masses).` : ''} Simulated and judged in the worker in{' '}
        {ev.ms.toFixed(0)} ms.
      </p>
      <FlipTable
        verdict={v}
        n={example.n}
        masses={example.masses}
        caption={`One mass flipped at a time (1 ↔ 10): how far AB and D move, as the largest per-object Σ over ${example.frames} frames of the position error over ${dims} (ε = ${v.epsilon}).`}
        noun="Object"
        rowHead={(k) => `${k + 1} ${objectName3d(setup, k).replace(/^the /, '')}`}
        testIdPrefix="cophy3d"
        rowTestId={(k) => `cophy3d-verdict-object-${k + 1}`}
      />
    </div>
  );
}

function Stats3dView({ scenario }: { scenario: Scenario3d }) {
  const stats = useCophy3dLive((s) => s.stats);
  const progress = useCophy3dLive((s) => s.statsProgress);
  const error = useCophy3dLive((s) => s.statsError);
  const sample = STATS3D_SAMPLE[scenario];
  const script = `npx tsx scripts/cophy3d-dataset.ts --scenario ${scenario}`;
  if (error) return <p className="field-error" role="alert">The statistics could not be computed: {error}</p>;
  if (!stats) {
    return (
      <p className="muted" data-testid="cophy3d-stats" data-state="computing">
        Generating the first {sample.examples} {SCENARIO_NAMES[scenario]} test examples with the filter, then {sample.unfiltered} candidates without it, in a worker of
        their own{progress ? ` (${progress.done} of ${progress.total})` : ''}…{' '}
        {scenario === 'blocktower' ? 'A tower example takes about 10 s on one core: the official filter rejects most towers.' : ''}
      </p>
    );
  }
  const rejected = stats.notCounterfactual + stats.notIdentifiable;
  return (
    <div data-testid="cophy3d-stats" data-state="ready" data-scenario={scenario} data-kept={stats.kept} data-rejected={rejected}>
      <p className="small">
        <strong>A small sample</strong>: the first {stats.examples} test examples and {stats.unfiltered} unfiltered candidates of seed {stats.seed}, computed in the worker in{' '}
        {(stats.ms / 1000).toFixed(1)} s. The larger run is <code>{script}</code> (its results are in the cophy README, part 2).
      </p>
      <FilterCountsTable
        stats={stats}
        overlapLabel={scenario === 'blocktower' ? 'Shift with too little room' : 'Shift started too close or too low'}
        extraRows={
          scenario === 'blocktower' && (
            <tr>
              <th scope="row">C's tower stable when the coin wanted unstable, or the reverse</th>
              <td>{stats.stabilityMismatch}</td>
              <td />
            </tr>
          )
        }
        testIdPrefix="cophy3d"
      />
      <EpsilonSweepChart stats={stats} label={`Share of ${stats.unfiltered} unfiltered ${SCENARIO_NAMES[scenario]} candidates that pass each test, against ε`} />
      <p className="small muted">
        The paper's Fig. 7 redone on Rapier (whose trajectories are not PyBullet's), errors summed over {scenario === 'blocktower' ? 'x, y and z' : 'x and y'}.
        {sweepAtEpsilon(stats)} With {stats.unfiltered} candidates each share moves in steps of {formatPercent(1 / stats.unfiltered)}.
      </p>
    </div>
  );
}

/** The result first (issue #14 as BallsCF's card): what this C does, whether the filter keeps it, and once decoded how near the model's D is. */
function Headline3d({ scenario }: { scenario: Scenario3d }) {
  const example = useCophy3dLive((s) => s.example);
  const ev = useCophy3dLive(shownEvaluation3d);
  const dragging = useCophy3dLive((s) => s.draft !== null);
  const prediction = useCophy3dLive((s) => s.prediction);
  const setup = useMemo(() => (example ? setupOf(example) : null), [example]);
  const what = example && setup && ev ? describeIntervention3d(ev.intervention, setup, example.datasetOp) : null;
  // the model's figure is for the link's C only: a prediction for an older C is not shown
  const current = prediction && ev && !dragging && JSON.stringify(prediction.for) === JSON.stringify(ev.intervention) ? prediction : null;
  const h = cophy3dHeadline({ example, setup, what, evaluation: ev, scenarioName: SCENARIO_NAMES[scenario], dragging, prediction: current });
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} claim={h.claim} />;
}

function Status3d({ scenario }: { scenario: Scenario3d }) {
  const example = useCophy3dLive((s) => s.example);
  const since = useCophy3dLive((s) => s.loadingSince);
  const error = useCophy3dLive((s) => s.error);
  const values = useCophyUrl((s) => s.values);
  const problem = example ? settingsProblem3d(values, setupOf(example)) : settingsProblem3d(values, null);
  return (
    <>
      {!example && !error && (
        <p className="notice" data-testid="cophy3d-loading" role="status">
          Generating {SCENARIO_NAMES[scenario]} test example {values.example} (seed {values.seed}) in the worker with Rapier and the benchmark's filter
          {scenario === 'blocktower' ? ': a tower takes about 10 s on one core (more on a busy machine), since the filter rejects most candidates' : ''}
          {since ? '…' : ''}
        </p>
      )}
      {example && (
        <p className="small muted cophy3d-example-line" data-testid="cophy3d-example" data-scenario={example.scenario} data-index={example.index + 1}>
          {SCENARIO_NAMES[example.scenario]} test example {example.index + 1} of seed {example.seed}: {example.n} objects, {example.frames} frames at {FPS_3D} fps, generated in{' '}
          {(example.ms / 1000).toFixed(1)} s.
        </p>
      )}
      {problem && (
        <p className="notice bad" role="alert" data-testid="cophy3d-problem">
          {problem}
        </p>
      )}
    </>
  );
}

export default function Scenario3dView({ scenario }: { scenario: Scenario3d }) {
  const worker = useCophy3dWorker(scenario);
  const set = useCophyUrl((s) => s.set);
  const example = useCophy3dLive((s) => s.example);
  const error = useCophy3dLive((s) => s.error);

  // A new example selects the object the user most likely wants: the top cube, or the mover.
  useEffect(() => {
    if (!example) return;
    const k = example.setup.kind === 'blocktower' ? example.n - 1 : example.setup.arena.moving === 'cylinder' ? 0 : 1;
    useCophy3dLive.setState({ selected: k });
  }, [example]);

  const commit = (i: Intervention3d) => {
    // the dataset's own C is written as `dataset`, whatever the editor reached it by
    set({ ...intervention3dValues(i) });
  };
  const edit = useCophyUrl((s) => s.values.edit);
  const frames = SCENARIO_FRAMES[scenario];
  const values = useCophyUrl((s) => s.values);
  const linkIntervention = intervention3dOf(values);

  return (
    <div className="cophy-live cophy3d-live" data-testid="cophy3d-live" data-scenario={scenario} data-loaded={example ? 'true' : 'false'} data-edit={edit} data-link-intervention={JSON.stringify(linkIntervention)}>
      <Headline3d scenario={scenario} />
      <Status3d scenario={scenario} />
      {error && (
        <div className="notice bad" role="alert" data-testid="cophy3d-error">
          <span>The worker could not finish: {error}</span>
          <button type="button" className="btn small" onClick={worker.retry}>
            Try again
          </button>
        </div>
      )}
      <div className="cophy3d-main">
        <figure className="cophy-tile cophy3d-editor-tile">
          <View3D onDraft={worker.evaluateDraft} onDraftEnd={worker.endDraft} onCommit={commit} />
          <figcaption>
            <strong>C</strong> in 3-D: your first frame (three.js, for editing only)
          </figcaption>
        </figure>
      </div>
      <div className="cophy-tiles">
        <figure className="cophy-tile">
          <AbVideo3d />
          <figcaption>
            <strong>AB</strong> observed
          </figcaption>
        </figure>
        <figure className="cophy-tile">
          <CFrame3d />
          <figcaption>
            <strong>C</strong> as the model sees it
          </figcaption>
        </figure>
        <figure className="cophy-tile">
          <SimulatedD3d />
          <figcaption>
            <strong>D</strong> simulated from C, same hidden masses
          </figcaption>
        </figure>
        <figure className="cophy-tile">
          <PredictedD3d scenario={scenario} />
          <figcaption>
            <strong>D</strong> predicted by the model
          </figcaption>
        </figure>
      </div>
      <Player3d />
      <KeypointToggle store={useCophy3dLive} testIdPrefix="cophy3d" />
      <p className="small muted">
        Frames: 64 × 64, ray-cast in the worker by the same code that makes the model's training frames (the same bytes in Node and the browser); {frames} frames per video.
      </p>
      <div className="button-row">
        <button type="button" className="btn small" data-testid="cophy3d-reset-c" disabled={edit === 'dataset'} onClick={() => commit({ kind: 'dataset' })}>
          Back to the dataset's C
        </button>
        {scenario === 'blocktower' ? (
          <button type="button" className="btn small" data-testid="cophy3d-remove-top" onClick={() => commit({ kind: 'remove' })}>
            Remove the top cube
          </button>
        ) : (
          <button
            type="button"
            className="btn small"
            data-testid="cophy3d-flip"
            disabled={example?.setup.kind === 'collision' && example.setup.arena.moving !== 'ball'}
            onClick={() => commit({ kind: 'flip' })}
          >
            Flip the cylinder
          </button>
        )}
      </div>
      <ViewPanel id="cophy3d-h-verdict" title="Why the filter keeps or rejects this C, object by object">
        <Verdict3d />
      </ViewPanel>
      <ViewPanel id="cophy3d-h-stats" title={`The filter on ${SCENARIO_NAMES[scenario]}: kept, rejected, and the choice of ε`}>
        <Stats3dView scenario={scenario} />
      </ViewPanel>
    </div>
  );
}
