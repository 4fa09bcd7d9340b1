/**
 * What the masses are worth in CoDy's loss (issue #12), with the simulator as a perfect dynamics model:
 * the pure parts of scripts/cophy-mass-signal.ts, tested in scripts/cophyMassSignal.test.ts.
 *
 * CoDy's u carries only what lowers its training loss (train_cody.py get_loss: the MSE of the predicted CD
 * states). For one counterfactual run, `massSignal` scores in that loss's units (metrics.ts keypointMse:
 * (row, column) in [−1, 1], averaged over frames, balls and the two coordinates) predictions of CD made by
 * the simulator from C:
 * - `known`: with the true masses. It is CD itself, so 0.
 * - `bestGuess`: the per-frame mean of C's runs under every mass combination, the MSE-optimal prediction of
 *   a model that knows everything but the masses (the prior is uniform over the 2^N combinations, which the
 *   filter keeps balanced). What reading the masses off AB is worth.
 * - `random`: the mean error of those runs, masses guessed at random.
 * - `swap`: the run under z′, the experiment's mass swap (core/evaluate.ts massSwapFor).
 * - `copyC`: every ball left where C put it, for scale against the experiment's Copy-C.
 * `firstMassFrame` is the first kept frame at which any combination's run strays from CD by more than half
 * a pixel: before it, a model that does not know the masses loses nothing to them.
 */
import type { Example } from '../src/apps/cophy/core/dataset';
import { massSwapFor } from '../src/apps/cophy/core/evaluate';
import { IMAGE_SIZE } from '../src/apps/cophy/core/render';
import { worldToKeypoint } from '../src/apps/cophy/core/referenceModels';
import { massesOfCombination, simulate, type Trajectory } from '../src/apps/cophy/core/simulator';
import type { KeypointStates } from '../src/apps/cophy/core/counterfactualModel';

/** Half a pixel in keypoint units ([−1, 1] over IMAGE_SIZE pixels). */
export const DIVERGED = 1 / IMAGE_SIZE;

/** (row, column) in [−1, 1] of every ball at the given frames (the renderer's projection): frames × n × 2. */
export function imagePositions(tr: Trajectory, times: readonly number[]): Float64Array {
  const out = new Float64Array(times.length * tr.n * 2);
  times.forEach((t, i) => {
    for (let k = 0; k < tr.n; k++) {
      const p = (t * tr.n + k) * 2;
      out.set(worldToKeypoint(tr.positions[p], tr.positions[p + 1], IMAGE_SIZE), (i * tr.n + k) * 2);
    }
  });
  return out;
}

function mse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

export interface MassSignal {
  known: number;
  bestGuess: number;
  random: number;
  swap: number;
  copyC: number;
  /** kept frames (of `times`) before any mass combination makes a difference; times.length if none does */
  firstMassFrame: number;
  /** the best guess's error over the frames from firstMassFrame on (NaN if none) */
  bestGuessAfter: number;
}

export function massSignal(e: Pick<Example, 'n' | 'combination' | 'a' | 'c' | 'cd'>, times: readonly number[]): MassSignal {
  const truth = imagePositions(e.cd, times);
  const per = e.c.objects.length * 2;
  const runs: Float64Array[] = [];
  for (let z = 0; z < 1 << e.n; z++) {
    const all = massesOfCombination(z, e.n);
    runs.push(imagePositions(simulate(e.c.scene, e.c.objects.map((k) => all[k])), times));
  }
  const mean = new Float64Array(truth.length);
  for (const r of runs) for (let j = 0; j < mean.length; j++) mean[j] += r[j] / runs.length;
  const copyC = truth.map((_, j) => truth[j % per]);
  const swap = massSwapFor(e);
  let first = times.length;
  search: for (let t = 0; t < times.length; t++) {
    for (const r of runs) {
      for (let j = t * per; j < (t + 1) * per; j++) {
        if (Math.abs(r[j] - truth[j]) > DIVERGED) {
          first = t;
          break search;
        }
      }
    }
  }
  return {
    known: mse(truth, runs[e.combination]),
    bestGuess: mse(truth, mean),
    random: runs.reduce((s, r) => s + mse(truth, r), 0) / runs.length,
    swap: mse(truth, runs[swap.combination]),
    copyC: mse(truth, copyC),
    firstMassFrame: first,
    bestGuessAfter: first < times.length ? mse(truth.subarray(first * per), mean.subarray(first * per)) : NaN,
  };
}

/** keypointMse over the given keypoints only (C's balls, each at its colour's keypoint) and frames [from, to). */
export function keypointMseOf(truth: KeypointStates, prediction: KeypointStates, keypoints: readonly number[], from = 0, to = truth.frames): number {
  const d = truth.stateSize;
  let sum = 0;
  for (let t = from; t < to; t++) {
    for (const j of keypoints) {
      const o = (t * truth.keypoints + j) * d;
      sum += (truth.values[o] - prediction.values[o]) ** 2 + (truth.values[o + 1] - prediction.values[o + 1]) ** 2;
    }
  }
  return sum / ((to - from) * keypoints.length * 2);
}
