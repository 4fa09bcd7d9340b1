/**
 * The link state of the iLQR-VAE demo: the generated system (trials, bins per trial, noise), the
 * input prior, the optimiser (c of the learning rate c/(1+√k), steps), whether the gradient follows
 * u* (Appendix F), and which trial the views show. Seed and backend are the common fields.
 * Live results (curves, checkpoints) live in `ui/liveStore.ts`, never in the URL.
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';
import { DEFAULTS, LIMITS, PRIORS } from './core/settings';

export const ilqrSchema = defineUrlSchema({
  id: 'ilqr',
  version: 1,
  shape: {
    prior: z.enum(PRIORS).default(DEFAULTS.prior),
    trials: z.int().min(LIMITS.trials[0]).max(LIMITS.trials[1]).default(DEFAULTS.trials),
    bins: z.int().min(LIMITS.bins[0]).max(LIMITS.bins[1]).default(DEFAULTS.bins),
    noise: z.number().min(LIMITS.noise[0]).max(LIMITS.noise[1]).default(DEFAULTS.noise),
    lr: z.number().min(LIMITS.lrScale[0]).max(LIMITS.lrScale[1]).default(DEFAULTS.lrScale),
    steps: z.int().min(LIMITS.steps[0]).max(LIMITS.steps[1]).default(DEFAULTS.steps),
    implicit: z.boolean().default(DEFAULTS.implicit),
    /** The trial the views show (1-based); not a training setting. */
    trial: z.int().min(1).max(LIMITS.trials[1]).default(1),
  },
});

export type IlqrUrlValues = ValuesOf<typeof ilqrSchema>;

export const useIlqrUrl = createUrlStore(ilqrSchema);
