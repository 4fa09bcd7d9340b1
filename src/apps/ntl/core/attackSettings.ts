/**
 * The removal attacks' hyper-parameters, without tfjs, so the page can state them (the attack
 * panel, the differences list) and the experiment can record them. `attacks.ts` and `ewc.ts` use
 * these.
 */

/** FTAL, RTAL and overwriting fine-tune with Adam at this rate. */
export const FINE_TUNE_LEARNING_RATE = 1e-3;

/**
 * REFIT argues for fine-tuning with a large learning rate (a small one leaves the watermark in
 * place); its exact schedule was not read here. EWC and AU use 5e-3, 2.5× this demo's training
 * rate, constant, for the same number of steps as FTAL.
 */
export const REFIT_LEARNING_RATE = 5e-3;

/** EWC: λ (with the Fisher normalised to mean 1 over all parameters) and the attacker images (at most) it is estimated on. */
export const EWC_DEFAULTS = {
  lambda: 0.1,
  fisherSamples: 200,
} as const;

/** AU's augmentation: copies per attacker image, shift (px), brightness gain range, noise sd. */
export const AU_DEFAULTS = { copies: 4, maxShift: 2, gain: [0.8, 1.2] as const, noise: 0.03 } as const;
