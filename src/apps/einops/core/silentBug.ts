/**
 * "Why notation helps": the paper's point that reshape only checks the element count. Putting the
 * batch into the width needs a transpose first; a bare reshape runs without complaint and returns a
 * plausible, wrong image. The einops pattern says what the axes are, so it is right, and when handed
 * a tensor of another layout (same element count) it raises an error instead of drawing garbage.
 *
 * Raw tf.reshape is used here on purpose: it is the bug being demonstrated.
 */
import * as tf from '@tensorflow/tfjs-core';
import { EinopsError, rearrange } from '../../../shared/einops';
import { reasonOf } from './hints';
import type { InputTensors } from './run';

export interface SilentBugCase {
  id: string;
  title: string;
  code: string;
  /** The result image (h, w, 3), owned by the caller; null when the call raised. */
  image: tf.Tensor3D | null;
  /** The error the call raised, if any (reason only). */
  error: string | null;
  verdict: string;
}

export const INTENDED_PATTERN = 'b h w c -> h (b w) c';

/** Computes the four cases live on the demo inputs. Dispose each case's image. */
export function silentBugCases(inputs: InputTensors): SilentBugCase[] {
  const letters = inputs.letters;
  const [b, h, w, c] = letters.shape;
  const cases: SilentBugCase[] = [];

  const wrong = tf.tidy(() => tf.reshape(letters, [h, b * w, c]) as tf.Tensor3D);
  cases.push({
    id: 'raw-reshape',
    title: 'tfjs: reshape only',
    code: `tf.reshape(x, [h, b * w, c])`,
    image: wrong,
    error: null,
    verdict: 'runs without a complaint and returns an image of the right size, but each band repeats one squashed letter',
  });

  const right = tf.tidy(() => rearrange(letters, INTENDED_PATTERN) as tf.Tensor3D);
  cases.push({
    id: 'einops',
    title: 'einops',
    code: `rearrange(x, '${INTENDED_PATTERN}')`,
    image: right,
    error: null,
    verdict: 'the pattern says which axes to merge, so the transpose happens: the letters read "einops"',
  });

  // The same code handed the feature map of another layout with the same element count.
  const depth = inputs.depth;
  const [, dh, dw, dc] = depth.shape;
  const wrongTensor = tf.tidy(() => tf.reshape(depth, [h, b * w, c]) as tf.Tensor3D);
  cases.push({
    id: 'raw-wrong-tensor',
    title: `tfjs: reshape of a (${depth.shape.join(', ')}) tensor`,
    code: `tf.reshape(depth, [${h}, ${b} * ${w}, ${c}])`,
    image: wrongTensor,
    error: null,
    verdict: `${dh}×${dw}×${dc} has as many values as ${h}×${w}×${c}, so reshape accepts it and draws noise-like stripes`,
  });

  let error: string | null = null;
  let image: tf.Tensor3D | null = null;
  try {
    image = tf.tidy(() => rearrange(depth, INTENDED_PATTERN, { h, c }) as tf.Tensor3D);
  } catch (e) {
    if (!(e instanceof EinopsError)) throw e;
    error = reasonOf(e.message);
  }
  cases.push({
    id: 'einops-wrong-tensor',
    title: 'einops with the lengths it expects',
    code: `rearrange(depth, '${INTENDED_PATTERN}', h=${h}, c=${c})`,
    image,
    error,
    verdict: error ? 'stops with an error that names the mismatch, before anything is drawn' : 'ran (unexpected: the lengths should not match)',
  });
  return cases;
}

export function disposeCases(cases: SilentBugCase[]): void {
  for (const c of cases) c.image?.dispose();
}
