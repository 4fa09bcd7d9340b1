/**
 * The CNN's parameter shapes and the sizes derived from them, without tfjs: the page (its
 * "how this differs" list) reads them without loading tfjs. `model.ts` re-exports all of it.
 */
import { IMAGE_SIZE } from './domains';

export const PARAM_SPECS = {
  'conv1/kernel': [3, 3, 3, 8],
  'conv1/bias': [8],
  'conv2/kernel': [3, 3, 8, 16],
  'conv2/bias': [16],
  'conv3/kernel': [3, 3, 16, 32],
  'conv3/bias': [32],
  'dense1/kernel': [512, 32],
  'dense1/bias': [32],
  'out/kernel': [32, 10],
  'out/bias': [10],
} as const satisfies Record<string, readonly number[]>;

export type ParamName = keyof typeof PARAM_SPECS;
export const PARAM_NAMES = Object.keys(PARAM_SPECS) as ParamName[];
/** Parameters of the feature extractor Φ. */
export const PHI_PARAMS: readonly ParamName[] = ['conv1/kernel', 'conv1/bias', 'conv2/kernel', 'conv2/bias'];
/** Parameters of the classifier Ω. */
export const OMEGA_PARAMS: readonly ParamName[] = PARAM_NAMES.filter((n) => !PHI_PARAMS.includes(n));
/** Layers with weight matrices (kernels), the ones magnitude pruning acts on. */
export const KERNEL_PARAMS: readonly ParamName[] = PARAM_NAMES.filter((n) => n.endsWith('/kernel'));

/** Size of Φ's flattened output: 8 × 8 × 16. */
export const FEATURE_DIM = (IMAGE_SIZE / 4) * (IMAGE_SIZE / 4) * 16;
export const NUM_CLASSES = 10;

/** Plain-JS weights: what snapshots, pruning and transfers between workers use. */
export type CnnWeights = Record<ParamName, Float32Array>;

export function paramCount(): number {
  return PARAM_NAMES.reduce((a, n) => a + PARAM_SPECS[n].reduce((x, y) => x * y, 1), 0);
}
