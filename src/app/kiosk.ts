/**
 * Attract mode for an unattended booth (issue #15). `kiosk=1` in a link (a shell parameter like
 * `present`) turns it on for the tab: the shell steps through the live demos, `dwell` seconds each
 * (default 45), starting each one's own default run (its Run, as a visitor would press it) with a
 * caption. Any key, touch or click hands the page to the visitor; after `idle` seconds without input
 * (default 120) the tour starts again from the first demo with its default settings (a known seed).
 * Reset and the GPU-loss button are locked while the mode is on. Between tours a watchdog reads the
 * main thread's tfjs memory and the JS heap (src/shared/memoryProbe.ts) and reloads the page when
 * they keep growing.
 */
import { useSyncExternalStore } from 'react';
import type { DemoId } from '../shared/papers';
import { dispatchRunnerCommand } from '../shared/presenter';
import { readMemory, type MemoryReading } from '../shared/memoryProbe';
import { parseHash } from './routes';

export const DEFAULT_DWELL_S = 45;
export const DEFAULT_IDLE_S = 120;
const STORAGE_KEY = 'oral-demos:kiosk';

export interface KioskSettings {
  dwell: number;
  idle: number;
}

/** Pure: what a hash says about attract mode (null: nothing), and the hash without its keys. */
export function consumeKiosk(hash: string): { kiosk: KioskSettings | false | null; hash: string } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = raw.indexOf('?');
  if (q < 0) return { kiosk: null, hash };
  const params = new URLSearchParams(raw.slice(q + 1));
  if (!params.has('kiosk')) return { kiosk: null, hash };
  const on = ['1', 'true', ''].includes(params.get('kiosk') ?? '');
  const seconds = (key: string, fallback: number, min: number) => {
    const v = Number(params.get(key));
    return params.has(key) && Number.isFinite(v) && v >= min && v <= 3600 ? Math.round(v) : fallback;
  };
  const settings = { dwell: seconds('dwell', DEFAULT_DWELL_S, 2), idle: seconds('idle', DEFAULT_IDLE_S, 5) };
  for (const k of ['kiosk', 'dwell', 'idle']) params.delete(k);
  const rest = params.toString();
  return { kiosk: on ? settings : false, hash: '#' + (raw.slice(0, q) || '/') + (rest ? '?' + rest : '') };
}

/**
 * Pure: whether memory keeps growing over the tours. `readings` holds one reading per completed
 * tour, taken at the same point of the loop. Reload when each of the last three tours ended with
 * more live tensors than the one before and the growth since the first is over 200 tensors or
 * 64 MB, or when the JS heap has more than doubled since the first tour.
 */
export function shouldReload(readings: MemoryReading[]): boolean {
  if (readings.length < 2) return false;
  const first = readings[0];
  const last = readings[readings.length - 1];
  if (first.heap !== null && last.heap !== null && last.heap > 2 * first.heap) return true;
  if (readings.length < 4 || first.tensors === null || last.tensors === null) return false;
  const tail = readings.slice(-4);
  const growing = tail.every((r, i) => i === 0 || (r.tensors ?? 0) > (tail[i - 1].tensors ?? 0));
  const grown = last.tensors - first.tensors > 200 || (last.bytes ?? 0) - (first.bytes ?? 0) > 64 * 2 ** 20;
  return growing && grown;
}

interface KioskState {
  settings: KioskSettings | null;
  /** the tour is running (false while a visitor explores) */
  touring: boolean;
  /** index into the tour of the demo showing */
  index: number;
  /** completed tours since the page loaded */
  tours: number;
  /** the watchdog's readings, one per completed tour */
  readings: MemoryReading[];
}

let state: KioskState = { settings: null, touring: false, index: 0, tours: 0, readings: [] };
const listeners = new Set<() => void>();
let tour: DemoId[] = [];
let timers: ReturnType<typeof setTimeout>[] = [];
let idleTimer: ReturnType<typeof setTimeout> | null = null;

function setState(next: Partial<KioskState>): void {
  state = { ...state, ...next };
  if (state.settings) document.documentElement.dataset.kiosk = '1';
  else delete document.documentElement.dataset.kiosk;
  for (const l of [...listeners]) l();
}

function clearTimers(): void {
  for (const t of timers) clearTimeout(t);
  timers = [];
}

function show(index: number): void {
  clearTimers();
  const id = tour[index];
  setState({ index });
  // the demo's default link: no settings, so its default seed
  if (parseHash(window.location.hash).path !== '/' + id || window.location.hash.includes('?')) window.location.hash = '#/' + id;
  // press Run once the page has mounted its runner (demos without one show their default view)
  const pressRun = (tries: number) => {
    if (dispatchRunnerCommand('run') > 0 || tries <= 0) return;
    timers.push(setTimeout(() => pressRun(tries - 1), 500));
  };
  timers.push(setTimeout(() => pressRun(Math.max(1, 2 * state.settings!.dwell - 2)), 1000));
  timers.push(setTimeout(next, state.settings!.dwell * 1000));
}

function next(): void {
  const index = (state.index + 1) % tour.length;
  if (index === 0) {
    const readings = [...state.readings, readMemory()];
    setState({ tours: state.tours + 1, readings });
    if (shouldReload(readings)) {
      // sessionStorage keeps the mode; the reloaded page starts the tour again
      window.location.hash = '#/';
      window.location.reload();
      return;
    }
  }
  show(index);
}

function startTour(): void {
  setState({ touring: true });
  show(0);
}

function onInput(): void {
  if (!state.settings) return;
  if (state.touring) {
    clearTimers();
    setState({ touring: false });
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(startTour, state.settings.idle * 1000);
}

/** Call once before rendering (after the other shell parameters). `demos`: the live demos, in tour order. */
export function initKioskMode(demos: DemoId[]): void {
  tour = demos;
  const { pathname, search, hash } = window.location;
  const fromLink = consumeKiosk(hash);
  if (fromLink.hash !== hash) history.replaceState(history.state, '', pathname + search + fromLink.hash);
  let settings: KioskSettings | null;
  try {
    if (fromLink.kiosk) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fromLink.kiosk));
    else if (fromLink.kiosk === false) sessionStorage.removeItem(STORAGE_KEY);
    const stored = sessionStorage.getItem(STORAGE_KEY);
    settings = stored ? (JSON.parse(stored) as KioskSettings) : null;
  } catch {
    settings = fromLink.kiosk || null;
  }
  if (!settings || tour.length === 0) return;
  setState({ settings });
  for (const type of ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const) window.addEventListener(type, onInput, { capture: true, passive: true });
  startTour();
}

/** Leaves attract mode for this tab. */
export function stopKiosk(): void {
  clearTimers();
  if (idleTimer) clearTimeout(idleTimer);
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
  setState({ settings: null, touring: false });
}

export function useKiosk(): KioskState {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => state,
    () => state,
  );
}

export function kioskTour(): readonly DemoId[] {
  return tour;
}
