/**
 * What the worker computed for the page (never in the URL, never tensors): the example, its AB
 * frames as they arrive, the latest verdict on the link's C and on a C being dragged, the CD
 * frames of the link's C, the model's prediction of D for it (keypoints, frames and scores as the
 * worker streams them), the filter's statistics, and the frame on screen while a video plays (the
 * link gets it when playback stops). Views subscribe to their own slice.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { WorkerStatus } from '../../../shared/run/training';
import type { BackendInfo } from '../../../shared/tf';
import type { Evaluation, ExampleInfo, FilterStats, Intervention, PredictProgress, PredictResult, ScoreCurves, StatsProgress } from '../worker/protocol';

export interface CophyLiveState {
  /** The worker's state: an error here (it failed to start, or a call failed) is shown with a retry. */
  error: string | null;
  /** `${seed}/${index}` of the example being loaded or shown. */
  exampleKey: string | null;
  example: ExampleInfo | null;
  /** AB's frames, filled batch by batch (null until its batch arrives). */
  abFrames: (ImageData | null)[];
  /** The verdict on the link's C. */
  evaluation: Evaluation | null;
  /** The verdict on the C being dragged (null when no drag is on). */
  draft: Evaluation | null;
  /** CD's frames for `cdFor` (the link's C). */
  cdFrames: (ImageData | null)[];
  cdFor: Intervention | null;
  stats: FilterStats | null;
  statsProgress: StatsProgress | null;
  statsError: string | null;
  /** The frame the videos show. */
  frame: number;
  playing: boolean;
  /** The C editor's selected ball (0-based index in A). */
  selected: number;
  /** The model's D for the link's C (null: no C to predict from). */
  prediction: Prediction | null;
  /** Keypoint overlays on the predicted and simulated D. */
  showKeypoints: boolean;
}

/**
 * The model's D as it streams in (worker/predict.ts). Index i of every array is model time
 * `times[i]`, a video frame; the videos show time index ⌊frame / stride⌋.
 */
export interface Prediction<I = Intervention> {
  /** The C it is for (BallsCF's Intervention, or the 3-D scenarios' Intervention3d). */
  for: I;
  /** loading: the model or the keypoints are on their way; no-weights: nothing trained has shipped (`message` says how to train it). */
  status: 'loading' | 'streaming' | 'done' | 'no-weights' | 'error';
  message: string | null;
  times: number[];
  stride: number;
  size: number;
  keypoints: number;
  /** (row, column) per time and keypoint, and the gates: predicted, and the encoder's on the simulated D. */
  positions: Float32Array | null;
  gates: Float32Array | null;
  truthPositions: Float32Array | null;
  truthGates: Float32Array | null;
  frames: (ImageData | null)[];
  /** AB's confounder code (K × its size) and AB's keypoints at t = 0, for the mass probe (ui/MassProbe.tsx). */
  abduction: { u: Float32Array; abKeypoints0: Float32Array } | null;
  /** Per-time scores against the simulated D (NaN until that frame is decoded). */
  ours: ScoreCurves | null;
  copyB: ScoreCurves | null;
  copyC: ScoreCurves | null;
  model: string | null;
  /** the worker's tfjs backend, kept from the previous C until this one's answer (the header's badge) */
  backend: BackendInfo | null;
  ms: number | null;
}

export function emptyPrediction<I>(intervention: I, previous: Prediction<I> | null): Prediction<I> {
  // A missing model stays missing for the worker's life: keep saying so while the next C is asked about, without a flash of "loading".
  const keep = previous?.status === 'no-weights';
  return {
    for: intervention,
    status: keep ? 'no-weights' : 'loading',
    message: keep ? previous.message : null,
    times: [],
    stride: 1,
    size: 0,
    keypoints: 0,
    positions: null,
    gates: null,
    truthPositions: null,
    truthGates: null,
    frames: [],
    abduction: null,
    ours: null,
    copyB: null,
    copyC: null,
    model: null,
    backend: previous?.backend ?? null,
    ms: null,
  };
}

