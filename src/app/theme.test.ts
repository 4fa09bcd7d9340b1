import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, parseStoredTheme, readStoredTheme, resolveTheme, writeStoredTheme } from './theme';

describe('theme', () => {
  it('follows the system unless the user chose', () => {
    expect(resolveTheme(null, true)).toBe('dark');
    expect(resolveTheme(null, false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('ignores garbage in storage', () => {
    expect(parseStoredTheme('purple')).toBeNull();
    expect(parseStoredTheme(null)).toBeNull();
    expect(parseStoredTheme('dark')).toBe('dark');
  });

  it('treats a throwing storage as empty and reports failed writes', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readStoredTheme(throwing)).toBeNull();
    expect(writeStoredTheme(throwing, 'dark')).toBe(false);
  });

  it('round-trips through a storage', () => {
    const m = new Map<string, string>();
    const s = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(writeStoredTheme(s, 'dark')).toBe(true);
    expect(m.get(THEME_STORAGE_KEY)).toBe('dark');
    expect(readStoredTheme(s)).toBe('dark');
  });
});
