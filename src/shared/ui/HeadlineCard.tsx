/**
 * What the run showed, in one sentence and a few big figures, above every chart: the first thing a
 * visitor, a student or a projector audience reads. The demo fills it from its own live numbers;
 * beside it, the paper's claim and whether it holds here (src/shared/verdict.ts).
 *
 * Test ids: `headline-card` (data-state: waiting | running | done), `headline-<figure id>` on each
 * figure with `data-value` (the raw number), `headline-verdict` (data-verdict).
 */
import type { ReactNode } from 'react';
import { VERDICT_TEXT, type Verdict } from '../verdict';
import './ui.css';
import './results.css';

export interface HeadlineFigure {
  /** Short id for the test id (`headline-<id>`). */
  id: string;
  label: ReactNode;
  /** As shown, e.g. "99%". */
  text: string;
  /** The raw number (data-value), when there is one. */
  value?: number | null;
  /** A comparison under the figure, e.g. "normal training 71%". */
  detail?: ReactNode;
  tone?: 'good' | 'bad' | 'neutral';
}

export function HeadlineCard({
  state,
  sentence,
  figures = [],
  claim,
  verdict,
  footer,
}: {
  /** waiting: nothing run yet (the sentence says what a run will show); running: interim numbers; done: the result. */
  state: 'waiting' | 'running' | 'done';
  sentence: ReactNode;
  figures?: readonly HeadlineFigure[];
  /** The paper's claim this run is judged against. */
  claim?: ReactNode;
  verdict?: Verdict | null;
  footer?: ReactNode;
}) {
  return (
    <section className={`headline-card state-${state}`} data-testid="headline-card" data-state={state} aria-live="polite" aria-label="What this run shows">
      <p className="headline-sentence">{sentence}</p>
      {figures.length > 0 && (
        <dl className="headline-figures">
          {figures.map((f) => (
            <div key={f.id} className={`headline-figure tone-${f.tone ?? 'neutral'}`} data-testid={`headline-${f.id}`} data-value={f.value ?? ''}>
              <dt>{f.label}</dt>
              <dd>
                <span className="headline-value">{f.text}</span>
                {f.detail && <span className="headline-detail">{f.detail}</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {claim && (
        <p className="headline-claim">
          <span className="muted">Paper: </span>
          {claim}
          {verdict && (
            <>
              {' '}
              <span className={`verdict verdict-${verdict}`} data-testid="headline-verdict" data-verdict={verdict}>
                {state === 'running' && verdict !== 'not-measured' ? `so far: ${VERDICT_TEXT[verdict]}` : VERDICT_TEXT[verdict]}
              </span>
            </>
          )}
        </p>
      )}
      {footer && <p className="headline-footer muted small">{footer}</p>}
    </section>
  );
}
