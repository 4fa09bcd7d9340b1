/**
 * Never lose a run by accident: while a run is in progress or paused, the settings that would
 * discard it are locked, with a visible "Reset to change settings". The training panel publishes
 * the runner's state here; the settings panel (in DemoFrame's controls, another React subtree)
 * wraps its training fields in `<RunLockFieldset>`. Fields that do not change training (NTL's prune
 * slider) stay outside it.
 */
import { useEffect, type ReactNode } from 'react';
import { create } from 'zustand';
import type { Runner } from '../../run';
import { useRunnerState } from '../RunnerControls';
import '../results.css';

interface RunLockState {
  /** Steps done of the run that a settings change would discard; null when nothing would be lost. */
  lockedAt: { done: number; total: number } | null;
  reset: (() => void) | null;
}

export const useRunLock = create<RunLockState>(() => ({ lockedAt: null, reset: null }));

/** True while the run has steps that a settings change would throw away (running, paused, stopped or failed mid-way). */
export function wouldLoseRun(status: string, done: number): boolean {
  return done > 0 && status !== 'done' && status !== 'idle';
}

/** Publishes the runner's lock state while the training panel is mounted. */
export function useRunLockPublisher(runner: Runner | null): void {
  const state = useRunnerState(runner ?? IDLE_RUNNER);
  const locked = runner !== null && wouldLoseRun(state.status, state.done);
  useEffect(() => {
    useRunLock.setState({ lockedAt: locked ? { done: state.done, total: state.total } : null, reset: runner ? () => runner.reset() : null });
  }, [locked, state.done, state.total, runner]);
  useEffect(() => () => useRunLock.setState({ lockedAt: null, reset: null }), []);
}

const IDLE_RUNNER: Runner = {
  start: () => undefined,
  pause: () => undefined,
  stepOnce: () => Promise.resolve(),
  reset: () => undefined,
  cancel: () => undefined,
  restore: () => Promise.resolve(),
  getState: () => IDLE_STATE,
  subscribe: () => () => undefined,
};
const IDLE_STATE = { status: 'idle', done: 0, total: 0, etaSeconds: null, stepsPerSecond: null } as const;

/** The training settings: disabled while a run would be lost, with the way out next to them. */
export function RunLockFieldset({ children, idPrefix }: { children: ReactNode; idPrefix: string }) {
  const lockedAt = useRunLock((s) => s.lockedAt);
  const reset = useRunLock((s) => s.reset);
  return (
    <>
      {lockedAt && (
        <p className="run-lock notice" role="status" data-testid={`${idPrefix}-run-lock`}>
          {/* Static text: a step count here would change the panel's width every step and shift the Pause button under the cursor. */}
          A run is in progress: changing these settings would discard it.{' '}
          <button type="button" className="btn small" data-testid={`${idPrefix}-run-lock-reset`} onClick={() => reset?.()}>
            Reset to change settings
          </button>
        </p>
      )}
      <fieldset className="field-stack run-lock-fieldset" disabled={lockedAt !== null}>
        {children}
      </fieldset>
    </>
  );
}
