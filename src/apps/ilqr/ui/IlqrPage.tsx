/**
 * Route #/ilqr: learn a linear dynamical system driven by sparse hidden inputs with iLQR-VAE, live,
 * in a Web Worker, and watch iLQR infer the inputs that no encoder network could see.
 */
import { lazy, Suspense, useEffect } from 'react';
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { Equation } from '../../../shared/ui/Equation';
import { Glossary } from '../../../shared/ui/Term';
import { DIFFERENCES } from '../differences';
import { GLOSSARY_TERMS } from '../glossary';
import { useIlqrUrl } from '../store';
import { Controls } from './Controls';
import { Intro } from './Intro';

// The live part loads while the frame's text paints (issue #8, fast on a phone).
const loadTrainingPanel = () => import('./TrainingPanel');
const TrainingPanel = lazy(() => loadTrainingPanel().then((m) => ({ default: m.TrainingPanel })));
// Below the live view: its own chunk, loaded after the page has painted.
const PaperTable = lazy(() => import('./PaperTable').then((m) => ({ default: m.PaperTable })));

function Explainer() {
  return (
    <div>
      <p>
        iLQR-VAE (Schimel, Kao, Jensen and Hennequin, ICLR 2022) models data as a latent dynamical system driven by unobserved
        inputs: z<sub>t+1</sub> = f<sub>θ</sub>(z<sub>t</sub>, u<sub>t</sub>), observed through a likelihood p(o<sub>t</sub> | z<sub>t</sub>).
        Like any variational autoencoder it trains on the evidence lower bound, but its recognition model is not a network: the
        posterior mean of the inputs is the solution of an optimal-control problem,
      </p>
      <Equation display tex={String.raw`u^{*} \;=\; \arg\max_{u}\; \Big[\, \textstyle\sum_{t} \log p_\theta(o_t \mid z_t(u)) \;+\; \sum_t \log p_\theta(u_t) \,\Big]`} />
      <p>
        which iLQR solves in a few iterations: linearise the dynamics around the current inputs, solve the resulting
        linear-quadratic problem exactly by a backward pass, line-search, repeat. The posterior is a Gaussian around u* whose
        covariance is learned; the gradient of the ELBO reaches θ both directly and through u* (by implicit differentiation,
        one more linear-quadratic pass: the paper's Appendix F). Because inference is an optimiser that sees the generative model,
        it finds sparse, event-like inputs that an amortised RNN encoder (LFADS) misses: input R² 0.94 against 0.05 in the paper's
        sparse-input experiment.
      </p>
      <p>
        Here the dynamics are linear, A = U D<sup>½</sup> Q (D + I)<sup>−½</sup> U<sup>⊤</sup> (always stable), with n = 3 latents, 3 inputs
        and 10 Gaussian observation channels; input events arrive with probability 0.03 per bin. The model is identified only up
        to a change of basis, so inputs are scored by the R² of a linear regression of the true inputs on the inferred ones.
      </p>
      <h3>Glossary</h3>
      <Glossary terms={GLOSSARY_TERMS} />
    </div>
  );
}

export function IlqrPage() {
  const frame = useUrlFrameProps(useIlqrUrl);
  useEffect(() => void loadTrainingPanel().catch(() => undefined), []);
  return (
    <DemoFrame
      paperId="ilqr"
      {...frame}
      usesTf={false}
      intro={<Intro />}
      controls={<Controls />}
      paperTable={
        <Suspense fallback={<p className="muted small">Loading the paper's numbers…</p>}>
          <PaperTable />
        </Suspense>
      }
      explainer={<Explainer />}
      differences={<DifferencesList items={DIFFERENCES} />}
    >
      <TrainingPanel />
    </DemoFrame>
  );
}
