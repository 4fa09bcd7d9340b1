/**
 * Fast training kernels for tfjs 4.22's WASM backend.
 *
 * Stock `wasm` cannot train a conv net and is slow at the backward pass of dense layers
 * (`npm run bench -- tf` times stock against these; figures in README.md):
 * - `Conv2DBackpropFilter` (and the depthwise filter/input gradients) are not registered at all;
 * - `BatchMatMul` / `_FusedMatMul` with `transposeA`/`transposeB` take a slow path, and every
 *   matMul gradient sets those flags;
 * - `Conv2DBackpropInput` is a naive loop;
 * - `MaxPoolGrad` and `AvgPoolGrad` are slow enough to matter in a small CNN's training step;
 * - `Slice`, `SplitV` and `Unpack` copy their whole input out of the heap for every output (see
 *   sliceKernels);
 * - the forward convs (`Conv2D`, `DepthwiseConv2dNative` and their fused forms) compute wrong values
 *   for 'same' padding when stride > kernel (see samePaddingFix); wrapped to pass explicit pads then.
 *
 * Each kernel here is rewritten in terms of ops the WASM backend runs fast (XNNPACK conv2d, plain
 * matMul, transpose, pad, reverse), or for the pool gradients as one JS loop over the WASM heap.
 * Kernels run with the tape off (engine.kernelDepth > 0), so the ops used inside record no gradients. Inputs arrive as raw TensorInfos owned by the caller: to use them
 * with ops we wrap them as Tensors, and we take a backend reference first (`backend.incRef`) because
 * disposing a wrapper decrements the data's ref count, which would otherwise free the caller's data.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
type RoundingMode = 'floor' | 'round' | 'ceil' | undefined;
type Pair = [number, number];

/** Minimal view of a backend that keeps reference counts (true for wasm, cpu and webgl). */
interface RefCountedBackend {
  incRef(dataId: object): void;
}

const BACKEND = 'wasm';

/** Marks kernel configs created here, so a second registration is a no-op (idempotence). */
const OURS = Symbol.for('oral-demos.wasmTrainingKernel');

function pair(v: number | number[] | undefined, fallback = 1): Pair {
  if (v == null) return [fallback, fallback];
  if (typeof v === 'number') return [v, v];
  return [v[0], v[1]];
}

/**
 * Wraps a kernel input as a Tensor that may be disposed freely: it holds its own reference to the
 * backend data, so disposing it never frees the caller's tensor.
 */
function wrap<R extends tf.Rank>(info: TensorInfo, backend: unknown): tf.Tensor<R> {
  (backend as RefCountedBackend).incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}

/**
 * Shifts and resizes one spatial axis (1 = height, 2 = width) of an NHWC tensor: prepends `front`
 * zero rows (negative: drops -front rows), then pads with zeros or crops at the end so the axis has
 * exactly `size` entries. Returns the input itself when nothing changes.
 */
function shiftAndFit(x: tf.Tensor4D, axis: 1 | 2, front: number, size: number): tf.Tensor4D {
  let y = x;
  if (front < 0) {
    const begin = [0, 0, 0, 0];
    begin[axis] = -front;
    y = tf.slice(y, begin);
  } else if (front > 0) {
    const p: Array<[number, number]> = [[0, 0], [0, 0], [0, 0], [0, 0]];
    p[axis] = [front, 0];
    y = tf.pad(y, p);
  }
  const len = y.shape[axis];
  if (len > size) {
    const sz = [-1, -1, -1, -1];
    sz[axis] = size;
    y = tf.slice(y, [0, 0, 0, 0], sz);
  } else if (len < size) {
    const p: Array<[number, number]> = [[0, 0], [0, 0], [0, 0], [0, 0]];
    p[axis] = [0, size - len];
    y = tf.pad(y, p);
  }
  return y;
}

