/**
 * Watermark-removal attacks on an ownership-verification model, the six the paper runs (the names
 * come from the watermarking literature the paper follows):
 *
 * - FTAL: fine-tune all layers with cross-entropy on a small clean source subset.
 * - RTAL: re-initialise the output layer, then fine-tune all layers the same way.
 * - EWC (REFIT, Chen et al.): fine-tune with an elastic-weight-consolidation penalty whose Fisher
 *   is estimated on the attacker's data (`ewc.ts`).
 * - AU (REFIT, Chen et al.): fine-tune on augmented unlabelled data labelled by the stolen model.
 * - Pruning: zero the smallest-magnitude kernel weights (10–90%), globally or per layer.
 * - Overwriting: train NTL again, from the stolen weights, with the attacker's own patch.
 *
 * The attacks that train are trainer configurations (so a UI can step them like any run);
 * `runTrainer` drives one to completion for experiments.
 */
import { createRng } from '../../../shared/random';
import { IMAGE_SIZE, PIXELS, type DigitSet } from './domains';
import { AU_DEFAULTS, EWC_DEFAULTS, FINE_TUNE_LEARNING_RATE, REFIT_LEARNING_RATE } from './attackSettings';
import { estimateFisher } from './ewc';
import { initialWeights, KERNEL_PARAMS, cloneWeights, type CnnWeights, type ParamName } from './model';
import { ATTACKER_PATCH, patchSet, type PatchSpec } from './patch';
import { createTrainer, type StepStats, type TrainerConfig } from './trainer';

export type AttackKind = 'ftal' | 'rtal' | 'ewc' | 'au' | 'prune' | 'overwrite';

export { AU_DEFAULTS, FINE_TUNE_LEARNING_RATE, REFIT_LEARNING_RATE } from './attackSettings';

/** The output layer, re-initialised by RTAL. */
export const HEAD_PARAMS: readonly ParamName[] = ['out/kernel', 'out/bias'];

/** A copy of `w` with the listed parameters freshly initialised from `seed`. */
export function reinitialise(w: CnnWeights, seed: number, params: readonly ParamName[] = HEAD_PARAMS): CnnWeights {
  const fresh = initialWeights(seed, params);
  const out = cloneWeights(w);
  for (const p of params) out[p] = fresh[p] as Float32Array;
  return out;
}

export interface PruneResult {
  weights: CnnWeights;
  /** Share of kernel weights that are zero afterwards. */
  sparsity: number;
}

/**
 * Magnitude pruning of the kernels (biases untouched): 'global' ranks |w| over all kernels together,
 * 'layer' prunes the same fraction within each kernel.
 */
export function pruneByMagnitude(w: CnnWeights, fraction: number, scope: 'global' | 'layer' = 'global'): PruneResult {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`prune fraction must be in [0, 1], got ${fraction}`);
  const out = cloneWeights(w);
  // Zero exactly ⌊fraction · count⌋ weights, smallest |w| first; ties go by position (stable sort).
  const prune = (names: readonly ParamName[]) => {
    const arrays = names.map((n) => out[n]);
    const owner: number[] = [];
    const index: number[] = [];
    const mags: number[] = [];
    arrays.forEach((v, a) => {
      for (let i = 0; i < v.length; i++) {
        owner.push(a);
        index.push(i);
        mags.push(Math.abs(v[i]));
      }
    });
    const order = mags.map((_, i) => i).sort((x, y) => mags[x] - mags[y]);
    const k = Math.floor(fraction * order.length);
    for (let j = 0; j < k; j++) arrays[owner[order[j]]][index[order[j]]] = 0;
  };
  if (scope === 'global') prune(KERNEL_PARAMS);
  else for (const n of KERNEL_PARAMS) prune([n]);
  let zeros = 0;
  let total = 0;
  for (const n of KERNEL_PARAMS) {
    total += out[n].length;
    for (const v of out[n]) if (v === 0) zeros++;
  }
  return { weights: out, sparsity: zeros / total };
}

export interface FineTuneOptions {
  seed: number;
  batchSize?: number;
  learningRate?: number;
}

/** FTAL: supervised fine-tuning of all layers on the attacker's clean data. */
export function ftalConfig(stolen: CnnWeights, attackerData: DigitSet, o: FineTuneOptions): TrainerConfig {
  return { mode: 'sl', source: attackerData, seed: o.seed, init: stolen, batchSize: o.batchSize, learningRate: o.learningRate ?? FINE_TUNE_LEARNING_RATE };
}

/** RTAL: like FTAL after re-initialising the output layer. */
export function rtalConfig(stolen: CnnWeights, attackerData: DigitSet, o: FineTuneOptions): TrainerConfig {
  return { ...ftalConfig(reinitialise(stolen, o.seed + 7919), attackerData, o) };
}

/**
 * EWC: FTAL with the penalty (λ/2)·Σ F·(θ − θ*)², θ* the stolen weights and F the Fisher estimated
 * on the attacker's (labelled) data at θ*. `fisher` may be passed when already estimated.
 */
