/**
 * Route #/ntl: train a small digit CNN with (or without) Non-Transferable Learning, live, in a Web
 * Worker, and watch the target domain break while the source stays intact.
 */
import { lazy, Suspense, useEffect } from 'react';
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { Equation } from '../../../shared/ui/Equation';
import { DIFFERENCES } from '../differences';
import { LATER_ATTACKS } from '../paper';
import { useNtlUrl } from '../store';
import { Controls } from './Controls';
import { Intro } from './Intro';
import { Glossary } from '../../../shared/ui/Term';
import { GLOSSARY_TERMS } from '../glossary';
import './ntl.css';

// The live part (training panel, views, charts) loads while the frame's text paints, and renders
// once DemoFrame has the backend ready (issue #8, fast on a phone).
const loadTrainingPanel = () => import('./TrainingPanel');
const TrainingPanel = lazy(() => loadTrainingPanel().then((m) => ({ default: m.TrainingPanel })));
const PaperSection = lazy(() => import('./PaperSection'));

function Explainer() {
  return (
    <div>
      <p>
        Non-Transferable Learning (Wang, Xu, Xu, Wang and Zhu, ICLR 2022) trains a model that works on its source domain and
        fails on a chosen target domain, so that the model itself restricts where it can be used. It keeps the source loss
        low while pushing up the target loss, weighted by how far apart the two domains' features are:
      </p>
      <Equation display tex={String.raw`\mathcal{L} \;=\; \mathcal{L}_S \;-\; \min\!\big(\beta,\; \alpha\cdot \mathcal{L}_T \cdot \mathcal{L}_{dis}\big),\qquad \mathcal{L}_{dis} \;=\; \min\!\big(\beta',\; \alpha' \cdot \mathrm{MMD}(\Phi(x_S),\, \Phi(x_T))\big)`} />
      <p>
        L<sub>S</sub> and L<sub>T</sub> are the KL divergences between the one-hot labels and the predictions (cross-entropy),
        Φ is the feature extractor and MMD the maximum mean discrepancy with a sum of five Gaussian kernels; α = α′ = 0.1 and
        β = β′ = 1. The official code writes it as KL<sub>S</sub> − clamp(0.1·KL<sub>T</sub>, ≤ 1)·clamp(0.1·MMD, ≤ 1) with
        PyTorch's <code>KLDivLoss</code>, which divides each term by the 10 classes: the "official code" loss form above.
      </p>
      <p>
        <strong>Target-specified NTL</strong> uses a real target domain. <strong>Source-only NTL</strong> has none and
        trains against synthetic neighbours of the source (a conditional GAN in the paper). <strong>Ownership
        verification</strong> makes "source + a faint patch" the target: the model then fails on patched images, which an
        owner can check on a suspect model, and the paper reports that this survives six watermark-removal attacks.{' '}
        <strong>Applicability authorization</strong> turns it around: only patched source images are classified, so the
        patch is a key.
      </p>
      <p className="ntl-warning">
        <strong>Later work breaks NTL.</strong>{' '}
        {LATER_ATTACKS.map((a, i) => (
          <span key={a.name}>
            {i > 0 ? ' ' : ''}
            {a.name} ({a.venue}) {a.what}.
          </span>
        ))}{' '}
        A non-transferable model is a deterrent, not a lock.
      </p>
      <h3>Glossary</h3>
      <Glossary terms={GLOSSARY_TERMS} />
    </div>
  );
}

export function NtlPage() {
  const frame = useUrlFrameProps(useNtlUrl);
  // Start downloading the training panel with tfjs rather than after it (a failure shows when it renders).
  useEffect(() => void loadTrainingPanel().catch(() => undefined), []);
  return (
    <DemoFrame
      paperId="ntl"
      {...frame}
      intro={<Intro />}
      controls={<Controls />}
      paperTable={
        <Suspense fallback={<p className="muted small">Loading the paper's numbers…</p>}>
          <PaperSection />
        </Suspense>
      }
      explainer={<Explainer />}
      differences={<DifferencesList items={DIFFERENCES} />}
    >
      <TrainingPanel />
    </DemoFrame>
  );
}