/**
 * Zero insertion for strided transposed convolution: [b, h, w, c] -> [b, h*sH, w*sW, c] with the
 * input at rows/cols that are multiples of the stride and zeros elsewhere. Done with 4-D reshapes and
 * pads only (cheap memory moves on WASM).
 */
function zeroInsert(x: tf.Tensor4D, sH: number, sW: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  let y: tf.Tensor4D = x;
  if (sH > 1) {
    // Each row becomes a row followed by sH-1 zero rows.
    y = tf.pad(tf.reshape(y, [b, h, 1, w * c]), [[0, 0], [0, 0], [0, sH - 1], [0, 0]]);
    y = tf.reshape(y, [b, h * sH, w, c]);
  }
  if (sW > 1) {
    const rows = y.shape[1];
    y = tf.pad(tf.reshape(y, [b * rows, w, 1, c]), [[0, 0], [0, 0], [0, sW - 1], [0, 0]]);
    y = tf.reshape(y, [b, rows, w * sW, c]);
  }
  return y;
}

function convInfo(
  inShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: Pair,
  pad: Pad,
  dimRoundingMode: RoundingMode,
  depthwise: boolean,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    inShape,
    filterShape,
    strides,
    [1, 1],
    pad,
    dimRoundingMode,
    depthwise,
    'channelsLast',
  );
}

/**
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} xPad[b, oh·sH + kh, ow·sW + kw, ci] · dy[b,oh,ow,co].
 * Reading ci as the batch, b as the input channel and dy as the filter, this is a conv2d of
 * xPadᵀ [ci, H', W', b] with dyᵀ [oh, ow, b, co] at dilation = the forward stride, stride 1, 'valid'.
 */
export function conv2dFilterGradNHWC(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: Pair,
  pad: Pad,
  dimRoundingMode?: RoundingMode,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = convInfo(x.shape, filterShape, strides, pad, dimRoundingMode, false);
    const [sH, sW] = strides;
    // The rows the forward conv actually read: (outH-1)·s + kH of them, starting at -padTop.
    const needH = (info.outHeight - 1) * sH + info.filterHeight;
    const needW = (info.outWidth - 1) * sW + info.filterWidth;
    let xp = shiftAndFit(x, 1, info.padInfo.top, needH);
    xp = shiftAndFit(xp, 2, info.padInfo.left, needW);
    const xT = tf.transpose(xp, [3, 1, 2, 0]); // [ci, needH, needW, b]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [oh, ow, b, co]
    const dilations: Pair = [sH, sW];
    const out = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', dilations); // [ci, kH, kW, co]
    return tf.transpose(out, [1, 2, 0, 3]);
  });
}

/**
 * dx = conv2d(stride 1, 'valid') of the zero-inserted dy, shifted by (kH-1-padTop, kW-1-padLeft) and
 * fitted to H+kH-1 × W+kW-1, with the kernel reversed in space and its in/out channels swapped.
 */
export function conv2dInputGradNHWC(
  inputShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: Pair,
  pad: Pad,
  dimRoundingMode?: RoundingMode,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = convInfo(inputShape, filter.shape, strides, pad, dimRoundingMode, false);
    const [, h, w] = inputShape;
    const kH = info.filterHeight;
    const kW = info.filterWidth;
    let up = zeroInsert(dy, strides[0], strides[1]);
    up = shiftAndFit(up, 1, kH - 1 - info.padInfo.top, h + kH - 1);
    up = shiftAndFit(up, 2, kW - 1 - info.padInfo.left, w + kW - 1);
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kH, kW, co, ci]
    return tf.conv2d(up, flipped, 1, 'valid');
  });
}

/**
 * Depthwise filter gradient, dW[kh,kw,c,m] = Σ_{b,oh,ow} xPad[b, oh·s+kh, ow·s+kw, c] · dy[b,oh,ow,c·M+m].
 * With (c, b) flattened into channels of a batch-1 image, each channel is an independent correlation:
 * a depthwise conv at dilation = stride with dy as the filter, followed by a sum over b.
 */
