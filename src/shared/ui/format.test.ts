import { describe, expect, it } from 'vitest';
import { formatEta, formatRate, formatValue, fractionDone, shortcutAction, shouldIgnoreShortcut } from './format';

const none = { ctrl: false, meta: false, alt: false };

describe('formatEta', () => {
  it('speaks in seconds, minutes and hours', () => {
    expect(formatEta(null)).toBe('time left unknown');
    expect(formatEta(Number.NaN)).toBe('time left unknown');
    expect(formatEta(0.3)).toBe('less than a second left');
    expect(formatEta(42.4)).toBe('about 42 s left');
    expect(formatEta(125)).toBe('about 2 min 5 s left');
    expect(formatEta(120)).toBe('about 2 min left');
    expect(formatEta(3600 * 2 + 60 * 3)).toBe('about 2 h 3 min left');
  });
});

describe('formatRate and fractionDone', () => {
  it('formats rates, slow ones as seconds per step', () => {
    expect(formatRate(250.4)).toBe('250 steps/s');
    expect(formatRate(12.34)).toBe('12.3 steps/s');
    expect(formatRate(0.5)).toBe('2.0 s/step');
    expect(formatRate(0)).toBeNull();
    expect(formatRate(null)).toBeNull();
  });

  it('clamps the fraction', () => {
    expect(fractionDone(5, 10)).toBe(0.5);
    expect(fractionDone(15, 10)).toBe(1);
    expect(fractionDone(3, 0)).toBe(0);
  });
});

describe('formatValue', () => {
  it('keeps strings and integers, rounds the rest to 3 significant digits', () => {
    expect(formatValue('24.69 dB')).toBe('24.69 dB');
    expect(formatValue(12)).toBe('12');
    expect(formatValue(0.123456)).toBe('0.123');
    expect(formatValue(0.5)).toBe('0.5');
    expect(formatValue(-0.0000001)).toBe('-1.00e-7');
    expect(formatValue(null)).toBe('–');
  });
});

describe('keyboard shortcuts', () => {
  it('maps keys to actions', () => {
    expect(shortcutAction(' ')).toBe('toggle');
    expect(shortcutAction('s')).toBe('step');
    expect(shortcutAction('R')).toBe('reset');
    expect(shortcutAction('x')).toBeNull();
  });

  it('never fires while the user types', () => {
    for (const key of [' ', 's', 'r']) {
      expect(shouldIgnoreShortcut(key, { tagName: 'INPUT', type: 'text' }, none)).toBe(true);
      expect(shouldIgnoreShortcut(key, { tagName: 'input', type: 'number' }, none)).toBe(true);
      expect(shouldIgnoreShortcut(key, { tagName: 'TEXTAREA' }, none)).toBe(true);
      expect(shouldIgnoreShortcut(key, { tagName: 'SELECT' }, none)).toBe(true);
      expect(shouldIgnoreShortcut(key, { tagName: 'DIV', isContentEditable: true }, none)).toBe(true);
    }
  });

  it('leaves Space to focused buttons and sliders but takes s and r there', () => {
    expect(shouldIgnoreShortcut(' ', { tagName: 'BUTTON' }, none)).toBe(true);
    expect(shouldIgnoreShortcut(' ', { tagName: 'INPUT', type: 'range' }, none)).toBe(true);
    expect(shouldIgnoreShortcut('s', { tagName: 'BUTTON' }, none)).toBe(false);
    expect(shouldIgnoreShortcut('r', { tagName: 'INPUT', type: 'range' }, none)).toBe(false);
  });

  it('fires on the page body and ignores modified keys (Ctrl+R reloads)', () => {
    expect(shouldIgnoreShortcut(' ', { tagName: 'BODY' }, none)).toBe(false);
    expect(shouldIgnoreShortcut(' ', null, none)).toBe(false);
    expect(shouldIgnoreShortcut('r', { tagName: 'BODY' }, { ctrl: true, meta: false, alt: false })).toBe(true);
  });
});
