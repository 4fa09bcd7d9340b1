/**
 * Presenter view (issue #15): a second window (the console, on the presenter's laptop) holds the
 * controls, the paper's numbers and speaker notes; the first (the stage, on the projector) keeps
 * the visualisation. They talk over a `BroadcastChannel`:
 * - the console says `hello` every HEARTBEAT_MS (and `bye` when it closes); a window whose id the
 *   console names is the stage while it hears it, so a reload of either window re-pairs them;
 * - either window sends its address (route and settings) whenever it changes, and the other takes
 *   it: settings and the current demo follow both ways;
 * - run/pause/step/reset go from the console to the stage's runners, and the stage reports its
 *   runner's progress back.
 * The shell parameter `presenter=<stage id>` marks the console window (src/app/presenterMode.ts).
 * This module holds no demo state: the address is the state, as everywhere else in the app.
 */
import { useSyncExternalStore } from 'react';
import type { RunnerStatus } from './run';

export type PresenterRole = 'off' | 'stage' | 'console';
export type RunnerCommand = 'run' | 'pause' | 'step' | 'reset';

export interface RemoteRunnerStatus {
  status: RunnerStatus;
  done: number;
  total: number;
}

export type PresenterMessage =
  | { kind: 'hello'; stage: string }
  | { kind: 'bye'; stage: string }
  | { kind: 'address'; stage: string; from: 'stage' | 'console'; hash: string }
  | { kind: 'command'; stage: string; command: RunnerCommand }
  | { kind: 'status'; stage: string; path: string; runner: RemoteRunnerStatus };

export const CHANNEL_NAME = 'oral-demos:presenter';
/** How often the console says it is there, and how long the stage waits before it stops being one. */
export const HEARTBEAT_MS = 1000;
export const STAGE_TIMEOUT_MS = 3500;

const COMMANDS: readonly string[] = ['run', 'pause', 'step', 'reset'];
const STATUSES: readonly string[] = ['idle', 'running', 'paused', 'done', 'cancelled', 'error'];

/** Pure: a message from the channel if it is one of ours, else null (other code may share the origin). */
export function readMessage(data: unknown): PresenterMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (typeof m.stage !== 'string' || m.stage === '') return null;
  switch (m.kind) {
    case 'hello':
    case 'bye':
      return { kind: m.kind, stage: m.stage };
    case 'address':
      if ((m.from !== 'stage' && m.from !== 'console') || typeof m.hash !== 'string' || !m.hash.startsWith('#')) return null;
      return { kind: 'address', stage: m.stage, from: m.from, hash: m.hash };
    case 'command':
      if (typeof m.command !== 'string' || !COMMANDS.includes(m.command)) return null;
      return { kind: 'command', stage: m.stage, command: m.command as RunnerCommand };
    case 'status': {
      const r = m.runner as Record<string, unknown> | null;
      if (typeof m.path !== 'string' || typeof r !== 'object' || r === null) return null;
      if (typeof r.status !== 'string' || !STATUSES.includes(r.status) || typeof r.done !== 'number' || typeof r.total !== 'number') return null;
      return { kind: 'status', stage: m.stage, path: m.path, runner: { status: r.status as RunnerStatus, done: r.done, total: r.total } };
    }
    default:
      return null;
  }
}

/**
 * Pure: the address without the shell's own keys (`present`, `presenter`, which belong to one
 * window), so that the two windows compare and exchange only the route and the demo's settings.
 */
export function sharedAddress(hash: string, shellKeys: readonly string[]): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)) || '/';
  if (q < 0) return '#' + path;
  const kept = raw
    .slice(q + 1)
    .split('&')
    .filter((part) => {
      if (!part) return false;
      let key = part.split('=')[0];
      try {
        key = decodeURIComponent(key);
      } catch {
        return true;
      }
      return !shellKeys.includes(key);
    });
  return '#' + path + (kept.length ? '?' + kept.join('&') : '');
}

/** Pure: the route part of an address (`#/ntl?seed=3` → `/ntl`). */
export function addressPath(hash: string): string {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  return (q < 0 ? raw : raw.slice(0, q)) || '/';
}

// ---------------------------------------------------------------------------------------------
// The window's side: role, channel, listeners. Everything below is inert until `startPresenter`.

interface PresenterState {
  role: PresenterRole;
  /** The stage's id: this window's own when it is (or may become) a stage, the paired one in the console. */
  stageId: string;
  /** The stage's runner as it last reported it (console only). */
  remote: RemoteRunnerStatus | null;
  remotePath: string | null;
}

let state: PresenterState = { role: 'off', stageId: '', remote: null, remotePath: null };
const listeners = new Set<() => void>();
const commandHandlers = new Set<(c: RunnerCommand) => void>();
let channel: BroadcastChannel | null = null;
let lastHello = 0;
let stageTimer: ReturnType<typeof setInterval> | null = null;
let heartbeat: ReturnType<typeof setInterval> | null = null;

function setState(next: Partial<PresenterState>): void {
  state = { ...state, ...next };
  if (typeof document !== 'undefined') {
    if (state.role === 'off') delete document.documentElement.dataset.presenter;
    else document.documentElement.dataset.presenter = state.role;
  }
  for (const l of [...listeners]) l();
}