export function depthwiseFilterGradNHWC(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: Pair,
  pad: Pad,
  dimRoundingMode?: RoundingMode,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = convInfo(x.shape, filterShape, strides, pad, dimRoundingMode, true);
    const [b] = x.shape;
    const [kH, kW, c, m] = filterShape;
    const [sH, sW] = strides;
    const needH = (info.outHeight - 1) * sH + kH;
    const needW = (info.outWidth - 1) * sW + kW;
    let xp = shiftAndFit(x, 1, info.padInfo.top, needH);
    xp = shiftAndFit(xp, 2, info.padInfo.left, needW);
    // [1, needH, needW, c·b]: channel index c·b + bi.
    const xT = tf.reshape(tf.transpose(xp, [1, 2, 3, 0]), [1, needH, needW, c * b]) as tf.Tensor4D;
    // [oh, ow, c·b, m] from dy [b, oh, ow, c·m].
    const dy5 = tf.reshape(dy, [b, info.outHeight, info.outWidth, c, m]);
    const f = tf.reshape(tf.transpose(dy5, [1, 2, 3, 0, 4]), [info.outHeight, info.outWidth, c * b, m]) as tf.Tensor4D;
    const out = tf.depthwiseConv2d(xT, f, 1, 'valid', 'NHWC', [sH, sW]); // [1, kH, kW, c·b·m]
    return tf.sum(tf.reshape(out, [kH, kW, c, b, m]), 3);
  });
}

/**
 * Depthwise input gradient: every output channel c·M+m is a single-channel transposed conv of
 * channel c; run them as one depthwise conv (multiplier 1) over c·M channels with the reversed
 * kernel, then sum the M copies of each input channel.
 */
export function depthwiseInputGradNHWC(
  inputShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: Pair,
  pad: Pad,
  dimRoundingMode?: RoundingMode,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = convInfo(inputShape, filter.shape, strides, pad, dimRoundingMode, true);
    const [b, h, w, c] = inputShape;
    const [kH, kW, , m] = filter.shape;
    let up = zeroInsert(dy, strides[0], strides[1]);
    up = shiftAndFit(up, 1, kH - 1 - info.padInfo.top, h + kH - 1);
    up = shiftAndFit(up, 2, kW - 1 - info.padInfo.left, w + kW - 1);
    const flipped = tf.reshape(tf.reverse(filter, [0, 1]), [kH, kW, c * m, 1]) as tf.Tensor4D;
    const out = tf.depthwiseConv2d(up, flipped, 1, 'valid'); // [b, h, w, c·m]
    return tf.sum(tf.reshape(out, [b, h, w, c, m]), 4);
  });
}

const toNHWC = (t: tf.Tensor4D): tf.Tensor4D => tf.transpose(t, [0, 2, 3, 1]);
const toNCHW = (t: tf.Tensor4D): tf.Tensor4D => tf.transpose(t, [0, 3, 1, 2]);

function assertFloat(name: string, ...infos: TensorInfo[]): void {
  for (const i of infos) {
    if (i.dtype !== 'float32') throw new Error(`${name} (wasm training kernel): expected float32, got ${i.dtype}`);
  }
}

type KernelArgs = Parameters<KernelFunc>[0];

const conv2DBackpropFilter: KernelFunc = ({ inputs, backend, attrs }: KernelArgs) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as NamedAttrMap & {
    strides: number | number[];
    pad: Pad;
    dataFormat?: 'NHWC' | 'NCHW';
    dimRoundingMode?: RoundingMode;
    filterShape: [number, number, number, number];
  };
  assertFloat('Conv2DBackpropFilter', x, dy);
  return tf.tidy(() => {
    let xt = wrap<tf.Rank.R4>(x, backend);
    let dyt = wrap<tf.Rank.R4>(dy, backend);
    if (a.dataFormat === 'NCHW') {
      xt = toNHWC(xt);
      dyt = toNHWC(dyt);
    }
    return conv2dFilterGradNHWC(xt, dyt, a.filterShape, pair(a.strides), a.pad, a.dimRoundingMode);
  });
};

