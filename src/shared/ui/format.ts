/** Pure formatting and keyboard helpers for the shared UI (no React, no DOM), unit-tested in Node. */

/** "about 2 min left" style ETA; null or non-finite means unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return 'time left unknown';
  if (seconds < 1) return 'less than a second left';
  if (seconds < 60) return `about ${Math.round(seconds)} s left`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    const s = Math.round(seconds - m * 60);
    return s === 0 || m >= 10 ? `about ${m} min left` : `about ${m} min ${s} s left`;
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - h * 3600) / 60);
  return `about ${h} h ${m} min left`;
}

export function formatRate(stepsPerSecond: number | null | undefined): string | null {
  if (stepsPerSecond === null || stepsPerSecond === undefined || !Number.isFinite(stepsPerSecond) || stepsPerSecond <= 0) return null;
  if (stepsPerSecond >= 100) return `${Math.round(stepsPerSecond)} steps/s`;
  if (stepsPerSecond >= 1) return `${stepsPerSecond.toFixed(1)} steps/s`;
  return `${(1 / stepsPerSecond).toFixed(1)} s/step`;
}

/** Fraction done in [0, 1]; a zero total counts as nothing done. */
export function fractionDone(done: number, total: number): number {
  if (!(total > 0) || !Number.isFinite(done)) return 0;
  return Math.min(1, Math.max(0, done / total));
}

/** A number for a table cell: integers as is, others with 3 significant digits (no "-0"). */
export function formatValue(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  const s = a >= 1000 || a < 0.001 ? v.toPrecision(3) : v.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** The slice of an event target the shortcut filter looks at. */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
  role?: string | null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'time', 'datetime-local', 'month', 'week', '']);

/**
 * Whether a page shortcut must leave this key alone: the user is typing (text fields, selects,
 * contenteditable), or, for Space, a focused button, link or checkbox would act on it anyway.
 */
export function shouldIgnoreShortcut(key: string, target: KeyTarget | null, mods: { ctrl: boolean; meta: boolean; alt: boolean }): boolean {
  if (mods.ctrl || mods.meta || mods.alt) return true;
  if (!target) return false;
  const tag = (target.tagName ?? '').toUpperCase();
  if (target.isContentEditable) return true;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target.type ?? '').toLowerCase();
    if (TEXT_INPUT_TYPES.has(type)) return true;
    // Sliders, checkboxes, radios: Space (and arrows) belong to the control.
    if (key === ' ') return true;
  }
  if (key === ' ' && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || target.role === 'button' || target.role === 'slider')) return true;
  return false;
}

export type ShortcutAction = 'toggle' | 'step' | 'reset';

export function shortcutAction(key: string): ShortcutAction | null {
  if (key === ' ' || key === 'Spacebar') return 'toggle';
  if (key === 's' || key === 'S') return 'step';
  if (key === 'r' || key === 'R') return 'reset';
  return null;
}

/** A fraction as a percentage ("99.3%"); '—' for a missing or non-finite value. */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)}%`;
}

