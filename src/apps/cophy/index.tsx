import { DemoPlaceholder } from '../../shared/ui/DemoPlaceholder';
import { PLACEHOLDER } from './placeholder';

// Placeholder until the demo is built; see /work/shared/papers/cophy.md for the plan.
export default function CophyDemo() {
  return <DemoPlaceholder paperId="cophy" about={PLACEHOLDER.about} plan={PLACEHOLDER.plan} />;
}