const conv2DBackpropInput: KernelFunc = ({ inputs, backend, attrs }: KernelArgs) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const a = attrs as NamedAttrMap & {
    strides: number | number[];
    pad: Pad;
    dataFormat?: 'NHWC' | 'NCHW';
    dimRoundingMode?: RoundingMode;
    inputShape: [number, number, number, number];
  };
  assertFloat('Conv2DBackpropInput', dy, filter);
  return tf.tidy(() => {
    let dyt = wrap<tf.Rank.R4>(dy, backend);
    const ft = wrap<tf.Rank.R4>(filter, backend);
    let shape = a.inputShape;
    const nchw = a.dataFormat === 'NCHW';
    if (nchw) {
      dyt = toNHWC(dyt);
      shape = [shape[0], shape[2], shape[3], shape[1]];
    }
    const dx = conv2dInputGradNHWC(shape, dyt, ft, pair(a.strides), a.pad, a.dimRoundingMode);
    return nchw ? toNCHW(dx) : dx;
  });
};

function assertUnitDilations(name: string, dilations: unknown): void {
  const [dH, dW] = pair(dilations as number | number[] | undefined);
  if (dH !== 1 || dW !== 1) {
    throw new Error(`${name} (wasm training kernel): dilations must be 1, got ${String(dilations)}`);
  }
}

const depthwiseBackpropFilter: KernelFunc = ({ inputs, backend, attrs }: KernelArgs) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as NamedAttrMap & {
    strides: number | number[];
    pad: Pad;
    dilations?: number | number[];
    dimRoundingMode?: RoundingMode;
    filterShape: [number, number, number, number];
  };
  assertFloat('DepthwiseConv2dNativeBackpropFilter', x, dy);
  assertUnitDilations('DepthwiseConv2dNativeBackpropFilter', a.dilations);
  return tf.tidy(() =>
    depthwiseFilterGradNHWC(
      wrap<tf.Rank.R4>(x, backend),
      wrap<tf.Rank.R4>(dy, backend),
      a.filterShape,
      pair(a.strides),
      a.pad,
      a.dimRoundingMode,
    ),
  );
};

const depthwiseBackpropInput: KernelFunc = ({ inputs, backend, attrs }: KernelArgs) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const a = attrs as NamedAttrMap & {
    strides: number | number[];
    pad: Pad;
    dilations?: number | number[];
    dimRoundingMode?: RoundingMode;
    inputShape: [number, number, number, number];
  };
  assertFloat('DepthwiseConv2dNativeBackpropInput', dy, filter);
  assertUnitDilations('DepthwiseConv2dNativeBackpropInput', a.dilations);
  return tf.tidy(() =>
    depthwiseInputGradNHWC(
      a.inputShape,
      wrap<tf.Rank.R4>(dy, backend),
      wrap<tf.Rank.R4>(filter, backend),
      pair(a.strides),
      a.pad,
      a.dimRoundingMode,
    ),
  );
};

/** The two methods of tfjs-backend-wasm's BackendWasm that a JS-loop kernel needs. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * MaxPoolGrad as one JS pass over views of the WASM heap, in place of the slow stock kernel
 * (README.md). Semantics are the CPU backend's: each output's gradient goes to the first maximum of its
 * window in raster order (strict '>' from -∞, padding excluded), summed where windows overlap; this
 * matters after ReLU, where all-zero windows tie. (MaxPoolWithArgmax + scatter is not an option: the
 * wasm argmax picks other positions on ties.)
 */
