/**
 * The real tfjs facilities of a training worker (src/shared/tf), for `trainingHandlers({ tf: workerTf })`.
 * A separate module so the handlers themselves can be tested over a MessageChannel with fakes.
 */
import * as tf from '@tensorflow/tfjs-core';
// Training needs tfjs-core's gradient functions, which it does not register by itself (the umbrella
// @tensorflow/tfjs did). The ESM file cannot load in Node (src/shared/tf/node.ts does it there).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initBackend, isContextLost, simulateContextLoss } from '../tf';
import type { TfHooks } from './trainingWorker';

export const workerTf: TfHooks = {
  initBackend,
  isContextLost,
  simulateContextLoss,
  numTensors: () => tf.memory().numTensors,
};
