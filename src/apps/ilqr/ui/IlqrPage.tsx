/**
 * Route #/ilqr: learn a linear dynamical system driven by sparse hidden inputs with iLQR-VAE, live,
 * in a Web Worker, and watch iLQR infer the inputs that no encoder network could see; or the same
 * live training on the autonomous system (b) (§3.1), where the inputs migrate into the initial
 * condition; or the Lorenz attractor (c) (§3.2) from a checkpoint trained offline; or the Duffing
 * oscillator (d) (Appendix I) seen through Poisson neurons, trained live. The system is
 * in the link (`system`); each system's panel loads only when it is picked.
 */
import { lazy, Suspense, useEffect } from 'react';
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { Equation } from '../../../shared/ui/Equation';
import { Glossary } from '../../../shared/ui/Term';
import { DUFFING_LIVE } from '../core/systems';
import { DIFFERENCES } from '../differences';
import { GLOSSARY_TERMS } from '../glossary';
import { useIlqrUrl } from '../store';
import { Controls } from './Controls';
import { Intro } from './Intro';

// The live part loads while the frame's text paints (issue #8, fast on a phone).
const loadTrainingPanel = () => import('./TrainingPanel');
const TrainingPanel = lazy(() => loadTrainingPanel().then((m) => ({ default: m.TrainingPanel })));
// The Lorenz views (and, through their worker, the checkpoint): only when that system is picked.
const LorenzPanel = lazy(() => import('./LorenzPanel').then((m) => ({ default: m.LorenzPanel })));
// The Duffing system (d): its own training panel, worker and live store, only when picked.
const DuffingPanel = lazy(() => import('./DuffingPanel').then((m) => ({ default: m.DuffingPanel })));
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
        On the live systems the dynamics are linear, A = U D<sup>½</sup> Q (D + I)<sup>−½</sup> U<sup>⊤</sup> (always stable), with n = 3
        latents, 3 inputs and 10 Gaussian observation channels. In the sparse-input system (§3.3) input events arrive with probability
        0.03 per bin; the model is identified only up to a change of basis, so inputs are scored by the R² of a linear regression of the
        true inputs on the inferred ones. The autonomous system (b) (§3.1) has no input events at all: only its initial state, which the
        model sets with the input of a pre-trial bin. A model that has learned the dynamics needs no input after that bin, and the
        inputs iLQR infers migrate there.
      </p>
      <p>
        The Lorenz system (c) (§3.2) is chaotic and nonlinear: σ = 10, ρ = 28, β = 8/3, integrated at dt = 0.01, z-scored, observed
        with noise σ = 0.1. The model is an MGU2 (a minimal gated recurrent unit) with n = 20 latents and m = 5 inputs, whose first
        n/m = 4 input bins load the initial state. It is trained offline and shipped with the page; iLQR still infers every trial's
        inputs live. Its quality is the k-step prediction R²: from each bin, the model runs on without input and is compared with the
        clean trajectory k bins later.
      </p>
      <p>
        The Duffing system (d) (Appendix I) is a double-well oscillator, ẍ = x − x³, whose state is thrown onto a new orbit once, at a
        hidden bin in the middle of each trial, and which is seen only through the spikes of Poisson neurons. An MGU2 with {DUFFING_LIVE.n} latents and {DUFFING_LIVE.m}
        inputs, a Student-t prior and a Poisson likelihood learns it live; because the model explains the oscillation as its own dynamics,
        iLQR needs an input only where the state jumps, and the largest inferred input marks when the perturbation happened (the paper's
        Fig. S3B). Its latents are compared with the true phase-plane trajectory (x, ẋ) through a least-squares map.
      </p>
      <h3>Glossary</h3>
      <Glossary terms={GLOSSARY_TERMS} />
    </div>
  );
}

export function IlqrPage() {
  const frame = useUrlFrameProps(useIlqrUrl);
  const system = useIlqrUrl((s) => s.values.system);
  const lorenz = system === 'lorenz';
  const linear = system === 'sparse' || system === 'autonomous';
  useEffect(() => void (linear ? loadTrainingPanel().catch(() => undefined) : undefined), [linear]);
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
      <Suspense fallback={<p className="muted">Loading the {lorenz ? 'Lorenz views' : 'training panel'}…</p>}>
        {lorenz ? <LorenzPanel /> : system === 'duffing' ? <DuffingPanel /> : <TrainingPanel />}
      </Suspense>
    </DemoFrame>
  );
}
