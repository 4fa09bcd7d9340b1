/**
 * The DEG demo's views. Every drawing is an SVG string made in the worker (RDKit); the page inserts
 * them in batches of `BATCH` per task, so no task grows with the number of molecules, and
 * cards off screen skip style, layout and paint (`content-visibility: auto` in grammar.css).
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { create } from 'zustand';
import { useStaggered } from '../../../shared/ui/useStaggered';
import { LineChart } from '../../../shared/ui/plots/LineChart';
import { formatPercent } from '../../../shared/ui/format';
import type { GrammarView, MoleculeView, PreparedInfo, RuleView, SampleView, TraceStep } from '../worker/protocol';
import { useGrammarLive, useShownGrammar } from './liveStore';

/**
 * SVGs inserted per frame: each is 9–20 kB of markup (40–60 elements), parsed in the commit, about
 * 5 ms of main-thread CPU here. (As `<img>` of a `data:` URL each costs more: Chromium builds an
 * isolated SVG document per image, 5–30 ms, in the inserting task's microtasks.)
 */
const BATCH = 8;

/**
 * How many of the `available` items to show: grows by BATCH per task up to `available` (which may
 * itself grow while items stream in), and starts again from BATCH when `key` changes. Each batch is
 * its own task (a timeout, not an animation frame: on a busy machine frames come at 5–10 per second,
 * and waiting for one per batch made the drawing take seconds); the browser renders between them.
 */
function useProgressive(available: number, key: unknown): number {
  const [shown, setShown] = useState({ key, n: Math.min(BATCH, available) });
  const n = shown.key === key ? shown.n : Math.min(BATCH, available);
  useEffect(() => {
    if (n >= available) return;
    const id = setTimeout(() => setShown({ key, n: Math.min(available, n + BATCH) }), 0);
    return () => clearTimeout(id);
  }, [key, n, available]);
  return Math.min(n, available);
}

export function Svg({ svg, label, className }: { svg: string; label: string; className?: string }) {
  // The SVG is RDKit's output for our own SMILES, made in our worker: no user markup reaches it.
  return <div className={`mol-svg ${className ?? ''}`} role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}

export function TrainingMolecules() {
  const molecules = useDeferredValue(useStaggered(useGrammarLive((s) => s.prepared?.molecules ?? null), 4));
  const shown = useProgressive(molecules?.length ?? 0, molecules);
  if (!molecules) return <p className="muted small">The training molecules are drawn once RDKit has loaded (Build grammar).</p>;
  return (
    <div className="mol-grid" data-testid="grammar-training-molecules" data-count={molecules.length}>
      {molecules.slice(0, shown).map((m: MoleculeView, i) => (
        <figure key={i} className="mol-card">
          <Svg svg={m.svg} label={m.smiles} />
          <figcaption className="small mono">{m.smiles}</figcaption>
        </figure>
      ))}
    </div>
  );
}

/**
 * The step-through's position, kept outside the component and keyed by what was built (the molecules
 * and the number of iterations, not the object: the same preparation can arrive twice), so that a
 * remount or a repeated message while the page settles after Build does not send the reader back to
 * iteration 1.
 */
const useTraceStep = create<{ of: string; iteration: number }>(() => ({ of: '', iteration: 1 }));

function traceKey(prepared: PreparedInfo | null): string {
  return prepared ? `${prepared.iterations}|${prepared.molecules.map((m) => m.smiles).join('.')}` : '';
}

function useTraceIteration(prepared: PreparedInfo | null): [number, (k: number) => void] {
  const key = traceKey(prepared);
  const iteration = useTraceStep((s) => (s.of === key ? s.iteration : 1));
  const set = useCallback((k: number) => useTraceStep.setState({ of: key, iteration: k }), [key]);
  return [iteration, set];
}

export function ContractionSteps() {
  const prepared = useDeferredValue(useStaggered(useGrammarLive((s) => s.prepared), 2));
  const [iteration, setIteration] = useTraceIteration(prepared);
  const byIteration = useMemo(() => {
    const map = new Map<number, TraceStep[]>();
    for (const s of prepared?.trace ?? []) map.set(s.iteration, [...(map.get(s.iteration) ?? []), s]);
    return map;
  }, [prepared]);
  if (!prepared) return <p className="muted small">Build the grammar to step through its construction.</p>;
  const last = prepared.iterations;
  const k = Math.min(Math.max(1, iteration), last);
  const steps = byIteration.get(k) ?? [];
  return <TraceView prepared={prepared} k={k} last={last} steps={steps} setIteration={setIteration} />;
}

