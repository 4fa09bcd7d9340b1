/**
 * "Paper vs. this run": DEG's Table 1 numbers (paper.ts: re-reported by FMG, unverified) beside the
 * grammar this page shows and the committed full run (`npm run experiment -- grammar --seed 1`,
 * results/full.json), plus the baselines of the same table. Our own metrics are labelled ours.
 */
import { PaperVsRunTable, type PaperRow } from '../../../shared/ui/PaperVsRunTable';
import { committedResult } from '../../../shared/ui/committedResults';
import { formatPercent } from '../../../shared/ui/format';
import { judgeClaim } from '../../../shared/verdict';
import { DATASET_NAMES, MONOMER_SETS, type DatasetId } from '../core/datasets';
import type { GrammarMetrics } from '../core/evaluate';
import { degClaims, PAPER_CLAIMS, TABLE1_ROWS } from '../paper';
import { useGrammarUrl } from '../store';
import { usePasted, useShownGrammar } from './liveStore';

export const FULL_RESULT = committedResult('grammar');

type Monomer = (typeof MONOMER_SETS)[number];
const isMonomer = (d: DatasetId): d is Monomer => (MONOMER_SETS as readonly string[]).includes(d);

const fmt = (metric: string, v: number | undefined): string | undefined => {
  if (v === undefined || !Number.isFinite(v)) return undefined;
  return metric === 'Div' || metric.startsWith('Div') ? v.toFixed(3) : formatPercent(v);
};

const RUN_KEY: Record<string, keyof GrammarMetrics | undefined> = { Valid: 'valid', Unique: 'unique', Div: 'div', 'Memb.': 'memb' };

function committedText(set: DatasetId, key: string): string | undefined {
  const v = FULL_RESULT?.metrics[`${set}.${key}`];
  return v === undefined ? undefined : fmt(key === 'div' || key === 'trainDiv' ? 'Div' : '', v);
}

export function PaperTable() {
  const dataset = useGrammarUrl((s) => s.values.dataset);
  const pasted = usePasted((s) => s.text !== null);
  const grammar = useShownGrammar();
  const live = grammar && !pasted ? grammar.metrics : null;
  const liveWhere = grammar ? (grammar.epoch > 0 ? ` (this page: best grammar, epoch ${grammar.epoch}, N = ${grammar.samples.length})` : ' (this page: before training)') : '';
  const rows: PaperRow[] = [];
  if (isMonomer(dataset)) {
    for (const c of degClaims(dataset)) {
      const key = c.runMetric?.split('.')[1];
      const liveKey = RUN_KEY[c.metric];
      const liveValue = live && liveKey ? (live[liveKey] as number) : undefined;
      const committed = key ? committedText(dataset, key) : undefined;
      const runText = [liveValue !== undefined ? `${fmt(c.metric, liveValue)}${liveWhere}` : null, committed ? `committed full run, seed 1: ${committed}` : null].filter(Boolean).join('; ');
      const judged = liveValue ?? (key ? FULL_RESULT?.metrics[`${dataset}.${key}`] : undefined);
      rows.push({
        metric: `${DATASET_NAMES[dataset]}: ${c.metric}${c.metric === 'Memb.' ? ' (our class pattern)' : ''}`,
        paper: { value: c.value, source: c.source, verified: c.verified },
        run: runText || (c.runMetric ? '—, build to measure' : 'not measured here'),
        verdict: c.claim && judged !== undefined ? judgeClaim(c.claim, judged) : 'not-measured',
      });
    }
  } else {
    const p = PAPER_CLAIMS.polymers;
    rows.push({
      metric: p.metric,
      paper: { value: p.value, source: p.source, verified: p.verified },
      run: `committed full run: Valid ${committedText('polymers', 'valid') ?? '—'}, Unique ${committedText('polymers', 'unique') ?? '—'}, Div ${committedText('polymers', 'div') ?? '—'}, novelty ${committedText('polymers', 'novelty') ?? '—'}${live ? `; this page: Div ${live.div.toFixed(3)}, ${live.samples} molecules` : ''}`,
      verdict: 'not-measured',
      note: 'the paper’s polymer table was not retrieved: no number to compare with',
    });
  }
  const d = PAPER_CLAIMS.dataEfficiency;
  rows.push({ metric: d.metric, paper: { value: d.value, source: d.source, verified: d.verified }, run: pasted ? 'your list' : `${DATASET_NAMES[dataset]}: this page uses the whole file` });
  const ours = (['chamfer', 'novelty', 'proxy', 'uniqueRaw'] as const).map((k) => ({
    metric: { chamfer: 'Chamfer distance to the training set (ours)', novelty: 'Novelty (ours)', proxy: 'Training-fragment coverage (ours; a proxy, not RS)', uniqueRaw: 'Distinct over all draws (ours)' }[k],
    run: [live ? `${k === 'chamfer' ? live[k].toFixed(3) : formatPercent(live[k])}${liveWhere}` : null, FULL_RESULT?.metrics[`${dataset}.${k}`] !== undefined ? `committed: ${k === 'chamfer' ? FULL_RESULT.metrics[`${dataset}.${k}`].toFixed(3) : formatPercent(FULL_RESULT.metrics[`${dataset}.${k}`])}` : null].filter(Boolean).join('; ') || '—',
    note: 'not in the paper',
  }));
  const idx = isMonomer(dataset) ? { isocyanates: 0, acrylates: 1, chain_extenders: 2 }[dataset] : null;
  return (
    <div>
      <PaperVsRunTable rows={[...rows, ...ours]} />
      {idx !== null && (
        <>
          <h4>The paper's Table 1 for {DATASET_NAMES[dataset].toLowerCase()}, with its baselines (re-reported by FMG; unverified)</h4>
          <table className="data-table small" data-testid="grammar-baselines">
            <thead>
              <tr>
                <th>Method</th>
                <th>Unique</th>
                <th>Div</th>
                <th>RS</th>
                <th>Memb.</th>
              </tr>
            </thead>
            <tbody>
              {TABLE1_ROWS.map((r) => (
                <tr key={r.method}>
                  <td>{r.method}</td>
                  <td>{formatPercent(r.unique[idx])}</td>
                  <td>{r.div[idx].toFixed(2)}</td>
                  <td>{formatPercent(r.rs[idx])}</td>
                  <td>{formatPercent(r.memb[idx])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
