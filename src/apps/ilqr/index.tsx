import { DemoPlaceholder } from '../../shared/ui/DemoPlaceholder';
import { PLACEHOLDER } from './placeholder';

// Placeholder until the demo is built; the plan is the placeholder text (placeholder.ts) and the project's issues.
export default function IlqrDemo() {
  return <DemoPlaceholder paperId="ilqr" about={PLACEHOLDER.about} plan={PLACEHOLDER.plan} />;
}
