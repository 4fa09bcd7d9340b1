/**
 * "Paper vs. this run": the paper's claims (paper.ts, all unverified) next to numbers computed from
 * the live run in this tab, and, when committed, the full experiment's numbers
 * (`npm run experiment -- ntl`, 3 seeds, src/apps/ntl/results/full.json).
 */
import { useDeferredValue } from 'react';
import { PaperVsRunTable, type PaperRow } from '../../../shared/ui/PaperVsRunTable';
import { attackWreckedModel, highestAccuracy, relativeDrop, unseenDomainDrops } from '../core/metrics';
import { PAPER_CLAIMS, type PaperClaim } from '../paper';
import { MODE_LABELS, type Mode } from '../core/settings';
import { judgeClaim } from '../../../shared/verdict';
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

/**
 * The committed run's worst unauthorized set (the highest mean accuracy over clean S, T1 ± patch
 * and the neighbours ± patch), as the live verdict takes the worst one, with clean S beside it.
 */
const committedUnauthorized = (() => {
  const m = FULL_RESULT?.metrics;
  if (!m) return null;
  const names = { unauthorized: 'clean S', t1: 'T1', t1Patched: 'patched T1', neighbours: 'neighbours', neighboursPatched: 'patched neighbours' } as const;
  const worst = highestAccuracy(
    Object.fromEntries(Object.keys(names).map((k) => [k, m[`auth.${k}`]])) as Partial<Record<keyof typeof names, number>>,
    Object.keys(names) as (keyof typeof names)[],
  );
  if (!worst) return null;
  const clean = fullValue('auth.unauthorized');
  return `npm run experiment -- ntl (3 seeds): highest, ${names[worst.key]} ${fullValue(`auth.${worst.key}`)}${worst.key !== 'unauthorized' && clean ? `; clean S ${clean}` : ''}`;
})();

/** The committed run's patched accuracy after each of the six attacks (pruning at 50% and 90%), mean ± sd. */
const committedAttacks = (
  [
    ['FTAL', 'ftal'],
    ['RTAL', 'rtal'],
    ['EWC', 'ewc'],
    ['AU', 'au'],
    ['overwriting', 'overwrite'],
    ['pruning 50%', 'prune50'],
    ['pruning 90%', 'prune90'],
  ] as const
)
  .map(([label, id]) => {
    const v = fullValue(`own.ntl.patched.${id}`);
    return v ? `${label} ${v}` : null;
  })
  .filter(Boolean)
  .join(', ');

function relDrop(cp: Checkpoint | null, key: EvalKey): number | null {
  if (!cp?.sl) return null;
  return relativeDrop(cp.ntl[key], cp.sl[key]);
}

/** A row of the table: which mode measures the claim, the run's number (for the verdict) and how it reads. */
interface ClaimRow {
  claim: PaperClaim;
  mode: Mode;
  value: number | null;
  run: string;
  note?: string;
}