/** One streamed message folded into the prediction (the page only wraps bytes in ImageData and copies ≤ 150 numbers). */
export function withProgress<I>(p: Prediction<I>, m: PredictProgress<I>): Prediction<I> {
  if (m.kind === 'keypoints') {
    const t = m.times.length;
    return {
      ...p,
      status: 'streaming',
      times: m.times,
      stride: t > 1 ? m.times[1] - m.times[0] : 1,
      size: m.size,
      keypoints: m.keypoints,
      positions: m.positions,
      gates: m.gates,
      abduction: { u: m.u, abKeypoints0: m.abKeypoints0 },
      frames: new Array<ImageData | null>(t).fill(null),
      ours: { psnr: new Float64Array(t).fill(NaN), lpsnr: new Float64Array(t).fill(NaN) },
    };
  }
  if (m.kind === 'reference') return { ...p, truthPositions: m.positions, truthGates: m.gates, copyB: m.copyB, copyC: m.copyC };
  const bytes = p.size * p.size * 4;
  const frames = p.frames.slice();
  const psnr = Float64Array.from(p.ours?.psnr ?? []);
  const lpsnr = Float64Array.from(p.ours?.lpsnr ?? []);
  for (let i = 0; i < m.count; i++) {
    frames[m.from + i] = new ImageData(new Uint8ClampedArray(m.rgba.buffer as ArrayBuffer, m.rgba.byteOffset + i * bytes, bytes), p.size, p.size);
    psnr[m.from + i] = m.psnr[i];
    lpsnr[m.from + i] = m.lpsnr[i];
  }
  return { ...p, frames, ours: { psnr, lpsnr } };
}

/**
 * What the header's backend badge says of the worker (the page itself loads no tfjs; the worker starts it for the
 * model's D): its backend once a prediction has named it, starting while the first one loads, the error when it
 * failed. Without weights no backend starts (worker/predict.ts), and the badge says "not started".
 */
export function workerTfStatus(p: Prediction<unknown> | null): WorkerStatus {
  return {
    backend: p?.backend ?? null,
    error: p?.status === 'error' ? (p.message ?? 'the prediction failed') : null,
    starting: p !== null && (p.status === 'loading' || p.status === 'streaming'),
  };
}

/** The worker's answer folded in. */
export function withResult<I>(p: Prediction<I>, r: PredictResult<I>): Prediction<I> {
  if (r.kind === 'no-weights') return { ...p, status: 'no-weights', message: r.message };
  return { ...p, status: 'done', model: r.model, backend: r.backend, ms: r.ms };
}

/**
 * Streams a worker's `predict` answer into `store`'s prediction for `intervention` (BallsCF's page and
 * the 3-D one): progress and the result fold in only while the prediction on screen is still for this
 * C; a failure other than an abort is the predicted slot's to show, and the rest of the page stands.
 */
export async function streamPrediction<I, S extends { prediction: Prediction<I> | null }>(
  store: UseBoundStore<StoreApi<S>>,
  intervention: I,
  same: (a: I, b: I) => boolean,
  call: (onProgress: (m: PredictProgress<I>) => void) => Promise<PredictResult<I>>,
  isAbort: (e: unknown) => boolean,
): Promise<void> {
  const mine = (s: S) => s.prediction !== null && same(s.prediction.for, intervention);
  const fold = (f: (p: Prediction<I>) => Prediction<I>) => store.setState((s) => (mine(s) ? ({ prediction: f(s.prediction!) } as Partial<S>) : {}));
  try {
    const result = await call((m) => fold((p) => withProgress(p, m)));
    fold((p) => withResult(p, result));
  } catch (e) {
    if (isAbort(e)) throw e;
    fold((p) => ({ ...p, status: 'error', message: e instanceof Error ? e.message : String(e) }));
  }
}

/** Time index of video frame `frame` in a prediction with `times.length` model times. */
export function timeIndex(p: Pick<Prediction<unknown>, 'stride' | 'times'>, frame: number): number {
  return Math.max(0, Math.min(p.times.length - 1, Math.floor(frame / p.stride)));
}

export const useCophyLive = create<CophyLiveState>(() => ({
  error: null,
  exampleKey: null,
  example: null,
  abFrames: [],
  evaluation: null,
  draft: null,
  cdFrames: [],
  cdFor: null,
  stats: null,
  statsProgress: null,
  statsError: null,
  frame: 0,
  playing: false,
  selected: 0,
  prediction: null,
  showKeypoints: true,
}));

/** The verdict the page shows: the dragged C's while a drag is on, else the link's. */
export function shownEvaluation(s: CophyLiveState): Evaluation | null {
  return s.draft ?? s.evaluation;
}
