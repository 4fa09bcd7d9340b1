// A fresh module state (own file = own fork): the first initBackend picks cpu, and the wasm backend
// must still be loaded with its training kernels so that switching to it later trains.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients'; // for tf.grad below (tfjs-core alone has none)
import { expect, it } from 'vitest';
import { initBackend, wasmTrainingKernelsRegistered } from './index';

it('loads wasm and its training kernels even when another backend wins', async () => {
  const info = await initBackend({ force: 'cpu' });
  expect(info.name).toBe('cpu');
  expect(wasmTrainingKernelsRegistered()).toBe(true);
  expect(await tf.setBackend('wasm')).toBe(true);
  const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
  const f = tf.ones([2, 2, 1, 1]) as tf.Tensor4D;
  // Conv2DBackpropFilter does not exist in stock wasm: this only runs with our kernels.
  const df = tf.grad((ff: tf.Tensor) => tf.sum(tf.conv2d(x, ff as tf.Tensor4D, 1, 'valid')))(f);
  expect(Array.from(await df.data())).toEqual([9, 9, 9, 9]);
  tf.dispose([x, f, df]);
});
