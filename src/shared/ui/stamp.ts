/**
 * The live backend as the reproducibility stamp sees it (provenance.ts), for parts of the page outside
 * a demo (the footer) and for exports. DemoFrame publishes it; the shell reads it without importing
 * tfjs. A tiny external store for useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';
import { collectProvenance, type BackendStamp, type Provenance } from '../provenance';

let current: BackendStamp | null = null;
const listeners = new Set<() => void>();

export function publishBackendStamp(stamp: BackendStamp | null): void {
  const same = stamp === current || (stamp && current && stamp.name === current.name && stamp.tfjsVersion === current.tfjsVersion && stamp.precision === current.precision);
  if (same) return;
  current = stamp;
  for (const l of listeners) l();
}

export function backendStamp(): BackendStamp | null {
  return current;
}

export function useBackendStamp(): BackendStamp | null {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
    () => current,
  );
}

/** The provenance of what the page shows now: its link, the seed in it, the build and the live backend. */
export function currentProvenance(): Provenance {
  return collectProvenance({ link: typeof window === 'undefined' ? '' : window.location.href, backend: current });
}
