import { CophyPage } from './ui/CophyPage';

/** Route #/cophy: move or remove a ball in the first frame of a counterfactual run, see the simulated outcome and the benchmark filter's verdict. */
export default function CophyDemo() {
  return <CophyPage />;
}
