/**
 * The live fine-tune: the kit's training panel (Run, Pause, Step, Reset, progress with ETA, the
 * worker's diagnostics) around the child being fine-tuned from the shipped parent in the training
 * worker. Views: the parent's and the child's images of the same latents at the latest checkpoint, the
 * live alignment (Pearson r of each declared pair on the session's latents) against the step, and the
 * losses. Without parent.bin the panel names the file and the command instead of a Run button.
 */
import { useDeferredValue, useMemo } from 'react';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import { TrainingPanel as KitTrainingPanel, useTraining, ViewPanel } from '../../../shared/ui/live/TrainingPanel';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { useStyleAlignUrl } from '../store';
import type { StyleAlignWorkerHandlers } from '../worker/train.worker';
import type { FineTuneInfo, FineTuneStep } from '../worker/protocol';
import { DEFAULT_BATCH, MISSING_PARENT } from '../worker/session';
import { RgbaCanvas } from './Images';
import { latestCheckpoint, stylealignLive, useStyleAlignLive, type FineTuneRun } from './liveStore';
import { absoluteUrls, HAS_PARENT } from './weights';

const makeWorker = () => new Worker(new URL('../worker/train.worker.ts', import.meta.url), { type: 'module', name: 'stylealign-training' });
const isCheckpoint = (r: FineTuneStep) => r.checkpoint !== undefined;

function LiveImages() {
  const prepared = useStyleAlignLive((s) => s.prepared);
  const cp = useDeferredValue(useStaggered(useStyleAlignLive(latestCheckpoint), 1));
  if (!prepared) return <p className="muted small">Press Run: the parent is loaded in the training worker, then the child starts as an exact copy of it and learns critters.</p>;
  return (
    <div className="sa-live-images" data-testid="stylealign-live-images" data-step={cp?.step ?? 0}>
      <div className="sa-grid-row">
        <span className="small">parent</span>
        <RgbaCanvas rgba={prepared.parentImages} count={prepared.show} testId="stylealign-live-parent" label="the parent's images of the shown latents" scale={2} />
      </div>
      <div className="sa-grid-row">
        <span className="small">child, step {cp?.step ?? 0}</span>
        <RgbaCanvas rgba={cp?.images} count={prepared.show} testId="stylealign-live-child" label="the child's images of the same latents" scale={2} />
      </div>
    </div>
  );
}

const PAIR_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759'];

function LiveAlignment() {
  const prepared = useStyleAlignLive((s) => s.prepared);
  const checkpoints = useDeferredValue(useStaggered(useStyleAlignLive((s) => s.checkpoints), 2));
  const all = useMemo(() => (prepared ? [prepared.start, ...checkpoints] : checkpoints), [prepared, checkpoints]);
  if (!prepared) return null;
  if (!all[0]?.pairs) return <p className="muted small" data-testid="stylealign-live-alignment-absent">No live alignment: {prepared.alignmentProblem ?? 'no oracles'}.</p>;
  const series = all[0].pairs.map((p, i) => ({
    name: `${p.parent} ↔ ${p.child}`,
    color: PAIR_COLORS[i % PAIR_COLORS.length],
    points: all.map((c) => [c.step, c.pairs?.[i]?.r ?? NaN] as [number, number]),
  }));
  const last = all[all.length - 1];
  return (
    <div data-testid="stylealign-live-alignment" data-mean-abs-r={last.meanAbsR ?? ''} data-step={last.step}>
      <LineChart series={series} xLabel="fine-tune step" yLabel="Pearson r (parent oracle on G_p(z) vs. child oracle on G_c(z))" yRange={[-1, 1]} height={200} />
      <p className="small">
        Step {last.step}: mean |r| {last.meanAbsR?.toFixed(2)} on {prepared.alignCount} latents
        {last.critterFraction !== null && <>; the domain classifier calls {Math.round(last.critterFraction * 100)}% of the child's images critters</>}. A live
        measurement on few latents, without intervals; the committed experiment uses 1,000.
      </p>
    </div>
  );
}

function Losses() {
  const lossG = useStyleAlignLive((s) => s.lossG);
  const lossD = useStyleAlignLive((s) => s.lossD);
  if (!lossG.length) return null;
  return (
    <LineChart
      series={[
        { name: 'G (non-saturating)', points: lossG },
        { name: 'D (logistic)', points: lossD },
      ]}
      xLabel="step"
      yLabel="loss"
      height={180}
    />
  );
}

function StepTimes() {
  const ms = useStyleAlignLive((s) => s.msPerStep);
  const prepared = useStyleAlignLive((s) => s.prepared);
  return (
    <>
      {ms !== null && <> · {ms.toFixed(0)} ms per step</>}
      {prepared && <> · parent loaded in {prepared.seconds.toFixed(1)} s</>}
    </>
  );
}

export function FineTunePanel() {
  const ftSteps = useStyleAlignUrl((s) => s.values.ftSteps);
  const seed = useStyleAlignUrl((s) => s.values.seed);
  const prepareArgs = useMemo(() => ({ config: { files: absoluteUrls(), steps: ftSteps, seed, batch: DEFAULT_BATCH } }), [ftSteps, seed]);
  const training = useTraining<StyleAlignWorkerHandlers, FineTuneInfo, FineTuneRun>({ live: stylealignLive, makeWorker, prepareArgs, totalSteps: ftSteps, isCheckpoint, saveRuns: { demo: 'stylealign-finetune', everySteps: 25 } });
  const problem = HAS_PARENT ? null : MISSING_PARENT;
  return (
    <KitTrainingPanel idPrefix="stylealign" training={training} live={stylealignLive} problem={problem} preparingVerb="Loading" progressLabel="Fine-tuning" diagnostics={<StepTimes />}>
      <ViewPanel id="stylealign-h-live-images" title="The same latents: parent, and the child as it fine-tunes">
        <LiveImages />
      </ViewPanel>
      <ViewPanel id="stylealign-h-live-alignment" title="Alignment during the fine-tune (live)">
        <LiveAlignment />
      </ViewPanel>
      <ViewPanel id="stylealign-h-losses" title="Losses">
        <Losses />
      </ViewPanel>
    </KitTrainingPanel>
  );
}
