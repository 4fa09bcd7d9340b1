import { lazy, useEffect } from 'react';
import { DemoFrame, useUrlFrameProps } from '../../../shared/ui/DemoFrame';
import { Equation } from '../../../shared/ui/Equation';
import { DifferencesList } from '../../../shared/ui/DifferencesList';
import { PaperVsRunTable, type PaperRow } from '../../../shared/ui/PaperVsRunTable';
import { PAPER_CLAIMS } from '../paper';
import { committedBenchSummary } from '../core/benchSummary';
import benchResult from '../bench.result.json';
import { useEinopsUrl } from '../store';
import { Controls } from './Controls';
import { useEinopsLive } from './liveStore';
import './einops.css';

const DIFFERENCES = [
  'This runs on TensorFlow.js (WebGL, WASM or CPU in the browser), not on numpy, PyTorch or TensorFlow: the port in src/shared/einops re-implements the reference library\'s parsing, checks and messages, and lowers each pattern to tfjs reshape/transpose/reduce/tile calls.',
  'WebGL shaders exist only up to rank 6, so the port keeps every tfjs kernel at rank ≤ 6; the Python library has no such limit.',
  'Every pattern or shape mistake is an EinopsError here; the reference raises ValueError, TypeError or NotImplementedError for some of them.',
  'tfjs shapes are always concrete numbers, so every check runs at call time; the reference also handles symbolic shapes, where some checks are skipped.',
  'The einsum mode feeds the one chosen input to every comma-separated operand (enough for self-attention scores); the library itself takes any tensors.',
  'The any/all reductions are not offered in the editor (tfjs needs boolean inputs for them); the library supports them.',
  'Outputs above 4 million values are refused before they are computed, to keep the page responsive; the library has no such limit.',
  "The paper's claims are qualitative; the timings here are this browser's, for these small tensors, and say nothing about the paper's frameworks.",
];

// The live workbench runs tfjs on the page: its chunk (with tfjs-core) loads while the frame's text
// paints, and renders once DemoFrame has the backend ready (issue #8, fast on a phone).
const loadWorkbench = () => import('./Workbench');
const Workbench = lazy(() => loadWorkbench().then((m) => ({ default: m.Workbench })));

const pct = (x: number) => `${Math.round(x * 100)}%`;

const COMMITTED_BENCH = committedBenchSummary(benchResult);

