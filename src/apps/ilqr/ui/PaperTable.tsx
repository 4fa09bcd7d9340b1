/**
 * "Paper vs. this run": the paper's numbers (paper.ts) next to the live run's latest checkpoint
 * and, when committed, the full experiment's (`npm run experiment -- ilqr`, results/full.json).
 */
import { useDeferredValue } from 'react';
import { PaperVsRunTable, type PaperRow } from '../../../shared/ui/PaperVsRunTable';
import { committedResult, formatMeanSd } from '../../../shared/ui/committedResults';
import { formatValue } from '../../../shared/ui/format';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { judgeClaim } from '../../../shared/verdict';
import { PAPER_CLAIMS, type PaperClaim } from '../paper';
import { useIlqrUrl } from '../store';
import { latestCheckpoint, useIlqrLive } from './liveStore';

/** The committed full experiment, when there is one. */
export const FULL_RESULT = committedResult('ilqr');

const paper = (c: PaperClaim) => ({ value: c.value, source: c.source, verified: c.verified });

const committedNote = (metric: string | undefined) => {
  const full = formatMeanSd(FULL_RESULT, metric);
  return full ? `npm run experiment -- ilqr: ${full}` : undefined;
};

export function PaperTable() {
  const steps = useIlqrUrl((s) => s.values.steps);
  const trials = useIlqrUrl((s) => s.values.trials);
  const bins = useIlqrUrl((s) => s.values.bins);
  const cp = useDeferredValue(useStaggered(useIlqrLive(latestCheckpoint), 4));
  const at = cp ? ` (step ${cp.step} of ${steps}${cp.step < steps ? ', still training' : ''}; ${trials} × ${bins} bins)` : '';
  const live = cp ? `${formatValue(Math.round(cp.inputR2 * 1000) / 1000)}${at}` : '—, train to measure';
  const sameSize = trials === 10 && bins === 200;
  const rows: PaperRow[] = [
    {
      metric: PAPER_CLAIMS.inputR2.metric,
      paper: paper(PAPER_CLAIMS.inputR2),
      run: live,
      verdict: cp ? judgeClaim(PAPER_CLAIMS.inputR2.claim, cp.inputR2) : 'not-measured',
      note: committedNote(PAPER_CLAIMS.inputR2.runMetric),
    },
    {
      metric: PAPER_CLAIMS.tableS1.metric,
      paper: paper(PAPER_CLAIMS.tableS1),
      run: sameSize ? live : '—, set 10 trials × 200 bins',
      verdict: sameSize && cp ? judgeClaim(PAPER_CLAIMS.tableS1.claim, cp.inputR2) : 'not-measured',
    },
    {
      metric: PAPER_CLAIMS.lfadsInputR2.metric,
      paper: paper(PAPER_CLAIMS.lfadsInputR2),
      run: FULL_RESULT ? undefined : '—, not run live',
      note: committedNote(PAPER_CLAIMS.lfadsInputR2.runMetric) ?? 'the amortised baseline runs in the experiment, not on this page',
    },
    {
      metric: 'Learned dynamics: mean eigenvalue error after matching',
      run: cp ? `${formatValue(cp.eigenError)}${at}` : '—, train to measure',
      note: committedNote('sparse.eigenError') ?? 'the paper shows the eigenvalues recovered (Fig. 3) without a number',
    },
    {
      metric: PAPER_CLAIMS.lorenz.metric,
      paper: paper(PAPER_CLAIMS.lorenz),
      run: '—, not in this demo yet',
    },
  ];
  return <PaperVsRunTable rows={rows} />;
}
