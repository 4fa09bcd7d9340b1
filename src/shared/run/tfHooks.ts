/**
 * The real tfjs facilities of a training worker (src/shared/tf), for `trainingHandlers({ tf: workerTf })`.
 * A separate module so the handlers themselves can be tested over a MessageChannel with fakes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, isContextLost, simulateContextLoss } from '../tf';
import type { TfHooks } from './trainingWorker';

export const workerTf: TfHooks = {
  initBackend,
  isContextLost,
  simulateContextLoss,
  numTensors: () => tf.memory().numTensors,
};