function PaperTable() {
  const facts = useEinopsLive();
  const rows: PaperRow[] = [
    {
      metric: PAPER_CLAIMS.checks.metric,
      paper: { value: PAPER_CLAIMS.checks.value, source: PAPER_CLAIMS.checks.source, verified: PAPER_CLAIMS.checks.verified },
      run:
        facts.bugError === null
          ? null
          : `tf.reshape of the wrong tensor ${facts.rawReshapeRan ? 'ran silently' : 'failed'}; einops raised: ${facts.bugError}`,
      note: 'live, in "Why notation helps" above',
    },
    {
      metric: 'Layout mix-ups that run without an error',
      paper: { value: PAPER_CLAIMS.checks.value, source: PAPER_CLAIMS.checks.source, verified: PAPER_CLAIMS.checks.verified },
      run: facts.experiment
        ? `reshape + transpose ${pct(facts.experiment.silentByHand)}, einops pattern ${pct(facts.experiment.silentEinops)}, einops pattern with lengths ${pct(facts.experiment.silentEinopsWithLengths)} (of ${facts.experiment.mixUps} mix-ups)`
        : null,
      note: facts.experiment
        ? `experiment.ts, quick, seed ${facts.experiment.seed}: random image batches fed in another axis order (same element count); the pattern alone only checks the rank, stated lengths check the sizes`
        : 'experiment.ts, quick, running…',
    },
    {
      metric: PAPER_CLAIMS.oneNotation.metric,
      paper: { value: PAPER_CLAIMS.oneNotation.value, source: PAPER_CLAIMS.oneNotation.source, verified: PAPER_CLAIMS.oneNotation.verified },
      run:
        facts.galleryOk === null
          ? null
          : `${facts.galleryOk} of ${facts.galleryTotal} gallery uses (transpose, composition, pooling, repeat, einsum, pack) pass the library's checks on their inputs through one API${facts.galleryFailures.length ? `; failed: ${facts.galleryFailures.join('; ')}` : ''}`,
      note: 'planned by explain (einsum and pack run); each runs for real when clicked',
    },
    {
      metric: PAPER_CLAIMS.frameworks.metric,
      paper: { value: PAPER_CLAIMS.frameworks.value, source: PAPER_CLAIMS.frameworks.source, verified: PAPER_CLAIMS.frameworks.verified },
      run: facts.backend ? `the same patterns run here on tfjs ${facts.backend}` : null,
      note: 'switch with backend=webgl|wasm|cpu in the link',
    },
    {
      metric: 'Time of the current call',
      run: facts.lastCallMs === null ? null : `${facts.lastCallMs.toFixed(1)} ms for "${facts.lastPattern}"`,
      note: 'dispatch plus read-back, this browser',
    },
    {
      metric: 'einops ÷ hand-written tfjs time, this browser',
      run: facts.overhead ? `${(facts.overhead.einopsMs / facts.overhead.rawMs).toFixed(2)} (${facts.overhead.einopsMs.toFixed(2)} vs ${facts.overhead.rawMs.toFixed(2)} ms, ${facts.overhead.backend})` : null,
      note: facts.overhead
        ? `median of ${facts.overhead.samples}; in Node: npm run bench -- einops`
        : 'press "Measure" above, or run `npm run bench -- einops` in Node',
    },
    {
      metric: 'einops ÷ hand-written tfjs time, Node',
      run: COMMITTED_BENCH
        ? `median ${COMMITTED_BENCH.median.toFixed(2)} (from ${COMMITTED_BENCH.min.toFixed(2)} to ${COMMITTED_BENCH.max.toFixed(2)}) over ${COMMITTED_BENCH.count} patterns`
        : null,
      note:
        'committed output of `npm run bench -- einops --json` (src/apps/einops/bench.result.json), WASM in Node on a shared 2-core machine; ratios below 1 are real where the port merges axes into lower-rank kernels',
    },
  ];
  return <PaperVsRunTable rows={rows} />;
}

function Explainer() {
  return (
    <div>
      <p>
        Einops (Rogozhnikov, ICLR 2022) writes a tensor operation as a pattern that names every axis of the input and
        of the output. A name on both sides is kept, parentheses compose or decompose axes in row-major order, a name
        missing on the right is reduced, a new name on the right is repeated. The library checks the pattern against
        the tensor's shape and the given lengths, then runs the framework's own reshape, transpose, reduce and tile.
      </p>
      <p>
        <code>rearrange(x, &apos;b h w c -&gt; h (b w) c&apos;)</code> means
      </p>
      <Equation display tex={String.raw`y[h,\; b\cdot W + w,\; c] \;=\; x[b,\, h,\, w,\, c]`} />
      <p>
        and <code>reduce(x, &apos;b (h h2) (w w2) c -&gt; b h w c&apos;, &apos;max&apos;, h2=2, w2=2)</code> is
        max-pooling:
      </p>
      <Equation display tex={String.raw`y[b, h, w, c] \;=\; \max_{h_2,\, w_2}\; x[b,\; 2h + h_2,\; 2w + w_2,\; c]`} />
      <p>
        The paper's argument: code built from <code>reshape</code> and <code>transpose</code> says what happens to
        memory, not what the axes mean, so a wrong order often runs and gives a plausible wrong result. A pattern is
        readable, it documents the shapes, and it is checked.
      </p>
    </div>
  );
}

export function EinopsPage() {
  const frame = useUrlFrameProps(useEinopsUrl);
  // Start downloading the workbench with tfjs rather than after it (a failure shows when it renders).
  useEffect(() => void loadWorkbench().catch(() => undefined), []);
  return (
    <DemoFrame
      paperId="einops"
      {...frame}
      controls={<Controls />}
      paperTable={<PaperTable />}
      explainer={<Explainer />}
      differences={<DifferencesList items={DIFFERENCES} />}
    >
      <Workbench />
    </DemoFrame>
  );
}
