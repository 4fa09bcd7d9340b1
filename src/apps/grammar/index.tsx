import { GrammarPage } from './ui/GrammarPage';

/** Route #/grammar: learn a molecular graph grammar from a dozen molecules and generate new ones (DEG, ICLR 2022). */
export default function GrammarDemo() {
  return <GrammarPage />;
}
