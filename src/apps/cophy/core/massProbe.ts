/**
 * Does the confounder code carry the masses? A linear probe from u to each ball's mass (1 or 10),
 * scored as the paper's "corrected accuracy" (arXiv 2202.00368, Appendix A.1 and Table 6a: the
 * accuracy over the objects "whose masses directly define the trajectory", the others being
 * unknowable): only the consequential objects of each example count.
 *
 * - u has one code per keypoint (u_k, §4.2), so each ball is first matched to a keypoint: at t = 0 of
 *   AB, the balls' centres (simulator units, projected by the renderer's camera, render.ts ballToPixel,
 *   into the keypoints' [−1, 1] (row, column) coordinates) are assigned to distinct keypoints with the
 *   smallest total distance (exhaustive search, exact for the K ≤ 10 keypoints used here).
 * - The probe is an L2-regularised logistic regression (Newton's method, a fixed number of iterations
 *   from zero: deterministic) on standardised features of u, fitted on the balls of training examples
 *   and scored on those of held-out examples. Its features (ProbeFeatures) are either the ball's own
 *   code u_k ('own') or u_k minus the mean code of the other keypoints ('relative'), both linear in u.
 *   BallsCF's probe is the relative one: its physics is unchanged when every mass is scaled together
 *   (a ball–ball impulse moves ball i by m_j/(m_i + m_j), the walls take no mass, there is no friction or
 *   gravity), so what AB can teach u about a ball's mass is how it compares with the others' masses.
 *   The own-code probe is reported beside it (experiment.ts `massProbe.accuracyOwnCode`).
 * - "Consequential" is the filter's list per example (filter.ts judgeCandidate): the balls whose mass
 *   flip changes AB or CD. For a kept (identifiable) example every ball that changes CD also changes AB,
 *   so these are the balls whose mass AB reveals. Accuracies over the counterfactual balls only (those
 *   that change CD, the paper's wording) and over all balls are reported beside it.
 */
import type { KeypointStates } from './counterfactualModel';
import type { Example } from './dataset';
import { ballToPixel } from './render';

/**
 * Which test balls a probe is fitted and scored on: the consequential ones (the paper's corrected
 * accuracy), the counterfactual ones, all of them, or the consequential ones whose own mass AB pins down
 * (filter.ts determinedObjects: the rest no reader of AB can get right more than by chance).
 */
export type ProbeObjects = 'consequential' | 'counterfactual' | 'all' | 'determined';

export interface ProbeSample {
  /** The example's position in its list (for resampling by example). */
  example: number;
  /** Ball index in A. */
  ball: number;
  /** Matched keypoint. */
  keypoint: number;
  /** Distance from the ball's centre to its keypoint, in keypoint units ([−1, 1] spans the image). */
  distance: number;
  /** What the probe reads: u of the matched keypoint (probeSamples), or another ProbeFeatures view (withFeatures). */
  features: Float32Array;
  /** u of the matched keypoint, u_k. */
  ownCode: Float32Array;
  /** The mean code of the other keypoints, mean_{j≠k} u_j (u_k itself when there is no other keypoint). */
  othersCode: Float32Array;
  /** 1 when the ball's mass is 10. */
  heavy: 0 | 1;
  consequential: boolean;
  counterfactual: boolean;
  /** AB pins down this ball's mass (null where the kit does not say, as for the 3-D scenarios). */
  determined: boolean | null;
}

/**
 * What the linear probe reads of u for a ball matched to keypoint k: its own code u_k, or u_k minus the mean
 * code of the other keypoints (see the file comment for why BallsCF reads the latter).
 */
export type ProbeFeatures = 'own' | 'relative';

/** The probe's features of one sample under `mode`. */
export function sampleFeatures(sample: Pick<ProbeSample, 'ownCode' | 'othersCode'>, mode: ProbeFeatures): Float32Array {
  if (mode === 'own') return sample.ownCode;
  const out = new Float32Array(sample.ownCode.length);
  for (let j = 0; j < out.length; j++) out[j] = sample.ownCode[j] - sample.othersCode[j];
  return out;
}

/** The samples with `features` set to their `mode` view of u. */
export function withFeatures(samples: readonly ProbeSample[], mode: ProbeFeatures): ProbeSample[] {
  return samples.map((s) => ({ ...s, features: sampleFeatures(s, mode) }));
}

/** u_k and the mean of the other keypoints' codes, from an example's whole u (K × confounderSize). */
export function keypointCodes(u: ArrayLike<number>, keypoint: number, keypoints: number, confounderSize: number): { ownCode: Float32Array; othersCode: Float32Array } {
  if (u.length !== keypoints * confounderSize) throw new RangeError(`u has ${u.length} values; ${keypoints} keypoints × ${confounderSize} expected`);
  const ownCode = Float32Array.from({ length: confounderSize }, (_, j) => u[keypoint * confounderSize + j]);
  if (keypoints === 1) return { ownCode, othersCode: ownCode.slice() };
  const othersCode = new Float32Array(confounderSize);
  for (let j = 0; j < confounderSize; j++) {
    let sum = 0;
    for (let q = 0; q < keypoints; q++) if (q !== keypoint) sum += u[q * confounderSize + j];
    othersCode[j] = sum / (keypoints - 1);
  }
  return { ownCode, othersCode };
}