function TraceView({ prepared, k, last, steps, setIteration }: { prepared: PreparedInfo; k: number; last: number; steps: TraceStep[]; setIteration: (k: number) => void }) {
  const shown = useProgressive(steps.length, steps);
  return (
    <div data-testid="grammar-trace" data-iteration={k} data-iterations={last}>
      <p className="small">
        Each iteration, F<sub>θ</sub> scores every contraction unit (a bond or a ring) of every molecule; the selected units
        (highlighted) are contracted into one non-terminal, and the contracted piece becomes a production rule. After {last}{' '}
        iteration{last === 1 ? '' : 's'} each molecule is a single node: a start rule.
        {prepared.traceMolecules < prepared.molecules.length && ` Drawn here: the first ${prepared.traceMolecules} of ${prepared.molecules.length} molecules.`}
      </p>
      <div className="field-row trace-controls">
        <button type="button" className="btn" data-testid="grammar-trace-prev" disabled={k <= 1} onClick={() => setIteration(k - 1)}>
          ◀ Previous
        </button>
        <label className="field">
          <span>
            Iteration {k} of {last}
          </span>
          <input type="range" min={1} max={last} value={k} data-testid="grammar-trace-iteration" onChange={(e) => setIteration(Number(e.target.value))} />
        </label>
        <button type="button" className="btn" data-testid="grammar-trace-next" disabled={k >= last} onClick={() => setIteration(k + 1)}>
          Next ▶
        </button>
      </div>
      <div className="mol-grid">
        {steps.slice(0, shown).map((s) => (
          <figure key={s.molecule} className="mol-card">
            <Svg svg={s.svg} label={`molecule ${s.molecule + 1}, iteration ${s.iteration}`} />
            <figcaption className="small">
              Molecule {s.molecule + 1}: {s.selected} of {s.units} unit{s.units === 1 ? '' : 's'} selected
              {s.maxPhi !== null ? ` (max φ ${s.maxPhi.toFixed(2)})` : ' (the last one)'} → rule{s.ruleIds.length === 1 ? '' : 's'}{' '}
              {s.ruleIds.map((r) => `R${r}${s.newRules.includes(r) ? ' (new)' : ''}`).join(', ')}
            </figcaption>
          </figure>
        ))}
        {steps.length === 0 && <p className="muted small">No drawn molecule changed in this iteration.</p>}
      </div>
    </div>
  );
}

function RuleCard({ rule }: { rule: RuleView }) {
  const kind = rule.start ? 'start' : rule.ending ? 'ending' : 'non-terminal';
  return (
    <figure className="mol-card rule-card" data-testid="grammar-rule">
      <Svg svg={rule.svg} label={rule.text} />
      <figcaption className="small">
        <strong>R{rule.id}</strong> · {kind} · used {rule.count}×
        <br />
        <span className="mono">{rule.text}</span>
      </figcaption>
    </figure>
  );
}

export function RuleGallery() {
  const grammar = useDeferredValue(useStaggered(useShownGrammar(), 3));
  const shown = useProgressive(grammar?.rules.length ?? 0, grammar);
  if (!grammar) return <p className="muted small">Build the grammar to see its production rules.</p>;
  return (
    <div data-testid="grammar-rules" data-count={grammar.rules.length}>
      <p className="small">
        {grammar.rules.length} rules{grammar.epoch > 0 ? ` of the best grammar (epoch ${grammar.epoch})` : ''}. Numbered dummies [*:k] are
        a rule's anchors (the bonds its left-hand non-terminal offers); isotope-labelled dummies [j*] are the non-terminals it leaves to
        rewrite.
      </p>
      <div className="mol-grid">
        {grammar.rules.slice(0, shown).map((r) => (
          <RuleCard key={r.id} rule={r} />
        ))}
      </div>
    </div>
  );
}

function Badges({ s }: { s: SampleView }) {
  return (
    <span className="badges">
      <span className="badge good" title="RDKit reads it (every completed derivation is valid by construction)">
        valid
      </span>
      {s.member !== null && <span className={`badge ${s.member ? 'good' : 'bad'}`}>{s.member ? 'in class' : 'not in class'}</span>}
      {!s.novel && <span className="badge">in training set</span>}
    </span>
  );
}

