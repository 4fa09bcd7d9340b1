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

/** The full attribute matrix as experiment.ts writes it (`alignment.matrix`): Pearson r, [parent attribute][child attribute], for the child and the scratch child. */
interface AlignMatrix {
  rows: string[];
  columns: string[];
  child: number[][];
  scratch?: number[][];
}

// Lazy and whole (its own chunk, loaded when the view mounts): a named import of a key the file lacks would fail the build.
const FULL = import.meta.glob<{ default: { alignment?: { matrix?: AlignMatrix } } }>('../results/full.json');

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
    if (load) void load().then((mod) => live && setM(mod.default.alignment?.matrix ?? null), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  const flat = (rows: number[][] | undefined) => (rows ? rows.flat() : []);
  if (!m || !Array.isArray(m.child) || flat(m.child).length !== m.rows.length * m.columns.length) {
    return (
      <p className="muted small" data-testid="stylealign-matrix" data-state="not-measured">
        Not measured yet: the alignment matrix (Pearson r of every parent attribute against every child attribute over 1,000 latents) comes from the committed
        experiment, results/full.json, which has not been run (<code>npm run experiment -- stylealign</code>).
      </p>
    );
  }
  const views: [string, number[][] | undefined][] = [
    ['fine-tuned child', m.child],
    ['scratch child (control)', m.scratch],
  ];
  return (
    <div data-testid="stylealign-matrix" data-state="measured" className="sa-matrices">
      {views
        .filter(([, rows]) => rows && flat(rows).length === m.rows.length * m.columns.length)
        .map(([name, rows]) => (
          <figure key={name} className="sa-tile">
            <Heatmap data={flat(rows)} rows={m.rows.length} cols={m.columns.length} rowLabels={m.rows} colLabels={m.columns} min={-1} max={1} colormap="diverging" cellSize={22} label={`Pearson r, ${name}`} />
            <figcaption className="small">{name}</figcaption>
          </figure>
        ))}
      <p className="small">Rows: the parent oracle's attributes on G_p(z); columns: the child oracle's on G(z) of the same z, scored on held-out latents.</p>
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
