/**
 * Tensors <-> pixels. Image tensors are [h, w, c] with c = 1 (grey), 3 (RGB) or 4 (RGBA) and values
 * in [0, 1] (clipped). Conversion to bytes runs as tensor ops so it stays on the GPU until the one
 * readback.
 */
import * as tf from '@tensorflow/tfjs-core';
import { rearrange } from '../einops';

/** [h, w, c] in [0,1] -> int32 [h, w, 4] in 0..255 (grey is replicated, missing alpha is opaque). */
function rgbaBytes(t: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, w, c] = t.shape;
    if (c !== 1 && c !== 3 && c !== 4) throw new RangeError(`image tensor must have 1, 3 or 4 channels, got shape [${t.shape}]`);
    let x = tf.mul(tf.clipByValue(tf.cast(t, 'float32'), 0, 1), 255);
    if (c === 1) x = tf.tile(x, [1, 1, 3]);
    if (c !== 4) x = tf.concat([x, tf.fill([h, w, 1], 255)], 2);
    return tf.cast(tf.round(x), 'int32') as tf.Tensor3D;
  });
}

/** Synchronous RGBA bytes of an image tensor (blocks on a GPU readback under WebGL: keep images small). */
export function tensorToRgba(t: tf.Tensor3D): Uint8ClampedArray<ArrayBuffer> {
  const bytes = rgbaBytes(t);
  try {
    return Uint8ClampedArray.from(bytes.dataSync());
  } finally {
    bytes.dispose();
  }
}

export function tensorToImageData(t: tf.Tensor3D): ImageData {
  const [h, w] = t.shape;
  return new ImageData(tensorToRgba(t), w, h);
}

type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/**
 * Draws an image tensor onto `canvas`, resized to w·scale × h·scale with crisp (nearest) pixels.
 * The conversion is queued synchronously, so the caller may dispose `t` right after calling; the
 * readback is awaited, so the main thread does not stall on the GPU.
 */
export async function drawTensor(t: tf.Tensor3D, canvas: AnyCanvas, scale = 1): Promise<void> {
  const [h, w] = t.shape;
  const bytes = rgbaBytes(t);
  let data: Int32Array;
  try {
    data = (await bytes.data()) as Int32Array;
  } finally {
    bytes.dispose();
  }
  const image = new ImageData(Uint8ClampedArray.from(data), w, h);
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new Error('drawTensor: no 2D context on this canvas (is it already used for WebGL?)');
  if (width === w && height === h) {
    ctx.putImageData(image, 0, 0);
    return;
  }
  // putImageData ignores transforms, so scale through an intermediate canvas and drawImage.
  const src: AnyCanvas =
    typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
  const sctx = src.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!sctx) throw new Error('drawTensor: could not create a 2D canvas');
  sctx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(src, 0, 0, width, height);
}

/**
 * Tiles a batch [n, h, w, c] into one image, row by row, `cols` wide (at most n), with `pad` pixels
 * of `padValue` between tiles (none around the border). Empty cells of the last row are `padValue` too.
 */
export function imageGridTensor(batch: tf.Tensor4D, cols: number, pad = 1, padValue = 1): tf.Tensor3D {
  const [n, h, w, c] = batch.shape;
  if (n < 1) throw new RangeError('imageGridTensor: empty batch');
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`imageGridTensor: cols must be a positive integer, got ${cols}`);
  if (!Number.isInteger(pad) || pad < 0) throw new RangeError(`imageGridTensor: pad must be an integer >= 0, got ${pad}`);
  return tf.tidy(() => {
    const k = Math.min(cols, n);
    const rows = Math.ceil(n / k);
    let x: tf.Tensor4D = batch;
    const empty = rows * k - n;
    if (empty > 0) x = tf.concat([x, tf.fill([empty, h, w, c], padValue, x.dtype)]);
    if (pad > 0) x = tf.pad(x, [[0, 0], [0, pad], [0, pad], [0, 0]], padValue);
    const grid = rearrange(x, '(rows cols) h w c -> (rows h) (cols w) c', { rows }) as tf.Tensor3D;
    // Drop the padding after the last row and column.
    return pad > 0 ? tf.slice(grid, [0, 0, 0], [rows * (h + pad) - pad, k * (w + pad) - pad, c]) : grid;
  });
}
