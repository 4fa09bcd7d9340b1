/**
 * npm run bench -- cophy3d-browser [--quick] [--runs N] [--root DIR]
 *
 * Issue #14's clock for the 3-D models' D in headless Chromium: scripts/bench-cophy.ts on
 * #/cophy?scenario=collision&example=1 and #/cophy?scenario=blocktower&example=1, each with its weights
 * (src/apps/cophy/weights/<scenario>/; a scenario without them is skipped and named), in one build. One
 * arrow press in the 3-D view nudges the mover or the top cube; targets: keypoints and the frame under
 * the scrubber < 1 s.
 */
import type { BenchFigure } from '../src/shared/bench';
import { benchPrediction } from './bench-cophy';

export default function bench(opts: { quick: boolean; root?: string; runs?: number }): Promise<BenchFigure[]> {
  return benchPrediction(opts, ['collision', 'blocktower']);
}
