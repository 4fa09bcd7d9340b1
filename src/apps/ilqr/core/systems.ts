/**
 * The systems the iLQR-VAE page can show, and which settings apply to each (Schimel et al., ICLR
 * 2022, arXiv 2205.01210):
 * - `sparse`: sparse input events to a linear system, trained live (§3.3, Table S1; core/sparse.ts);
 * - `autonomous`: system (b), the same linear system with no input events, trained live: the
 *   inferred inputs migrate into the pre-trial bin that sets the initial condition (§3.1);
 * - `lorenz`: system (c), the Lorenz attractor modelled by an MGU2 (§3.2), trained offline by
 *   scripts/train/ilqr.ts and shipped as a checkpoint (weights/lorenz.json);
 * - `duffing`: system (d), a Duffing oscillator with a mid-trial perturbation seen through Poisson
 *   neurons (Appendix I; core/duffing.ts), an MGU2 trained live on its own fixed set-up.
 *
 * Plain constants and one rule, free of the models' code, so the page's settings panel can import
 * them without pulling the science into its chunk (core/lorenz.ts loads only with the Lorenz views).
 */
import { DEFAULTS, settingsProblem, type RunShape } from './settings';

export const SYSTEMS = ['sparse', 'autonomous', 'lorenz', 'duffing'] as const;
export type SystemKind = (typeof SYSTEMS)[number];
/** The linear systems trained live on the page with the link's training settings (TrainingPanel; Duffing has its own panel). */
export type LiveSystem = Exclude<SystemKind, 'lorenz' | 'duffing'>;

/** Short enough for a phone's select box; SYSTEM_HELP says more. */
export const SYSTEM_LABELS: Record<SystemKind, string> = {
  sparse: 'Sparse input events (§3.3)',
  autonomous: 'Autonomous, no inputs (§3.1)',
  lorenz: 'Lorenz attractor (§3.2)',
  duffing: 'Duffing, Poisson spikes (App. I)',
};

export const SYSTEM_HELP: Record<SystemKind, string> = {
  sparse: 'a linear system kicked by rare hidden input events, trained live here',
  autonomous: 'the same linear system with no input events, only an initial state, trained live here',
  lorenz: 'a chaotic system modelled by an MGU2 network, from a checkpoint trained offline',
  duffing: 'a nonlinear oscillator knocked onto a new orbit mid-trial, seen through spiking neurons, trained live here',
};

/**
 * Trials and bins per trial a system starts from when picked: the sparse system's Table S1 size,
 * and for the autonomous one core/sparse.ts's AUTONOMOUS_SYSTEM (10 trials of 100 bins;
 * systems.test.ts keeps the two equal).
 */
export const SYSTEM_SIZES: Record<LiveSystem, RunShape> = {
  sparse: { trials: DEFAULTS.trials, bins: DEFAULTS.bins },
  autonomous: { trials: 10, bins: 100 },
};

/**
 * Test trials of the Lorenz data (core/lorenz.ts LORENZ_SYSTEM.testTrials; systems.test.ts keeps
 * them equal). Not read from the checkpoint here: the settings panel must not load it.
 */
export const LORENZ_TEST_TRIALS = 16;
/** Bins per Lorenz trial (LORENZ_SYSTEM.T). */
export const LORENZ_BINS = 100;

/**
 * The Duffing run's fixed set-up (core/duffing.ts DUFFING_SYSTEM, DEFAULT_DUFFING_TRAINER;
 * systems.test.ts keeps them equal), for the settings panel without the model's code: held-out
 * trials the live run scores and shows (the experiment: 32 and 112), bins per trial, training
 * trials, neurons, c of the learning rate, trials per Adam step, the MGU2's latents and inputs.
 */
export const DUFFING_LIVE = { testTrials: 16, bins: 100, trainTrials: 112, neurons: 50, lrScale: 0.05, batch: 8, n: 4, m: 2 } as const;

/** "Predict from bin t": the model sees the trial's inputs up to bin t, then runs on without input. */
export const PREDICT_FROM = { min: 1, max: LORENZ_BINS - 1, default: 20 } as const;

/** The settings a link may carry, as far as the systems' rules go. */
export interface SystemSettings extends RunShape {
  system: SystemKind;
  /** 1-based: a training trial (live systems) or a test trial (Lorenz) */
  trial: number;
}

/**
 * The sentence the page shows (and the sessions throw) when a combination cannot run; null when
 * fine. The live systems keep the trials × bins rule of core/settings.ts; the Lorenz views run the
 * shipped checkpoint on its own test trials, so only the trial shown can be out of range there
 * (the training settings are kept in the link for the live systems, and not used).
 */
export function systemSettingsProblem(v: SystemSettings): string | null {
  if (v.system === 'lorenz') {
    if (v.trial > LORENZ_TEST_TRIALS) {
      return `The Lorenz checkpoint is evaluated on ${LORENZ_TEST_TRIALS} test trials: trial ${v.trial} does not exist; pick a trial from 1 to ${LORENZ_TEST_TRIALS}.`;
    }
    return null;
  }
  if (v.system === 'duffing') {
    if (v.trial > DUFFING_LIVE.testTrials) {
      return `The Duffing run scores ${DUFFING_LIVE.testTrials} held-out trials: trial ${v.trial} does not exist; pick a trial from 1 to ${DUFFING_LIVE.testTrials}.`;
    }
    return null;
  }
  return settingsProblem(v);
}

/** The training settings that do not apply to a system, with the reason the page gives. */
export function inapplicableSettings(system: SystemKind): { keys: readonly string[]; reason: string } | null {
  if (system === 'duffing') {
    return {
      keys: ['prior', 'trials', 'bins', 'noise', 'lr', 'implicit'],
      reason: `The Duffing system has its own fixed set-up (core/duffing.ts): ${DUFFING_LIVE.trainTrials} training trials of ${DUFFING_LIVE.bins} bins seen through ${DUFFING_LIVE.neurons} Poisson neurons, a Student-t prior and c = ${DUFFING_LIVE.lrScale}; of the training settings only the steps and the seed apply.`,
    };
  }
  if (system !== 'lorenz') return null;
  return {
    keys: ['prior', 'trials', 'bins', 'noise', 'lr', 'steps', 'implicit', 'seed'],
    reason:
      'The Lorenz model is not trained on this page: it was trained offline by scripts/train/ilqr.ts (its settings and seed are in the checkpoint), so the training settings apply to the live systems only.',
  };
}
