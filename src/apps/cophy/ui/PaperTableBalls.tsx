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
import { ballsRows, type MassClassifierRun, type Table6aRuns } from './paperRows';

/** The committed full run, when there is one. */
export const FULL_RESULT = committedResult('cophy');

// The paper's Table 6a check, committed by scripts/cophy-mass-classifier.ts --out (a glob, so the page builds
// before the files exist). Each file is imported whole (about 8 KB with its history), not key by key.
const TABLE6A = import.meta.glob<MassClassifierRun>('../results/table6a-*.json', { eager: true, import: 'default' });
export const TABLE6A_RUNS: Table6aRuns = {
  filtered: TABLE6A['../results/table6a-filtered.json'] ?? null,
  unfiltered: TABLE6A['../results/table6a-unfiltered.json'] ?? null,
};

export function PaperTableBalls() {
  const m = FULL_RESULT?.metrics;
  return (
    <div data-testid="cophy-paper-table-balls">
      <PaperVsRunTable rows={ballsRows(m, TABLE6A_RUNS)} />
      <p className="small muted">
        {m
          ? `This run: npm run experiment -- cophy (seed ${FULL_RESULT?.seeds?.join(', ') ?? '—'}, ${m['balls.testExamples']} held-out test examples, pixels scored every ${m['balls.pixelStride'] === 1 ? 'frame' : `${m['balls.pixelStride']} frames`}, the probe trained on ${m['balls.probeTrainExamples']} training examples; backend ${FULL_RESULT?.backend ?? '—'}). Intervals: 95% bootstrap over test examples.`
          : 'The full run (npm run experiment -- cophy) is not committed yet: this run’s cells fill in from src/apps/cophy/results/full.json.'}
        {TABLE6A_RUNS.filtered && TABLE6A_RUNS.unfiltered
          ? ` The Table 6a row: ${TABLE6A_RUNS.filtered.command} (and with --unfiltered), committed as results/table6a-*.json.`
          : ''}
      </p>
    </div>
  );
}