function Derivation({ sample, rules, onClose }: { sample: SampleView; rules: Map<number, RuleView>; onClose: () => void }) {
  return (
    <div className="derivation" data-testid="grammar-derivation" data-steps={sample.rules.length} role="region" aria-label="Derivation">
      <div className="field-row">
        <h4>Derivation of {sample.smiles}</h4>
        <button type="button" className="btn small" onClick={onClose} data-testid="grammar-derivation-close">
          Close
        </button>
      </div>
      <ol className="derivation-steps">
        {sample.rules.map((id, i) => {
          const r = rules.get(id);
          return (
            <li key={i}>
              {i === 0 ? 'Start with' : 'Rewrite a non-terminal with'} <strong>R{id}</strong>
              {r && (
                <>
                  {' '}
                  <span className="mono small">{r.text}</span>
                  <Svg svg={r.svg} label={r.text} className="mol-inline" />
                </>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * The generated molecules. While the grammar is still being prepared (`grammar` null) the samples
 * streamed so far are drawn already; `total` is how many there will be (the grid's `data-count`).
 */
export function SampleGrid({ samples, total, grammar }: { samples: SampleView[]; total: number; grammar: GrammarView | null }) {
  // The first sample's identity names the set: it changes with a new run or the best grammar's samples, not while they stream in.
  const shown = useProgressive(samples.length, samples[0]);
  const [selected, setSelected] = useState<{ first: SampleView | undefined; i: number } | null>(null);
  const rules = useMemo(() => new Map((grammar?.rules ?? []).map((r) => [r.id, r])), [grammar]);
  const pick = selected && selected.first === samples[0] ? selected.i : null;
  return (
    <div>
      {grammar ? (
        <SampleSummary grammar={grammar} />
      ) : (
        <p className="small" data-testid="grammar-sample-summary">
          Drawing {total} distinct molecules ({samples.length} arrived from the worker so far)…
        </p>
      )}
      {pick !== null && samples[pick] && <Derivation sample={samples[pick]} rules={rules} onClose={() => setSelected(null)} />}
      <div className="mol-grid" data-testid="grammar-samples" data-count={total} data-drawn={shown} data-epoch={grammar?.epoch ?? 0}>
        {samples.slice(0, shown).map((s, i) => (
          <button
            type="button"
            key={i}
            className={`mol-card mol-button${pick === i ? ' selected' : ''}`}
            aria-pressed={pick === i}
            data-testid="grammar-sample"
            onClick={() => setSelected({ first: samples[0], i })}
          >
            <Svg svg={s.svg} label={s.smiles} />
            <Badges s={s} />
          </button>
        ))}
      </div>
    </div>
  );
}

function SampleSummary({ grammar }: { grammar: GrammarView }) {
  const m = grammar.metrics;
  return (
    <p className="small" data-testid="grammar-sample-summary">
      {m.samples} distinct molecules from {grammar.draws} draws ({grammar.sampleSeconds.toFixed(1)} s; stopped by{' '}
      {grammar.stoppedBy === 'target' ? 'reaching N' : grammar.stoppedBy === 'repeats' ? '10 draws in a row with nothing new' : grammar.stoppedBy}).
      Valid {formatPercent(m.valid)}, Unique {formatPercent(m.unique)}, Div {m.div.toFixed(3)}, Chamfer (ours) {m.chamfer.toFixed(3)}
      {Number.isFinite(m.memb) ? `, Memb. (ours) ${formatPercent(m.memb)}` : ''}, novelty {formatPercent(m.novelty)}, training-fragment coverage
      (ours, not RS) {formatPercent(m.proxy)}, cut at 30 steps {formatPercent(m.cutAt30)}. Click a molecule for its derivation.
    </p>
  );
}

export function RewardCurves() {
  const mean = useGrammarLive((s) => s.meanReward);
  const best = useGrammarLive((s) => s.bestReward);
  const memb = useGrammarLive((s) => s.memb);
  const div = useGrammarLive((s) => s.div);
  if (mean.length === 0) return <p className="muted small">REINFORCE starts after the build: each epoch builds 5 grammars with the current F<sub>θ</sub> and scores them.</p>;
  return (
    <div data-testid="grammar-reward" data-epochs={mean.length}>
      <LineChart
        series={[
          { name: 'mean reward', points: mean },
          { name: 'best so far', points: best },
        ]}
        xLabel="epoch"
        yLabel="Div + 2 × coverage"
        height={200}
      />
      <LineChart
        series={[
          ...(memb.length ? [{ name: 'Memb. (ours)', points: memb }] : []),
          { name: 'Div', points: div },
        ]}
        xLabel="epoch"
        yLabel="mean over the epoch's grammars"
        height={180}
      />
    </div>
  );
}