function post(message: PresenterMessage): void {
  channel?.postMessage(message);
}

export interface PresenterEnvironment {
  /** The keys of the address that belong to one window (SHELL_PARAMS). */
  shellKeys: readonly string[];
  getHash(): string;
  /** Takes an address from the other window: a new entry when the route changes, else in place. */
  applyHash(hash: string): void;
}

let env: PresenterEnvironment | null = null;

function onMessage(data: unknown): void {
  const m = readMessage(data);
  if (!m || m.stage !== state.stageId || !env) return;
  if (state.role !== 'console') {
    // this window is (or becomes) the stage
    if (m.kind === 'hello') {
      lastHello = Date.now();
      if (state.role !== 'stage') {
        setState({ role: 'stage' });
        publishAddress();
      }
    } else if (m.kind === 'bye') setState({ role: 'off' });
    else if (m.kind === 'address' && m.from === 'console') takeAddress(m.hash);
    else if (m.kind === 'command') for (const h of [...commandHandlers]) h(m.command);
    return;
  }
  if (m.kind === 'address' && m.from === 'stage') takeAddress(m.hash);
  else if (m.kind === 'status') setState({ remote: m.runner, remotePath: m.path });
}

function takeAddress(hash: string): void {
  if (!env) return;
  const mine = sharedAddress(env.getHash(), env.shellKeys);
  const theirs = sharedAddress(hash, env.shellKeys);
  if (mine !== theirs) env.applyHash(theirs);
}

/** Sends this window's address to the other one (call on every change of the address). */
export function publishAddress(): void {
  if (!env || state.role === 'off') return;
  post({ kind: 'address', stage: state.stageId, from: state.role, hash: sharedAddress(env.getHash(), env.shellKeys) });
}

/**
 * Starts the presenter link in this window. `consoleFor` is the stage id from `presenter=<id>`
 * when this window is a console, else null; `ownId` is this window's id as a possible stage.
 */
export function startPresenter(environment: PresenterEnvironment, opts: { consoleFor: string | null; ownId: string }): void {
  if (typeof BroadcastChannel === 'undefined' || channel) return;
  env = environment;
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (e) => onMessage(e.data);
  if (opts.consoleFor) {
    setState({ role: 'console', stageId: opts.consoleFor });
    const hello = () => post({ kind: 'hello', stage: opts.consoleFor! });
    hello();
    publishAddress();
    heartbeat = setInterval(hello, HEARTBEAT_MS);
    if (typeof window !== 'undefined') window.addEventListener('pagehide', () => post({ kind: 'bye', stage: opts.consoleFor! }));
  } else {
    setState({ role: 'off', stageId: opts.ownId });
    stageTimer = setInterval(() => {
      if (state.role === 'stage' && Date.now() - lastHello > STAGE_TIMEOUT_MS) setState({ role: 'off' });
    }, HEARTBEAT_MS);
  }
}

/** This window's id as a stage (for the console's link). */
export function stageId(): string {
  return state.stageId;
}

export function presenterRole(): PresenterRole {
  return state.role;
}

/** The stage's runner as it last reported it (console only). */
export function remoteRunnerStatus(): RemoteRunnerStatus | null {
  return state.remote;
}

export function usePresenterRole(): PresenterRole {
  return useSyncExternalStore(subscribe, () => state.role, () => 'off');
}

/** The stage's runner as it last reported it, on the route it reported it for (console only). */
export function useRemoteRunner(): { runner: RemoteRunnerStatus | null; path: string | null } {
  const remote = useSyncExternalStore(subscribe, () => state.remote, () => null);
  const path = useSyncExternalStore(subscribe, () => state.remotePath, () => null);
  return { runner: remote, path };
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Console: asks the stage's runners to run, pause, step or reset. */
export function sendRunnerCommand(command: RunnerCommand): void {
  if (state.role === 'console') post({ kind: 'command', stage: state.stageId, command });
}

/**
 * Runs a command on this window's runners (the attract mode's "press Run"); returns how many
 * runners took it (0 while the page has not mounted one yet).
 */
export function dispatchRunnerCommand(command: RunnerCommand): number {
  const handlers = [...commandHandlers];
  for (const h of handlers) h(command);
  return handlers.length;
}

/** Every runner on the page registers here: the console's commands (stage) and the attract mode's reach it. */
export function onRunnerCommand(handler: (c: RunnerCommand) => void): () => void {
  commandHandlers.add(handler);
  return () => commandHandlers.delete(handler);
}

/** Stage: reports its runner's progress to the console. */
export function publishRunnerStatus(runner: RemoteRunnerStatus): void {
  if (state.role !== 'stage' || !env) return;
  post({ kind: 'status', stage: state.stageId, path: addressPath(env.getHash()), runner });
}

/** For tests: back to the initial state. */
export function resetPresenterForTests(): void {
  channel?.close();
  channel = null;
  env = null;
  if (stageTimer) clearInterval(stageTimer);
  if (heartbeat) clearInterval(heartbeat);
  stageTimer = heartbeat = null;
  lastHello = 0;
  commandHandlers.clear();
  state = { role: 'off', stageId: '', remote: null, remotePath: null };
}
