import { prefersReducedMotion } from '../../../shared/ui/reducedMotion';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import * as tf from '@tensorflow/tfjs-core';
import { useBackendInfo } from '../../../shared/ui/DemoFrame';
import { GALLERY, type GalleryEntry } from '../core/gallery';
import type { ExplainedError } from '../core/hints';
import { parseLengths } from '../core/lengths';
import { pythonCall } from '../core/python';
import { checkRequest, createInputs, disposeInputs, runRequest, type ChainStep, type InputTensors } from '../core/run';
import { INPUT_LABELS, INPUT_SHAPES, MAX_PATTERN_LENGTH, type EinopsRequest } from '../core/types';
import { composeTiles, describeFold, planView, valueTable, type RgbaImage, type ValueTable } from '../core/view';
import experiment from '../experiment';
import { useEinopsUrl } from '../store';
import { TextField } from '../../../shared/ui/fields';
import { Gallery } from './Gallery';
import { InputPreview } from './InputPreview';
import { OverheadMeter } from './OverheadMeter';
import { PixelCanvas } from './PixelCanvas';
import { QuizCard, type QuizResult } from './QuizCard';
import { useEinopsLive } from './liveStore';
import { SilentBug } from './SilentBug';
import { ValuesView } from './ValuesView';
import { typingEvents, useSettledProblem } from './typing';

/** Debounce of the pattern box: short enough that output follows typing within 100 ms. */
const PATTERN_DEBOUNCE_MS = 10;

interface GoodOutput {
  request: EinopsRequest;
  shape: number[];
  display: { kind: 'image'; image: RgbaImage } | { kind: 'values'; table: ValueTable };
  reading: string;
  chain: ChainStep[];
  notes: string[];
  ms: number;
}

// Re-rendered only when their props change, so typing re-renders the editor and the output alone.
const MemoGallery = memo(Gallery);
const MemoSilentBug = memo(SilentBug);
const MemoOverheadMeter = memo(OverheadMeter);

/** arange(24): the numbers input's values, for tinting cells consistently between input and output. */
const NUMBERS_RANGE: [number, number] = [0, 23];
/** Ops that only move or copy values (so a tint still identifies each number). */
const MOVES_VALUES = new Set(['rearrange', 'repeat', 'pack']);

/** Identifies a request (what the output depends on). */
function requestKey(r: EinopsRequest): string {
  return [r.op, r.op === 'reduce' ? r.reduction : '', r.input, r.lengths, r.pattern].join('\u0000');
}

/** Who wrote an error's message, as the fold under the hint names it. */
const REASON_LABEL: Record<ExplainedError['source'], string> = {
  einops: "the einops library's message",
  tfjs: "tfjs's message",
  demo: 'details',
};

