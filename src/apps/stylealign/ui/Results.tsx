/**
 * The committed experiment's figures (results/full.json, `npm run experiment -- stylealign`): the
 * alignment matrix as a heatmap, the per-component weight change as bars, and the paper-vs-this-run
 * list of claims. Until the file is committed each says it is not measured yet; nothing is typed in.
 */
import { useEffect, useState } from 'react';
import { committedResult } from '../../../shared/ui/committedResults';
import { BarChart } from '../../../shared/ui/plots/BarChart';
import { Heatmap } from '../../../shared/ui/plots/Heatmap';
import { CLAIM_VERDICT_TEXT, claimRows } from './claims';

/** The full attribute matrix of the child as experiment.ts writes it: Pearson r, rows the parent's attributes, columns the child's. */
interface AlignMatrix {
  rows: string[];
  cols: string[];
  r: number[];
}

// Lazy and whole (its own chunk, loaded when the view mounts): a named import of a key the file lacks would fail the build.
const FULL = import.meta.glob<{ default: { alignMatrix?: AlignMatrix } }>('../results/full.json');

export const COMMITTED = committedResult('stylealign');

const COMPONENTS: [string, string][] = [
  ['change.mapping', 'mapping'],
  ['change.affine', 'affine (W → S)'],
  ['change.conv', 'convolutions'],
  ['change.torgb', 'toRGB'],
];

export function AlignmentMatrix() {
  const [m, setM] = useState<AlignMatrix | null>(null);
  useEffect(() => {
    const load = Object.values(FULL)[0];
    let live = true;
    if (load) void load().then((mod) => live && setM(mod.default.alignMatrix ?? null), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!m || !Array.isArray(m.r) || m.r.length !== m.rows.length * m.cols.length) {
    return (
      <p className="muted small" data-testid="stylealign-matrix" data-state="not-measured">
        Not measured yet: the alignment matrix (Pearson r of every parent attribute against every child attribute over 1,000 latents) comes from the committed
        experiment, results/full.json, which has not been run (<code>npm run experiment -- stylealign</code>).
      </p>
    );
  }
  return (
    <div data-testid="stylealign-matrix" data-state="measured">
      <Heatmap data={m.r} rows={m.rows.length} cols={m.cols.length} rowLabels={m.rows} colLabels={m.cols} min={-1} max={1} colormap="diverging" label="Pearson r" />
      <p className="small">Rows: the parent oracle's attributes on G_p(z); columns: the child oracle's on G_c(z), for the same z.</p>
    </div>
  );
}

export function WeightChange() {
  const metrics = COMMITTED?.metrics;
  const bars = COMPONENTS.filter(([k]) => metrics?.[k] !== undefined && Number.isFinite(metrics[k])).map(([k, label]) => ({ label, value: metrics![k], highlight: k === 'change.conv' }));
  if (bars.length === 0) {
    return (
      <p className="muted small" data-testid="stylealign-weight-change" data-state="not-measured">
        Not measured yet: the relative weight change |Δθ|/|θ_parent| of each part of the generator comes from the committed experiment (results/full.json), which
        has not been run.
      </p>
    );
  }
  return (
    <div data-testid="stylealign-weight-change" data-state="measured">
      <BarChart bars={bars} yLabel="|Δθ| / |θ_parent|" format={(v) => v.toFixed(3)} />
    </div>
  );
}

export function ClaimsList() {
  const rows = claimRows(COMMITTED?.metrics);
  return (
    <div data-testid="stylealign-claims">
      <p className="small">
        The paper's claims as its abstract and official code state them (its tables have not been read, so no paper number is shown), and what this build
        measured{COMMITTED ? ' in its committed experiment' : ': the experiment has not been committed yet, so every claim is still to measure'}.
      </p>
      <ul className="sa-claims">
        {rows.map((r) => (
          <li key={r.id} data-testid={`stylealign-claim-${r.id}`} data-verdict={r.verdict}>
            <span className={`sa-verdict sa-verdict-${r.verdict}`}>{CLAIM_VERDICT_TEXT[r.verdict]}</span> {r.claim}{' '}
            <span className="small muted">
              ({r.source}. Judged by: {r.rule}
              {r.measured ? `; measured: ${r.measured}` : ''}.)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
