/**
 * The page's side of the explorer worker (worker/explore.worker.ts): one worker per page visit,
 * started on mount with the page's tfjs backend, ended on unmount. It loads what ships, then renders
 * the link's latent whenever the latent, the edit, the morph t or the checkpoint step changes: one call
 * in flight, the newest request waiting (a dragged slider never queues a backlog), then the worker's
 * live tensor count (the leak check). Images arrive as RGBA bytes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createWorkerClient, type WorkerClient } from '../../../shared/run/worker';
import { useBackendInfo } from '../../../shared/ui/DemoFrame';
import { useStyleAlignUrl } from '../store';
import type { StyleAlignExplorerHandlers } from '../worker/explore.worker';
import type { RenderRequest } from '../worker/protocol';
import { useStyleAlignExplorer } from './liveStore';
import { absoluteUrls, EXPLORER_MISSING, SHIPPED_NAMES } from './weights';

/** A new explorer worker (the page's own, or a second one for the backend check). */
export const newExplorerWorker = (name = 'stylealign-explorer') => new Worker(new URL('../worker/explore.worker.ts', import.meta.url), { type: 'module', name });

/** Latents in the same-z grid. */
export const GRID_COUNT = 8;

/** An error's message, for the page (the explorer and its speed check). */
export const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

export interface ExplorerHandle {
  client: WorkerClient<StyleAlignExplorerHandlers> | null;
  retry(): void;
}

export function useExplorer(): ExplorerHandle {
  const backend = useBackendInfo()?.name ?? 'auto';
  const seed = useStyleAlignUrl((s) => s.values.seed);
  const z = useStyleAlignUrl((s) => s.values.z);
  const dir = useStyleAlignUrl((s) => s.values.dir);
  const edit = useStyleAlignUrl((s) => s.values.edit);
  const t = useStyleAlignUrl((s) => s.values.t);
  const step = useStyleAlignUrl((s) => s.values.step);
  const status = useStyleAlignExplorer((s) => s.status);
  const clientRef = useRef<WorkerClient<StyleAlignExplorerHandlers> | null>(null);
  const [generation, setGeneration] = useState(0);
  const [client, setClient] = useState<WorkerClient<StyleAlignExplorerHandlers> | null>(null);

  useEffect(() => {
    let worker: Worker | null = null;
    let live = true;
    useStyleAlignExplorer.setState({ status: 'loading', error: null, info: null, render: null, grid: null });
    try {
      worker = newExplorerWorker();
      const c = createWorkerClient<StyleAlignExplorerHandlers>(worker);
      clientRef.current = c;
      setClient(c);
      c.call('load', { urls: absoluteUrls(), shippedNames: [...SHIPPED_NAMES], missing: [...EXPLORER_MISSING], backend }).then(
        (info) => {
          if (live) useStyleAlignExplorer.setState({ status: 'ready', info });
        },
        (e) => {
          if (live && !isAbort(e)) useStyleAlignExplorer.setState({ status: 'failed', error: message(e) });
        },
      );
    } catch (e) {
      useStyleAlignExplorer.setState({ status: 'failed', error: `The explorer's worker did not start: ${message(e)}` });
    }
    return () => {
      live = false;
      clientRef.current?.dispose();
      worker?.terminate();
      clientRef.current = null;
      setClient(null);
    };
  }, [generation, backend]);

  // The same-z grid, once per seed.
  useEffect(() => {
    const c = clientRef.current;
    if (!c || status !== 'ready') return;
    const abort = new AbortController();
    c.call('grid', { seed, count: GRID_COUNT }, { signal: abort.signal }).then(
      (grid) => useStyleAlignExplorer.setState({ grid }),
      (e) => {
        if (!isAbort(e)) useStyleAlignExplorer.setState({ error: message(e) });
      },
    );
    return () => abort.abort();
  }, [status, seed]);

  // The link's latent: newest request wins, one in flight.
  const pending = useRef<{ inFlight: boolean; next: RenderRequest | null }>({ inFlight: false, next: null });
  const pump = useCallback(() => {
    const p = pending.current;
    const c = clientRef.current;
    if (!c || p.inFlight || !p.next) return;
    const req = p.next;
    p.next = null;
    p.inFlight = true;
    c.call('render', req)
      .then(async (render) => {
        useStyleAlignExplorer.setState({ render });
        const { numTensors } = await c.call('memory', undefined);
        useStyleAlignExplorer.setState({ tensors: numTensors });
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) useStyleAlignExplorer.setState({ error: message(e) });
      })
      .finally(() => {
        p.inFlight = false;
        pump();
      });
  }, []);

  useEffect(() => {
    if (status !== 'ready') return;
    pending.current.next = { seed, z, dir, edit, t, step };
    pump();
  }, [status, seed, z, dir, edit, t, step, pump]);

  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  return { client, retry };
}
