/**
 * The Lorenz views' worker (system (c), paper §3.2): the kit's standard handlers
 * (src/shared/run/trainingWorker.ts) around a LorenzSession, which loads the shipped checkpoint
 * instead of training, and its extras: one test trial's posterior, an iLQR solve iteration by
 * iteration, a prediction from bin t, R²_k recomputed. Plain JavaScript (plainHooks): no tfjs.
 * The page starts it only when the Lorenz system is picked.
 */
import { exposeWorker } from '../../../shared/run/worker';
import { plainHooks } from '../../../shared/run/plainHooks';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import { LorenzSession } from './sessionLorenz';

const handlers = trainingHandlers({
  create: (args: Record<string, never>, opts) => LorenzSession.create(args, opts),
  extras: {
    /** One test trial's posterior: the reconstruction and the inferred inputs' sizes. */
    trial: (session: LorenzSession, args: { trial: number }, opts) => session.trial(args.trial, opts),
    /** iLQR on one test trial from a cold start, every iteration kept. */
    infer: (session: LorenzSession, args: { trial: number }, opts) => session.infer(args.trial, opts),
    /** The model sees the trial up to bin `from`, then runs on without input. */
    predict: (session: LorenzSession, args: { trial: number; from: number }, opts) => session.predict(args.trial, args.from, opts),
    /** R²_k of the checkpoint on the test trials, recomputed in this browser. */
    recomputeR2: (session: LorenzSession, _args: Record<string, never>, opts) => session.recomputeR2(opts),
  },
  noSession: 'The Lorenz model is trained offline by scripts/train/ilqr.ts: there is nothing to step on this page.',
  extraNoSession: {
    trial: 'The Lorenz checkpoint is still loading.',
    infer: 'The Lorenz checkpoint is still loading.',
    predict: 'The Lorenz checkpoint is still loading.',
    recomputeR2: 'The Lorenz checkpoint is still loading.',
  },
  tf: plainHooks('The Lorenz model (MGU2) and iLQR are plain JavaScript on Float64Array; this worker does not load TensorFlow.js.'),
});

export type LorenzWorkerHandlers = typeof handlers;

exposeWorker(handlers);
