/**
 * The floor test: does the de-rendering draw the objects, or paint the floor over them? On fixed
 * validation (source, target) pairs, the model's predicted target is compared, inside the target's object
 * pixels (the L-PSNR foreground rule against the empty floor), with the target and with the empty floor;
 * beside it, the loss a model would reach by drawing the empty floor everywhere. A model whose loss sits at
 * that level and whose object pixels are nearer the floor than the target draws no object (the second
 * BallsCF run did exactly that: src/apps/cophy/README.md).
 */
import { framesToFloat, objectPixelWeights, type DerenderModel } from './derendering';
import { MAX_SOURCE_T, PAIR_OFFSET } from './derenderTrainer';
import type { VideoSource } from './videoSource';

export interface FloorTest {
  pairs: number;
  /** object pixels over all targets */
  objectPixels: number;
  /** mean squared error per value, [−1, 1] units, inside the object pixels: prediction vs target */
  objectMseToTarget: number;
  /** the same, prediction vs the empty floor */
  objectMseToFloor: number;
  /** share of object pixels whose prediction is nearer the target than the floor */
  nearerTarget: number;
  /** 1e4·MSE over whole frames (the loss's main term): the model's, and the empty floor's */
  modelLoss: number;
  floorOnlyLoss: number;
  summary: string;
}

/** The floor test's arithmetic on predictions (n × S × S × 3 in [−1, 1]) and the targets' and floors' bytes. */
export function floorTestOf(prediction: Float32Array, targets: readonly Uint8Array[], floors: readonly Uint8Array[]): FloorTest {
  const toFloat = (v: number) => (2 * v) / 255 - 1;
  let objectPixels = 0;
  let toTarget = 0;
  let toFloor = 0;
  let nearer = 0;
  let model = 0;
  let floorOnly = 0;
  let values = 0;
  targets.forEach((target, i) => {
    const mask = objectPixelWeights(target, floors[i], 2);
    const base = i * target.length;
    for (let p = 0; p < mask.length; p++) {
      let dt = 0;
      let df = 0;
      for (let c = 0; c < 3; c++) {
        const k = 3 * p + c;
        const y = prediction[base + k];
        const t = toFloat(target[k]);
        const f = toFloat(floors[i][k]);
        dt += (y - t) ** 2;
        df += (y - f) ** 2;
        model += (y - t) ** 2;
        floorOnly += (f - t) ** 2;
        values++;
      }
      if (mask[p] > 1) {
        objectPixels++;
        toTarget += dt;
        toFloor += df;
        if (dt < df) nearer++;
      }
    }
  });
  const r: Omit<FloorTest, 'summary'> = {
    pairs: targets.length,
    objectPixels,
    objectMseToTarget: toTarget / Math.max(1, 3 * objectPixels),
    objectMseToFloor: toFloor / Math.max(1, 3 * objectPixels),
    nearerTarget: nearer / Math.max(1, objectPixels),
    modelLoss: (1e4 * model) / Math.max(1, values),
    floorOnlyLoss: (1e4 * floorOnly) / Math.max(1, values),
  };
  const summary =
    `floor test on ${r.pairs} pairs: inside the ${r.objectPixels} object pixels the prediction is ${r.objectMseToTarget.toFixed(3)} from the target and ${r.objectMseToFloor.toFixed(3)} from the empty floor ` +
    `(${(100 * r.nearerTarget).toFixed(0)}% nearer the target); 1e4·MSE ${r.modelLoss.toFixed(1)} against ${r.floorOnlyLoss.toFixed(1)} for the empty floor`;
  return { ...r, summary };
}

/** The floor test of `model` on the first `count` examples (source t = 7i mod 23, target t + 22); null when the source draws no empty scene. */
export function floorTest<E>(model: DerenderModel, examples: readonly E[], source: VideoSource<E>, count = 64): FloorTest | null {
  const background = source.background;
  if (!background) return null;
  const size = model.config.imageSize;
  const n = Math.min(count, examples.length);
  const sources: Uint8Array[] = [];
  const targets: Uint8Array[] = [];
  const floors: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const t = (7 * i) % (MAX_SOURCE_T + 1);
    sources.push(source.render(examples[i], 'cd', t, size));
    targets.push(source.render(examples[i], 'cd', t + PAIR_OFFSET, size));
    floors.push(background(examples[i], size));
  }
  const prediction = model.reconstruct(framesToFloat(sources), framesToFloat(targets), n);
  return floorTestOf(prediction, targets, floors);
}
