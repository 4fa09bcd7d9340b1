/**
 * "Paper vs. this run": the paper's claims (paper.ts, all unverified) next to numbers computed from
 * the live run in this tab, and, when committed, the full experiment's numbers
 * (`npm run experiment -- ntl`, 3 seeds, src/apps/ntl/results/full.json).
 */
import { useDeferredValue } from 'react';
import { PaperVsRunTable, type PaperRow } from '../../../shared/ui/PaperVsRunTable';
import { highestAccuracy, relativeDrop } from '../core/metrics';
import { PAPER_CLAIMS, type PaperClaim } from '../paper';
import type { Mode } from '../core/settings';
import { useNtlUrl } from '../store';
import type { Checkpoint, EvalKey } from '../worker/protocol';
import { latestCheckpoint, useNtlLive } from './liveStore';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { committedResult, formatMeanSd } from '../../../shared/ui/committedResults';
import { formatPercent as pct } from '../../../shared/ui/format';

/** The committed full experiment (`npm run experiment -- ntl`, 3 seeds), when there is one. */
export const FULL_RESULT = committedResult('ntl');

const fullValue = (metric: string | undefined) => formatMeanSd(FULL_RESULT, metric);

const paper = (c: PaperClaim) => ({ value: c.value, source: c.source, verified: c.verified });

const TRAIN_TO_MEASURE = '—, train to measure';

function relDrop(cp: Checkpoint | null, key: EvalKey): number | null {
  if (!cp?.sl) return null;
  return relativeDrop(cp.ntl[key], cp.sl[key]);
}

export function PaperTable() {
  const mode = useNtlUrl((s) => s.values.mode);
  const steps = useNtlUrl((s) => s.values.steps);
  const cp = useDeferredValue(useStaggered(useNtlLive(latestCheckpoint), 4));
  const prepared = useNtlLive((s) => s.prepared);
  const attacks = useNtlLive((s) => s.attacks);
  const roles = prepared?.roles;
  const at = cp ? ` (step ${cp.step} of ${steps}${cp.step < steps ? ', still training' : ''})` : '';
  const needs = (m: Mode, what: string) => (mode === m ? TRAIN_TO_MEASURE : `${TRAIN_TO_MEASURE} (mode "${what}")`);

  const runDrop = (m: Mode, key: EvalKey | undefined, what: string): string => {
    if (mode !== m || !key) return needs(m, what);
    if (cp && !cp.sl) return 'needs the SL reference: tick "Train an SL reference alongside"';
    const d = relDrop(cp, key);
    return d === null ? TRAIN_TO_MEASURE : `${pct(d)}${at}`;
  };

  const authorized = mode === 'authorization' && cp ? cp.ntl['src+patch'] : undefined;
  const unauthorizedKeys: EvalKey[] = ['S', 'T1', 'T2', 'T3', 'N', 'N+patch'];
  const worstUnauth = mode === 'authorization' && cp ? highestAccuracy(cp.ntl, unauthorizedKeys) : null;

  const attackText =
    mode !== 'ownership'
      ? needs('ownership', 'Ownership verification')
      : attacks.length === 0
        ? '—, train, then run an attack'
        : attacks.map((a) => `${a.kind === 'prune' ? `prune ${Math.round((a.fraction ?? 0) * 100)}%` : a.kind.toUpperCase()} ${pct(a.after.patched)}`).join('; ');

  const note = (metric: string | undefined, extra?: string, fullLabel = '') => {
    const full = fullValue(metric);
    const parts = [extra, full ? `npm run experiment -- ntl (3 seeds${fullLabel}): ${full}` : null].filter(Boolean);
    return parts.length ? parts.join(' · ') : undefined;
  };

  const rows: PaperRow[] = [
    {
      metric: PAPER_CLAIMS.targetDrop.metric,
      paper: paper(PAPER_CLAIMS.targetDrop),
      run: runDrop('target', roles?.target, 'Target-specified NTL'),
      note: note(PAPER_CLAIMS.targetDrop.runMetric, '1 − acc_NTL(T) / acc_SL(T)'),
    },
    {
      metric: PAPER_CLAIMS.sourceDrop.metric,
      paper: paper(PAPER_CLAIMS.sourceDrop),
      run: runDrop('target', roles?.source, 'Target-specified NTL'),
      note: note(PAPER_CLAIMS.sourceDrop.runMetric, '1 − acc_NTL(S) / acc_SL(S)'),
    },
    {
      metric: PAPER_CLAIMS.sourceOnlyDrop.metric,
      paper: paper(PAPER_CLAIMS.sourceOnlyDrop),
      run: runDrop('sourceOnly', 'N', 'Source-only NTL'),
      note: note(PAPER_CLAIMS.sourceOnlyDrop.runMetric, 'on our procedural neighbours, not GAN samples'),
    },
    {
      metric: PAPER_CLAIMS.patchedAfterAttacks.metric,
      paper: paper(PAPER_CLAIMS.patchedAfterAttacks),
      run: attackText,
      note: note(PAPER_CLAIMS.patchedAfterAttacks.runMetric, 'patched-source accuracy after each attack run here', ', FTAL'),
    },
    {
      metric: PAPER_CLAIMS.authorized.metric,
      paper: paper(PAPER_CLAIMS.authorized),
      run: mode !== 'authorization' ? needs('authorization', 'Applicability authorization') : authorized === undefined ? TRAIN_TO_MEASURE : `${pct(authorized)}${at}`,
      note: note(PAPER_CLAIMS.authorized.runMetric),
    },
    {
      metric: PAPER_CLAIMS.unauthorized.metric,
      paper: paper(PAPER_CLAIMS.unauthorized),
      run:
        mode !== 'authorization'
          ? needs('authorization', 'Applicability authorization')
          : !worstUnauth
            ? TRAIN_TO_MEASURE
            : `at most ${pct(worstUnauth.value)} (${worstUnauth.key})${at}`,
      note: note(PAPER_CLAIMS.unauthorized.runMetric, 'highest over clean S, T1–T3, neighbours (± patch)', ', clean S'),
    },
  ];
  return (
    <>
      <PaperVsRunTable rows={rows} />
      <p className="muted small">
        {FULL_RESULT
          ? `The "npm run experiment -- ntl" values are the committed full experiment (seeds ${FULL_RESULT.seeds?.join(', ') ?? '?'}, ${FULL_RESULT.backend ?? 'wasm'} in Node), mean ± sd.`
          : 'The full 3-seed experiment (npm run experiment -- ntl) has not been committed yet; only this tab\'s run is shown.'}{' '}
        The paper's numbers come from a third-party summary and are unverified; its model is an ImageNet-pretrained VGG on real
        digits, so compare relative drops, not accuracies.
      </p>
    </>
  );
}
