import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageGridTensor, tensorToRgba } from './image';
import { initNodeBackend } from './node';
import { expectNoLeak } from './testing';

beforeAll(() => initNodeBackend('wasm'));

describe('imageGridTensor', () => {
  it('tiles row by row with padding between tiles only', async () => {
    // 5 tiles of 2×3, value = tile index, in 3 columns -> 2 rows, last row has one empty cell.
    const batch = tf.tidy(() => tf.mul(tf.ones([5, 2, 3, 1]), tf.reshape(tf.range(0, 5), [5, 1, 1, 1])) as tf.Tensor4D);
    const grid = await expectNoLeak(async () => {
      const g = imageGridTensor(batch, 3, 1, -1);
      const out = { shape: g.shape, values: (await g.array()) as number[][][] };
      g.dispose();
      return out;
    });
    expect(grid.shape).toEqual([2 * 2 + 1, 3 * 3 + 2, 1]);
    const v = grid.values.map((row) => row.map((px) => px[0]));
    expect(v[0]).toEqual([0, 0, 0, -1, 1, 1, 1, -1, 2, 2, 2]);
    expect(v[2]).toEqual(new Array(11).fill(-1)); // the padding row
    expect(v[3]).toEqual([3, 3, 3, -1, 4, 4, 4, -1, -1, -1, -1]); // empty last cell is padValue
    batch.dispose();
  });

  it('no padding, and cols larger than the batch', () => {
    const batch = tf.zeros([2, 4, 5, 3]) as tf.Tensor4D;
    const g = imageGridTensor(batch, 10, 0);
    expect(g.shape).toEqual([4, 10, 3]);
    tf.dispose([g, batch]);
  });

  it('rejects bad arguments', () => {
    const batch = tf.zeros([2, 4, 5, 3]) as tf.Tensor4D;
    expect(() => imageGridTensor(batch, 0)).toThrow(/cols/);
    expect(() => imageGridTensor(batch, 2, -1)).toThrow(/pad/);
    batch.dispose();
  });
});

describe('tensorToRgba', () => {
  it('clips, scales, replicates grey and adds opaque alpha', () => {
    const t = tf.tensor3d([0, 0.5, 1, 2, -1, 0.25], [2, 3, 1]);
    const rgba = tensorToRgba(t);
    expect(Array.from(rgba.slice(0, 8))).toEqual([0, 0, 0, 255, 128, 128, 128, 255]);
    expect(rgba.length).toBe(2 * 3 * 4);
    expect(rgba[3 * 4]).toBe(255); // value 2 clipped to 1
    expect(rgba[4 * 4]).toBe(0); // value -1 clipped to 0
    t.dispose();
  });

  it('keeps RGBA alpha and rejects 2 channels', () => {
    const t = tf.tensor3d([1, 0, 0, 0.5], [1, 1, 4]);
    expect(Array.from(tensorToRgba(t))).toEqual([255, 0, 0, 128]);
    const bad = tf.zeros([1, 1, 2]) as tf.Tensor3D;
    expect(() => tensorToRgba(bad)).toThrow(/1, 3 or 4 channels/);
    tf.dispose([t, bad]);
  });
});

describe('expectNoLeak', () => {
  it('passes clean functions through, sync and async', async () => {
    expect(await expectNoLeak(() => tf.tidy(() => tf.add(1, 2).dataSync()[0]))).toBe(3);
    expect(await expectNoLeak(async () => 'ok')).toBe('ok');
  });

  it('throws when a tensor leaks', async () => {
    let leaked: tf.Tensor | null = null;
    await expect(
      expectNoLeak(() => {
        leaked = tf.ones([2]);
      }),
    ).rejects.toThrow(/1 tensor leaked/);
    (leaked as tf.Tensor | null)?.dispose();
  });
});