function maxPoolGradKernel(stock: KernelFunc | undefined): KernelFunc {
  return (args: KernelArgs) => {
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const a = args.attrs as NamedAttrMap & {
      filterSize: number | [number, number];
      strides: number | [number, number];
      pad: Pad;
      dimRoundingMode?: RoundingMode;
    };
    const backend = args.backend as unknown as WasmHeapBackend;
    if (input.dtype !== 'float32' || dy.dtype !== 'float32' || typeof backend.typedArrayFromHeap !== 'function') {
      if (!stock) throw new Error('MaxPoolGrad (wasm training kernel): only float32 is supported');
      return stock(args);
    }
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad as 'valid' | 'same' | number,
      a.dimRoundingMode,
    );
    const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth } = info;
    const fH = info.effectiveFilterHeight;
    const fW = info.effectiveFilterWidth;
    const { top, left } = info.padInfo;
    // Allocate first: growing the heap would detach views taken before.
    const out = backend.makeOutput(input.shape, 'float32');
    const dx = backend.typedArrayFromHeap(out) as Float32Array;
    const x = backend.typedArrayFromHeap(input) as Float32Array;
    const g = backend.typedArrayFromHeap(dy) as Float32Array;
    dx.fill(0);
    const best = new Float32Array(C);
    const bestAt = new Int32Array(C);
    for (let b = 0; b < batchSize; b++) {
      for (let oy = 0; oy < outHeight; oy++) {
        const y0 = oy * strideHeight - top;
        for (let ox = 0; ox < outWidth; ox++) {
          const x0 = ox * strideWidth - left;
          best.fill(-Infinity);
          bestAt.fill(-1);
          for (let ky = 0; ky < fH; ky++) {
            const y = y0 + ky;
            if (y < 0 || y >= inHeight) continue;
            for (let kx = 0; kx < fW; kx++) {
              const xx = x0 + kx;
              if (xx < 0 || xx >= inWidth) continue;
              const base = ((b * inHeight + y) * inWidth + xx) * C;
              for (let c = 0; c < C; c++) {
                const v = x[base + c];
                if (v > best[c]) {
                  best[c] = v;
                  bestAt[c] = base + c;
                }
              }
            }
          }
          const gBase = ((b * outHeight + oy) * outWidth + ox) * C;
          for (let c = 0; c < C; c++) if (bestAt[c] >= 0) dx[bestAt[c]] += g[gBase + c];
        }
      }
    }
    return out;
  };
}

/**
 * AvgPoolGrad as one JS pass, in place of the slow stock kernel (README.md). CPU semantics: every window position inside the input gets dy / (filterHeight·filterWidth).
 */
function avgPoolGradKernel(stock: KernelFunc | undefined): KernelFunc {
  return (args: KernelArgs) => {
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const a = args.attrs as NamedAttrMap & { filterSize: number | [number, number]; strides: number | [number, number]; pad: Pad };
    const backend = args.backend as unknown as WasmHeapBackend;
    if (input.dtype !== 'float32' || dy.dtype !== 'float32' || typeof backend.typedArrayFromHeap !== 'function') {
      if (!stock) throw new Error('AvgPoolGrad (wasm training kernel): only float32 is supported');
      return stock(args);
    }
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad as 'valid' | 'same' | number,
    );
    const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth } = info;
    const fH = info.effectiveFilterHeight;
    const fW = info.effectiveFilterWidth;
    const { top, left } = info.padInfo;
    const scale = 1 / (info.filterHeight * info.filterWidth);
    const out = backend.makeOutput(input.shape, 'float32');
    const dx = backend.typedArrayFromHeap(out) as Float32Array;
    const g = backend.typedArrayFromHeap(dy) as Float32Array;
    dx.fill(0);
    for (let b = 0; b < batchSize; b++) {
      for (let oy = 0; oy < outHeight; oy++) {
        const y0 = oy * strideHeight - top;
        for (let ox = 0; ox < outWidth; ox++) {
          const x0 = ox * strideWidth - left;
          const gBase = ((b * outHeight + oy) * outWidth + ox) * C;
          for (let ky = 0; ky < fH; ky++) {
            const y = y0 + ky;
            if (y < 0 || y >= inHeight) continue;
            for (let kx = 0; kx < fW; kx++) {
              const xx = x0 + kx;
              if (xx < 0 || xx >= inWidth) continue;
              const base = ((b * inHeight + y) * inWidth + xx) * C;
              for (let c = 0; c < C; c++) dx[base + c] += g[gBase + c] * scale;
            }
          }
        }
      }
    }
    return out;
  };
}