export function ewcConfig(
  stolen: CnnWeights,
  attackerData: DigitSet,
  o: FineTuneOptions & { lambda?: number; fisherSamples?: number; fisher?: CnnWeights },
): TrainerConfig {
  const fisher = o.fisher ?? estimateFisher(stolen, attackerData, o.fisherSamples ?? EWC_DEFAULTS.fisherSamples);
  return {
    ...ftalConfig(stolen, attackerData, { ...o, learningRate: o.learningRate ?? REFIT_LEARNING_RATE }),
    ewc: { anchor: cloneWeights(stolen), fisher, lambda: o.lambda ?? EWC_DEFAULTS.lambda },
  };
}

/**
 * AU's unlabelled pool: the attacker's images (their labels are not used) plus `copies` augmented
 * copies of each (integer shift up to ±maxShift px with black fill, a brightness gain, Gaussian
 * noise, clipped to [0, 1]). Seeded; the originals come first.
 */
export function augmentImages(data: DigitSet, seed: number, opts: { copies?: number; maxShift?: number; gain?: readonly [number, number]; noise?: number } = {}): DigitSet {
  const copies = opts.copies ?? AU_DEFAULTS.copies;
  const maxShift = opts.maxShift ?? AU_DEFAULTS.maxShift;
  const [g0, g1] = opts.gain ?? AU_DEFAULTS.gain;
  const noise = opts.noise ?? AU_DEFAULTS.noise;
  const n = data.n * (1 + copies);
  const images = new Float32Array(n * PIXELS);
  const labels = new Uint8Array(n); // placeholders: AU labels the pool with the stolen model
  images.set(data.images.subarray(0, data.n * PIXELS));
  const root = createRng(seed).fork('ntl/au');
  const S = IMAGE_SIZE;
  for (let k = 0; k < copies; k++) {
    for (let i = 0; i < data.n; i++) {
      const rng = root.fork(`copy${k}/img${i}`);
      const dx = rng.int(2 * maxShift + 1) - maxShift;
      const dy = rng.int(2 * maxShift + 1) - maxShift;
      const gain = rng.uniform(g0, g1);
      const src = i * PIXELS;
      const dst = ((k + 1) * data.n + i) * PIXELS;
      for (let y = 0; y < S; y++) {
        for (let x = 0; x < S; x++) {
          const sx = x - dx;
          const sy = y - dy;
          const inside = sx >= 0 && sy >= 0 && sx < S && sy < S;
          for (let c = 0; c < 3; c++) {
            const v = inside ? data.images[src + (sy * S + sx) * 3 + c] * gain : 0;
            const noisy = v + noise * rng.normal();
            images[dst + (y * S + x) * 3 + c] = noisy < 0 ? 0 : noisy > 1 ? 1 : noisy;
          }
        }
      }
    }
  }
  return { name: `${data.name}+augmented`, n, images, labels };
}

/** A copy of `set` whose labels are the predictions (argmax) of `weights`: the stolen model's labels. */
export function pseudoLabel(weights: CnnWeights, set: DigitSet): DigitSet {
  const trainer = createTrainer({ mode: 'sl', source: set, seed: 0, init: weights });
  try {
    const { predicted } = trainer.predict(set, set.n);
    return { name: `${set.name}+stolen-labels`, n: set.n, images: set.images, labels: Uint8Array.from(predicted) };
  } finally {
    trainer.dispose();
  }
}

/** AU: fine-tune all layers on the augmented attacker images, labelled by the stolen model. */
export function auConfig(stolen: CnnWeights, attackerData: DigitSet, o: FineTuneOptions): TrainerConfig {
  const pool = pseudoLabel(stolen, augmentImages(attackerData, o.seed));
  return ftalConfig(stolen, pool, { ...o, learningRate: o.learningRate ?? REFIT_LEARNING_RATE });
}

/** Overwriting: NTL from the stolen weights with the attacker's own patch as the target domain. */
export function overwriteConfig(
  stolen: CnnWeights,
  attackerData: DigitSet,
  o: FineTuneOptions & { patch?: PatchSpec },
): TrainerConfig {
  return {
    mode: 'ntl',
    source: attackerData,
    target: patchSet(attackerData, o.patch ?? ATTACKER_PATCH, `${attackerData.name}+attacker-patch`),
    seed: o.seed,
    init: stolen,
    batchSize: o.batchSize,
    learningRate: o.learningRate ?? FINE_TUNE_LEARNING_RATE,
  };
}

export interface RunResult {
  weights: CnnWeights;
  /** Stats of every step taken. */
  history: StepStats[];
}

/** Trains a config for `steps` minibatches and returns its weights (synchronous; for Node and workers). */
export function runTrainer(config: TrainerConfig, steps: number, onStep?: (s: StepStats) => void): RunResult {
  const trainer = createTrainer(config);
  try {
    const history: StepStats[] = [];
    for (let i = 0; i < steps; i++) {
      const s = trainer.step();
      history.push(s);
      onStep?.(s);
    }
    return { weights: trainer.snapshot(), history };
  } finally {
    trainer.dispose();
  }
}

/** Accuracy of fixed weights on each named set (no training). */
export function evaluateWeights(weights: CnnWeights, sets: Record<string, DigitSet>, maxPerSet?: number): Record<string, number> {
  const trainer = createTrainer({ mode: 'sl', source: Object.values(sets)[0], seed: 0, init: weights });
  try {
    return trainer.evaluate(sets, maxPerSet);
  } finally {
    trainer.dispose();
  }
}