/** Scrolls smoothly unless the user asked for reduced motion. */
function scrollIntoViewGently(el: HTMLElement | null): void {
  if (!el) return;
  const reduce = prefersReducedMotion();
  el.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest' });
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function Workbench() {
  const values = useEinopsUrl((s) => s.values);
  const set = useEinopsUrl((s) => s.set);
  const backend = useBackendInfo();
  const [inputs, setInputs] = useState<InputTensors | null>(null);
  const [good, setGood] = useState<GoodOutput | null>(null);
  /** The error of the request `key`, as soon as it is known; the page shows it once typing pauses. */
  const [failure, setFailure] = useState<{ key: string; error: ExplainedError } | null>(null);
  const [quiz, setQuiz] = useState(false);
  /** The request whose output waits for a guess (quiz mode), and the result of the last quiz. */
  const [hiddenKey, setHiddenKey] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<({ key: string } & QuizResult) | null>(null);
  const generation = useRef(0);
  const outputRef = useRef<HTMLDivElement>(null);
  /** Gallery picks ask for the output to be scrolled into view once it is drawn (asked vs. done). */
  const [scrollAsked, setScrollAsked] = useState(0);
  const scrollDone = useRef(0);

  // Built in a task of its own (rasterising the letters is the largest piece of start-up work).
  useEffect(() => {
    let created: InputTensors | null = null;
    const timer = setTimeout(() => {
      created = createInputs();
      setInputs(created);
    }, 0);
    return () => {
      clearTimeout(timer);
      if (created) disposeInputs(created);
    };
  }, []);

  const request = useMemo<EinopsRequest>(
    () => ({ op: values.op, pattern: values.pattern, reduction: values.reduction, input: values.input, lengths: values.lengths }),
    [values.op, values.pattern, values.reduction, values.input, values.lengths],
  );

  // A layout effect, so that on WASM/CPU the whole path from the committed pattern to the drawn output
  // is one synchronous step (no extra task hops before the user sees it). On WebGL the read-back is
  // asynchronous, so a GPU stall never blocks the page.
  useLayoutEffect(() => {
    if (!inputs) return;
    const gen = ++generation.current;
    const t0 = performance.now();
    const outcome = runRequest(request, inputs);
    if (!outcome.ok) {
      // Known at once; useSettledProblem decides when it is shown (after a pause in typing, so most
      // prefixes of a valid pattern never flash an error). Valid output shows at once.
      setFailure({ key: requestKey(request), error: outcome.error });
      return;
    }
    const show = (data: ArrayLike<number>) => {
      const ms = performance.now() - t0;
      const plan = planView(outcome.outputShape, request.input === 'numbers');
      const display: GoodOutput['display'] =
        plan.kind === 'tiles' ? { kind: 'image', image: composeTiles(data, plan) } : { kind: 'values', table: valueTable(data, outcome.outputShape) };
      setGood({ request, shape: outcome.outputShape, display, reading: plan.reading, chain: outcome.chain, notes: outcome.notes, ms });
      setFailure(null);
      useEinopsLive.setState({ lastCallMs: ms, lastPattern: request.pattern });
    };
    if (tf.getBackend() !== 'webgl') {
      let data: ArrayLike<number>;
      try {
        data = outcome.output.dataSync();
      } finally {
        outcome.output.dispose();
      }
      show(data);
      return;
    }
    void (async () => {
      let data: ArrayLike<number>;
      try {
        data = await outcome.output.data();
      } finally {
        outcome.output.dispose();
      }
      if (gen === generation.current) show(data);
    })();
  }, [inputs, request]);

  // The gallery self-check for the paper table, one entry per task so the page stays responsive:
  // einsum and pack run for real; rearrange/reduce/repeat are planned by the library (explain),
  // which performs every check the op does without spending time on the data. (Each entry also
  // runs for real when clicked, and the end-to-end test clicks them all.)
  useEffect(() => {
    if (!inputs) return;
    let alive = true;
    void (async () => {
      let ok = 0;
      const failures: string[] = [];
      for (const entry of GALLERY) {
        await yieldToBrowser();
        if (!alive) return;
        const outcome = checkRequest(entry, inputs);
        if (outcome.ok) ok++;
        else failures.push(`${entry.title}: ${outcome.error.reason}`);
      }
      if (alive) useEinopsLive.setState({ galleryOk: ok, galleryTotal: GALLERY.length, galleryFailures: failures });
    })();
    return () => {
      alive = false;
    };
  }, [inputs]);

  // The quick experiment (silent layout mix-ups) with the link's seed, one trial per task.
  useEffect(() => {
    if (!inputs) return;
    let alive = true;
    const seed = values.seed;
    // Leaving the page (or a backend restart after a lost GPU context, which remounts the demo) stops
    // the loop at its next pause: it must not go on making tensors on a backend that is changing.
    const stopped = new Error('einops experiment stopped: the page unmounted');
    const pause = async () => {
      await yieldToBrowser();
      if (!alive) throw stopped;
    };
    experiment({ quick: true, seed, pause }).then(({ metrics }) => {
      if (!alive) return;
      useEinopsLive.setState({
        experiment: {
          seed,
          mixUps: metrics.mixUpTrials,
          silentByHand: metrics.silentRateByHand,
          silentEinops: metrics.silentRateEinops,
          silentEinopsWithLengths: metrics.silentRateEinopsWithLengths,
        },
      });
    }, (err: unknown) => {
      if (err !== stopped) console.error('the einops experiment failed', err);
    });
    return () => {
      alive = false;
    };
  }, [inputs, values.seed]);

  useEffect(() => {
    useEinopsLive.setState({ backend: backend?.name ?? null });
  }, [backend]);

  const lengthsParse = parseLengths(values.lengths);
  const python = lengthsParse.ok ? pythonCall(request, lengthsParse.lengths) : null;
  const currentKey = requestKey(request);
  const currentFailure = failure !== null && failure.key === currentKey ? failure.error : null;
  const error = useSettledProblem(currentFailure, currentKey);
  /** The pattern does not run yet, and the user is still typing it: a neutral line, no red. */
  const incomplete = currentFailure !== null && error === null;
  const stale = error !== null;
  const goodIsCurrent = good !== null && requestKey(good.request) === currentKey;
  const hidden = hiddenKey !== null && hiddenKey === currentKey && goodIsCurrent && !stale;

  // A gallery pick scrolls its output into view once the output for it is there (the gallery sits
  // below the fold, under the output).
  useEffect(() => {
    if (scrollAsked === scrollDone.current || !(goodIsCurrent || currentFailure)) return;
    scrollDone.current = scrollAsked;
    scrollIntoViewGently(outputRef.current);
  }, [scrollAsked, goodIsCurrent, currentFailure]);
  const placeholder = values.op === 'pack' ? 'b * c' : values.op === 'einsum' ? 'b h w c, b h2 w c -> b h h2' : 'b h w c -> b w h c';

  const applyEntry = useCallback(
    (entry: GalleryEntry) => {
      setHiddenKey(quiz ? requestKey(entry) : null);
      set({ op: entry.op, pattern: entry.pattern, reduction: entry.reduction, input: entry.input, lengths: entry.lengths });
      setScrollAsked((n) => n + 1);
    },
    [set, quiz],
  );
  const commitPattern = useCallback((pattern: string) => set({ pattern }), [set]);

  return (
    <div className="einops-workbench">
      <div className="einops-editor-row" {...typingEvents}>
        <TextField
          label="Pattern"
          testId="pattern-input"
          inputClassName="einops-pattern"
          debounceMs={PATTERN_DEBOUNCE_MS}
          maxLength={MAX_PATTERN_LENGTH}
          value={values.pattern}
          onCommit={commitPattern}
          placeholder={placeholder}
          invalid={stale}
          describedBy="einops-status"
        />
      </div>

      {/* Space reserved for the largest usual error, so that the output below never moves when the
          status changes between valid, incomplete and an error. */}
      <div id="einops-status" className="einops-status">
        {error ? (
          <div className="einops-error" role="alert" data-testid="pattern-error">
            <p className="einops-hint" data-testid="pattern-hint">
              <strong>Hint:</strong> {error.hint}
            </p>
            {error.source === 'demo' ? (
              <p className="einops-reason" data-testid="pattern-reason">
                {error.reason}
              </p>
            ) : (
              <details className="einops-reason">
                <summary>{REASON_LABEL[error.source]}</summary>
                <code data-testid="pattern-reason">{error.reason}</code>
              </details>
            )}
          </div>
        ) : (
          <>
            {incomplete ? (
              <p className="einops-status-line" data-testid="pattern-incomplete">
                incomplete… keep typing; a problem shows when you pause, or at once on Enter.
              </p>
            ) : goodIsCurrent ? (
              <p className="einops-status-line" data-testid="pattern-ok">
                runs: output shape ({good.shape.join(', ')}).
              </p>
            ) : (
              <p className="einops-status-line">computing…</p>
            )}
            <p className="muted small">
              {values.op} on {INPUT_LABELS[values.input]}. Applies as you type; Enter applies at once.
            </p>
          </>
        )}
      </div>

      {inputs && <InputPreview inputs={inputs} input={values.input} />}

      <div ref={outputRef} className={'einops-output' + (stale ? ' stale' : '')} data-testid="output"
        data-stale={stale ? 'true' : 'false'}
        data-pattern={good?.request.pattern ?? ''}
        data-op={good?.request.op ?? ''}
        data-input={good?.request.input ?? ''}
      >
        {good && hidden ? (
          <QuizCard
            key={currentKey}
            question={{
              op: good.request.op,
              pattern: good.request.pattern,
              reduction: good.request.reduction,
              inputShape: INPUT_SHAPES[good.request.input],
              lengths: lengthsParse.ok ? lengthsParse.lengths : {},
              answer: good.shape,
            }}
            onReveal={(result) => {
              setHiddenKey(null);
              setVerdict({ key: currentKey, ...result });
            }}
          />
        ) : good ? (
          <>
            {verdict && verdict.key === currentKey && (
              <div className="einops-verdict-box">
                <p className="einops-verdict" data-testid="quiz-verdict" role="status">
                  {verdict.text}
                </p>
                <ul className="einops-explanation small" data-testid="quiz-explanation" aria-label="why">
                  {verdict.explanation.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            )}
            <div className="einops-output-head">
              <span>
                output shape <code data-testid="output-shape">({good.shape.join(', ')})</code>
                {(stale || incomplete) && <span className="muted"> (last good output: {good.request.pattern})</span>}
              </span>
              <span className="muted small" data-testid="call-ms">
                call + read-back {good.ms.toFixed(1)} ms{backend ? ` on ${backend.name}` : ''}
              </span>
            </div>
            <p className="muted small" data-testid="view-note">
              {good.reading}
              {good.display.kind === 'image' && good.display.image.scaledFrom
                ? `; values from ${good.display.image.scaledFrom.min.toPrecision(3)} to ${good.display.image.scaledFrom.max.toPrecision(3)} scaled to [0, 1] for display`
                : ''}
              {good.display.kind === 'image' && good.display.image.folded ? (
                <span data-testid="view-fold">; {describeFold(good.display.image.folded)}</span>
              ) : null}
            </p>
            {good.display.kind === 'image' ? (
              <PixelCanvas image={good.display.image} label={`output of ${good.request.pattern}, shape (${good.shape.join(', ')})`} testId="output-canvas" />
            ) : (
              <ValuesView
                table={good.display.table}
                testId="output-values"
                swatches={good.request.input !== 'numbers' && good.shape[good.shape.length - 1] === 3}
                tintRange={good.request.input === 'numbers' && MOVES_VALUES.has(good.request.op) ? NUMBERS_RANGE : undefined}
              />
            )}
            {good.notes.map((n) => (
              <p className="small" key={n} data-testid="output-note">
                {n}
              </p>
            ))}
          </>
        ) : (
          !error && <p className="muted">{incomplete ? 'no output yet' : 'computing…'}</p>
        )}
      </div>

      <div className="einops-code-row">
        <div className="einops-code-box">
          <h3>tfjs ops this runs</h3>
          {good && hidden ? (
            <p className="muted">hidden until you guess the shape</p>
          ) : good ? (
            <ol className={'einops-chain' + (stale ? ' stale' : '')} data-testid="tf-chain">
              {good.chain.map((s, i) => (
                <li key={i}>
                  <code>{s.detail}</code>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">—</p>
          )}
        </div>
        <div className="einops-code-box">
          <h3>Same call in Python einops</h3>
          <pre className="einops-python" data-testid="python-call">
            {python ?? '# fix the axis lengths first'}
          </pre>
        </div>
      </div>

      <MemoGallery entries={GALLERY} current={request} onPick={applyEntry} quiz={quiz} onQuizChange={setQuiz} />

      {inputs && <MemoSilentBug inputs={inputs} />}
      {inputs && <MemoOverheadMeter inputs={inputs} />}
    </div>
  );
}
