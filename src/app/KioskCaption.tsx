/** The attract mode's caption (src/app/kiosk.ts): what the tour shows, and how to take over or leave. */
import { PAPERS } from '../shared/papers';
import { kioskTour, stopKiosk, useKiosk } from './kiosk';

export function KioskCaption() {
  const k = useKiosk();
  if (!k.settings) return null;
  const id = kioskTour()[k.index];
  const paper = id ? PAPERS[id] : null;
  return (
    <aside
      className="kiosk-caption"
      aria-live="polite"
      data-testid="kiosk-caption"
      data-touring={k.touring ? '1' : '0'}
      data-tours={k.tours}
      data-readings={JSON.stringify(k.readings.map((r) => ({ tensors: r.tensors, bytes: r.bytes, heap: r.heap })))}
    >
      {k.touring && paper ? (
        <p>
          <strong>{paper.shortTitle}</strong> — {paper.youCan} <span className="kiosk-hint">Touch the screen or press any key to try it yourself.</span>
        </p>
      ) : (
        <p>
          You are exploring. The tour starts again after {Math.round(k.settings.idle / 60) >= 1 ? `${Math.round(k.settings.idle / 60)} min` : `${k.settings.idle} s`}{' '}
          without input.{' '}
          <button type="button" className="btn small" data-testid="kiosk-leave" onClick={stopKiosk}>
            Leave attract mode
          </button>
        </p>
      )}
    </aside>
  );
}
