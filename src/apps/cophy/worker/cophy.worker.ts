/**
 * The Filtered-CoPhy page's worker: the example, the user's C and its verdict, the frames and the
 * filter's statistics (session.ts), so that the page never simulates or renders itself. Plain
 * JavaScript (no tfjs). Frames travel as transferred RGBA buffers, in batches.
 *
 * Calls: `load` (an example; AB's 2^N rollouts), `evaluate` (a C: CD's rollouts and the verdict),
 * `video` (AB or the evaluated CD, streamed as FrameBatch progress), `stats` (the filter on a sample).
 * The trained model's `predict` joins them when CoDy's weights ship (protocol.ts).
 */
import { exposeWorker, transfer, type HandlerContext } from '../../../shared/run/worker';
import { sameIntervention } from '../intervention';
import type { Evaluation, ExampleInfo, ExampleRequest, FilterStats, FrameBatch, StatsProgress, StatsRequest, VideoRequest } from './protocol';
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

  async video(args: VideoRequest & { seed: number; index: number }, ctx: HandlerContext<FrameBatch>): Promise<{ frames: number }> {
    const s = need();
    if (s.seed !== args.seed || s.example.index !== args.index) throw new Error('stale: another example was loaded since');
    let trajectory;
    let colors: number[];
    if (args.part === 'ab') {
      trajectory = s.example.ab;
      colors = [...s.example.colors];
    } else {
      let latest = s.latest();
      if (!latest || !args.intervention || !sameIntervention(latest.intervention, args.intervention)) {
        if (!args.intervention) throw new Error('a CD video needs its intervention');
        const ev = s.evaluate(args.intervention);
        if (ev.problem) throw new Error(ev.problem);
        latest = s.latest();
      }
      // kept by this call: a drag may evaluate other C's while the frames stream
      trajectory = latest!.cd;
      colors = latest!.colors;
    }
    for (let from = 0; from < trajectory.frames; from += BATCH) {
      if (ctx.signal.aborted) break;
      const count = Math.min(BATCH, trajectory.frames - from);
      const rgba = s.renderFrames(trajectory, colors, from, count);
      ctx.progress(transfer({ from, count, rgba }, [rgba.buffer]));
      await macrotask();
    }
    return { frames: trajectory.frames };
  },

  stats(args: StatsRequest, ctx: HandlerContext<StatsProgress>): Promise<FilterStats> {
    return filterStats(args, { onProgress: (done, total) => ctx.progress({ done, total }), yieldNow: macrotask, cancelled: () => ctx.signal.aborted });
  },
};

export type CophyWorkerHandlers = typeof handlers;

exposeWorker(handlers);
