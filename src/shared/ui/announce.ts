/**
 * What a screen reader hears about a long run (issue #16): a polite live region that speaks when a run
 * starts, pauses, finishes or fails, and while it runs at most every CALM_SECONDS ("step 400 of 1,000,
 * target accuracy 12%"), so that it informs without drowning out everything else. Pure logic here;
 * RunnerControls.tsx renders it.
 */
import type { RunnerState } from '../run';
import { formatCount } from '../formatCount';

export const CALM_SECONDS = 15;

export interface Announcement {
  text: string;
  /** ms timestamp when it was made */
  at: number;
  status: RunnerState['status'];
}

/** The next announcement, or null to keep the last one. `detail` is the demo's latest headline metric. */
export function nextAnnouncement(prev: Announcement | null, state: RunnerState, now: number, detail?: string): Announcement | null {
  const steps = `step ${formatCount(state.done)} of ${formatCount(state.total)}${detail ? `, ${detail}` : ''}`;
  const changed = prev?.status !== state.status;
  if (changed) {
    if (state.status === 'idle') return prev ? { text: 'Run reset.', at: now, status: state.status } : null;
    const text =
      state.status === 'running'
        ? `Training started: ${steps}.`
        : state.status === 'paused'
          ? `Paused at ${steps}.`
          : state.status === 'done'
            ? `Training finished: ${steps}.`
            : state.status === 'error'
              ? `Training stopped with an error${state.error ? `: ${state.error}` : ''}.`
              : `${steps}.`;
    return { text, at: now, status: state.status };
  }
  if (state.status === 'running' && prev && now - prev.at >= CALM_SECONDS * 1000) return { text: `${steps[0].toUpperCase()}${steps.slice(1)}.`, at: now, status: state.status };
  return null;
}
