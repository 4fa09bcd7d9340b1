/**
 * The Filtered-CoPhy page's worker: the example, the user's C and its verdict, the frames and the
 * filter's statistics (session.ts), so that the page never simulates or renders itself. Plain
 * JavaScript until the first `predict`. Frames travel as transferred RGBA buffers, in batches.
 *
 * Calls: `load` (an example; AB's 2^N rollouts), `evaluate` (a C: CD's rollouts and the verdict),
 * `video` (AB or the evaluated CD, streamed as FrameBatch progress), `stats` (the filter on a sample).
 * `predict` (the model's D: predict.ts) loads tfjs and the shipped weights on its first call only, and
 * answers 'no-weights' with the training command until they ship. The page runs `stats` in a second
 * instance of this worker, so a statistics step never holds up an edit's evaluation or prediction.
 */
import { exposeWorker, transfer, type HandlerContext } from '../../../shared/run/worker';
import type { BackendInfo } from '../../../shared/tf';
import type { CounterfactualModel } from '../core/counterfactualModel';
import type { ConfounderCache } from './predict';
import type { Evaluation, ExampleInfo, ExampleRequest, FilterStats, FrameBatch, PredictProgress, PredictRequest, PredictResult, StatsProgress, StatsRequest, VideoRequest } from './protocol';
import { CophySession, filterStats } from './session';

/** Frames per transferred batch: 25 frames (one second of video) take about 30 ms to render. */
const BATCH = 25;

let session: CophySession | null = null;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function need(): CophySession {
  if (!session) throw new Error('No example loaded yet: the page loads one first.');
  return session;
}

const handlers = {
  load(args: ExampleRequest): ExampleInfo {
    const t0 = performance.now();
    session = CophySession.create(args.seed, args.index);
    const info = session.info(performance.now() - t0);
    return transfer(info, [info.firstFrame.buffer, info.abPositions.buffer, info.aPositions.buffer, info.aVelocities.buffer]);
  },

  evaluate(args: { seed: number; index: number; intervention: Evaluation['intervention'] }): Evaluation {
    const s = need();
    if (s.seed !== args.seed || s.example.index !== args.index) throw new Error('stale: another example was loaded since');
    const ev = s.evaluate(args.intervention);
    return transfer(ev, [ev.cFrame.buffer, ev.cdPositions.buffer, ev.cPositions.buffer]);
  },

  video: streamVideo,
  predict,

  stats(args: StatsRequest, ctx: HandlerContext<StatsProgress>): Promise<FilterStats> {
    return filterStats(args, { onProgress: (done, total) => ctx.progress({ done, total }), yieldNow: macrotask, cancelled: () => ctx.signal.aborted });
  },
};

async function streamVideo(args: VideoRequest & { seed: number; index: number }, ctx: HandlerContext<FrameBatch>): Promise<{ frames: number }> {
  const s = need();
  if (s.seed !== args.seed || s.example.index !== args.index) throw new Error('stale: another example was loaded since');
  let trajectory;
  let colors: number[];
  if (args.part === 'ab') {
    trajectory = s.example.ab;
    colors = [...s.example.colors];
  } else {
    if (!args.intervention) throw new Error('a CD video needs its intervention');
    // kept by this call: a drag may evaluate other C's while the frames stream
    ({ cd: trajectory, colors } = s.counterfactual(args.intervention));
  }
  for (let from = 0; from < trajectory.frames; from += BATCH) {
    if (ctx.signal.aborted) break;
    const count = Math.min(BATCH, trajectory.frames - from);
    const rgba = s.renderFrames(trajectory, colors, from, count);
    ctx.progress(transfer({ from, count, rgba }, [rgba.buffer]));
    await macrotask();
  }
  return { frames: trajectory.frames };
}

async function predict(args: PredictRequest, ctx: HandlerContext<PredictProgress>): Promise<PredictResult> {
  const t0 = performance.now();
  const s = need();
  if (s.seed !== args.seed || s.example.index !== args.index) throw new Error('stale: another example was loaded since');
  let m: CounterfactualModel;
  try {
    m = await loadModel(args.weightUrls, args.backend);
  } catch (e) {
    if (e instanceof Error && e.name === 'MissingWeightsError') return { kind: 'no-weights', intervention: args.intervention, message: e.message };
    throw e;
  }
  const { cd, colors } = s.counterfactual(args.intervention);
  const { predictD, ballsVideos } = await import('./predict');
  const { frames } = await predictD(
    m,
    { intervention: args.intervention, ...ballsVideos(s.example.ab, s.example.colors, cd, colors, s.example.floor), frame: args.frame, abKey: `${args.seed}/${args.index}` },
    { onProgress: (p, list) => ctx.progress(transfer(p, list as ArrayBuffer[])), yieldNow: macrotask, cancelled: () => ctx.signal.aborted, confounders },
  );
  return { kind: 'predicted', intervention: args.intervention, frames, model: m.name, backend: backendInfo, ms: performance.now() - t0 };
}

/**
 * The shipped model, loaded once per worker (tfjs and the model code arrive with the first `predict`,
 * in their own chunk). Missing weights stay missing for the worker's life (the page makes a new worker
 * on reload); any other failure (the network) is tried again by the next call.
 */
let model: Promise<CounterfactualModel> | null = null;
/** AB's confounder codes for the model above (worker/predict.ts): an edit of C reuses its example's. */
const confounders: ConfounderCache = new Map();
let backendInfo: BackendInfo | null = null;

function loadModel(weightUrls: PredictRequest['weightUrls'], backend: PredictRequest['backend']): Promise<CounterfactualModel> {
  if (!model) {
    model = import('./predict').then(({ loadWorkerModel }) => loadWorkerModel(weightUrls, backend, (info) => (backendInfo = info)));
    model.catch((e: unknown) => {
      if (!(e instanceof Error && e.name === 'MissingWeightsError')) model = null;
    });
  }
  return model;
}

export type CophyWorkerHandlers = typeof handlers;

exposeWorker(handlers);
