/**
 * The model's D for the user's C, in the worker (cophy.worker.ts `predict`), as evaluate_pipeline.py
 * computes it (core/evaluate.ts does the same for the experiment): AB's frames at the model's time
 * stride → keypoint states → u; C's state → rollout; the predicted states decoded into frames with the
 * dense features of C; PSNR and L-PSNR of each frame against the simulated D, beside Copy-B and Copy-C.
 *
 * Streamed so the page shows something early: the predicted keypoints first (no decoding; AB's
 * confounder code is remembered per AB, so an edit of C skips AB's frames), then the decoded frame
 * under the scrubber, then the simulated D's keypoints and the baselines' scores, then the other
 * batches, each with its scores. Between chunks it yields, so the worker answers a
 * drag's evaluations meanwhile. React-free and DOM-free: Vitest drives it in Node (predict.test.ts).
 */
import { selectFrames, strideTimes, type CounterfactualModel, type KeypointStates } from '../core/counterfactualModel';
import { loadCodyDynamics } from '../core/codyDynamics';
import { framesToFloat } from '../core/derendering';
import { floorBackgrounds, foregroundMask, framePsnr, mostProbableBackground, removeBackground } from '../core/metrics';
import { renderFrame } from '../core/render';
import { loadShippedModel, type WeightReader } from '../core/shippedModel';
import type { Trajectory } from '../core/simulator';
import type { BackendInfo } from '../../../shared/tf';
import type { Intervention, PredictProgress, ScoreCurves } from './protocol';

export { MissingWeightsError } from '../core/counterfactualModel';

/**
 * Reads a shipped weight file by name from `urls` (the page's map of file name to absolute URL: the
 * files under src/apps/cophy/weights/ that the build bundled, ui/weightUrls.ts). A name the map lacks
 * is missing without a request, so a build without weights asks for nothing. A 404, or an HTML page
 * where a file should be (a dev server or service worker answering an unknown path with the app's
 * index.html), also reads as missing, so loadShippedModel throws its MissingWeightsError.
 */
