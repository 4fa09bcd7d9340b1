/**
 * Progress bar, run/pause/step/reset buttons and keyboard shortcuts for a `Runner` (src/shared/run).
 */
import { useEffect, useRef, useState } from 'react';
import type { Runner, RunnerState } from '../run';
import { formatEta, formatRate, fractionDone, shortcutAction, shouldIgnoreShortcut } from './format';
import './ui.css';
import './results.css';
import { formatCount } from '../formatCount';

/**
 * The runner's state, re-rendered at most once per animation frame (a runner may report
 * thousands of steps a second; React does not need to hear each one).
 */
export function useRunnerState(runner: Runner): RunnerState {
  const [state, setState] = useState<RunnerState>(() => runner.getState());
  useEffect(() => {
    let frame = 0;
    setState(runner.getState());
    const off = runner.subscribe(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setState(runner.getState());
      });
    });
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [runner]);
  return state;
}

const STATUS_TEXT: Record<RunnerState['status'], string> = {
  idle: 'Ready',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  cancelled: 'Stopped',
  error: 'Failed',
};

export function ProgressBar({ state, label = 'Progress', className }: { state: RunnerState; label?: string; className?: string }) {
  const f = fractionDone(state.done, state.total);
  const rate = formatRate(state.stepsPerSecond);
  const eta = state.status === 'running' ? formatEta(state.etaSeconds) : null;
  return (
    <div className={'progress' + (className ? ' ' + className : '')} data-testid="progress" data-status={state.status}>
      <div
        className={'progress-track status-' + state.status}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={state.total}
        aria-valuenow={Math.min(state.done, state.total)}
        aria-valuetext={`${state.done} of ${state.total} steps, ${STATUS_TEXT[state.status].toLowerCase()}`}
      >
        <div className="progress-fill" style={{ width: `${(f * 100).toFixed(2)}%` }} />
      </div>
      <div className="progress-text">
        <span className="progress-status">{STATUS_TEXT[state.status]}</span>
        <span>
          {formatCount(state.done)} / {formatCount(state.total)} steps
        </span>
        {rate && <span>{rate}</span>}
        {eta && <span>{eta}</span>}
      </div>
      {state.status === 'error' && state.error && (
        <p className="error-detail" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}

export function RunnerControls({ runner, className, showShortcutsHint = true }: { runner: Runner; className?: string; showShortcutsHint?: boolean }) {
  const s = useRunnerState(runner);
  const running = s.status === 'running';
  const finished = s.status === 'done' || s.done >= s.total;
  return (
    <div className={'runner-controls' + (className ? ' ' + className : '')}>
      <div className="button-row">
        <button type="button" className="btn primary" data-testid="run" onClick={() => runner.start()} disabled={running || finished} aria-keyshortcuts="Space">
          {s.status === 'paused' ? 'Resume' : 'Run'}
        </button>
        <button type="button" className="btn" data-testid="pause" onClick={() => runner.pause()} disabled={!running} aria-keyshortcuts="Space">
          Pause
        </button>
        <button type="button" className="btn" data-testid="step" onClick={() => void runner.stepOnce()} disabled={running || finished} aria-keyshortcuts="S">
          Step
        </button>
        <button type="button" className="btn" data-testid="reset" onClick={() => runner.reset()} disabled={s.status === 'idle' && s.done === 0} aria-keyshortcuts="R">
          Reset
        </button>
      </div>
      {showShortcutsHint && (
        <p className="muted small shortcuts-hint">
          Keys: <kbd>Space</kbd> run/pause, <kbd>S</kbd> step, <kbd>R</kbd> reset
        </p>
      )}
    </div>
  );
}

/**
 * Space = run/pause, S = step, R = reset, for the whole page; never while the user types in a
 * field, and Space is left to a focused button or slider. `enabled` turns them off (e.g. while a
 * dialog is open).
 */
export function useRunnerShortcuts(runner: Runner | null | undefined, enabled = true): void {
  const runnerRef = useRef(runner);
  useEffect(() => {
    runnerRef.current = runner;
  }, [runner]);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const r = runnerRef.current;
      if (!r || e.defaultPrevented) return;
      const action = shortcutAction(e.key);
      if (!action) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      const target = t && { tagName: t.tagName, isContentEditable: t.isContentEditable, type: (t as HTMLInputElement).type, role: t.getAttribute('role') };
      if (shouldIgnoreShortcut(e.key, target, { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey })) return;
      const st = r.getState();
      if (action === 'toggle') {
        e.preventDefault(); // no page scroll
        if (e.repeat) return;
        if (st.status === 'running') r.pause();
        else if (st.status !== 'done' && st.done < st.total) r.start();
      } else if (action === 'step') {
        if (st.status !== 'running' && st.status !== 'done' && st.done < st.total) void r.stepOnce();
      } else {
        r.reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
