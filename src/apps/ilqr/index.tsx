import { DemoPlaceholder } from '../../shared/ui/DemoPlaceholder';
import { PLACEHOLDER } from './placeholder';

// Placeholder until the demo is built; see /work/shared/papers/ilqr.md for the plan.
export default function IlqrDemo() {
  return <DemoPlaceholder paperId="ilqr" about={PLACEHOLDER.about} plan={PLACEHOLDER.plan} />;
}