export function fetchWeightReader(urls: Readonly<Record<string, string>>, fetchFn: typeof fetch = fetch): WeightReader {
  return async (name) => {
    const url = Object.prototype.hasOwnProperty.call(urls, name) ? urls[name] : undefined;
    if (url === undefined) return null;
    const res = await fetchFn(url);
    if (res.status === 404 || (res.ok && (res.headers.get('content-type') ?? '').includes('text/html'))) return null;
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

/**
 * The shipped model (core/shippedModel.ts with CoDy's loader). `beforeTensors` runs once the
 * de-rendering files are known to exist and before any tensor is made (the worker starts tfjs's
 * backend there), so a page without weights never starts a backend. Files are read once.
 */
export async function loadPredictionModel(read: WeightReader, beforeTensors?: () => Promise<unknown>): Promise<CounterfactualModel> {
  const cache = new Map<string, Promise<Uint8Array | null>>();
  const once: WeightReader = (name) => {
    let p = cache.get(name);
    if (!p) {
      p = read(name);
      cache.set(name, p);
    }
    return p;
  };
  const [manifest, bin] = await Promise.all([once('derender.manifest.json'), once('derender.bin')]);
  if (manifest && bin) await beforeTensors?.();
  return loadShippedModel(once, loadCodyDynamics);
}

/**
 * The model as a worker loads it (cophy.worker.ts, cophy3d.worker.ts): the files from `weightUrls`,
 * tfjs's backend started (on the page's choice) only once the de-rendering files exist.
 */
export function loadWorkerModel(weightUrls: Readonly<Record<string, string>>, backend: 'auto' | 'webgl' | 'wasm' | 'cpu' | undefined, onBackend: (info: BackendInfo) => void): Promise<CounterfactualModel> {
  return loadPredictionModel(fetchWeightReader(weightUrls), async () => {
    const { initBackend } = await import('../../../shared/tf');
    const info = await initBackend(backend && backend !== 'auto' ? { force: backend } : undefined);
    onBackend(info);
  });
}

/**
 * What predict needs of the example and the user's C: how many frames D has and how to draw AB's and
 * CD's frames at given times (BallsCF's renderer, ballsVideos; or the 3-D scenarios' ray-caster).
 */
export interface PredictInput<I = Intervention> {
  intervention: I;
  /** Frames in the simulated D. */
  cdFrames: number;
  /** The video's frames at `times` as [−1, 1] RGB floats, size² × 3 each (derendering.ts framesToFloat). */
  render(part: 'ab' | 'cd', times: readonly number[], size: number): Float32Array;
  /**
   * The scenario's empty floors at `size` (0–255 RGB), among which remove_background picks D's for the
   * L-PSNR mask: the experiment's `EvaluationKit.backgrounds`, so the page scores as the experiment does.
   */
  backgrounds(size: number): Uint8Array[];
  /** The video frame under the scrubber: its batch is decoded first. */
  frame?: number;
  /**
   * Names AB (e.g. the example's seed and index): inputs with the same key have the same AB, so its
   * confounder code, found once, is reused from `PredictOptions.confounders` (an edit of C does not
   * change AB, and encoding AB's frames is most of the work before the keypoints).
   */
  abKey?: string;
}

/** BallsCF's videos for predictD: the two trajectories, their balls' colours and the floor, drawn by render.ts. */
export function ballsVideos(ab: Trajectory, abColors: readonly number[], cd: Trajectory, cdColors: readonly number[], floor: number): Pick<PredictInput, 'cdFrames' | 'render' | 'backgrounds'> {
  return {
    cdFrames: cd.frames,
    render: (part, times, size) => (part === 'ab' ? renderFloat(ab, abColors, floor, times, size) : renderFloat(cd, cdColors, floor, times, size)),
    backgrounds: (size) => floorBackgrounds(size),
  };
}

/** AB's confounder code and its keypoints at t = 0 (for the mass probe's matching). */
export interface Abduction {
  u: Float32Array;
  abKeypoints0: Float32Array;
}

/** The abductions of recently seen ABs, by `PredictInput.abKey`; the caller keeps one per model. */
export type ConfounderCache = Map<string, Abduction>;
/** ABs remembered per cache: the example on screen and the one before it. */
export const CONFOUNDER_CACHE_SIZE = 2;

export interface PredictOptions<I = Intervention> {
  /** Progress messages, with the buffers they may transfer. */
  onProgress: (p: PredictProgress<I>, transfer: ArrayBufferLike[]) => void;
  yieldNow?: () => Promise<void>;
  cancelled?: () => boolean;
  /** Frames per encoder chunk and per decoded batch. */
  chunk?: number;
  batch?: number;
  confounders?: ConfounderCache;
}

export class PredictCancelled extends Error {
  constructor() {
    super('stale: the prediction was cancelled');
    this.name = 'AbortError';
  }
}

function renderFloat(trajectory: Trajectory, colors: readonly number[], floor: number, times: readonly number[], size: number): Float32Array {
  return framesToFloat(times.map((t) => renderFrame(trajectory, t, colors, floor, size)));
}

/** model.extract in chunks, yielding between them. */
async function extractChunked(model: CounterfactualModel, frames: Float32Array, count: number, chunk: number, step: () => Promise<void>): Promise<KeypointStates> {
  const px = frames.length / count;
  const per = model.keypoints * model.stateSize;
  const values = new Float32Array(count * per);
  for (let from = 0; from < count; from += chunk) {
    const n = Math.min(chunk, count - from);
    const s = model.extract(frames.subarray(from * px, (from + n) * px), n);
    values.set(s.values, from * per);
    await step();
  }
  return { frames: count, keypoints: model.keypoints, stateSize: model.stateSize, values };
}

/** Positions (row, column) and gates of states, per time and keypoint. */
export function keypointsOf(states: KeypointStates): { positions: Float32Array; gates: Float32Array } {
  const n = states.frames * states.keypoints;
  const d = states.stateSize;
  const positions = new Float32Array(2 * n);
  const gates = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = states.values[i * d];
    positions[2 * i + 1] = states.values[i * d + 1];
    gates[i] = states.values[i * d + d - 1];
  }
  return { positions, gates };
}

/** [−1, 1] RGB floats (size² × 3 per frame) to RGBA bytes. */
export function floatToRgba(frames: Float32Array, count: number, size: number): Uint8ClampedArray {
  const px = size * size;
  const out = new Uint8ClampedArray(count * px * 4);
  for (let p = 0; p < count * px; p++) {
    out[4 * p] = (frames[3 * p] + 1) * 127.5;
    out[4 * p + 1] = (frames[3 * p + 1] + 1) * 127.5;
    out[4 * p + 2] = (frames[3 * p + 2] + 1) * 127.5;
    out[4 * p + 3] = 255;
  }
  return out;
}

function scores(truth: readonly Float32Array[], prediction: (i: number) => Float32Array, masks: readonly Uint8Array[]): ScoreCurves {
  return {
    psnr: Float64Array.from(truth, (t, i) => framePsnr(t, prediction(i))),
    lpsnr: Float64Array.from(truth, (t, i) => framePsnr(t, prediction(i), masks[i])),
  };
}

/** The batches' starts, the one holding time index `first` first, then the rest in order after it. */
export function batchOrder(count: number, batch: number, first: number): number[] {
  const starts: number[] = [];
  for (let from = 0; from < count; from += batch) starts.push(from);
  const k = Math.max(0, Math.min(starts.length - 1, Math.floor(first / batch)));
  return [...starts.slice(k), ...starts.slice(0, k)];
}

/** Streams the model's D for one C (see the file comment); returns the number of model times. */
export async function predictD<I>(model: CounterfactualModel, input: PredictInput<I>, opts: PredictOptions<I>): Promise<{ frames: number }> {
  const chunk = opts.chunk ?? 10;
  const batch = opts.batch ?? 10;
  const step = async () => {
    await opts.yieldNow?.();
    if (opts.cancelled?.()) throw new PredictCancelled();
  };
  const size = model.imageSize;
  const px = size * size * 3;
  const times = strideTimes(input.cdFrames, model.timeStride);
  const T = times.length;

  // Abduction from AB (u, remembered per AB), then the rollout from C: the keypoints, before any pixel is decoded.
  const cached = input.abKey !== undefined ? opts.confounders?.get(input.abKey) : undefined;
  let abduction: Abduction;
  if (cached) abduction = cached;
  else {
    const ab = await extractChunked(model, input.render('ab', times, size), T, chunk, step);
    const abKeypoints0 = keypointsOf(selectFrames(ab, [0])).positions;
    abduction = { u: model.confounder(ab), abKeypoints0 };
    if (input.abKey !== undefined && opts.confounders) {
      opts.confounders.set(input.abKey, abduction);
      while (opts.confounders.size > CONFOUNDER_CACHE_SIZE) opts.confounders.delete(opts.confounders.keys().next().value as string);
    }
  }
  // C's frame alone before the keypoints; D's other frames are rendered after them
  const cFrame = input.render('cd', times.slice(0, 1), size);
  const c = model.extract(cFrame, 1);
  const ours = model.rollout(c, abduction.u, T - 1);
  if (ours.frames !== T) throw new Error(`${model.name}: the rollout gave ${ours.frames} frames, expected ${T}`);
  const predicted = keypointsOf(ours);
  // copies: the cached abduction stays with the worker
  const u = abduction.u.slice();
  const abKeypoints0 = abduction.abKeypoints0.slice();
  opts.onProgress({ kind: 'keypoints', intervention: input.intervention, times, keypoints: model.keypoints, size, ...predicted, u, abKeypoints0 }, [
    predicted.positions.buffer,
    predicted.gates.buffer,
    u.buffer,
    abKeypoints0.buffer,
  ]);
  await step();

  // The frames, decoded with C's features, batch by batch: the one under the scrubber first, before the
  // simulated D's keypoints (the encoder over all of D), so the frame on screen comes next. Only that
  // frame of the true D is drawn before it (drawing all of a 3-D D takes a few hundred ms): its L-PSNR
  // mask takes the floor that frame alone points to, and should the whole D point to another floor
  // (remove_background picks it from every frame), the frame is decoded and scored again with its batch.
  const backgrounds = input.backgrounds(size);
  const shown = Math.max(0, Math.min(T - 1, Math.floor((input.frame ?? 0) / model.timeStride)));
  const shownTruth = input.render('cd', [times[shown]], size);
  const shownFloor = mostProbableBackground([shownTruth], backgrounds);
  const decodeRange = async (from: number, count: number, truthOf: (i: number) => Float32Array, maskOf: (i: number) => Uint8Array) => {
    if (count <= 0) return;
    const index = Array.from({ length: count }, (_, i) => from + i);
    const decoded = model.decode(selectFrames(ours, index), cFrame);
    const s = scores(
      index.map(truthOf),
      (i) => decoded.subarray(i * px, (i + 1) * px),
      index.map(maskOf),
    );
    const rgba = floatToRgba(decoded, count, size);
    opts.onProgress({ kind: 'frames', from, count, rgba, psnr: s.psnr, lpsnr: s.lpsnr }, [rgba.buffer, s.psnr.buffer, s.lpsnr.buffer]);
    await step();
  };
  await decodeRange(shown, 1, () => shownTruth, () => foregroundMask(shownTruth, backgrounds[shownFloor], size));

  const cdFrames = input.render('cd', times, size);
  const truth = Array.from({ length: T }, (_, i) => cdFrames.subarray(i * px, (i + 1) * px));
  const { floor, masks } = removeBackground(truth, size, backgrounds);
  const rescoreShown = floor !== shownFloor;

  // The simulated D: its keypoints, and the copying baselines' scores.
  const truthStates = await extractChunked(model, cdFrames, T, chunk, step);
  const abFrames = input.render('ab', times, size);
  const copyB = scores(truth, (i) => abFrames.subarray(i * px, (i + 1) * px), masks);
  const copyC = scores(truth, () => cFrame, masks);
  const reference = keypointsOf(truthStates);
  opts.onProgress({ kind: 'reference', ...reference, copyB, copyC }, [reference.positions.buffer, reference.gates.buffer, copyB.psnr.buffer, copyB.lpsnr.buffer, copyC.psnr.buffer, copyC.lpsnr.buffer]);
  await step();

  const fromTruth = (i: number) => truth[i];
  const fromMasks = (i: number) => masks[i];
  for (const from of batchOrder(T, batch, shown)) {
    const end = Math.min(T, from + batch);
    if (shown >= from && shown < end && !rescoreShown) {
      await decodeRange(from, shown - from, fromTruth, fromMasks);
      await decodeRange(shown + 1, end - shown - 1, fromTruth, fromMasks);
    } else await decodeRange(from, end - from, fromTruth, fromMasks);
  }
  return { frames: T };
}