/** A ball's centre in keypoint coordinates: (row, column) in [−1, 1], pixel p ↦ 2p/S − 1. */
export function objectKeypoint(x: number, y: number, size: number): [number, number] {
  const [col, row] = ballToPixel(x, y, size);
  return [(2 * row) / size - 1, (2 * col) / size - 1];
}

/**
 * The injective assignment objects → keypoints with the smallest total Euclidean distance (exhaustive
 * branch and bound). Returns, for each object, its keypoint.
 */
export function matchObjectsToKeypoints(objects: readonly (readonly [number, number])[], keypoints: readonly (readonly [number, number])[]): number[] {
  if (objects.length > keypoints.length) throw new RangeError(`cannot match ${objects.length} objects to ${keypoints.length} keypoints`);
  if (keypoints.length > 10) throw new RangeError(`exhaustive matching is for at most 10 keypoints, got ${keypoints.length}`);
  const dist = objects.map((o) => keypoints.map((k) => Math.sqrt((o[0] - k[0]) ** 2 + (o[1] - k[1]) ** 2)));
  let best = Infinity;
  let bestAssign: number[] = [];
  const used = new Array<boolean>(keypoints.length).fill(false);
  const assign: number[] = [];
  const visit = (i: number, total: number) => {
    if (total >= best) return;
    if (i === objects.length) {
      best = total;
      bestAssign = [...assign];
      return;
    }
    for (let k = 0; k < keypoints.length; k++) {
      if (used[k]) continue;
      used[k] = true;
      assign.push(k);
      visit(i + 1, total + dist[i][k]);
      assign.pop();
      used[k] = false;
    }
  };
  visit(0, 0);
  return bestAssign;
}

/**
 * The probe's samples of one example: each object of A matched to a keypoint of AB's frame 0, with that
 * keypoint's u, its mass and whether it is consequential. `objects` are A's objects at t = 0 in keypoint
 * coordinates (objectKeypoint for BallsCF; the camera's projection for the 3-D scenarios).
 */
export function probeSamples(
  example: Pick<Example, 'masses' | 'consequentialObjects' | 'counterfactualObjects'> & { determinedObjects?: readonly number[] },
  exampleIndex: number,
  abStates: KeypointStates,
  u: Float32Array,
  confounderSize: number,
  objects: readonly (readonly [number, number])[],
): ProbeSample[] {
  const k = abStates.keypoints;
  if (u.length !== k * confounderSize) throw new RangeError(`u has ${u.length} values; ${k} keypoints × ${confounderSize} expected`);
  const keypoints: [number, number][] = [];
  for (let j = 0; j < k; j++) keypoints.push([abStates.values[j * abStates.stateSize], abStates.values[j * abStates.stateSize + 1]]);
  const match = matchObjectsToKeypoints(objects, keypoints);
  return objects.map((o, b) => {
    const kp = match[b];
    const codes = keypointCodes(u, kp, k, confounderSize);
    return {
      example: exampleIndex,
      ball: b,
      keypoint: kp,
      distance: Math.sqrt((o[0] - keypoints[kp][0]) ** 2 + (o[1] - keypoints[kp][1]) ** 2),
      features: codes.ownCode,
      ...codes,
      heavy: example.masses[b] === 10 ? 1 : 0,
      consequential: example.consequentialObjects.includes(b),
      counterfactual: example.counterfactualObjects.includes(b),
      determined: example.determinedObjects ? example.determinedObjects.includes(b) : null,
    };
  });
}

/** BallsCF's A objects at t = 0 in keypoint coordinates, for probeSamples. */
export function ballObjects(example: Pick<Example, 'a'>, imageSize: number): [number, number][] {
  return Array.from({ length: example.a.n }, (_, b) => objectKeypoint(example.a.positions[2 * b], example.a.positions[2 * b + 1], imageSize));
}

export function selectSamples(samples: readonly ProbeSample[], objects: ProbeObjects): ProbeSample[] {
  if (objects === 'all') return [...samples];
  if (objects === 'determined') return samples.filter((s) => s.consequential && s.determined === true);
  return samples.filter((s) => (objects === 'consequential' ? s.consequential : s.counterfactual));
}

export interface LinearProbe {
  /** Standardisation: (u − mean)/scale, per feature. */
  mean: Float64Array;
  scale: Float64Array;
  weights: Float64Array;
  bias: number;
  /** Training samples and their accuracy. */
  trainSamples: number;
  trainAccuracy: number;
}

