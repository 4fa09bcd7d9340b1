/**
 * The DEG demo's run settings (the page's link holds them): which training set, how many molecules
 * to generate, and the REINFORCE run. One `settingsProblem` for the page and the worker.
 */
import { DATASET_IDS, type DatasetId } from './datasets';

export const LIMITS = {
  /** Distinct molecules to sample (DEG's evaluate(): N). */
  n: [20, 1000],
  /** REINFORCE epochs (one runner step each). */
  epochs: [1, 50],
  /** Distinct samples per grammar for the reward. */
  rewardSamples: [20, 200],
} as const satisfies Record<string, readonly [number, number]>;

export const DEFAULTS = { dataset: 'isocyanates' as DatasetId, n: 200, epochs: 5, rewardSamples: 100 } as const;

export { DATASET_IDS };

/** Polymer epochs build 5 grammars over 117 molecules each: keep the live run short. */
export const MAX_POLYMER_EPOCHS = 3;

export interface RunShape {
  dataset: DatasetId;
  n: number;
  epochs: number;
  pasted?: boolean;
}

export function settingsProblem(v: RunShape): string | null {
  if (!v.pasted && v.dataset === 'polymers' && v.epochs > MAX_POLYMER_EPOCHS) {
    return `A polymer epoch builds 5 grammars over 117 molecules (several seconds each): keep epochs at most ${MAX_POLYMER_EPOCHS} for the polymer set (the committed run does not train it at all).`;
  }
  return null;
}
