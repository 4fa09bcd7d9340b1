/**
 * "Paper vs. this run" for BallsCF: the paper's numbers (paper.ts, each with its table) beside the
 * committed full run (`npm run experiment -- cophy --out src/apps/cophy/results/full.json`: the 200
 * held-out test examples of seed 1, every frame scored), each with its 95% bootstrap interval. The
 * paper's runs have 4 balls at 112² and ours 3 at 64², so values do not compare; orderings do, and the
 * verdicts judge orderings only (ours below Copy-B, below Copy-C, below the mass swap; above Copy-C in
 * L-PSNR). The rows that go against the paper say so.
 */
import { PaperVsRunTable } from '../../../shared/ui/PaperVsRunTable';
import { committedResult } from '../../../shared/ui/committedResults';
import { ballsRows } from './paperRows';

/** The committed full run, when there is one. */
export const FULL_RESULT = committedResult('cophy');

export function PaperTableBalls() {
  const m = FULL_RESULT?.metrics;
  return (
    <div data-testid="cophy-paper-table-balls">
      <PaperVsRunTable rows={ballsRows(m)} />
      <p className="small muted">
        {m
          ? `This run: npm run experiment -- cophy (seed ${FULL_RESULT?.seeds?.join(', ') ?? '—'}, ${m['balls.testExamples']} held-out test examples, pixels scored every ${m['balls.pixelStride'] === 1 ? 'frame' : `${m['balls.pixelStride']} frames`}, the probe trained on ${m['balls.probeTrainExamples']} training examples; backend ${FULL_RESULT?.backend ?? '—'}). Intervals: 95% bootstrap over test examples.`
          : 'The full run (npm run experiment -- cophy) is not committed yet: this run’s cells fill in from src/apps/cophy/results/full.json.'}
      </p>
    </div>
  );
}
