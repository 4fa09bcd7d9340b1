import { useCallback, useEffect, useState } from 'react';
import { readStoredTheme, resolveTheme, writeStoredTheme, type Theme } from './theme';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const darkQuery = (): MediaQueryList | null =>
  typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;

/** Applies the theme before React renders, so the first paint has the right colours. */
export function applyInitialTheme(): Theme {
  const theme = resolveTheme(readStoredTheme(storage()), darkQuery()?.matches ?? false);
  document.documentElement.dataset.theme = theme;
  return theme;
}

export function useTheme(): { theme: Theme; toggle: () => void } {
  const [stored, setStored] = useState<Theme | null>(() => readStoredTheme(storage()));
  const [systemDark, setSystemDark] = useState<boolean>(() => darkQuery()?.matches ?? false);

  useEffect(() => {
    const mq = darkQuery();
    if (!mq) return;
    const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  const theme = resolveTheme(stored, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const toggle = useCallback(() => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    writeStoredTheme(storage(), next);
    setStored(next);
  }, [theme]);

  return { theme, toggle };
}
