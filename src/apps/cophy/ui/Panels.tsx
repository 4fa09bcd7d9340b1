/**
 * The verdict on the user's C ball by ball (how far one mass flip moves AB and D, against ε), with
 * the hidden masses shown only on request; and the filter's statistics on a sample of the dataset
 * (kept and rejected counts with their reasons; the ε sweep of the paper's Fig. 7), computed by the
 * worker for the link's seed.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { formatPercent } from '../../../shared/ui/format';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import { EPSILON } from '../core/filter';
import { colorName } from '../intervention';
import { shownEvaluation, useCophyLive } from './liveStore';
import { STATS_SAMPLE } from './useCophyWorker';
import type { FilterStats } from '../worker/protocol';

const dist = (v: number | null) => (v === null ? '—' : v.toFixed(0));

/** What the flip table needs of a verdict (core/filter.ts and core3d/filter3d.ts give the same shape). */
export interface FlipVerdict {
  epsilon: number;
  /** per object: how far one mass flip moves AB (null: not computed) */
  abFlipChange: readonly (number | null)[];
  /** per object: how far one mass flip moves D (null: the object is removed in C) */
  flipChange: readonly (number | null)[];
  confusable: readonly unknown[];
  ambiguous: readonly unknown[];
}

/**
 * One mass flipped at a time, object by object: how far AB and D move against ε, whether D changes,
 * the masses AB cannot tell apart, and the hidden masses on request. BallsCF's and the 3-D scenarios'
 * verdicts alike.
 */