export const PROBE_L2 = 1;
export const PROBE_ITERATIONS = 30;

/** Solves A x = b for a symmetric positive definite A (n × n, row-major) by Cholesky; A is overwritten. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) throw new Error('the probe\'s Newton system is not positive definite');
    const l = Math.sqrt(d);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * n + k] * y[k];
    y[i] = s / a[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** P(heavy) of one code. */
export function probeProbability(probe: LinearProbe, features: ArrayLike<number>): number {
  let z = probe.bias;
  for (let j = 0; j < probe.weights.length; j++) z += probe.weights[j] * ((features[j] - probe.mean[j]) / probe.scale[j]);
  return sigmoid(z);
}

/** Per-feature mean and standard deviation of the samples' codes (1 where a feature is constant), for (u − mean)/scale. */
export function featureStandardisation(samples: readonly Pick<ProbeSample, 'features'>[]): { mean: Float64Array; scale: Float64Array } {
  const d = samples[0].features.length;
  const n = samples.length;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const s of samples) for (let j = 0; j < d; j++) mean[j] += s.features[j] / n;
  for (const s of samples) for (let j = 0; j < d; j++) scale[j] += (s.features[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
  return { mean, scale };
}

/**
 * Fits the logistic probe: minimises Σ log-loss + (λ/2)‖w‖² (the bias unpenalised) by Newton's method
 * from zero, PROBE_ITERATIONS steps or until the step is below 1e-10.
 */
export function fitLinearProbe(samples: readonly ProbeSample[], opts: { l2?: number; iterations?: number } = {}): LinearProbe {
  if (samples.length === 0) throw new Error('the mass probe needs at least one training sample');
  const l2 = opts.l2 ?? PROBE_L2;
  const iterations = opts.iterations ?? PROBE_ITERATIONS;
  const d = samples[0].features.length;
  const n = samples.length;
  const { mean, scale } = featureStandardisation(samples);
  const x = samples.map((s) => {
    const row = new Float64Array(d + 1);
    for (let j = 0; j < d; j++) row[j] = (s.features[j] - mean[j]) / scale[j];
    row[d] = 1;
    return row;
  });
  const m = d + 1;
  const w = new Float64Array(m);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(m);
    const hess = new Float64Array(m * m);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < m; j++) z += w[j] * x[i][j];
      const p = sigmoid(z);
      const r = p - samples[i].heavy;
      const h = p * (1 - p);
      for (let j = 0; j < m; j++) {
        grad[j] += r * x[i][j];
        for (let k = 0; k <= j; k++) hess[j * m + k] += h * x[i][j] * x[i][k];
      }
    }
    for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) hess[k * m + j] = hess[j * m + k];
    for (let j = 0; j < d; j++) {
      grad[j] += l2 * w[j];
      hess[j * m + j] += l2;
    }
    hess[d * m + d] += 1e-9; // keeps the bias row positive definite when every p is 0 or 1
    const step = solveSpd(hess, grad, m);
    let size = 0;
    for (let j = 0; j < m; j++) {
      w[j] -= step[j];
      size = Math.max(size, Math.abs(step[j]));
    }
    if (size < 1e-10) break;
  }
  const probe: LinearProbe = { mean, scale, weights: w.slice(0, d), bias: w[d], trainSamples: n, trainAccuracy: 0 };
  probe.trainAccuracy = probeAccuracy(probe, samples).accuracy;
  return probe;
}

export interface ProbeScore {
  correct: number;
  total: number;
  accuracy: number;
}

/** Accuracy of the probe (P(heavy) ≥ 0.5 means heavy) on the samples given. */
export function probeAccuracy(probe: LinearProbe, samples: readonly ProbeSample[]): ProbeScore {
  let correct = 0;
  for (const s of samples) if ((probeProbability(probe, s.features) >= 0.5 ? 1 : 0) === s.heavy) correct++;
  return { correct, total: samples.length, accuracy: samples.length ? correct / samples.length : NaN };
}

/** Per example (by `example`): correct and total among `samples` (for a bootstrap over examples). */
export function probeCountsByExample(probe: LinearProbe, samples: readonly ProbeSample[], examples: number): { correct: Float64Array; total: Float64Array } {
  const correct = new Float64Array(examples);
  const total = new Float64Array(examples);
  for (const s of samples) {
    total[s.example]++;
    if ((probeProbability(probe, s.features) >= 0.5 ? 1 : 0) === s.heavy) correct[s.example]++;
  }
  return { correct, total };
}

/** Accuracy of always answering the training set's more common mass: the floor a probe must beat. */
export function majorityAccuracy(train: readonly ProbeSample[], test: readonly ProbeSample[]): number {
  const heavy = train.filter((s) => s.heavy === 1).length;
  const guess = heavy * 2 >= train.length ? 1 : 0;
  return test.length ? test.filter((s) => s.heavy === guess).length / test.length : NaN;
}
