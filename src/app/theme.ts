/**
 * Light/dark theme choice. Remembered in localStorage (a per-viewer preference, so it is not part
 * of a shared link); with nothing stored, the system's prefers-color-scheme decides.
 */
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'oral-demos:theme';

export function parseStoredTheme(v: string | null | undefined): Theme | null {
  return v === 'light' || v === 'dark' ? v : null;
}

export function resolveTheme(stored: Theme | null, systemPrefersDark: boolean): Theme {
  return stored ?? (systemPrefersDark ? 'dark' : 'light');
}

/** Reads the stored choice; storage can throw (privacy modes, sandboxed iframes), which means "none". */
export function readStoredTheme(storage: Pick<Storage, 'getItem'> | undefined): Theme | null {
  try {
    return parseStoredTheme(storage?.getItem(THEME_STORAGE_KEY));
  } catch {
    return null;
  }
}

export function writeStoredTheme(storage: Pick<Storage, 'setItem'> | undefined, theme: Theme): boolean {
  try {
    storage?.setItem(THEME_STORAGE_KEY, theme);
    return storage !== undefined;
  } catch {
    return false;
  }
}
