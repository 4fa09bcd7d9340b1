/**
 * Saving and restoring a `tf.train.adam` optimiser (tfjs's own Adam), for training that resumes
 * after a reload. Its state is its moments (created on the first step), its iteration count and its
 * running products β^(k+1). The products are read and written back as they are: `setWeights`
 * recomputes them with a pow kernel, which need not round like the running product on every
 * backend (on WASM the two agree; WebGL's pow goes through exp and log). Demos that write their own
 * Adam use src/shared/tf/adam.ts instead, whose state is plain data already.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface TfAdamState {
  iterations: number;
  accBeta1: number;
  accBeta2: number;
  /** The first moments, then the second, in the optimiser's order (its variables' first-update order). */
  moments: { name: string; values: Float32Array; shape: number[] }[];
}

/** tfjs keeps the running products private; they are part of the state all the same. */
type AdamInternals = { accBeta1: tf.Variable; accBeta2: tf.Variable };

export async function saveTfAdam(optimizer: tf.AdamOptimizer): Promise<TfAdamState> {
  const [iter, ...moments] = await optimizer.getWeights();
  const betas = optimizer as unknown as AdamInternals;
  const state: TfAdamState = {
    iterations: (iter.tensor.dataSync() as Int32Array)[0],
    accBeta1: betas.accBeta1.dataSync()[0],
    accBeta2: betas.accBeta2.dataSync()[0],
    moments: moments.map((m) => ({ name: m.name, values: (m.tensor.dataSync() as Float32Array).slice(), shape: [...m.tensor.shape] })),
  };
  iter.tensor.dispose(); // a fresh scalar; the moments are the optimiser's own variables
  return state;
}

/** Into an optimiser that has taken no step (it has no moments yet). */
export async function restoreTfAdam(optimizer: tf.AdamOptimizer, state: TfAdamState): Promise<void> {
  const named = [
    { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') as tf.Tensor },
    ...state.moments.map((m) => ({ name: m.name, tensor: tf.tensor(m.values, m.shape) })),
  ];
  await optimizer.setWeights(named);
  // setWeights made variables of the moments; the tensors handed to it are ours to free.
  tf.dispose(named.map((n) => n.tensor));
  const betas = optimizer as unknown as AdamInternals;
  tf.tidy(() => {
    betas.accBeta1.assign(tf.scalar(state.accBeta1));
    betas.accBeta2.assign(tf.scalar(state.accBeta2));
  });
}
