/**
 * Route #/stylealign: a parent generator (faces), its child fine-tuned on critters and a scratch child
 * (critters from random initialisation), all small StyleGAN2-style networks trained by this project.
 * The headline says what was measured first; the explorer renders one latent through every model (in a
 * worker), with an edit along a parent W direction, the fine-tune checkpoints and the morph; a drawing
 * can be translated; the child can be fine-tuned live in the training worker; the committed
 * experiment's alignment matrix, weight change and claims close the page. Everything a link must
 * reproduce is in the link (store.ts).
 */
import { useDeferredValue } from 'react';
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { Equation } from '../../../shared/ui/Equation';
import { HeadlineCard } from '../../../shared/ui/HeadlineCard';
import { NumberField } from '../../../shared/ui/fields';
import { RunLockFieldset } from '../../../shared/ui/live/RunLock';
import { ViewPanel } from '../../../shared/ui/live/TrainingPanel';
import { SharedLinkNote } from '../../../shared/ui/SharedLinkBanner';
import { DIFFERENCES } from '../differences';
import { settingsProblem, stylealignSchema, useStyleAlignUrl, type StyleAlignUrlValues } from '../store';
import { Diagnostics } from './Diagnostics';
import { ExplorerView, LatentControls, SameZGrid } from './Explorer';
import { FineTunePanel } from './FineTune';
import { stylealignHeadline } from './headline';
import { latestCheckpoint, useStyleAlignExplorer, useStyleAlignLive } from './liveStore';
import { AlignmentMatrix, ClaimsList, COMMITTED, WeightChange } from './Results';
import { TranslatePanel } from './Translate';
import { useExplorer } from './useExplorer';
import { EXPLORER_MISSING } from './weights';
import './stylealign.css';

function Headline() {
  const info = useStyleAlignExplorer((s) => s.info);
  const checkpoint = useDeferredValue(useStyleAlignLive(latestCheckpoint));
  const running = useStyleAlignLive((s) => s.prepared !== null && s.runSeconds.length === 0);
  const alignCount = useStyleAlignLive((s) => s.prepared?.alignCount ?? null);
  const h = stylealignHeadline({ missing: info?.missing ?? EXPLORER_MISSING, explorer: info, metrics: COMMITTED?.metrics ?? null, perSeedChildR: COMMITTED?.perSeed?.map((p) => p.metrics['align.child.meanAbsR']), live: { checkpoint, running, alignCount } });
  return <HeadlineCard state={h.state} sentence={h.sentence} figures={h.figures} claim="StyleAlign: a child fine-tuned from a parent keeps its latent space aligned with the parent's (abstract, arXiv 2110.11323)." />;
}

function describe(key: keyof StyleAlignUrlValues & string, v: StyleAlignUrlValues): string | undefined {
  switch (key) {
    case 'z':
      return `latent z ${v.z}`;
    case 'dir':
      return `W direction ${v.dir}`;
    case 'edit':
      return `edit ${v.edit} σ`;
    case 't':
      return `morph t ${v.t}`;
    case 'step':
      return `checkpoint step ${v.step}`;
    case 'ftSteps':
      return `${v.ftSteps} live fine-tune steps`;
    default:
      return undefined;
  }
}

function Intro() {
  return (
    <>
      <SharedLinkNote schema={stylealignSchema} store={useStyleAlignUrl} describe={describe} action="the explorer shows that latent, edit and checkpoint" />
      <Headline />
      <p>
        A child generator fine-tuned from a parent on a new domain keeps the parent's latent space: the same code gives a corresponding image. Here a small
        parent draws faces, its child draws critters; move one latent through both and see whether pose and colour carry over.
      </p>
    </>
  );
}

function LinkProblem() {
  const step = useStyleAlignUrl((s) => s.values.step);
  const problem = settingsProblem({ step });
  if (!problem) return null;
  return (
    <p className="field-error" role="alert" data-testid="stylealign-link-problem">
      {problem}
    </p>
  );
}

