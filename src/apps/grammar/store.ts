/**
 * The link state of the DEG demo: the training set, the sample count N, the REINFORCE run (epochs,
 * samples per grammar for the reward) and the seed (a common field). Live results (the grammar, the
 * samples, the reward curve) live in `ui/liveStore.ts`, never in the URL; a pasted SMILES list is
 * not in the link either (it can be 200 lines).
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';
import { DATASET_IDS, DEFAULTS, LIMITS } from './core/settings';

export const grammarSchema = defineUrlSchema({
  id: 'grammar',
  version: 1,
  shape: {
    dataset: z.enum(DATASET_IDS).default(DEFAULTS.dataset),
    n: z.int().min(LIMITS.n[0]).max(LIMITS.n[1]).default(DEFAULTS.n),
    epochs: z.int().min(LIMITS.epochs[0]).max(LIMITS.epochs[1]).default(DEFAULTS.epochs),
    rewardSamples: z.int().min(LIMITS.rewardSamples[0]).max(LIMITS.rewardSamples[1]).default(DEFAULTS.rewardSamples),
  },
});

export type GrammarUrlValues = ValuesOf<typeof grammarSchema>;

export const useGrammarUrl = createUrlStore(grammarSchema);
