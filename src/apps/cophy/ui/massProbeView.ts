/**
 * The mass probe on the example on screen (issue #12's "inferred against true mass"): each ball of A is
 * matched to a keypoint of AB's first frame (core/massProbe.ts, the same matching as the experiment),
 * and the committed run's linear probe (results/full.json `massProbe`, fitted on the training split's
 * consequential balls) reads that keypoint's code, as the run read it (`features`: u_k against the other
 * keypoints' codes, or u_k alone in runs committed before the field), as P(mass 10). Pure, so it is unit-tested.
 */
import { keypointCodes, matchObjectsToKeypoints, objectKeypoint, probeProbability, sampleFeatures, type LinearProbe, type ProbeFeatures } from '../core/massProbe';

export interface ProbeWeightsJson {
  features?: ProbeFeatures;
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface BallReading {
  ball: number;
  keypoint: number;
  /** Ball centre to its keypoint at t = 0, in pixels of the model's frames. */
  distancePx: number;
  /** The probe's P(mass 10). */
  heavy: number;
}

/** Per ball of A: its keypoint and what the probe reads from that keypoint's code. */
export function readMasses(probe: ProbeWeightsJson, aPositions: ArrayLike<number>, balls: number, u: Float32Array, abKeypoints0: Float32Array, size: number): BallReading[] {
  const k = abKeypoints0.length / 2;
  const codeSize = u.length / k;
  if (codeSize !== probe.weights.length) throw new RangeError(`the probe reads ${probe.weights.length} numbers per keypoint, u has ${codeSize}`);
  const objects = Array.from({ length: balls }, (_, b) => objectKeypoint(aPositions[2 * b], aPositions[2 * b + 1], size));
  const keypoints = Array.from({ length: k }, (_, j) => [abKeypoints0[2 * j], abKeypoints0[2 * j + 1]] as [number, number]);
  const match = matchObjectsToKeypoints(objects, keypoints);
  const linear: LinearProbe = { mean: Float64Array.from(probe.mean), scale: Float64Array.from(probe.scale), weights: Float64Array.from(probe.weights), bias: probe.bias, trainSamples: 0, trainAccuracy: NaN };
  return objects.map((o, b) => {
    const j = match[b];
    const d = Math.sqrt((o[0] - keypoints[j][0]) ** 2 + (o[1] - keypoints[j][1]) ** 2);
    return { ball: b, keypoint: j, distancePx: (d * size) / 2, heavy: probeProbability(linear, sampleFeatures(keypointCodes(u, j, k, codeSize), probe.features ?? 'own')) };
  });
}
