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

export interface ClassifierAccuracy {
  /** over every ball */
  all: number;
  /** over the consequential balls (mass flip changes AB or CD): issue #12's probe set */
  consequential: number;
  /** over the counterfactual balls (mass flip changes CD): the paper's corrected accuracy, "the cubes whose masses directly define the trajectory CD" */
  counterfactual: number;
  /** over the consequential balls whose mass AB pins down */
  determined: number;
  counts: { all: number; consequential: number; counterfactual: number; determined: number };
}

/** Accuracy of P(heavy) > 0.5 against the labels, over all, consequential, counterfactual and pinned-down balls (NaN where none). */
export function classifierAccuracy(probabilities: readonly Float32Array[], labels: readonly MassLabels[]): ClassifierAccuracy {
  if (probabilities.length !== labels.length) throw new RangeError(`${probabilities.length} predictions for ${labels.length} examples`);
  const right = { all: 0, consequential: 0, counterfactual: 0, determined: 0 };
  const counts = { all: 0, consequential: 0, counterfactual: 0, determined: 0 };
  labels.forEach((l, i) => {
    for (let j = 0; j < l.heavy.length; j++) {
      if (!l.present[j]) continue;
      const ok = (probabilities[i][j] > 0.5 ? 1 : 0) === l.heavy[j] ? 1 : 0;
      right.all += ok;
      counts.all++;
      if (l.consequential[j]) {
        right.consequential += ok;
        counts.consequential++;
      }
      if (l.counterfactual[j]) {
        right.counterfactual += ok;
        counts.counterfactual++;
      }
      if (l.determined[j]) {
        right.determined += ok;
        counts.determined++;
      }
    }
  });
  return {
    all: right.all / counts.all,
    consequential: right.consequential / counts.consequential,
    counterfactual: right.counterfactual / counts.counterfactual,
    determined: right.determined / counts.determined,
    counts,
  };
}