/**
 * Forward conv fix. Stock wasm passes 'same' padding to XNNPACK as its TensorFlow-SAME flag, which
 * computes wrong results when the input is longer than the last window needs (stride > kernel, e.g.
 * 3×3 input, 2×2 kernel, stride 3: wasm 0, cpu 22). In exactly those cases hand the kernel the same
 * padding as explicit pads (top/bottom/left/right from tfjs's own 'same' rule): same output shape,
 * correct values. Everything else goes to the stock kernel untouched.
 */
function samePaddingFix(stock: KernelFunc, depthwise: boolean): KernelFunc {
  return (args: KernelArgs) => {
    const a = args.attrs as NamedAttrMap & {
      pad: Pad;
      strides: number | [number, number];
      dilations?: number | [number, number];
      dataFormat?: string;
    };
    if (a.pad !== 'same' || (a.dataFormat != null && a.dataFormat !== 'NHWC')) return stock(args);
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    if (x.shape.length !== 4 || filter.shape.length !== 4) return stock(args);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      a.strides,
      a.dilations ?? 1,
      'same',
      undefined,
      depthwise,
    );
    const slackH = (info.outHeight - 1) * info.strideHeight + info.effectiveFilterHeight - info.inHeight;
    const slackW = (info.outWidth - 1) * info.strideWidth + info.effectiveFilterWidth - info.inWidth;
    if (slackH >= 0 && slackW >= 0) return stock(args);
    const { top, bottom, left, right } = info.padInfo;
    const explicit: tf.backend_util.ExplicitPadding = [[0, 0], [top, bottom], [left, right], [0, 0]];
    return stock({ ...args, attrs: { ...a, pad: explicit } as unknown as NamedAttrMap });
  };
}

/** Swaps the last two axes (rank ≥ 2). */
function transposeLast2(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(t, perm);
}

/**
 * BatchMatMul / _FusedMatMul: the stock kernel is fast only without transpose flags, so transpose
 * explicitly and hand it the flag-free problem. Non-transposed calls go straight to the stock kernel.
 */
