/**
 * The live run's settings and the one check the page and the worker share: `settingsProblem`
 * returns the sentence the page shows (and the session throws) when a setting makes no sense.
 */
export type PriorKind = 'student' | 'gaussian';
export type ModelKind = 'ilqr' | 'baseline';
/** (a) sparse inputs to a linear system; (b) the autonomous linear system (sparse.ts) */
export type SystemKind = 'sparse' | 'autonomous';

export interface IlqrSettings {
  seed: number;
  system: SystemKind;
  /** which model the run trains: the iLQR-VAE or the amortised biGRU baseline */
  model: ModelKind;
  prior: PriorKind;
  /** c in Adam's lr = c/(1+√k) */
  lrScale: number;
  /** Adam steps of the run */
  steps: number;
  /** bins of the training trial (system (a); system (b) has 10 trials of 100 bins) */
  T: number;
  /** include the gradient through u* (Appendix F); off shows what the implicit term does */
  implicit: boolean;
}

export const DEFAULT_SETTINGS: IlqrSettings = { seed: 1, system: 'sparse', model: 'ilqr', prior: 'student', lrScale: 0.04, steps: 3000, T: 1000, implicit: true };

export const LIMITS = {
  lrScale: { min: 1e-4, max: 0.5 },
  steps: { min: 1, max: 20000 },
  T: { min: 20, max: 2000 },
} as const;

export function settingsProblem(v: Partial<IlqrSettings>): string | null {
  if (v.seed !== undefined && (!Number.isInteger(v.seed) || v.seed < 0 || v.seed > 2 ** 31 - 1)) return `seed must be a whole number from 0 to ${2 ** 31 - 1}.`;
  if (v.lrScale !== undefined && !(v.lrScale >= LIMITS.lrScale.min && v.lrScale <= LIMITS.lrScale.max)) return `The learning-rate scale c must lie between ${LIMITS.lrScale.min} and ${LIMITS.lrScale.max} (the paper: 0.04).`;
  if (v.steps !== undefined && (!Number.isInteger(v.steps) || v.steps < LIMITS.steps.min || v.steps > LIMITS.steps.max)) return `Steps must be a whole number from ${LIMITS.steps.min} to ${LIMITS.steps.max}.`;
  if (v.T !== undefined && (!Number.isInteger(v.T) || v.T < LIMITS.T.min || v.T > LIMITS.T.max)) return `The trial length T must be a whole number from ${LIMITS.T.min} to ${LIMITS.T.max} bins.`;
  return null;
}
