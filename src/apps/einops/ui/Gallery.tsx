import type { GalleryEntry } from '../core/gallery';
import { INPUT_LABELS, type EinopsRequest } from '../core/types';

function sameRequest(a: EinopsRequest, b: EinopsRequest): boolean {
  return a.op === b.op && a.pattern === b.pattern && a.input === b.input && a.lengths === b.lengths && (a.op !== 'reduce' || a.reduction === b.reduction);
}

/** One click per use from the paper and the einops tutorial; each item is a button (Tab reaches it). */
export function Gallery({
  entries,
  current,
  onPick,
  quiz,
  onQuizChange,
}: {
  entries: readonly GalleryEntry[];
  current: EinopsRequest;
  onPick: (e: GalleryEntry) => void;
  quiz: boolean;
  onQuizChange: (on: boolean) => void;
}) {
  return (
    <section className="einops-gallery" aria-labelledby="einops-gallery-title">
      <div className="einops-gallery-head">
        <h3 id="einops-gallery-title">Gallery: uses from the paper and the einops tutorial</h3>
        <label className="small">
          <input type="checkbox" data-testid="quiz-toggle" checked={quiz} onChange={(e) => onQuizChange(e.target.checked)} /> guess the shape
          before seeing it
        </label>
      </div>
      <ul>
        {entries.map((e) => {
          const active = sameRequest(e, current);
          return (
            <li key={e.id}>
              <button
                type="button"
                className={'einops-gallery-item' + (active ? ' active' : '')}
                data-testid="gallery-item"
                data-entry={e.id}
                aria-pressed={active}
                onClick={() => onPick(e)}
              >
                <span className="einops-gallery-title">{e.title}</span>
                <code className="einops-gallery-pattern">
                  {e.op === 'reduce' ? `reduce '${e.reduction}'` : e.op}: {e.pattern}
                  {e.lengths ? ` (${e.lengths})` : ''}
                </code>
                <span className="einops-gallery-why">{e.why}</span>
                <span className="einops-gallery-input muted">input: {INPUT_LABELS[e.input]}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