function untransposedMatMul(stock: KernelFunc): KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend, attrs } = args;
    const { transposeA, transposeB } = attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!transposeA && !transposeB) return stock(args);
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const aT = transposeA ? tf.tidy(() => transposeLast2(wrap(a, backend))) : null;
    const bT = transposeB ? tf.tidy(() => transposeLast2(wrap(b, backend))) : null;
    try {
      return stock({
        inputs: { ...inputs, a: aT ?? a, b: bT ?? b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
    } finally {
      aT?.dispose();
      bT?.dispose();
    }
  };
}

/**
 * Copies the box `begin … begin + size` of a row-major tensor of shape `shape` from `src` into `dst`, in
 * contiguous runs (the trailing axes taken whole are one run).
 */
function copyBox(src: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, shape: readonly number[], begin: readonly number[], size: readonly number[], dst: { set(a: ArrayLike<number>, o: number): void }): void {
  const rank = shape.length;
  const strides = new Array<number>(rank);
  let acc = 1;
  for (let i = rank - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= shape[i];
  }
  let a = rank - 1;
  while (a > 0 && size[a] === shape[a]) a--;
  const run = size[a] * strides[a];
  let outer = 1;
  for (let i = 0; i < a; i++) outer *= size[i];
  if (run === 0 || outer === 0) return;
  const idx = new Array<number>(a).fill(0);
  let o = 0;
  for (let n = 0; n < outer; n++) {
    let off = begin[a] * strides[a];
    for (let i = 0; i < a; i++) off += (begin[i] + idx[i]) * strides[i];
    dst.set(src.subarray(off, off + run), o);
    o += run;
    for (let i = a - 1; i >= 0; i--) {
      if (++idx[i] < size[i]) break;
      idx[i] = 0;
    }
  }
}

/**
 * Slice, SplitV and Unpack reading the input in place on the WASM heap. The stock kernels read the whole
 * input out of the heap (a copy) for every output: unstacking a T-frame tensor copied it T times, which
 * made a recurrent model's step (and the gradient of every stack/concat) quadratic in T. The outputs are
 * allocated first and the heap views taken after, since an allocation may grow (and detach) the heap.
 * Strings and scalars go to the stock kernels.
 */
function sliceKernels(stock: { slice?: KernelFunc; splitV?: KernelFunc; unpack?: KernelFunc }) {
  const boxes = (backend: WasmHeapBackend, x: TensorInfo, list: { begin: number[]; size: number[] }[]): TensorInfo[] => {
    const outs = list.map((b) => backend.makeOutput(b.size, x.dtype));
    const src = backend.typedArrayFromHeap(x);
    list.forEach((b, i) => copyBox(src, x.shape, b.begin, b.size, backend.typedArrayFromHeap(outs[i])));
    return outs;
  };
  const usable = (x: TensorInfo, backend: unknown) => x.dtype !== 'string' && x.shape.length > 0 && typeof (backend as Partial<WasmHeapBackend>).typedArrayFromHeap === 'function';
  const slice: KernelFunc = (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (!usable(x, args.backend) && stock.slice) return stock.slice(args);
    const attrs = args.attrs as NamedAttrMap & { begin: number | number[]; size?: number | number[] };
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size);
    return boxes(args.backend as WasmHeapBackend, x, [{ begin, size }])[0];
  };
  const splitV: KernelFunc = (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (!usable(x, args.backend) && stock.splitV) return stock.splitV(args);
    const attrs = args.attrs as NamedAttrMap & { numOrSizeSplits: number | number[]; axis: number };
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
    let at = 0;
    const list = sizes.map((n) => {
      const begin = x.shape.map(() => 0);
      const size = [...x.shape];
      begin[axis] = at;
      size[axis] = n;
      at += n;
      return { begin, size };
    });
    return boxes(args.backend as WasmHeapBackend, x, list);
  };
  const unpack: KernelFunc = (args: KernelArgs) => {
    const { value } = args.inputs as { value: TensorInfo };
    if (!usable(value, args.backend) && stock.unpack) return stock.unpack(args);
    let axis = (args.attrs as NamedAttrMap & { axis: number }).axis;
    if (axis < 0) axis += value.shape.length;
    const outShape = value.shape.filter((_, i) => i !== axis);
    const list = Array.from({ length: value.shape[axis] }, (_, i) => {
      const begin = value.shape.map(() => 0);
      const size = [...value.shape];
      begin[axis] = i;
      size[axis] = 1;
      return { begin, size };
    });
    return boxes(args.backend as WasmHeapBackend, value, list).map(({ dataId, dtype }) => ({ dataId, dtype, shape: outShape }));
  };
  return { slice, splitV, unpack };
}

function isOurs(config: KernelConfig | undefined): boolean {
  return config != null && (config as unknown as Record<symbol, unknown>)[OURS] === true;
}

/**
 * Registers (or replaces) one wasm kernel. The stock kernel's setupFunc/disposeFunc are kept: the
 * wasm backend binds its C functions in setupFunc when it initialises, and our matMul wrapper calls
 * the stock kernelFunc, which needs that binding.
 */
