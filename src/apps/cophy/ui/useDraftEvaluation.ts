/**
 * Judging a C while it is dragged (BallsCF's and the 3-D scenarios' pages): one worker call in
 * flight, only the newest dragged C waiting behind it, and answers that arrive after the drag ended
 * dropped, so a fast drag never queues up stale work and the verdict follows the pointer.
 */
import { useCallback, useRef } from 'react';

export interface DraftEvaluation<I> {
  /** the dragged C changed: judge it when the call in flight returns */
  evaluateDraft: (intervention: I) => void;
  /** the drag ended; `clear` also drops the last draft's answer */
  endDraft: (clear: boolean) => void;
}

/**
 * `call` starts the worker call for a dragged C (null when the page has no example yet); `onDraft`
 * receives its answer while the drag lasts; `onError` any failure; `clearDraft` drops the answer.
 */
export function useDraftEvaluation<I, R>(call: (intervention: I) => Promise<R> | null, onDraft: (result: R) => void, onError: (e: unknown) => void, clearDraft: () => void): DraftEvaluation<I> {
  const handlers = useRef({ call, onDraft, onError, clearDraft });
  handlers.current = { call, onDraft, onError, clearDraft };
  const draft = useRef<{ inFlight: boolean; next: I | null; active: boolean }>({ inFlight: false, next: null, active: false });
  const pump = useCallback(() => {
    const d = draft.current;
    if (d.inFlight || d.next === null) return;
    const pending = handlers.current.call(d.next);
    if (!pending) return;
    d.next = null;
    d.inFlight = true;
    pending
      .then(
        (result) => {
          if (d.active) handlers.current.onDraft(result);
        },
        (e: unknown) => handlers.current.onError(e),
      )
      .finally(() => {
        d.inFlight = false;
        pump();
      });
  }, []);
  const evaluateDraft = useCallback(
    (intervention: I) => {
      draft.current.active = true;
      draft.current.next = intervention;
      pump();
    },
    [pump],
  );
  const endDraft = useCallback((clear: boolean) => {
    draft.current.active = false;
    draft.current.next = null;
    if (clear) handlers.current.clearDraft();
  }, []);
  return { evaluateDraft, endDraft };
}
