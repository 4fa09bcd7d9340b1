/**
 * The page's side of the CoPhy worker (worker/cophy.worker.ts): one worker per page visit, started
 * on mount (the page shows an example at once) and ended on unmount. It loads the link's example,
 * streams AB's frames, evaluates the link's C and streams its CD, evaluates dragged C's (the latest
 * wins: one call in flight, the newest waiting), and computes the filter's statistics for the seed.
 * Every frame arrives rendered (transferred RGBA batches), so the page only wraps bytes in ImageData.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createWorkerClient, type WorkerClient } from '../../../shared/run/worker';
import { IMAGE_SIZE } from '../core/render';
import { interventionOf, sameIntervention } from '../intervention';
import { ballsValues, useCophyUrl } from '../store';
import type { CophyWorkerHandlers } from '../worker/cophy.worker';
import type { FrameBatch, Intervention } from '../worker/protocol';
import { emptyPrediction, streamPrediction, useCophyLive } from './liveStore';
import { useDraftEvaluation } from './useDraftEvaluation';
import { weightUrls } from './weightUrls';

const makeWorker = () => new Worker(new URL('../worker/cophy.worker.ts', import.meta.url), { type: 'module', name: 'cophy' });

/** The statistics' sample: the first 100 test examples and 300 unfiltered candidates (scripts/cophy-dataset.ts's --unfiltered default). */
export const STATS_SAMPLE = { examples: 100, unfiltered: 300 } as const;

const FRAME_BYTES = IMAGE_SIZE * IMAGE_SIZE * 4;

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.message.startsWith('stale'));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Wraps a batch's bytes as ImageData, one per frame, into a copy of `frames`. */
function withBatch(frames: (ImageData | null)[], batch: FrameBatch, total: number): (ImageData | null)[] {
  const next = frames.length === total ? frames.slice() : Array.from({ length: total }, (_, i) => frames[i] ?? null);
  for (let i = 0; i < batch.count; i++) {
    next[batch.from + i] = new ImageData(new Uint8ClampedArray(batch.rgba.buffer as ArrayBuffer, batch.rgba.byteOffset + i * FRAME_BYTES, FRAME_BYTES), IMAGE_SIZE, IMAGE_SIZE);
  }
  return next;
}

export interface CophyWorker {
  /** Evaluates a C being dragged; its verdict shows until the link's C catches up. */
  evaluateDraft(intervention: Intervention): void;
  /** The drag ended: answers still in flight are dropped; `clear` also forgets the dragged verdict (a cancelled drag). */
  endDraft(clear: boolean): void;
  /** Starts the worker again after it failed. */
  retry(): void;
}

