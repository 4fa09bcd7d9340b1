/**
 * The iLQR-VAE demo's training worker: the kit's standard handlers (src/shared/run/trainingWorker.ts)
 * around an IlqrSession, plus `infer` (one iLQR solve, every iteration kept) as an extra. The
 * science is plain JavaScript, so the worker never loads tfjs (plainHooks).
 */
import { exposeWorker } from '../../../shared/run/worker';
import { plainHooks } from '../../../shared/run/plainHooks';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import type { SessionConfig } from './protocol';
import { IlqrSession } from './session';

const handlers = trainingHandlers({
  create: (args: { config: SessionConfig }, opts) => IlqrSession.create(args.config, opts),
  extras: {
    /** iLQR on one trial from a cold start with the current model. */
    infer: (session: IlqrSession, args: { trial: number }, opts) => session.infer(args.trial, opts),
    /** The trained model on one long held-out trial. */
    longTrial: (session: IlqrSession, args: { bins: number }, opts) => session.longTrial(args.bins, opts),
  },
  noSession: 'No model yet: press Run (the trials are generated first).',
  extraNoSession: {
    infer: 'Press Run first: iLQR needs a model (even step 1 of training will do).',
    longTrial: 'Train first (Run): the long trial is scored with the trained model.',
  },
  tf: plainHooks('iLQR and the ELBO gradients are plain JavaScript on Float64Array; this worker does not load TensorFlow.js.'),
});

export type IlqrWorkerHandlers = typeof handlers;

exposeWorker(handlers);
