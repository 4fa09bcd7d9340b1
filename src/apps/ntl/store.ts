/**
 * The link state of the NTL demo: what to train (mode, source and target domain), the loss knobs
 * (α, β, paper or official-code form), the optimiser (learning rate, steps, batch), whether an SL
 * reference model trains alongside, and the pruning fraction of the attack panel. Seed and backend
 * are the common fields every schema gets.
 *
 * Everything a shared link must reproduce lives here; the live training data (curves, accuracies)
 * lives in `ui/liveStore.ts`, never in the URL. The domains, modes and their rules live in
 * `core/settings.ts`, which the schema imports.
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';
import { DEFAULT_BATCH, DEFAULT_LR, DEFAULT_STEPS, DOMAINS, LOSS_VARIANTS, MODES } from './core/settings';

export const ntlSchema = defineUrlSchema({
  id: 'ntl',
  version: 1,
  shape: {
    mode: z.enum(MODES).default('target'),
    source: z.enum(DOMAINS).default('S'),
    target: z.enum(DOMAINS).default('T1'),
    alpha: z.number().min(0).max(10).default(0.1),
    beta: z.number().min(0).max(10).default(1),
    loss: z.enum(LOSS_VARIANTS).default('paper'),
    lr: z.number().min(1e-5).max(0.05).default(DEFAULT_LR),
    steps: z.int().min(2).max(2000).default(DEFAULT_STEPS),
    batch: z.int().min(4).max(128).default(DEFAULT_BATCH),
    /** Train an SL model on the same data and seed alongside, for the relative drops. */
    baseline: z.boolean().default(true),
    /** Pruning attack: percent of kernel weights zeroed (smallest magnitude first). */
    prune: z.int().min(10).max(90).default(50),
  },
});

export type NtlUrlValues = ValuesOf<typeof ntlSchema>;

export const useNtlUrl = createUrlStore(ntlSchema);
