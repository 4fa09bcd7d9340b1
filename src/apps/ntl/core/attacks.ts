/**
 * Watermark-removal attacks on an ownership-verification model (the paper runs six; EWC and AU
 * are not implemented here; the names come from the watermarking literature the paper follows):
 *
 * - FTAL: fine-tune all layers with cross-entropy on a small clean source subset.
 * - RTAL: re-initialise the output layer, then fine-tune all layers the same way.
 * - Pruning: zero the smallest-magnitude kernel weights (10–90%), globally or per layer.
 * - Overwriting: train NTL again, from the stolen weights, with the attacker's own patch.
 *
 * The attacks that train are trainer configurations (so a UI can step them like any run);
 * `runTrainer` drives one to completion for experiments.
 */
import type { DigitSet } from './domains';
import { initialWeights, KERNEL_PARAMS, cloneWeights, type CnnWeights, type ParamName } from './model';
import { ATTACKER_PATCH, patchSet, type PatchSpec } from './patch';
import { createTrainer, type StepStats, type TrainerConfig } from './trainer';

export type AttackKind = 'ftal' | 'rtal' | 'prune' | 'overwrite';

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
  return { mode: 'sl', source: attackerData, seed: o.seed, init: stolen, batchSize: o.batchSize, learningRate: o.learningRate ?? 1e-3 };
}

/** RTAL: like FTAL after re-initialising the output layer. */
export function rtalConfig(stolen: CnnWeights, attackerData: DigitSet, o: FineTuneOptions): TrainerConfig {
  return { ...ftalConfig(reinitialise(stolen, o.seed + 7919), attackerData, o) };
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
    learningRate: o.learningRate ?? 1e-3,
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
