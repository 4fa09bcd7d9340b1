import { DemoPlaceholder } from '../../shared/ui/DemoPlaceholder';
import { PLACEHOLDER } from './placeholder';

// Placeholder until the demo is built; see /work/shared/papers/stylealign.md for the plan.
export default function StyleAlignDemo() {
  return <DemoPlaceholder paperId="stylealign" about={PLACEHOLDER.about} plan={PLACEHOLDER.plan} />;
}
