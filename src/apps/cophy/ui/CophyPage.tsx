/**
 * Route #/cophy: Filtered-CoPhy's counterfactual question on BallsCF, live. A test example is
 * generated from the seed in a Web Worker (the page never simulates or renders itself); the visitor
 * plays the observed video AB, moves or removes a ball in the first frame C, and sees the simulated
 * outcome D and the benchmark filter's verdict on that C at once, then the model's predicted D (its
 * keypoints first, then frames and per-frame scores against the simulated D), computed in the worker
 * from the shipped weights; until they ship, its slot says how to train them. Everything a link must reproduce (seed,
 * example, intervention, frame) is in the link (store.ts).
 */
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { Equation } from '../../../shared/ui/Equation';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { lazy, Suspense, type ReactNode } from 'react';
import { DIFFERENCES } from '../differences';
import { useCophyUrl } from '../store';
import { Controls } from './Controls';
import { CEditorActions, CEditorBox } from './Editor';
import { cophyHeadline } from './headline';
import { Intro } from './Intro';
import { useCophy3dLive } from './live3dStore';
import { shownEvaluation, useCophyLive, workerTfStatus } from './liveStore';
import { FilterStatsView, VerdictTable } from './Panels';
import { useCophyWorker } from './useCophyWorker';
import { PaperTable3d } from './PaperTable3d';
import { PaperTableBalls } from './PaperTableBalls';
import { MassProbeView } from './MassProbe';
import { PredictionScores } from './Scores';
import { AbVideo, KeypointToggle, Player, PredictedD, SimulatedD } from './Videos';
import './cophy.css';

/** A titled view (the live kit's view-panel look, without its training imports). */
function ViewPanel({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="view-panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Headline() {
  const example = useCophyLive((s) => s.example);
  const evaluation = useCophyLive(shownEvaluation);
  const dragging = useCophyLive((s) => s.draft !== null);
  const prediction = useCophyLive((s) => s.prediction);
  const h = cophyHeadline({ example, evaluation, dragging, prediction });
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} claim={h.claim} />;
}