/** The stock configs we replaced, so benchmarks can measure "before" (see restoreStockWasmKernels). */
const replaced = new Map<string, KernelConfig | undefined>();

function install(kernelName: string, make: (stock: KernelConfig | undefined) => KernelFunc): void {
  const stock = tf.getKernel(kernelName, BACKEND);
  if (isOurs(stock)) return;
  replaced.set(kernelName, stock);
  const kernelFunc = make(stock); // may throw: then the stock kernel stays in place
  if (stock) tf.unregisterKernel(kernelName, BACKEND);
  const config: KernelConfig = {
    kernelName,
    backendName: BACKEND,
    kernelFunc,
    setupFunc: stock?.setupFunc,
    disposeFunc: stock?.disposeFunc,
  };
  (config as unknown as Record<symbol, unknown>)[OURS] = true;
  tf.registerKernel(config);
}

/** Names of the kernels `registerWasmTrainingKernels` installs (for tests and the system page). */
export const WASM_TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'BatchMatMul',
  '_FusedMatMul',
  'MaxPoolGrad',
  'AvgPoolGrad',
  'Conv2D',
  'FusedConv2D',
  'DepthwiseConv2dNative',
  'FusedDepthwiseConv2D',
  'Slice',
  'SplitV',
  'Unpack',
] as const;

/**
 * Installs the fast training kernels for the `wasm` backend. Idempotent. Needs
 * '@tensorflow/tfjs-backend-wasm' imported first (it registers the stock matMul kernels we wrap);
 * may be called before or after the wasm backend is initialised.
 */
export function registerWasmTrainingKernels(): void {
  install('Conv2DBackpropFilter', () => conv2DBackpropFilter);
  install('Conv2DBackpropInput', () => conv2DBackpropInput);
  install('DepthwiseConv2dNativeBackpropFilter', () => depthwiseBackpropFilter);
  install('DepthwiseConv2dNativeBackpropInput', () => depthwiseBackpropInput);
  install('MaxPoolGrad', (stock) => maxPoolGradKernel(stock?.kernelFunc));
  install('AvgPoolGrad', (stock) => avgPoolGradKernel(stock?.kernelFunc));
  for (const [name, depthwise] of [
    ['Conv2D', false],
    ['FusedConv2D', false],
    ['DepthwiseConv2dNative', true],
    ['FusedDepthwiseConv2D', true],
  ] as const) {
    install(name, (stock) => {
      if (!stock) throw new Error(`registerWasmTrainingKernels: stock wasm '${name}' is not registered`);
      return samePaddingFix(stock.kernelFunc, depthwise);
    });
  }
  install('Slice', (stock) => sliceKernels({ slice: stock?.kernelFunc }).slice);
  install('SplitV', (stock) => sliceKernels({ splitV: stock?.kernelFunc }).splitV);
  install('Unpack', (stock) => sliceKernels({ unpack: stock?.kernelFunc }).unpack);
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    install(name, (stock) => {
      if (!stock) {
        throw new Error(`registerWasmTrainingKernels: stock wasm '${name}' is not registered; import '@tensorflow/tfjs-backend-wasm' first`);
      }
      return untransposedMatMul(stock.kernelFunc);
    });
  }
}

/** True when the fast kernels are installed (each one of WASM_TRAINING_KERNELS is ours). */
export function wasmTrainingKernelsRegistered(): boolean {
  return WASM_TRAINING_KERNELS.every((k) => isOurs(tf.getKernel(k, BACKEND)));
}

/**
 * Puts the stock wasm kernels back (and removes the ones wasm lacks). For benchmarks and tests that
 * compare against stock tfjs; apps never need it.
 */
export function restoreStockWasmKernels(): void {
  for (const [name, stock] of replaced) {
    if (isOurs(tf.getKernel(name, BACKEND))) tf.unregisterKernel(name, BACKEND);
    if (stock) tf.registerKernel(stock);
  }
  replaced.clear();
}
