/**
 * npm run bench -- cophy3d-browser [--quick] [--runs N] [--root DIR]
 *
 * Issue #14's clock for the CollisionCF model's D in headless Chromium: scripts/bench-cophy.ts on
 * #/cophy?scenario=collision&example=1 with the weights of src/apps/cophy/weights/collision/ (one arrow
 * press in the 3-D view nudges the mover; targets: keypoints and the frame under the scrubber < 1 s).
 */
import type { BenchFigure } from '../src/shared/bench';
import { benchPrediction } from './bench-cophy';

export default function bench(opts: { quick: boolean; root?: string; runs?: number }): Promise<BenchFigure[]> {
  return benchPrediction(opts, 'collision');
}
