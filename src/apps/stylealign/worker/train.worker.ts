/**
 * The StyleAlign page's training worker: the kit's standard handlers (src/shared/run/trainingWorker.ts)
 * around a FineTuneSession (the child fine-tuned live from the shipped parent).
 */
import { exposeWorker } from '../../../shared/run/worker';
import { trainingHandlers } from '../../../shared/run/trainingWorker';
import { workerTf } from '../../../shared/run/tfHooks';
import type { FineTuneConfig, FineTuneSizes } from './protocol';
import { FineTuneSession } from './session';

const handlers = trainingHandlers({
  create: (args: { config: FineTuneConfig; sizes?: Partial<FineTuneSizes> }, opts) => FineTuneSession.create(args, opts),
  noSession: 'No fine-tune yet: press Run (the parent is loaded first).',
  tf: workerTf,
});

export type StyleAlignWorkerHandlers = typeof handlers;

exposeWorker(handlers);
