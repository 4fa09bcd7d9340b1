/**
 * Progress bar, run/pause/step/reset buttons and keyboard shortcuts for a `Runner` (src/shared/run).
 */
import { useEffect, useRef, useState } from 'react';
import type { Runner, RunnerState } from '../run';
import { onRunnerCommand, presenterRole, publishRunnerStatus, remoteRunnerStatus, sendRunnerCommand, useRemoteRunner, usePresenterRole, type RunnerCommand } from '../presenter';
import { formatEta, formatRate, fractionDone, shortcutAction, shouldIgnoreShortcut } from './format';
import './ui.css';
import './results.css';
import { formatCount } from '../formatCount';
import { nextAnnouncement, type Announcement } from './announce';

const remoteRunning = () => remoteRunnerStatus()?.status === 'running';

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

/** A polite live region that says what a run is doing at a calm rate (announce.ts). */
function RunAnnouncer({ state, detail }: { state: RunnerState; detail?: string }) {
  const last = useRef<Announcement | null>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    const next = nextAnnouncement(last.current, state, Date.now(), detail);
    if (next) {
      last.current = next;
      setText(next.text);
    }
  }, [state, detail]);
  return (
    <span className="visually-hidden" role="status" aria-live="polite" data-testid="run-announcer">
      {text}
    </span>
  );
}

export function ProgressBar({ state, label = 'Progress', className, detail }: { state: RunnerState; label?: string; className?: string; /** the demo's latest headline metric, for the announcer */ detail?: string }) {
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
      <RunAnnouncer state={state} detail={detail} />
    </div>
  );
}

/** What a run/pause/step/reset request does to a runner, from the keyboard, a button or the presenter console. */
export function applyRunnerCommand(r: Runner, command: RunnerCommand | 'toggle'): void {
  const st = r.getState();
  const finished = st.status === 'done' || st.done >= st.total;
  if (command === 'toggle') command = st.status === 'running' ? 'pause' : 'run';
  if (command === 'run') {
    if (st.status !== 'running' && !finished) r.start();
  } else if (command === 'pause') {
    if (st.status === 'running') r.pause();
  } else if (command === 'step') {
    if (st.status !== 'running' && !finished) void r.stepOnce();
  } else if (!kioskLocked()) r.reset();
}

/** Attract mode locks the destructive controls (src/app/kiosk.ts sets the attribute). */
function kioskLocked(): boolean {
  return typeof document !== 'undefined' && document.documentElement.dataset.kiosk === '1';
}

/**
 * In the stage window of a presenter pair (src/shared/presenter.ts): the console's commands drive
 * this runner, and its progress goes back to the console (at most every 250 ms, and at once when
 * its status changes).
 */
function useStageRunner(runner: Runner, active: boolean): void {
  // commands from the console (stage) or from the attract mode (src/app/kiosk.ts)
  useEffect(() => onRunnerCommand((c) => applyRunnerCommand(runner, c)), [runner]);
  useEffect(() => {
    if (!active) return;
    let last = 0;
    let lastStatus = '';
    let timer: ReturnType<typeof setTimeout> | null = null;
    const send = () => {
      timer = null;
      last = Date.now();
      const st = runner.getState();
      lastStatus = st.status;
      publishRunnerStatus({ status: st.status, done: st.done, total: st.total });
    };
    send();
    const offState = runner.subscribe(() => {
      if (runner.getState().status !== lastStatus) send();
      else if (!timer) timer = setTimeout(send, Math.max(0, 250 - (Date.now() - last)));
    });
    return () => {
      offState();
      if (timer) clearTimeout(timer);
    };
  }, [runner, active]);
}

/** The console's buttons: they send commands to the stage, and show the stage's progress. */
function ConsoleRunnerControls({ className }: { className?: string }) {
  const { runner: remote } = useRemoteRunner();
  const running = remote?.status === 'running';
  const finished = remote ? remote.status === 'done' || remote.done >= remote.total : false;
  return (
    <div className={'runner-controls console' + (className ? ' ' + className : '')}>
      <div className="button-row">
        <button type="button" className="btn primary" data-testid="run" onClick={() => sendRunnerCommand('run')} disabled={running || finished} aria-keyshortcuts="Space">
          {remote?.status === 'paused' ? 'Resume' : 'Run'}
        </button>
        <button type="button" className="btn" data-testid="pause" onClick={() => sendRunnerCommand('pause')} disabled={!running} aria-keyshortcuts="Space">
          Pause
        </button>
        <button type="button" className="btn" data-testid="step" onClick={() => sendRunnerCommand('step')} disabled={running || finished} aria-keyshortcuts="S">
          Step
        </button>
        <button type="button" className="btn" data-testid="reset" onClick={() => sendRunnerCommand('reset')} aria-keyshortcuts="R">
          Reset
        </button>
      </div>
      <p className="small" role="status" data-testid="stage-runner-status">
        {remote
          ? `Projector window: ${STATUS_TEXT[remote.status].toLowerCase()}, ${formatCount(remote.done)} / ${formatCount(remote.total)} steps`
          : 'Projector window: waiting for its runner…'}
      </p>
    </div>
  );
}

export function RunnerControls({ runner, className, showShortcutsHint = true }: { runner: Runner; className?: string; showShortcutsHint?: boolean }) {
  const role = usePresenterRole();
  useStageRunner(runner, role === 'stage');
  if (role === 'console') return <ConsoleRunnerControls className={className} />;
  return <LocalRunnerControls runner={runner} className={className} showShortcutsHint={showShortcutsHint} />;
}

function LocalRunnerControls({ runner, className, showShortcutsHint }: { runner: Runner; className?: string; showShortcutsHint: boolean }) {
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
      if (action === 'toggle') {
        e.preventDefault(); // no page scroll
        if (e.repeat) return;
      }
      // In the presenter console the keys drive the projector window's runner.
      if (presenterRole() === 'console') {
        if (action === 'toggle') sendRunnerCommand(remoteRunning() ? 'pause' : 'run');
        else sendRunnerCommand(action);
        return;
      }
      applyRunnerCommand(r, action === 'toggle' ? 'toggle' : action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
