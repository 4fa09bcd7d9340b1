/**
 * `npm run bench -- tf`: what the WASM training kernels buy. Each figure is measured twice on the
 * wasm backend: with tfjs 4.22's stock kernels ("stock") and with ours ("fast"). Timings only; the
 * numerical agreement is checked in wasmKernels.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-wasm';
import { measureMs, type BenchFigure } from '../bench';
import { createRng } from '../random';
import { initNodeBackend } from './node';
import { registerWasmTrainingKernels, restoreStockWasmKernels } from './wasmKernels';

function randomTensor(shape: number[], seed: string): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(size);
  for (let i = 0; i < size; i++) v[i] = rng.normal();
  return tf.tensor(v, shape);
}

/** A small image-classifier CNN: 32×32×3 input, conv16-pool-conv32-pool-dense10, softmax cross-entropy, Adam. */
function buildCnn(): tfl.Sequential {
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [32, 32, 3], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, kernelInitializer: init(3) }),
    ],
  });
}

/**
 * Runs `make` and waits for its result to be computed (dataSync), then frees it. The readback stays
 * outside tf.tidy: tidy walks whatever its function returns, and walking a large typed array element by
 * element costs more than the matMul being measured.
 */
function compute(make: () => tf.Tensor): void {
  const t = make();
  t.dataSync();
  t.dispose();
}

interface Case {
  name: string;
  run: () => void;
}

/** Times `c` with median ms; a kernel that is missing is reported as NaN with the reason. */
async function time(c: Case, variant: string, opts: { repeats: number; warmup: number }): Promise<BenchFigure> {
  try {
    const ms = await measureMs(c.run, opts);
    return { name: `${c.name} [${variant}]`, value: ms, unit: 'ms' };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const missing = /Kernel '(\w+)' not registered/.exec(msg);
    return {
      name: `${c.name} [${variant}]`,
      value: Number.NaN,
      unit: 'ms',
      note: missing ? `cannot train: ${missing[1]} missing` : `failed: ${msg}`,
    };
  }
}

export default async function bench(opts: { quick: boolean }): Promise<BenchFigure[]> {
  await initNodeBackend('wasm');
  const timing = opts.quick ? { repeats: 3, warmup: 1 } : { repeats: 7, warmup: 2 };
  const batch = 64;

  // Inputs shared by both variants, made once.
  const a = randomTensor([1024, 256], 'a'); // x of a dense layer: dW = xᵀ·dy uses transposeA
  const b = randomTensor([1024, 256], 'b');
  const dyConv = randomTensor([batch, 16, 16, 32], 'dy'); // the second conv's output gradient
  const filter = randomTensor([3, 3, 16, 32], 'w');
  const dyStrided = randomTensor([batch, 8, 8, 32], 'dy2');
  const xs = randomTensor([batch, 32, 32, 3], 'x');
  const poolIn = randomTensor([batch, 32, 32, 16], 'p');
  const pooled = tf.maxPool(poolIn as tf.Tensor4D, 2, 2, 'valid');
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32'), 10));
  const model = buildCnn();
  const optimizer = tf.train.adam(1e-3);

  const cases: Case[] = [
    { name: 'matMul 1024×256ᵀ · 1024×256 (transposeA)', run: () => compute(() => tf.matMul(a, b, true, false)) },
    { name: 'matMul 1024×256 · 1024×256ᵀ (transposeB)', run: () => compute(() => tf.matMul(a, b, false, true)) },
    {
      name: `conv2d input gradient ${batch}×16×16×16 ← 3×3×16×32, stride 1`,
      run: () => compute(() => tf.conv2dTranspose(dyConv as tf.Tensor4D, filter as tf.Tensor4D, [batch, 16, 16, 16], 1, 'same')),
    },
    {
      name: `conv2d input gradient ${batch}×16×16×16 ← 3×3×16×32, stride 2`,
      run: () => compute(() => tf.conv2dTranspose(dyStrided as tf.Tensor4D, filter as tf.Tensor4D, [batch, 16, 16, 16], 2, 'same')),
    },
    {
      name: `maxPool 2×2 gradient ${batch}×32×32×16`,
      run: () =>
        compute(() => tf.engine().runKernel('MaxPoolGrad', { dy: pooled, input: poolIn, output: pooled }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor),
    },
    {
      name: `avgPool 2×2 gradient ${batch}×32×32×16`,
      run: () => compute(() => tf.engine().runKernel('AvgPoolGrad', { dy: pooled, input: poolIn }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor),
    },
    {
      name: `CNN training step 32×32×3, batch ${batch}, conv16-pool-conv32-pool-dense10, Adam`,
      run: () => {
        const loss = optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(labels, model.apply(xs) as tf.Tensor) as tf.Scalar,
          true,
        );
        loss?.dataSync();
        loss?.dispose();
      },
    },
  ];

  const figures: BenchFigure[] = [];
  try {
    restoreStockWasmKernels();
    const stock: BenchFigure[] = [];
    for (const c of cases) stock.push(await time(c, 'stock wasm', timing));
    registerWasmTrainingKernels();
    for (let i = 0; i < cases.length; i++) {
      const fast = await time(cases[i], 'fast wasm', timing);
      const before = stock[i];
      if (Number.isFinite(before.value) && Number.isFinite(fast.value)) {
        fast.note = `${(before.value / fast.value).toFixed(1)}× faster than stock`;
      }
      figures.push(before, fast);
    }
  } finally {
    registerWasmTrainingKernels();
    tf.dispose([a, b, dyConv, filter, dyStrided, xs, labels, poolIn, pooled]);
    optimizer.dispose();
    model.dispose();
  }
  return figures;
}