export function useCophyWorker(): CophyWorker {
  const seed = useCophyUrl((s) => s.values.seed);
  const index = useCophyUrl((s) => s.values.example) - 1;
  const edit = useCophyUrl((s) => s.values.edit);
  const ball = useCophyUrl((s) => s.values.ball);
  const x = useCophyUrl((s) => s.values.x);
  const y = useCophyUrl((s) => s.values.y);
  const clientRef = useRef<WorkerClient<CophyWorkerHandlers> | null>(null);
  /** A second worker for the filter's statistics: a statistics step (one filtered example, up to ~100 ms) would otherwise hold up an edit's evaluation. */
  const statsClientRef = useRef<WorkerClient<CophyWorkerHandlers> | null>(null);
  const loadedKey = useCophyLive((s) => (s.example ? `${s.example.seed}/${s.example.index}` : null));
  // A retry makes a new worker and runs every call again.
  const [generation, setGeneration] = useState(0);

  // The worker: one per mount (and per retry). Effects run in order, so the calls below find it.
  useEffect(() => {
    let worker: Worker | null = null;
    let statsWorker: Worker | null = null;
    try {
      worker = makeWorker();
      clientRef.current = createWorkerClient<CophyWorkerHandlers>(worker);
      statsWorker = makeWorker();
      statsClientRef.current = createWorkerClient<CophyWorkerHandlers>(statsWorker);
      useCophyLive.setState({ error: null });
    } catch (e) {
      useCophyLive.setState({ error: `The page's worker did not start: ${message(e)}` });
    }
    return () => {
      clientRef.current?.dispose();
      worker?.terminate();
      clientRef.current = null;
      statsClientRef.current?.dispose();
      statsWorker?.terminate();
      statsClientRef.current = null;
      useCophyLive.setState({ example: null, exampleKey: null, evaluation: null, draft: null, abFrames: [], cdFrames: [], cdFor: null, stats: null, statsProgress: null, playing: false, prediction: null });
    };
  }, [generation]);

  // The example: load, then stream AB.
  const key = `${seed}/${index}`;
  useEffect(() => {
    const client = clientRef.current;
    if (!client) return;
    const abort = new AbortController();
    useCophyLive.setState({ exampleKey: key, example: null, evaluation: null, draft: null, abFrames: [], cdFrames: [], cdFor: null, prediction: null });
    void (async () => {
      try {
        const info = await client.call('load', { seed, index }, { signal: abort.signal });
        useCophyLive.setState({ example: info });
        await client.call('video', { part: 'ab', seed, index }, {
          signal: abort.signal,
          onProgress: (batch) => useCophyLive.setState((s) => ({ abFrames: withBatch(s.abFrames, batch, info.frames) })),
        });
      } catch (e) {
        if (!isAbort(e)) useCophyLive.setState({ error: message(e) });
      }
    })();
    return () => abort.abort();
  }, [generation, key, seed, index]);

  // The filter's statistics for the seed, in their own worker (statsClientRef), one example at a time.
  useEffect(() => {
    const client = statsClientRef.current;
    if (!client) return;
    const abort = new AbortController();
    useCophyLive.setState({ stats: null, statsProgress: { done: 0, total: STATS_SAMPLE.examples + 1 }, statsError: null });
    client.call('stats', { seed, ...STATS_SAMPLE }, { signal: abort.signal, onProgress: (p) => useCophyLive.setState({ statsProgress: p }) }).then(
      (stats) => useCophyLive.setState({ stats, statsProgress: null }),
      (e) => {
        if (!isAbort(e)) useCophyLive.setState({ statsError: message(e), statsProgress: null });
      },
    );
    return () => abort.abort();
  }, [generation, seed]);

  // The link's C: evaluate, then stream its CD and the model's D together.
  useEffect(() => {
    const client = clientRef.current;
    if (!client || loadedKey !== key) return;
    const intervention = interventionOf(ballsValues({ edit, ball, x, y }));
    const abort = new AbortController();
    void (async () => {
      try {
        const ev = await client.call('evaluate', { seed, index, intervention }, { signal: abort.signal });
        const frames = useCophyLive.getState().example?.frames ?? 150;
        useCophyLive.setState((s) => ({ evaluation: ev, draft: null, cdFrames: [], cdFor: ev.problem ? null : intervention, prediction: ev.problem ? null : emptyPrediction(intervention, s.prediction) }));
        if (ev.problem) return;
        // The simulated D's frames and the model's D side by side: the worker interleaves the two (each
        // yields between batches), so the predicted keypoints do not wait for 150 rendered frames.
        const video = client.call('video', { part: 'cd', seed, index, intervention }, {
          signal: abort.signal,
          onProgress: (batch) => useCophyLive.setState((s) => (s.cdFor && sameIntervention(s.cdFor, intervention) ? { cdFrames: withBatch(s.cdFrames, batch, frames) } : {})),
        });
        const predicted = streamPrediction(
          useCophyLive,
          intervention,
          sameIntervention,
          (onProgress) =>
            client.call('predict', { seed, index, intervention, weightUrls: weightUrls(), backend: useCophyUrl.getState().values.backend, frame: useCophyLive.getState().frame }, { signal: abort.signal, onProgress }),
          isAbort,
        );
        await Promise.all([video, predicted]);
      } catch (e) {
        if (!isAbort(e)) useCophyLive.setState({ error: message(e) });
      }
    })();
    return () => abort.abort();
  }, [generation, loadedKey, key, seed, index, edit, ball, x, y]);

  // Dragged C's: one call in flight, the newest waiting; answers after the drag ended are dropped.
  const { evaluateDraft, endDraft } = useDraftEvaluation(
    (intervention: Intervention) => {
      const client = clientRef.current;
      const example = useCophyLive.getState().example;
      return client && example ? client.call('evaluate', { seed: example.seed, index: example.index, intervention }) : null;
    },
    (ev) => useCophyLive.setState({ draft: ev }),
    (e) => {
      if (!isAbort(e)) useCophyLive.setState({ error: message(e) });
    },
    () => useCophyLive.setState({ draft: null }),
  );

  const retry = useCallback(() => setGeneration((g) => g + 1), []);

  return { evaluateDraft, endDraft, retry };
}
