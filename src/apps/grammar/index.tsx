import { DemoPlaceholder } from '../../shared/ui/DemoPlaceholder';
import { PLACEHOLDER } from './placeholder';

// Placeholder until the demo is built; see /work/shared/papers/grammar.md for the plan.
export default function GrammarDemo() {
  return <DemoPlaceholder paperId="grammar" about={PLACEHOLDER.about} plan={PLACEHOLDER.plan} />;
}
