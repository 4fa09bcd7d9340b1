/**
 * The iLQR-VAE demo's run settings and their rules, shared by the URL schema (store.ts), the worker
 * session and the experiment. The headline system is the paper's sparse-input linear system (§3.3):
 * n = m = 3 latents and inputs, n_o = 10 observed channels, input events Bernoulli(0.03).
 */

export const PRIORS = ['student', 'gaussian'] as const;
export type PriorKind = (typeof PRIORS)[number];

export const PRIOR_LABELS: Record<PriorKind, string> = {
  student: 'Student-t (heavy-tailed, the paper’s choice for sparse inputs)',
  gaussian: 'Gaussian',
};

export const DEFAULTS = {
  prior: 'student' as PriorKind,
  trials: 10,
  /** Time bins per trial (the paper: one trial of 1000, or 10 × 200). */
  bins: 200,
  /** Observation noise σ of the generated data (the paper leaves it unstated). */
  noise: 0.1,
  /** c in the learning rate c / (1 + √k) (paper: 0.04 for the linear toy). */
  lrScale: 0.04,
  steps: 600,
  /** The gradient follows u* through the iLQR solution (Appendix F). */
  implicit: true,
};

export const LIMITS = {
  trials: [1, 20],
  bins: [50, 1000],
  noise: [0.01, 1],
  lrScale: [0.001, 0.2],
  steps: [2, 2000],
} as const;

/** Bins of all trials together above which a step would take too long to stay live in a browser. */
export const MAX_TOTAL_BINS = 4000;

export interface RunShape {
  trials: number;
  bins: number;
}

/** The sentence the page shows (and the session throws) when the settings cannot run; null when fine. */
export function settingsProblem(v: RunShape): string | null {
  if (v.trials * v.bins > MAX_TOTAL_BINS) {
    return `${v.trials} trials × ${v.bins} bins is ${v.trials * v.bins} bins per step; keep trials × bins at most ${MAX_TOTAL_BINS} (e.g. 10 × 200 or 4 × 1000) so a step stays under a second.`;
  }
  return null;
}
