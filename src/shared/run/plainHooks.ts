/**
 * The TfHooks of a training worker whose science is plain JavaScript (typed arrays, no tfjs), for
 * `trainingHandlers({ tf: plainHooks(reason) })`: the worker never loads tfjs, has no WebGL context to
 * lose and holds no tensors, so the page's leak check reads 0 and the context-loss button stays hidden.
 */
import type { TfHooks } from './trainingWorker';

/** `reason` is what the Diagnostics fold shows as the worker's "backend", e.g. why no tfjs is needed. */
export function plainHooks(reason: string): TfHooks {
  return {
    initBackend: () => Promise.resolve({ name: 'cpu', reason, forced: false }),
    isContextLost: () => false,
    simulateContextLoss: () => false,
    numTensors: () => 0,
  };
}
