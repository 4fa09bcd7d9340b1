import { useSyncExternalStore } from 'react';

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  window.addEventListener('popstate', cb);
  return () => {
    window.removeEventListener('hashchange', cb);
    window.removeEventListener('popstate', cb);
  };
}

/** The live `location.hash`; re-renders on navigation and on history.replaceState + popstate. */
export function useHash(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
}

/** Changes the hash query without adding a history entry (state edits should not flood Back). */
export function replaceQuery(path: string, query: string): void {
  const hash = '#' + path + (query ? '?' + query : '');
  if (hash === window.location.hash) return;
  history.replaceState(history.state, '', hash);
  // replaceState fires no event; tell the subscribers (the shell and URL stores) ourselves.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