export function PaperTable() {
  const mode = useNtlUrl((s) => s.values.mode);
  const steps = useNtlUrl((s) => s.values.steps);
  const cp = useDeferredValue(useStaggered(useNtlLive(latestCheckpoint), 4));
  const prepared = useNtlLive((s) => s.prepared);
  const attacks = useNtlLive((s) => s.attacks);
  const roles = prepared?.roles;
  const at = cp ? ` (step ${cp.step} of ${steps}${cp.step < steps ? ', still training' : ''})` : '';
  const measuredHere = (m: Mode) => mode === m && cp !== null;

  const drop = (m: Mode, key: EvalKey | undefined): { value: number | null; run: string } => {
    if (!measuredHere(m) || !key) return { value: null, run: TRAIN_TO_MEASURE };
    if (!cp?.sl) return { value: null, run: 'needs the SL reference: tick "Train a normal model (SL) alongside"' };
    const d = relDrop(cp, key);
    return d === null ? { value: null, run: TRAIN_TO_MEASURE } : { value: d, run: `${pct(d)}${at}` };
  };

  const unseenDrop = (): { value: number | null; run: string } => {
    if (!measuredHere('sourceOnly') || !cp) return { value: null, run: TRAIN_TO_MEASURE };
    if (!cp.sl) return { value: null, run: 'needs the SL reference: tick "Train a normal model (SL) alongside"' };
    const u = unseenDomainDrops(cp.ntl, cp.sl);
    return u === null
      ? { value: null, run: TRAIN_TO_MEASURE }
      : { value: u.mean, run: `${pct(u.mean)} (T1 ${pct(u.perDomain.T1)}, T2 ${pct(u.perDomain.T2)}, T3 ${pct(u.perDomain.T3)})${at}` };
  };

  const authorized = measuredHere('authorization') ? (cp?.ntl['src+patch'] ?? null) : null;
  const unauthorizedKeys: EvalKey[] = ['S', 'T1', 'T2', 'T3', 'N', 'N+patch'];
  const worstUnauth = measuredHere('authorization') && cp ? highestAccuracy(cp.ntl, unauthorizedKeys) : null;

  // An attack that leaves the clean accuracy near chance gained the attacker nothing: it does not count as a removal.
  const removals = attacks.filter((a) => !attackWreckedModel(a));
  const worstPatched = mode === 'ownership' && removals.length ? Math.max(...removals.map((a) => a.after.patched)) : null;
  const attackName = (a: (typeof attacks)[number]) => (a.kind === 'prune' ? `prune ${Math.round((a.fraction ?? 0) * 100)}%` : a.kind.toUpperCase());
  const attackText =
    mode !== 'ownership' || attacks.length === 0
      ? mode === 'ownership'
        ? '—, train, then run an attack'
        : TRAIN_TO_MEASURE
      : attacks
          .map((a) => `${attackName(a)} ${pct(a.after.patched)}${attackWreckedModel(a) ? ` (clean ${pct(a.after.clean)}: the attack wrecked the model, the attacker gained nothing)` : ''}`)
          .join('; ');

  const note = (metric: string | undefined, extra?: string, fullLabel = '') => {
    const full = fullValue(metric);
    const parts = [extra, full ? `npm run experiment -- ntl (3 seeds${fullLabel}): ${full}` : null].filter(Boolean);
    return parts.length ? parts.join(' · ') : undefined;
  };

  const claims: ClaimRow[] = [
    { claim: PAPER_CLAIMS.targetDrop, mode: 'target', ...drop('target', roles?.target), note: note(PAPER_CLAIMS.targetDrop.runMetric, '1 − acc_NTL(T) / acc_SL(T)') },
    { claim: PAPER_CLAIMS.sourceDrop, mode: 'target', ...drop('target', roles?.source), note: note(PAPER_CLAIMS.sourceDrop.runMetric, '1 − acc_NTL(S) / acc_SL(S)') },
    { claim: PAPER_CLAIMS.sourceOnlyDrop, mode: 'sourceOnly', ...unseenDrop(), note: note(PAPER_CLAIMS.sourceOnlyDrop.runMetric, 'mean of 1 − acc_NTL/acc_SL on T1, T2, T3, which the procedural neighbours never imitate') },
    {
      claim: PAPER_CLAIMS.patchedAfterAttacks,
      mode: 'ownership',
      value: worstPatched,
      run: attackText,
      note: [
        'patched-source accuracy after each attack run here; the verdict takes the worst one that kept the model usable',
        committedAttacks ? `npm run experiment -- ntl (3 seeds), patched: ${committedAttacks}; every seed in the table below` : null,
      ]
        .filter(Boolean)
        .join(' · '),
    },
    { claim: PAPER_CLAIMS.authorized, mode: 'authorization', value: authorized, run: authorized === null ? TRAIN_TO_MEASURE : `${pct(authorized)}${at}`, note: note(PAPER_CLAIMS.authorized.runMetric) },
    {
      claim: PAPER_CLAIMS.unauthorized,
      mode: 'authorization',
      value: worstUnauth?.value ?? null,
      run: worstUnauth ? `at most ${pct(worstUnauth.value)} (${worstUnauth.key})${at}` : TRAIN_TO_MEASURE,
      note: ['highest over clean S, T1–T3, neighbours (± patch)', committedUnauthorized].filter(Boolean).join(' · '),
    },
  ];
  // The current mode's claims first: they are the ones this run can judge.
  const ordered = [...claims.filter((c) => c.mode === mode), ...claims.filter((c) => c.mode !== mode)];
  const rows: PaperRow[] = ordered.map((c) => ({
    metric: c.claim.metric,
    paper: paper(c.claim),
    run: c.mode === mode ? c.run : `not measured in this mode (choose "${MODE_LABELS[c.mode]}")`,
    // In the current mode a claim with no number yet has no verdict (yet); other modes cannot measure it.
    verdict: c.mode !== mode ? 'not-measured' : c.value === null ? undefined : judgeClaim(c.claim.claim, c.value),
    note: c.note,
  }));
  return (
    <>
      <PaperVsRunTable rows={rows} />
      <p className="muted small">
        {FULL_RESULT
          ? `The "npm run experiment -- ntl" values are the committed full experiment (seeds ${FULL_RESULT.seeds?.join(', ') ?? '?'}, ${FULL_RESULT.backend ?? 'wasm'} in Node), mean ± sd.`
          : 'The full 3-seed experiment (npm run experiment -- ntl) has not been committed yet; only this tab\'s run is shown.'}{' '}
        The paper's numbers come from a secondary summary and are unverified; its model is an ImageNet-pretrained VGG on real
        digits, so compare relative drops, not accuracies.
      </p>
    </>
  );
}
