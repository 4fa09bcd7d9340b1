/**
 * When a problem with what the user types may be shown. Nearly every prefix of a valid pattern is
 * invalid ("b h w c -> b c h w" is wrong at 17 of its 18 keystrokes), so while the user types into
 * the pattern or lengths box a problem waits until typing pauses; Enter or leaving the box shows it
 * at once, and so does any change that is not typing (a link, a select, a gallery card).
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { create } from 'zustand';

/** How long typing must pause before a problem shows. */
export const PROBLEM_IDLE_MS = 500;

/** Whether the user is typing in one of the demo's live text boxes (no Enter or blur since the last key). */
export const useTypingState = create<{ typing: boolean; lastInputAt: number }>(() => ({ typing: false, lastInputAt: 0 }));

/**
 * Handlers for an element around a live text field. They listen to the bubbling events, after the
 * field's own (which commits its text on Enter), so typing state and the committed text change together.
 */
export const typingEvents = {
  onInput: () => useTypingState.setState({ typing: true, lastInputAt: performance.now() }),
  onKeyDown: (e: KeyboardEvent) => {
    if (e.key === 'Enter') useTypingState.setState({ typing: false });
  },
  onBlur: () => useTypingState.setState({ typing: false }),
};

/**
 * The problem to show now: `problem` itself when the user is not typing, or once it has stood for
 * PROBLEM_IDLE_MS under the same `key` (a key per input state, so each keystroke restarts the wait);
 * null while it waits.
 */
export function useSettledProblem<T>(problem: T | null, key: string): T | null {
  const typing = useTypingState((s) => s.typing);
  const lastInputAt = useTypingState((s) => s.lastInputAt);
  const [settledKey, setSettledKey] = useState<string | null>(null);
  const hasProblem = problem !== null;
  useEffect(() => {
    // A new input state waits afresh, even one that was shown before (typed away and back).
    setSettledKey(null);
    if (!hasProblem) return;
    // The key changes when the field commits (a few ms after the keystroke), so a key typed just
    // before the timer fires has not changed it yet: wait until the input itself has been idle.
    let timer: ReturnType<typeof setTimeout>;
    const settle = () => {
      const idleFor = performance.now() - useTypingState.getState().lastInputAt;
      if (idleFor >= PROBLEM_IDLE_MS) setSettledKey(key);
      else timer = setTimeout(settle, PROBLEM_IDLE_MS - idleFor);
    };
    timer = setTimeout(settle, PROBLEM_IDLE_MS);
    return () => clearTimeout(timer);
  }, [key, hasProblem]);
  // Checked again at render: a render queued by the timer may run after a newer keystroke.
  const settled = settledKey === key && performance.now() - lastInputAt >= PROBLEM_IDLE_MS;
  return problem !== null && (!typing || settled) ? problem : null;
}
