/**
 * Leak checks for tests (and dev-time assertions). Kept free of any test framework so core code and
 * experiments can use it too.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `fn` (sync or async) and throws if the number of live tensors differs afterwards. A function
 * that returns a tensor it created counts as leaking it: dispose inside, or return plain data.
 */
export async function expectNoLeak<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  if (after !== before) {
    const delta = after - before;
    throw new Error(
      `expectNoLeak: ${Math.abs(delta)} tensor${Math.abs(delta) === 1 ? '' : 's'} ${delta > 0 ? 'leaked' : 'disposed that the function did not create'} ` +
        `(numTensors ${before} -> ${after})`,
    );
  }
  return result;
}
