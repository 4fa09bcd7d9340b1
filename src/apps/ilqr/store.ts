/**
 * The link state of the iLQR-VAE demo: the system shown (core/systems.ts: the sparse-input and the
 * autonomous linear systems, trained live, the Lorenz attractor's shipped checkpoint, or the Duffing
 * oscillator (d), trained live on its own set-up with the link's steps and seed); for the
 * live systems the generated data (trials, bins per trial, noise), the input prior, the optimiser
 * (c of the learning rate c/(1+√k), steps) and whether the gradient follows u* (Appendix F); which
 * trial the views show; and for the Lorenz views the bin a prediction starts from and the 3-D
 * view's angles. Seed and backend are the common fields. Live results (curves, checkpoints) live
 * in `ui/liveStore.ts` and `ui/lorenzStore.ts`, never in the URL.
 *
 * Version 1 links (before the system picker) carry no `system`, `from`, `az` or `el`: they open the
 * sparse system with their own settings, as before, so the version stays 1 (store.test.ts).
 */
import { z } from 'zod';
import { createUrlStore, defineUrlSchema, type ValuesOf } from '../../shared/state';
import { DEFAULTS, LIMITS, PRIORS } from './core/settings';
import { DUFFING_LIVE, LORENZ_TEST_TRIALS, PREDICT_FROM, SYSTEM_SIZES, SYSTEMS, type SystemKind } from './core/systems';

/** The 3-D view's starting angles, degrees: close to the classic x–z butterfly (the camera on the −y side, turned 30°). */
export const VIEW_ANGLES = { az: { min: -180, max: 180, default: -60 }, el: { min: -89, max: 89, default: 15 } } as const;

export const ilqrSchema = defineUrlSchema({
  id: 'ilqr',
  version: 1,
  shape: {
    system: z.enum(SYSTEMS).default('sparse'),
    prior: z.enum(PRIORS).default(DEFAULTS.prior),
    trials: z.int().min(LIMITS.trials[0]).max(LIMITS.trials[1]).default(DEFAULTS.trials),
    bins: z.int().min(LIMITS.bins[0]).max(LIMITS.bins[1]).default(DEFAULTS.bins),
    noise: z.number().min(LIMITS.noise[0]).max(LIMITS.noise[1]).default(DEFAULTS.noise),
    lr: z.number().min(LIMITS.lrScale[0]).max(LIMITS.lrScale[1]).default(DEFAULTS.lrScale),
    steps: z.int().min(LIMITS.steps[0]).max(LIMITS.steps[1]).default(DEFAULTS.steps),
    implicit: z.boolean().default(DEFAULTS.implicit),
    /** The trial the views show (1-based; a held-out test trial for the Lorenz and Duffing systems); not a training setting. */
    trial: z.int().min(1).max(LIMITS.trials[1]).default(1),
    /** Lorenz: predict from this bin on (inputs after it zeroed). */
    from: z.int().min(PREDICT_FROM.min).max(PREDICT_FROM.max).default(PREDICT_FROM.default),
    /** Lorenz: the 3-D view's azimuth and elevation, degrees. */
    az: z.int().min(VIEW_ANGLES.az.min).max(VIEW_ANGLES.az.max).default(VIEW_ANGLES.az.default),
    el: z.int().min(VIEW_ANGLES.el.min).max(VIEW_ANGLES.el.max).default(VIEW_ANGLES.el.default),
  },
});

export type IlqrUrlValues = ValuesOf<typeof ilqrSchema>;

/**
 * The values a switch to `system` writes: a live system starts from its own size (10 × 200 for the
 * sparse one, 10 × 100 for the autonomous one: core/systems.ts SYSTEM_SIZES) unless the link's
 * trials and bins were changed by hand; the Lorenz and Duffing views clamp the shown trial to their
 * test trials. The other settings stay, so switching back restores them.
 */
export function switchSystem(v: IlqrUrlValues, system: SystemKind): Partial<IlqrUrlValues> {
  const out: Partial<IlqrUrlValues> = { system };
  if (system === 'lorenz' || system === 'duffing') {
    out.trial = Math.min(v.trial, system === 'lorenz' ? LORENZ_TEST_TRIALS : DUFFING_LIVE.testTrials);
    return out;
  }
  const untouched = Object.values(SYSTEM_SIZES).some((size) => size.trials === v.trials && size.bins === v.bins);
  if (untouched) Object.assign(out, SYSTEM_SIZES[system]);
  return out;
}

export const useIlqrUrl = createUrlStore(ilqrSchema);
