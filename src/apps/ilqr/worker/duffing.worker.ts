/**
 * The Duffing system's training worker (system (d), Appendix I): the kit's standard handlers
 * (src/shared/run/trainingWorker.ts) around a DuffingSession, plus `infer` (one iLQR solve on a
 * held-out trial, every iteration kept) as an extra. The science is plain JavaScript, so the worker
 * never loads tfjs (plainHooks).
 */
import { exposeWorker } from '../../../shared/run/worker';
import { plainHooks } from '../../../shared/run/plainHooks';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import type { DuffingSessionConfig } from './protocolDuffing';
import { DuffingSession } from './sessionDuffing';

const handlers = trainingHandlers({
  create: (args: { config: DuffingSessionConfig }, opts) => DuffingSession.create(args.config, opts),
  extras: {
    /** iLQR on one held-out trial from a cold start with the current model. */
    infer: (session: DuffingSession, args: { trial: number }, opts) => session.infer(args.trial, opts),
  },
  noSession: 'No model yet: press Run (the spike trains are generated first).',
  extraNoSession: {
    infer: 'Press Run first: iLQR needs a model (even step 1 of training will do).',
  },
  tf: plainHooks('The Duffing model (MGU2), iLQR and the ELBO gradients are plain JavaScript on Float64Array; this worker does not load TensorFlow.js.'),
});

export type DuffingWorkerHandlers = typeof handlers;

exposeWorker(handlers);