export function FlipTable(props: {
  verdict: FlipVerdict;
  n: number;
  masses: readonly number[];
  caption: ReactNode;
  /** the first column's heading: "Ball", "Object" */
  noun: string;
  rowHead: (k: number) => ReactNode;
  testIdPrefix: string;
  rowTestId: (k: number) => string;
}) {
  const { verdict: v, n, masses, caption, noun, rowHead, testIdPrefix, rowTestId } = props;
  const [reveal, setReveal] = useState(false);
  return (
    <>
      <div className="table-scroll">
        <table className="table cophy-verdict-table">
          <caption className="small muted">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{noun}</th>
              <th scope="col">Mass</th>
              <th scope="col">AB moves</th>
              <th scope="col">D moves</th>
              <th scope="col">Changes D?</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: n }, (_, k) => {
              const flip = v.flipChange[k];
              return (
                <tr key={k} data-testid={rowTestId(k)}>
                  <th scope="row">{rowHead(k)}</th>
                  <td>{reveal ? masses[k] : 'hidden'}</td>
                  <td>{dist(v.abFlipChange[k])}</td>
                  <td>{flip === null ? 'removed' : dist(flip)}</td>
                  <td>{flip === null ? '—' : flip > v.epsilon ? 'yes' : 'no'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="small">
        {v.confusable.length === 0
          ? 'No other set of masses reproduces AB: AB pins the masses down.'
          : `${v.confusable.length} other set${v.confusable.length === 1 ? '' : 's'} of masses reproduce${v.confusable.length === 1 ? 's' : ''} AB within ε; ${v.ambiguous.length === 0 ? 'none of them changes D, so D is still determined' : `${v.ambiguous.length} of them give a different D`}.`}
      </p>
      <label className="field-check small">
        <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} data-testid={`${testIdPrefix}-reveal-masses`} />
        Reveal the hidden masses (the model never sees them)
      </label>
    </>
  );
}

export function VerdictTable() {
  const example = useCophyLive((s) => s.example);
  const ev = useCophyLive(shownEvaluation);
  if (!example) return <p className="muted">The verdict appears once the example is generated.</p>;
  const v = ev?.verdict ?? null;
  if (ev?.problem) return <p className="muted">No verdict: {ev.problem}</p>;
  if (!v) return <p className="muted">Judging this C…</p>;
  return (
    <div data-testid="cophy-verdict" data-reason={v.reason} data-counterfactual={v.counterfactual.map((k) => k + 1).join(',')}>
      <FlipTable
        verdict={v}
        n={example.n}
        masses={example.masses}
        caption={`One mass flipped at a time (1 ↔ 10): how far AB and D move, as the largest per-ball Σ over ${example.frames} frames of the position error (ε = ${v.epsilon}).`}
        noun="Ball"
        rowHead={(k) => (
          <>
            <span className={`cophy-swatch c${example.colors[k]}`} aria-hidden="true" /> {k + 1} {colorName(k, example.colors)}
          </>
        )}
        testIdPrefix="cophy"
        rowTestId={(k) => `cophy-verdict-ball-${k + 1}`}
      />
    </div>
  );
}

/** A near-vertical marker at x from 0 to 1 (uPlot has no markers). */
const marker = (x: number): [number, number][] => [
  [x - 0.001, 0],
  [x, 1],
];

/** The generator's counts: A's drawn, do-operations tried, why shifts and C's were rejected, and kept. */
export function FilterCountsTable(props: { stats: FilterStats; caption?: ReactNode; overlapLabel: string; overlapShare?: boolean; extraRows?: ReactNode; testIdPrefix: string }) {
  const { stats, caption, overlapLabel, overlapShare, extraRows, testIdPrefix } = props;
  const judged = stats.kept + stats.notCounterfactual + stats.notIdentifiable;
  return (
    <div className="table-scroll">
      <table className="table cophy-stats-table">
        {caption && <caption className="small muted">{caption}</caption>}
        <tbody>
          <tr>
            <th scope="row">A's drawn</th>
            <td>{stats.abCandidates}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">Do-operations tried</th>
            <td>{stats.cdTrials}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">{overlapLabel}</th>
            <td>{stats.shiftOverlaps}</td>
            <td className="muted">{overlapShare ? `${formatPercent(stats.shiftOverlaps / stats.cdTrials)} of tries` : ''}</td>
          </tr>
          {extraRows}
          <tr data-testid={`${testIdPrefix}-stats-not-counterfactual`}>
            <th scope="row">Rejected: not counterfactual</th>
            <td>{stats.notCounterfactual}</td>
            <td className="muted">{formatPercent(stats.notCounterfactual / judged)} of judged C's</td>
          </tr>
          <tr data-testid={`${testIdPrefix}-stats-not-identifiable`}>
            <th scope="row">Rejected: not identifiable</th>
            <td>{stats.notIdentifiable}</td>
            <td className="muted">{formatPercent(stats.notIdentifiable / judged)} of judged C's</td>
          </tr>
          <tr>
            <th scope="row">Kept</th>
            <td>{stats.kept}</td>
            <td className="muted">{formatPercent(stats.kept / judged)} of judged C's</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The ε sweep (the paper's Fig. 7): the share of unfiltered candidates passing each test against log₁₀ ε, with our ε marked. */
export function EpsilonSweepChart({ stats, label }: { stats: FilterStats; label: string }) {
  const series = useMemo(() => {
    const pts = (f: (r: FilterStats['sweep'][number]) => number) => stats.sweep.map((r) => [Math.log10(r.epsilon), f(r)] as [number, number]);
    return [
      { name: 'identifiable', points: pts((r) => r.identifiable) },
      { name: 'counterfactual', points: pts((r) => r.counterfactual) },
      { name: 'both (kept)', points: pts((r) => r.kept) },
      { name: `ε = ${EPSILON}`, points: marker(Math.log10(EPSILON)) },
    ];
  }, [stats]);
  return <LineChart label={label} xLabel="log₁₀ ε" yLabel="share of candidates" height={200} yRange={[0, 1]} series={series} />;
}

/** "At ε = 100: …% identifiable, …% counterfactual, …% both." or nothing when the sweep skips ε. */
export function sweepAtEpsilon(stats: FilterStats): string {
  const here = stats.sweep.find((r) => r.epsilon === EPSILON);
  return here ? ` At ε = ${EPSILON}: ${formatPercent(here.identifiable)} identifiable, ${formatPercent(here.counterfactual)} counterfactual, ${formatPercent(here.kept)} both.` : '';
}

export function FilterStatsView() {
  const stats = useCophyLive((s) => s.stats);
  const progress = useCophyLive((s) => s.statsProgress);
  const error = useCophyLive((s) => s.statsError);
  if (error) return <p className="field-error" role="alert">The statistics could not be computed: {error}</p>;
  if (!stats) {
    return (
      <p className="muted" data-testid="cophy-stats" data-state="computing">
        Generating the first {STATS_SAMPLE.examples} test examples with the filter, and {STATS_SAMPLE.unfiltered} candidates without it, in the worker
        {progress ? ` (${progress.done} of ${progress.total})` : ''}…
      </p>
    );
  }
  const rejected = stats.notCounterfactual + stats.notIdentifiable;
  return (
    <div data-testid="cophy-stats" data-state="ready" data-kept={stats.kept} data-rejected={rejected} data-trials={stats.cdTrials}>
      <FilterCountsTable
        stats={stats}
        caption={`The first ${stats.examples} test examples of seed ${stats.seed}, each generated as the official generator does: random A's, up to 10 shifts (or one removal) per A, until the filter keeps one.`}
        overlapLabel="Shift put a ball within 1 of another"
        overlapShare
        testIdPrefix="cophy"
      />
      <EpsilonSweepChart stats={stats} label={`Share of ${stats.unfiltered} unfiltered candidates that pass each test, against ε`} />
      <p className="small muted">
        The ε sweep (the paper's Fig. 7, which used BlocktowerCF) on {stats.unfiltered} candidates drawn without the filter: two trajectories count as the same when no
        ball's summed position error exceeds ε. A small ε calls every mass change counterfactual but few AB's identifiable; a large one the reverse.
        {sweepAtEpsilon(stats)} Computed in the worker in {(stats.ms / 1000).toFixed(1)} s.
      </p>
    </div>
  );
}
