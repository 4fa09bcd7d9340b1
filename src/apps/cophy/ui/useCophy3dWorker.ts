/**
 * The page's side of the 3-D worker (worker/cophy3d.worker.ts), started only when a 3-D scenario is
 * chosen: one worker for the example and the user's C (load, stream AB, evaluate the link's C, stream
 * its CD; dragged C's with the latest winning), and a second one for the filter's statistics, whose
 * tower generation would otherwise hold up a drag's verdict for seconds. Frames arrive as transferred
 * RGBA batches; the page only wraps bytes in ImageData.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createWorkerClient, type WorkerClient } from '../../../shared/run/worker';
import type { Scenario3d } from '../core3d/dataset3d';
import { IMAGE_SIZE_3D } from '../core3d/raycast';
import { useCophyUrl } from '../store';
import type { Cophy3dWorkerHandlers } from '../worker/cophy3d.worker';
import { intervention3dOf, sameIntervention3d, type Intervention3d } from '../worker/intervention3d';
import type { FrameBatch } from '../worker/protocol';
import { STATS3D_SAMPLE } from '../worker/stats3dSample';
import { useCophy3dLive, type Cophy3dLiveState } from './live3dStore';
import { emptyPrediction, streamPrediction } from './liveStore';
import { weightUrls3d } from './weightUrls';
import { useDraftEvaluation } from './useDraftEvaluation';

const makeWorker = (name: string) => new Worker(new URL('../worker/cophy3d.worker.ts', import.meta.url), { type: 'module', name });

const FRAME_BYTES = IMAGE_SIZE_3D * IMAGE_SIZE_3D * 4;

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.message.startsWith('stale') || e.message === 'cancelled');
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function withBatch(frames: (ImageData | null)[], batch: FrameBatch, total: number): (ImageData | null)[] {
  const next = frames.length === total ? frames.slice() : Array.from({ length: total }, (_, i) => frames[i] ?? null);
  for (let i = 0; i < batch.count; i++) {
    next[batch.from + i] = new ImageData(new Uint8ClampedArray(batch.rgba.buffer as ArrayBuffer, batch.rgba.byteOffset + i * FRAME_BYTES, FRAME_BYTES), IMAGE_SIZE_3D, IMAGE_SIZE_3D);
  }
  return next;
}

export interface Cophy3dWorker {
  evaluateDraft(intervention: Intervention3d): void;
  endDraft(clear: boolean): void;
  retry(): void;
}

const RESET: Partial<Cophy3dLiveState> = { example: null, evaluation: null, draft: null, abFrames: [], cdFrames: [], cdFor: null, prediction: null };

export function useCophy3dWorker(scenario: Scenario3d): Cophy3dWorker {
  const seed = useCophyUrl((s) => s.values.seed);
  const index = useCophyUrl((s) => s.values.example) - 1;
  const edit = useCophyUrl((s) => s.values.edit);
  const ball = useCophyUrl((s) => s.values.ball);
  const x = useCophyUrl((s) => s.values.x);
  const y = useCophyUrl((s) => s.values.y);
  const z = useCophyUrl((s) => s.values.z);
  const clientRef = useRef<WorkerClient<Cophy3dWorkerHandlers> | null>(null);
  const statsRef = useRef<WorkerClient<Cophy3dWorkerHandlers> | null>(null);
  const loadedKey = useCophy3dLive((s) => (s.example ? `${s.example.scenario}/${s.example.seed}/${s.example.index}` : null));
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const workers: Worker[] = [];
    try {
      const main = makeWorker('cophy3d');
      const stats = makeWorker('cophy3d-stats');
      workers.push(main, stats);
      clientRef.current = createWorkerClient<Cophy3dWorkerHandlers>(main);
      statsRef.current = createWorkerClient<Cophy3dWorkerHandlers>(stats);
      useCophy3dLive.setState({ error: null });
    } catch (e) {
      useCophy3dLive.setState({ error: `The page's 3-D worker did not start: ${message(e)}` });
    }
    return () => {
      clientRef.current?.dispose();
      statsRef.current?.dispose();
      for (const w of workers) w.terminate();
      clientRef.current = null;
      statsRef.current = null;
      useCophy3dLive.setState({ ...RESET, exampleKey: null, loadingSince: null, stats: null, statsProgress: null, playing: false });
    };
  }, [generation]);

  const key = `${scenario}/${seed}/${index}`;
  useEffect(() => {
    const client = clientRef.current;
    if (!client) return;
    const abort = new AbortController();
    useCophy3dLive.setState({ ...RESET, exampleKey: key, loadingSince: Date.now() });
    void (async () => {
      try {
        const info = await client.call('load', { scenario, seed, index }, { signal: abort.signal });
        useCophy3dLive.setState({ example: info, loadingSince: null });
        await client.call('video', { scenario, seed, index, part: 'ab' }, {
          signal: abort.signal,
          onProgress: (batch) => useCophy3dLive.setState((s) => ({ abFrames: withBatch(s.abFrames, batch, info.frames) })),
        });
      } catch (e) {
        if (!isAbort(e)) useCophy3dLive.setState({ error: message(e), loadingSince: null });
      }
    })();
    return () => abort.abort();
  }, [generation, key, scenario, seed, index]);

  useEffect(() => {
    const client = statsRef.current;
    if (!client) return;
    const abort = new AbortController();
    const sample = STATS3D_SAMPLE[scenario];
    useCophy3dLive.setState({ stats: null, statsProgress: { done: 0, total: sample.examples + sample.unfiltered }, statsError: null });
    client.call('stats', { scenario, seed, ...sample }, { signal: abort.signal, onProgress: (p) => useCophy3dLive.setState({ statsProgress: p }) }).then(
      (stats) => useCophy3dLive.setState({ stats, statsProgress: null }),
      (e) => {
        if (!isAbort(e)) useCophy3dLive.setState({ statsError: message(e), statsProgress: null });
      },
    );
    return () => abort.abort();
  }, [generation, scenario, seed]);

  useEffect(() => {
    const client = clientRef.current;
    if (!client || loadedKey !== key) return;
    const intervention = intervention3dOf({ edit, ball, x, y, z });
    const abort = new AbortController();
    void (async () => {
      try {
        const ev = await client.call('evaluate', { scenario, seed, index, intervention }, { signal: abort.signal });
        const frames = useCophy3dLive.getState().example?.frames ?? 150;
        useCophy3dLive.setState((s) => ({
          evaluation: ev,
          draft: null,
          cdFrames: [],
          cdFor: ev.problem ? null : intervention,
          prediction: ev.problem ? null : emptyPrediction(intervention, s.prediction),
        }));
        if (ev.problem) return;
        // The simulated D's frames and the model's D side by side, as on BallsCF (useCophyWorker.ts).
        const video = client.call('video', { scenario, seed, index, part: 'cd', intervention }, {
          signal: abort.signal,
          onProgress: (batch) => useCophy3dLive.setState((s) => (s.cdFor && sameIntervention3d(s.cdFor, intervention) ? { cdFrames: withBatch(s.cdFrames, batch, frames) } : {})),
        });
        const request = { scenario, seed, index, intervention, weightUrls: weightUrls3d(scenario), backend: useCophyUrl.getState().values.backend, frame: useCophy3dLive.getState().frame };
        const predicted = streamPrediction(useCophy3dLive, intervention, sameIntervention3d, (onProgress) => client.call('predict', request, { signal: abort.signal, onProgress }), isAbort);
        await Promise.all([video, predicted]);
      } catch (e) {
        if (!isAbort(e)) useCophy3dLive.setState({ error: message(e) });
      }
    })();
    return () => abort.abort();
  }, [generation, loadedKey, key, scenario, seed, index, edit, ball, x, y, z]);

  const { evaluateDraft, endDraft } = useDraftEvaluation(
    (intervention: Intervention3d) => {
      const client = clientRef.current;
      const example = useCophy3dLive.getState().example;
      return client && example ? client.call('evaluate', { scenario: example.scenario, seed: example.seed, index: example.index, intervention }) : null;
    },
    (ev) => useCophy3dLive.setState({ draft: ev }),
    (e) => {
      if (!isAbort(e)) useCophy3dLive.setState({ error: message(e) });
    },
    () => useCophy3dLive.setState({ draft: null }),
  );
  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  return { evaluateDraft, endDraft, retry };
}
