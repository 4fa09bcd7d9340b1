/**
 * "Paper vs. this run": the paper's numbers (paper.ts) next to the live run's latest checkpoint
 * and, when committed, the full experiment's (`npm run experiment -- ilqr`: one trial of 1000 bins,
 * the paper's §3.3 set-up, with the biGRU baseline; results/full.json).
 */
import { useDeferredValue } from 'react';
import { PaperVsRunTable, type PaperRow } from '../../../shared/ui/PaperVsRunTable';
import { committedResult, formatMeanSd } from '../../../shared/ui/committedResults';
import { formatValue } from '../../../shared/ui/format';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { judgeClaim } from '../../../shared/verdict';
import { PAPER_CLAIMS, paperInputR2ForSize, type PaperClaim } from '../paper';
import { useIlqrUrl } from '../store';
import { latestCheckpoint, useIlqrLive } from './liveStore';

/** The committed full experiment, when there is one. */
export const FULL_RESULT = committedResult('ilqr');

const paper = (c: PaperClaim) => ({ value: c.value, source: c.source, verified: c.verified });

const committed = (c: PaperClaim) => {
  const full = formatMeanSd(FULL_RESULT, c.runMetric, (v) => v.toFixed(3));
  return full ? `npm run experiment -- ilqr (1 trial × 1000 bins): ${full}` : undefined;
};

const committedVerdict = (c: PaperClaim) => {
  const v = FULL_RESULT?.metrics[c.runMetric ?? ''];
  return c.claim && typeof v === 'number' ? judgeClaim(c.claim, v) : undefined;
};

export function PaperTable() {
  const steps = useIlqrUrl((s) => s.values.steps);
  const trials = useIlqrUrl((s) => s.values.trials);
  const bins = useIlqrUrl((s) => s.values.bins);
  const cp = useDeferredValue(useStaggered(useIlqrLive(latestCheckpoint), 4));
  const at = cp ? ` (step ${cp.step} of ${steps}${cp.step < steps ? ', still training' : ''})` : '';
  const sized = paperInputR2ForSize(trials, bins);
  const C = PAPER_CLAIMS;
  const rows: PaperRow[] = [
    {
      metric: `Input R², iLQR-VAE, at this run's size (${trials} trials × ${bins} bins)`,
      paper: sized ? { value: `${sized.ilqr} (LFADS ${sized.lfads})`, source: `${C.tableS1.source}; ${sized.where}`, verified: false } : undefined,
      run: cp ? `${formatValue(Math.round(cp.inputR2 * 1000) / 1000)}${at}` : '—, train to measure',
      verdict: sized && cp ? judgeClaim({ direction: 'atLeast', bound: sized.ilqr }, cp.inputR2) : 'not-measured',
      note: sized ? undefined : 'the paper reports no run of this size: 10 × 200 bins is its Table S1 row',
    },
    { metric: C.sparseInputR2.metric, paper: paper(C.sparseInputR2), run: committed(C.sparseInputR2) ?? '—, run the experiment', verdict: committedVerdict(C.sparseInputR2) },
    {
      metric: C.sparseLfadsInputR2.metric,
      paper: paper(C.sparseLfadsInputR2),
      run: committed(C.sparseLfadsInputR2) ?? '—, run the experiment',
      verdict: committedVerdict(C.sparseLfadsInputR2),
      note: 'the baseline trains in the experiment, not on this page',
    },
    {
      metric: C.eigenvalues.metric,
      paper: paper(C.eigenvalues),
      run: cp ? `mean error ${formatValue(cp.eigenError)}${at}` : '—, train to measure',
      note: committed(C.eigenvalues),
    },
    { metric: C.studentBeatsGaussian.metric, paper: paper(C.studentBeatsGaussian), run: '—, compare two runs with the prior setting' },
    { metric: C.lorenzR2.metric, paper: paper(C.lorenzR2), run: '—, not in this demo yet' },
    { metric: C.mcMaze.metric, paper: paper(C.mcMaze) },
    { metric: C.reaching.metric, paper: paper(C.reaching) },
  ];
  return <PaperVsRunTable rows={rows} />;
}
