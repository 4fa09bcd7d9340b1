/**
 * The 3-D scenarios' worker (issue #14): Rapier's WASM, the simulation, the filter and the ray-caster
 * run here, never on the page's thread (session3d.ts). Started by the page only when BlocktowerCF or
 * CollisionCF is chosen, so neither Rapier nor this code loads for BallsCF. The page runs two of them:
 * one for the example and the user's C, one for the statistics (a tower example takes seconds of
 * uninterruptible generation, which must not hold up the verdict on a drag).
 *
 * Calls: `load` (an example), `evaluate` (a C: its rollouts and the verdict), `video` (AB or the
 * evaluated CD, streamed as FrameBatch progress), `stats` (the filter on a small sample), `predict`
 * (the scenario's trained model's D, as BallsCF's worker: tfjs, the model code and the weights of
 * src/apps/cophy/weights/<scenario>/ load on the first call only; 'no-weights' until they ship).
 */
import { exposeWorker, transfer, type HandlerContext } from '../../../shared/run/worker';
import type { BackendInfo } from '../../../shared/tf';
import type { CounterfactualModel } from '../core/counterfactualModel';
import type { Scenario3d } from '../core3d/dataset3d';
import { initPhysics } from '../core3d/physics';
import type { ConfounderCache } from './predict';
import type { FrameBatch, PredictProgress, PredictResult } from './protocol';
import type { Evaluation3d, Example3dInfo, Example3dRequest, Predict3dRequest, Stats3d, Stats3dProgress, Stats3dRequest, Video3dRequest } from './protocol3d';
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

  async predict(args: Predict3dRequest, ctx: HandlerContext<PredictProgress<Intervention3d>>): Promise<PredictResult<Intervention3d>> {
    const t0 = performance.now();
    const s = need(args);
    let m: CounterfactualModel;
    try {
      m = await loadModel(args.scenario, args.weightUrls, args.backend);
    } catch (e) {
      if (e instanceof Error && e.name === 'MissingWeightsError') return { kind: 'no-weights', intervention: args.intervention, message: e.message };
      throw e;
    }
    const { cd, kinds, colors } = s.counterfactual(args.intervention);
    const [{ predictD }, { videos3d }] = await Promise.all([import('./predict'), import('./predict3d')]);
    const { frames } = await predictD(
      m,
      { intervention: args.intervention, ...videos3d(s.example, cd, kinds, colors), frame: args.frame, abKey: `${args.scenario}/${args.seed}/${args.index}` },
      { onProgress: (p, list) => ctx.progress(transfer(p, list as ArrayBuffer[])), yieldNow: macrotask, cancelled: () => ctx.signal.aborted, confounders: confounders.get(args.scenario)! },
    );
    return { kind: 'predicted', intervention: args.intervention, frames, model: m.name, backend: backendInfo, ms: performance.now() - t0 };
  },
};

/**
 * Each scenario's shipped model, loaded once per worker (as BallsCF's worker: missing weights stay
 * missing for the worker's life; another failure is tried again by the next call), with its ABs'
 * confounder codes.
 */
const models = new Map<Scenario3d, Promise<CounterfactualModel>>();
const confounders = new Map<Scenario3d, ConfounderCache>();
let backendInfo: BackendInfo | null = null;

function loadModel(scenario: Scenario3d, weightUrls: Predict3dRequest['weightUrls'], backend: Predict3dRequest['backend']): Promise<CounterfactualModel> {
  let model = models.get(scenario);
  if (!model) {
    model = import('./predict').then(({ loadWorkerModel }) => loadWorkerModel(weightUrls, backend, (info) => (backendInfo = info)));
    models.set(scenario, model);
    confounders.set(scenario, new Map());
    model.catch((e: unknown) => {
      if (!(e instanceof Error && e.name === 'MissingWeightsError')) models.delete(scenario);
    });
  }
  return model;
}

export type Cophy3dWorkerHandlers = typeof handlers;

exposeWorker(handlers);
