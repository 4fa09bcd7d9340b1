/**
 * Route #/grammar: learn a molecular graph grammar from a dozen molecules (DEG, ICLR 2022), generate
 * new molecules from it and tune it with REINFORCE, with RDKit and the grammar in a Web Worker.
 */
import { lazy, Suspense, useEffect } from 'react';
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { Equation } from '../../../shared/ui/Equation';
import { DIFFERENCES } from '../differences';
import { useGrammarUrl } from '../store';
import { useGrammarLive } from './liveStore';
import { Controls } from './Controls';
import { Intro } from './Intro';
import './grammar.css';

const loadTrainingPanel = () => import('./TrainingPanel');
const TrainingPanel = lazy(() => loadTrainingPanel().then((m) => ({ default: m.TrainingPanel })));
const PaperTable = lazy(() => import('./PaperTable').then((m) => ({ default: m.PaperTable })));

function Explainer() {
  return (
    <div>
      <p>
        DEG (Guo, Thost, Li, Das, Chen and Matusik, ICLR 2022; official code gmh14/data_efficient_grammar) treats a molecule as a
        hypergraph: atoms are hyperedges, bonds are nodes. It builds a grammar bottom-up. In each iteration every contraction unit
        (a non-ring bond or a ring) of every molecule is scored by a potential function F<sub>θ</sub>; each unit is selected with
        probability φ = σ(−F<sub>θ</sub>), overlapping selections are merged and contracted into one non-terminal node, and each
        contracted piece becomes a production rule whose left-hand side is the non-terminal and whose anchors are the bonds that
        leave it. When a molecule is a single node, that node is a start rule. Read backwards, the rules rebuild every training
        molecule, and any other sequence of rules builds a new molecule that keeps every valence: valid by construction.
      </p>
      <p>Which units to contract is learned: θ is tuned by REINFORCE on the quality of the molecules the grammar generates,</p>
      <Equation display tex={String.raw`\max_\theta\; \mathbb{E}_{X \sim \phi_\theta}\Big[\textstyle\sum_i \lambda_i\, \mathcal{M}_i(X)\Big], \qquad \nabla_\theta \approx \big(R(X) - b\big)\,\nabla_\theta \log p_\theta(X)`} />
      <p>
        where X is the sequence of select/skip decisions that built a grammar, 𝓜<sub>i</sub> are metrics of its samples and b is
        the mean reward of the epoch's grammars. The paper's reward is Div + 2 × RS (Retro* success); Retro* cannot run in a
        browser, so this page uses Div + 2 × training-fragment coverage, a named proxy (see the differences below). Each epoch
        builds 5 grammars, samples each, and takes one Adam step.
      </p>
    </div>
  );
}

export function GrammarPage() {
  const frame = useUrlFrameProps(useGrammarUrl);
  // tfjs (F_θ's REINFORCE update) runs only in the worker: the header shows that worker's backend.
  const worker = useGrammarLive((s) => s.worker);
  useEffect(() => void loadTrainingPanel().catch(() => undefined), []);
  return (
    <DemoFrame
      paperId="grammar"
      {...frame}
      usesTf={false}
      tfInWorker={worker}
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
