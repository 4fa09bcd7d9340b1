/**
 * The live part of the iLQR-VAE page for the Lorenz system (c) (paper §3.2): no training here. The
 * panel starts its own worker (worker/lorenz.worker.ts), which loads the checkpoint shipped in
 * weights/lorenz.json, and asks it for the views of the test trial in the link. Loaded lazily by
 * the page only when this system is picked, so neither the weights nor core/lorenz.ts reach the
 * other systems' chunks.
 */
import { useEffect, useState } from 'react';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { ViewPanel } from '../../../shared/ui/live/TrainingPanel';
import { useIlqrUrl } from '../store';
import { lorenzHeadline } from './lorenzHeadline';
import { LorenzController, useLorenz } from './lorenzStore';
import { LorenzFreeRunView, LorenzInferView, LorenzInputsView, LorenzPredictView, LorenzR2View, LorenzTrialView, useTestTrial } from './LorenzViews';

const makeWorker = () => new Worker(new URL('../worker/lorenz.worker.ts', import.meta.url), { type: 'module', name: 'ilqr-lorenz' });

/** Minutes of training above which the page says it is too long to wait for (ours). */
const TOO_LONG_MINUTES = 5;

function Headline() {
  const info = useLorenz((s) => s.info);
  const h = lorenzHeadline(info);
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} claim={h.claim} verdict={h.verdict} />;
}

/** Where the model comes from: the offline training run, from the checkpoint and its manifest. */
function Provenance() {
  const info = useLorenz((s) => s.info);
  if (!info) return null;
  const c = info.checkpoint;
  const minutes = c.minutes >= 10 ? c.minutes.toFixed(0) : c.minutes.toFixed(2);
  return (
    <p className="small run-summary" data-testid="ilqr-lorenz-provenance" data-steps={c.steps}>
      The Lorenz model is not trained on this page: <code>scripts/train/ilqr.ts</code> trained it offline in Node from seed {c.seed},{' '}
      {c.steps.toLocaleString('en')} Adam steps in {minutes} minutes ({c.segments} segment{c.segments === 1 ? '' : 's'}, lorenz.manifest.json)
      {c.minutes >= TOO_LONG_MINUTES ? ', too long to wait for in a browser' : ''}. It differs from the paper's run: each step uses a minibatch of{' '}
      {c.batch} of the {info.data.trainTrials} training trials (the official code uses them all) at c = {c.lrScale} in the learning rate c/(1+√k), for
      as many steps as our time allowed, not the paper's schedule. Reproduce: <code>{c.reproduce}</code>.
    </p>
  );
}

function Status() {
  const status = useLorenz((s) => s.status);
  const progress = useLorenz((s) => s.progress);
  const busy = useLorenz((s) => s.busy);
  const error = useLorenz((s) => s.error);
  return (
    <>
      <p className="small muted" data-testid="ilqr-lorenz-status" data-status={status} aria-live="polite">
        {status === 'loading' && progress && `Loading: ${progress.label}…`}
        {status === 'ready' && (busy ? `Working: ${busy.label}…` : 'Ready: pick a test trial, press Infer, or move the prediction slider.')}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="ilqr-lorenz-error">
          {error}
        </p>
      )}
    </>
  );
}

export function LorenzPanel() {
  const [controller, setController] = useState<LorenzController | null>(null);
  const ready = useLorenz((s) => s.status === 'ready');
  const trial = useTestTrial();
  const from = useIlqrUrl((s) => s.values.from);

  // One worker per mounted panel (StrictMode mounts twice: each mount gets its own).
  useEffect(() => {
    const c = new LorenzController(makeWorker);
    setController(c);
    void c.start();
    return () => c.stop();
  }, []);
  useEffect(() => {
    if (controller && ready) void controller.showTrial(trial);
  }, [controller, ready, trial]);
  useEffect(() => {
    if (controller && ready) void controller.predict(trial, from);
  }, [controller, ready, trial, from]);

  return (
    <div className="training-live" data-testid="ilqr-lorenz">
      <Headline />
      <Status />
      <Provenance />
      <ViewPanel id="ilqr-h-lorenz-trial" title="A test trial: noisy observations and the model's reconstruction">
        <LorenzTrialView />
      </ViewPanel>
      <ViewPanel id="ilqr-h-lorenz-infer" title="One iLQR solve on this trial, iteration by iteration">
        <LorenzInferView disabled={!ready} onInfer={() => void controller?.infer(trial)} />
      </ViewPanel>
      <ViewPanel id="ilqr-h-lorenz-predict" title="Predict from bin t: the model on its own">
        <LorenzPredictView />
      </ViewPanel>
      <ViewPanel id="ilqr-h-lorenz-r2" title="How far ahead it predicts: R²ₖ on the test trials">
        <LorenzR2View disabled={!ready} onRecompute={() => void controller?.recomputeR2()} />
      </ViewPanel>
      <ViewPanel id="ilqr-h-lorenz-free" title="The free run against the attractor, in 3-D">
        <LorenzFreeRunView />
      </ViewPanel>
      <ViewPanel id="ilqr-h-lorenz-inputs" title="The inferred inputs over the trial">
        <LorenzInputsView />
      </ViewPanel>
    </div>
  );
}
