/**
 * The 3-D scenarios' worker (issue #14): Rapier's WASM, the simulation, the filter and the ray-caster
 * run here, never on the page's thread (session3d.ts). Started by the page only when BlocktowerCF or
 * CollisionCF is chosen, so neither Rapier nor this code loads for BallsCF. The page runs two of them:
 * one for the example and the user's C, one for the statistics (a tower example takes seconds of
 * uninterruptible generation, which must not hold up the verdict on a drag).
 *
 * Calls: `load` (an example), `evaluate` (a C: its rollouts and the verdict), `video` (AB or the
 * evaluated CD, streamed as FrameBatch progress), `stats` (the filter on a small sample).
 */
import { exposeWorker, transfer, type HandlerContext } from '../../../shared/run/worker';
import { initPhysics } from '../core3d/physics';
import type { FrameBatch } from './protocol';
import type { Evaluation3d, Example3dInfo, Example3dRequest, Stats3d, Stats3dProgress, Stats3dRequest, Video3dRequest } from './protocol3d';
import { Cophy3dSession, filterStats3d } from './session3d';
import type { Intervention3d } from './intervention3d';

/** Frames per transferred batch: 10 ray-cast frames take 50–300 ms here, depending on the load. */
const BATCH = 10;

let session: Cophy3dSession | null = null;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function need(args: { scenario: string; seed: number; index: number }): Cophy3dSession {
  if (!session) throw new Error('No example loaded yet: the page loads one first.');
  if (session.scenario !== args.scenario || session.seed !== args.seed || session.example.index !== args.index) throw new Error('stale: another example was loaded since');
  return session;
}

const handlers = {
  async load(args: Example3dRequest): Promise<Example3dInfo> {
    const t0 = performance.now();
    await initPhysics();
    session = null;
    session = Cophy3dSession.create(args.scenario, args.seed, args.index);
    const info = session.info(performance.now() - t0);
    return transfer(info, [info.firstFrame.buffer]);
  },

  evaluate(args: Example3dRequest & { intervention: Intervention3d }): Evaluation3d {
    const ev = need(args).evaluate(args.intervention);
    return transfer(ev, [ev.cFrame.buffer]);
  },

  async video(args: Video3dRequest, ctx: HandlerContext<FrameBatch>): Promise<{ frames: number }> {
    const s = need(args);
    let trajectory;
    let kinds;
    let colors: readonly number[];
    if (args.part === 'ab') {
      trajectory = s.example.ab;
      kinds = s.example.a.kinds;
      colors = s.example.colors;
    } else {
      if (!args.intervention) throw new Error('a CD video needs its intervention');
      ({ cd: trajectory, kinds, colors } = s.counterfactual(args.intervention));
    }
    for (let from = 0; from < trajectory.frames; from += BATCH) {
      if (ctx.signal.aborted) break;
      const count = Math.min(BATCH, trajectory.frames - from);
      const rgba = s.renderFrames(trajectory, kinds, colors, from, count);
      ctx.progress(transfer({ from, count, rgba }, [rgba.buffer]));
      await macrotask();
    }
    return { frames: trajectory.frames };
  },

  async stats(args: Stats3dRequest, ctx: HandlerContext<Stats3dProgress>): Promise<Stats3d> {
    await initPhysics();
    return filterStats3d(args, { onProgress: (done, total) => ctx.progress({ done, total }), yieldNow: macrotask, cancelled: () => ctx.signal.aborted });
  },
};

export type Cophy3dWorkerHandlers = typeof handlers;

exposeWorker(handlers);
