/**
 * Backend start-up for Node (tests, experiments, weight training). `@tensorflow/tfjs-node` cannot be
 * installed here (its install script downloads libtensorflow), so Node runs the WASM backend: the
 * `.wasm` files ship inside the package and load from disk without `setWasmPaths`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
// Gradients for training (tf.grad, tf.variableGrads, optimizers): tfjs-core registers none by itself,
// and its ESM file that does (dist/register_all_gradients.js) cannot load in Node (it imports
// directories). tfjs-layers' Node bundle carries a copy and registers them in tfjs-core's global
// registry on import, as the umbrella @tensorflow/tfjs did.
import '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from './wasmKernels';

/** Sets `name` as the tfjs backend (awaiting its start-up) and, for wasm, installs the training kernels. */
export async function initNodeBackend(name: 'wasm' | 'cpu' = 'wasm'): Promise<void> {
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (name === 'wasm') {
    // tfjs already forces this off in Node; set it anyway so behaviour does not hinge on that.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    registerWasmTrainingKernels();
  }
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`initNodeBackend: could not start the '${name}' backend`);
  await tf.ready();
}
