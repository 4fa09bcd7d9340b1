/**
 * The pure parts of scripts/cophy-mass-classifier.ts (the paper's Table 6a check, Appendix A.1): the masked
 * log loss it trains with and the accuracies it reports. Keypoint-indexed: each example has K slots, a slot
 * holding the ball matched to that keypoint at t = 0 (core/massProbe.ts matchObjectsToKeypoints) or none.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface MassLabels {
  /** per keypoint: 1 when its ball's mass is 10 */
  heavy: Float32Array;
  /** per keypoint: 1 when a ball is matched to it */
  present: Float32Array;
  /** per keypoint: 1 when its ball is consequential (the paper's corrected accuracy counts only these) */
  consequential: Float32Array;
  /** per keypoint: 1 when its ball's mass flip changes CD (the paper's words for its corrected accuracy) */
  counterfactual: Float32Array;
  /** per keypoint: 1 when its ball is consequential and AB pins its mass down (filter.ts determinedObjects) */
  determined: Float32Array;
}

/** Binary cross-entropy with logits, averaged over the slots that hold a ball (B × K each). */
export function maskedLogLoss(logits: tf.Tensor2D, heavy: tf.Tensor2D, present: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    // log(1 + e^x) − y·x, written stably as max(x, 0) − y·x + log(1 + e^−|x|)
    const perSlot = tf.add(tf.sub(tf.relu(logits), tf.mul(heavy, logits)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.div(tf.sum(tf.mul(perSlot, present)), tf.maximum(tf.sum(present), 1)) as tf.Scalar;
  });
}

/** The ball sets the check scores: every ball; mass flip changes AB or CD (issue #12's probe set); it changes CD (the paper's corrected accuracy, "the cubes whose masses directly define the trajectory CD"); consequential and pinned down by AB. */
export const BALL_SETS = ['all', 'consequential', 'counterfactual', 'determined'] as const;
export type BallSet = (typeof BALL_SETS)[number];

export interface ClassifierAccuracy extends Record<BallSet, number> {
  counts: Record<BallSet, number>;
}

/** Per example and ball set: how many balls P(heavy) > 0.5 gets right, and how many there are. */
export function classifierCounts(probabilities: readonly Float32Array[], labels: readonly MassLabels[]): Record<BallSet, { right: Float64Array; total: Float64Array }> {
  if (probabilities.length !== labels.length) throw new RangeError(`${probabilities.length} predictions for ${labels.length} examples`);
  const out = Object.fromEntries(BALL_SETS.map((set) => [set, { right: new Float64Array(labels.length), total: new Float64Array(labels.length) }])) as Record<
    BallSet,
    { right: Float64Array; total: Float64Array }
  >;
  labels.forEach((l, i) => {
    for (let j = 0; j < l.heavy.length; j++) {
      if (!l.present[j]) continue;
      const ok = (probabilities[i][j] > 0.5 ? 1 : 0) === l.heavy[j] ? 1 : 0;
      const member: Record<BallSet, boolean> = { all: true, consequential: !!l.consequential[j], counterfactual: !!l.counterfactual[j], determined: !!l.determined[j] };
      for (const set of BALL_SETS) {
        if (!member[set]) continue;
        out[set].right[i] += ok;
        out[set].total[i]++;
      }
    }
  });
  return out;
}

/** Accuracy of P(heavy) > 0.5 against the labels over each ball set (NaN where a set is empty). */
export function classifierAccuracy(probabilities: readonly Float32Array[], labels: readonly MassLabels[]): ClassifierAccuracy {
  const counts = classifierCounts(probabilities, labels);
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const acc = Object.fromEntries(BALL_SETS.map((set) => [set, sum(counts[set].right) / sum(counts[set].total)])) as Record<BallSet, number>;
  return { ...acc, counts: Object.fromEntries(BALL_SETS.map((set) => [set, sum(counts[set].total)])) as Record<BallSet, number> };
}