function Controls() {
  const ftSteps = useStyleAlignUrl((s) => s.values.ftSteps);
  const set = useStyleAlignUrl((s) => s.set);
  return (
    <div className="field-stack">
      <LinkProblem />
      <LatentControls />
      <RunLockFieldset idPrefix="stylealign">
        <NumberField
          spec={{ label: 'Live fine-tune steps', min: 10, max: 1000, step: '10', int: true, help: 'batch 8; about 300 steps take a few minutes' }}
          testId="stylealign-ftSteps"
          value={ftSteps}
          defaultValue={stylealignSchema.defaults.ftSteps}
          onCommit={(x) => set({ ftSteps: x })}
        />
      </RunLockFieldset>
    </div>
  );
}

function LiveView() {
  const explorer = useExplorer();
  const failed = useStyleAlignExplorer((s) => s.status === 'failed');
  const seed = useStyleAlignUrl((s) => s.values.seed);
  return (
    <div className="sa-live" data-testid="stylealign-live">
      <ViewPanel id="stylealign-h-explorer" title="One latent, three generators">
        <ExplorerView />
        {failed && (
          <button type="button" className="btn small" onClick={explorer.retry}>
            Try again
          </button>
        )}
        <Diagnostics explorer={explorer} seed={seed} />
      </ViewPanel>
      <ViewPanel id="stylealign-h-grid" title="The same latents (0–7) through each generator">
        <SameZGrid />
      </ViewPanel>
      <ViewPanel id="stylealign-h-translate" title="Translate a drawing: invert it into the parent, render it with the child">
        <TranslatePanel explorer={explorer} />
      </ViewPanel>
      <ViewPanel id="stylealign-h-finetune" title="Fine-tune a child live">
        <FineTunePanel />
      </ViewPanel>
      <ViewPanel id="stylealign-h-matrix" title="Alignment matrix (committed experiment)">
        <AlignmentMatrix />
      </ViewPanel>
      <ViewPanel id="stylealign-h-change" title="What fine-tuning changed, per part of the generator (committed experiment)">
        <WeightChange />
      </ViewPanel>
    </div>
  );
}

function Explainer() {
  return (
    <div>
      <p>
        StyleAlign (Wu, Nitzan, Shechtman and Lischinski, ICLR 2022) calls two StyleGAN2 generators <em>aligned</em> when the child is the parent fine-tuned on
        another domain: every weight of G and D starts from the parent's. The paper finds that the child's latent spaces stay semantically aligned with the
        parent's, even for distant domains, and uses this for translation, cross-domain morphing and zero-shot tasks in the child with the parent's supervision
        only.
      </p>
      <p>
        A latent z goes through the mapping network to w, and the synthesis network renders w (the same w at every layer, or a different one per layer in W+):
      </p>
      <Equation display tex={String.raw`x_p = G_p\big(w_p\big),\; w_p = f_p(z) \qquad x_c = G_c\big(w_c\big),\; w_c = f_c(z), \qquad \theta_c^{(0)} = \theta_p`} />
      <p>
        The explorer's edit adds a step along a principal direction d of the parent's W to each model's own w: <Equation tex={String.raw`w \mapsto w + \alpha\,\sigma_d\, d`} />.
        Translation (the official <code>projector_z.py</code>) optimises z in the parent's Z to reproduce an image and renders that z with the child. Morphing
        (the official <code>MergeFace.py</code>) renders lerp(w<sub>p</sub>, w<sub>c</sub>, t) through a synthesis network whose weights are lerp(θ<sub>p</sub>,
        θ<sub>c</sub>, t), with one t. Official code: betterze/StyleAlign (commit 4e75a75).
      </p>
    </div>
  );
}

export function StyleAlignPage() {
  const frame = useUrlFrameProps(useStyleAlignUrl);
  return (
    <DemoFrame paperId="stylealign" {...frame} intro={<Intro />} controls={<Controls />} paperTable={<ClaimsList />} explainer={<Explainer />} differences={<DifferencesList items={DIFFERENCES} />}>
      <LiveView />
    </DemoFrame>
  );
}