function WorkerError({ onRetry }: { onRetry: () => void }) {
  const error = useCophyLive((s) => s.error);
  if (!error) return null;
  return (
    <div className="notice bad" role="alert" data-testid="cophy-error">
      <span>The worker could not finish: {error}</span>
      <button type="button" className="btn small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** The 3-D scenarios (issue #14): their code, three.js and Rapier load only when one is chosen. */
const Scenario3dView = lazy(() => import('./Scenario3dView'));

function LiveView() {
  const scenario = useCophyUrl((s) => s.values.scenario);
  if (scenario === 'balls') return <BallsView />;
  return (
    <Suspense
      fallback={
        <p className="muted" data-testid="cophy3d-chunk-loading">
          Loading the 3-D scenarios' page code…
        </p>
      }
    >
      <Scenario3dView key={scenario} scenario={scenario} />
    </Suspense>
  );
}

function BallsView() {
  const worker = useCophyWorker();
  const example = useCophyLive((s) => s.example);
  const index = useCophyUrl((s) => s.values.example);
  return (
    <div className="cophy-live" data-testid="cophy-live" data-example={index} data-loaded={example ? 'true' : 'false'}>
      <Headline />
      <WorkerError onRetry={worker.retry} />
      <div className="cophy-tiles">
        <figure className="cophy-tile">
          <AbVideo />
          <figcaption>
            <strong>AB</strong> observed: A and its video
          </figcaption>
        </figure>
        <figure className="cophy-tile">
          <CEditorBox onDraft={worker.evaluateDraft} onDraftEnd={worker.endDraft} />
          <figcaption>
            <strong>C</strong> your first frame: drag or remove a ball
          </figcaption>
        </figure>
        <figure className="cophy-tile">
          <SimulatedD />
          <figcaption>
            <strong>D</strong> simulated from C, same hidden masses
          </figcaption>
        </figure>
        <figure className="cophy-tile">
          <PredictedD />
          <figcaption>
            <strong>D</strong> predicted by the model from AB and C
          </figcaption>
        </figure>
      </div>
      <Player />
      <KeypointToggle store={useCophyLive} testIdPrefix="cophy" />
      <CEditorActions />
      <ViewPanel id="cophy-h-verdict" title="Why the filter keeps or rejects this C, ball by ball">
        <VerdictTable />
      </ViewPanel>
      <ViewPanel id="cophy-h-scores" title="How close the predicted D is to the simulated D, frame by frame">
        <PredictionScores />
      </ViewPanel>
      <ViewPanel id="cophy-h-probe" title="What the confounder code u says about the hidden masses">
        <MassProbeView />
      </ViewPanel>
      <ViewPanel id="cophy-h-stats" title="The filter on the dataset: kept, rejected, and the choice of ε">
        <FilterStatsView />
      </ViewPanel>
    </div>
  );
}

function Explainer() {
  return (
    <div>
      <p>
        Filtered-CoPhy (Janny, Baradel, Neverova, Nadri, Mori and Wolf, ICLR 2022) asks a counterfactual question in pixels. A model watches a video AB: the
        first frame A and what followed, B. Then it is shown C, the same scene after a visible change (a ball moved or removed), and must produce the video D
        that would have followed C. The objects' masses are never shown and never supervised; they stay the same between AB and CD, so the model has to infer
        them from how AB played out, and then roll the new start forward with them:
      </p>
      <Equation display tex={String.raw`\hat D \;=\; f\big(C,\; u\big), \qquad u \;=\; g(A B) \;\approx\; \text{the hidden masses } z`} />
      <p>
        Such a question is only fair when AB determines the answer. The benchmark therefore simulates every candidate under all 2<sup>N</sup> combinations of
        masses and keeps a C only if two conditions hold, with trajectories compared by each ball's position error summed over the video:
      </p>
      <Equation
        display
        tex={String.raw`\text{identifiable:}\;\; AB(z') \approx_\varepsilon AB(z) \;\Rightarrow\; CD(z') \approx_\varepsilon CD(z); \qquad \text{counterfactual:}\;\; \exists k:\; CD(z \oplus e_k) \not\approx_\varepsilon CD(z)`}
      />
      <p>
        In words: any masses that would have produced the same AB must also produce the same D (otherwise no one could tell which D is right), and flipping at
        least one ball's mass must change D (otherwise D could be predicted while ignoring the masses). Here ε = 100, in the official units.
      </p>
      <p>
        The paper's model first learns, without labels, to turn each frame into a few keypoints with coefficients and back into pixels (de-rendering), then a
        recurrent graph network (CoDy) estimates a confounder code u from AB's keypoints and rolls C's keypoints forward with it. This page shows the task, the
        filter and, from trained weights shipped for each of the three scenarios (trained in Node by scripts/train/cophy.ts; a copy without them says how
        to train them in the predicted-D slot), the model's D with its keypoints and its per-frame PSNR and L-PSNR against copying B or C.
      </p>
    </div>
  );
}

function PaperTable() {
  return (
    <>
      <PaperTableBalls />
      <PaperTable3d />
    </>
  );
}

/** tfjs runs only in the scenario's worker (the model's D): the header shows that worker's backend. */
function useWorkerTf() {
  const scenario = useCophyUrl((s) => s.values.scenario);
  const balls = useCophyLive((s) => s.prediction);
  const scenes3d = useCophy3dLive((s) => s.prediction);
  return workerTfStatus(scenario === 'balls' ? balls : scenes3d);
}

export function CophyPage() {
  const frame = useUrlFrameProps(useCophyUrl);
  const tfInWorker = useWorkerTf();
  return (
    <DemoFrame
      paperId="cophy"
      {...frame}
      usesTf={false}
      tfInWorker={tfInWorker}
      intro={<Intro />}
      controls={<Controls />}
      paperTable={<PaperTable />}
      explainer={<Explainer />}
      differences={<DifferencesList items={DIFFERENCES} />}
    >
      <LiveView />
    </DemoFrame>
  );
}
