/**
 * Read-outs for the UI, computed in core: the 2-D feature map (PCA of Φ over several domains at
 * once) and a grid of predictions.
 */
import type { DigitSet } from './domains';
import { FEATURE_DIM } from './model';
import { pca2d } from './pca';
import type { Trainer } from './trainer';

export interface FeatureProjection {
  /** Set names in the order their points appear. */
  names: string[];
  /** n × 2 PCA coordinates, row-major. */
  points: Float32Array;
  /** Which set (index into `names`) each point belongs to. */
  setIndex: Uint8Array;
  /** The digit label of each point. */
  labels: Uint8Array;
  /** Variance share of PC1 and PC2. */
  explained: [number, number];
}

/** Φ features of the first `perSet` images of every set, projected together onto their top two PCs. */
export function projectFeatures(trainer: Trainer, sets: Record<string, DigitSet>, perSet: number, seed = 0): FeatureProjection {
  const names = Object.keys(sets);
  const chunks = names.map((name) => trainer.features(sets[name], perSet));
  const counts = chunks.map((c) => c.length / FEATURE_DIM);
  const n = counts.reduce((a, c) => a + c, 0);
  const all = new Float32Array(n * FEATURE_DIM);
  const setIndex = new Uint8Array(n);
  const labels = new Uint8Array(n);
  let at = 0;
  names.forEach((name, s) => {
    all.set(chunks[s], at * FEATURE_DIM);
    setIndex.fill(s, at, at + counts[s]);
    labels.set(sets[name].labels.subarray(0, counts[s]), at);
    at += counts[s];
  });
  const { points, explained } = pca2d(all, n, FEATURE_DIM, { seed, iterations: 40 });
  return { names, points, setIndex, labels, explained };
}

export interface PredictionGrid {
  /** Indices of the images shown. */
  indices: number[];
  labels: Uint8Array;
  predicted: Uint8Array;
  /** Probability given to the predicted class. */
  confidence: Float32Array;
}

/** Predictions on the first `n` images of a set, for a sample grid. */
export function predictionGrid(trainer: Trainer, set: DigitSet, n: number): PredictionGrid {
  const m = Math.min(n, set.n);
  const indices = Array.from({ length: m }, (_, i) => i);
  const { predicted, probabilities } = trainer.predict(set, indices);
  const confidence = new Float32Array(m);
  for (let i = 0; i < m; i++) confidence[i] = probabilities[i * 10 + predicted[i]];
  return { indices, labels: set.labels.slice(0, m), predicted, confidence };
}
