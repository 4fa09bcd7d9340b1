/**
 * What the iLQR-VAE run showed, in one sentence and a few figures: from the run's latest checkpoint
 * (the same numbers as the curves), judged against the paper's input R² for a run of the same size
 * (Table S1, or §3.3's one trial of 1000 bins; src/shared/verdict.ts). On the autonomous system (b)
 * the figure is the share of inferred input energy in the pre-trial bin (§3.1: the inputs migrate
 * into the initial condition), which the paper states without a number, so there is no verdict.
 * Pure, so it is unit-tested without a browser.
 */
import { formatPercent, formatValue } from '../../../shared/ui/format';
import type { HeadlineFigure } from '../../../shared/ui/HeadlineCard';
import { judgeClaim, type Verdict } from '../../../shared/verdict';
import type { LiveSystem } from '../core/systems';
import { PAPER_CLAIMS, paperInputR2ForSize } from '../paper';
import type { Checkpoint } from '../worker/protocol';

export interface IlqrHeadline {
  state: 'waiting' | 'running' | 'done';
  sentence: string;
  figures: HeadlineFigure[];
  claim?: string;
  verdict?: Verdict | null;
}

/** From this input R² on, the inferred inputs line up with the true events (the pass mark). */
export const RECOVERED_R2 = 0.8;

/** From this share of input energy in the pre-trial bin on, the headline says the inputs migrated (ours: the paper gives no number). */
export const MIGRATED_SHARE = 0.9;

const r2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

export function ilqrHeadline(input: { system?: LiveSystem; steps: number; trials: number; bins: number; checkpoint: Checkpoint | null }): IlqrHeadline {
  if (input.system === 'autonomous') return autonomousHeadline(input);
  const { checkpoint: cp, steps } = input;
  const paper = paperInputR2ForSize(input.trials, input.bins);
  const claim = paper
    ? `iLQR-VAE input R² ${paper.ilqr} (${paper.where}); an RNN encoder (LFADS) ${paper.lfads}.`
    : `the paper reports no run of ${input.trials} × ${input.bins} bins (its sizes: Table S1, and one trial of 1000 bins in §3.3).`;
  if (!cp) {
    return {
      state: 'waiting',
      sentence: 'Press Run: the model learns the dynamics from the observations alone while iLQR infers the hidden input events on every trial; this card says how much of those inputs it recovers (R²).',
      figures: [],
    };
  }
  const state = cp.step >= steps ? 'done' : 'running';
  const soFar = state === 'running' ? `So far (step ${cp.step} of ${steps}): ` : '';
  const recovered = cp.inputR2 >= RECOVERED_R2;
  const sentence = recovered
    ? `${soFar}iLQR recovered the hidden input events: the inferred inputs explain ${r2(cp.inputR2)} of the true inputs' variance (R²), with no encoder network.`
    : `${soFar}iLQR has not recovered the inputs yet: input R² ${r2(cp.inputR2)}${state === 'done' ? '. Try more steps, or another seed' : ''}.`;
  return {
    state,
    sentence,
    figures: [
      { id: 'input-r2', label: 'Input R²', text: r2(cp.inputR2), value: cp.inputR2, detail: paper ? `paper ${paper.ilqr}` : undefined, tone: recovered ? 'good' : 'neutral' },
      { id: 'latent-r2', label: 'Latent R²', text: r2(cp.latentR2), value: cp.latentR2 },
      { id: 'eigen-error', label: 'Eigenvalue error', text: formatValue(cp.eigenError), value: cp.eigenError, detail: 'mean |λ − λ_true|' },
    ],
    claim,
    verdict: paper ? judgeClaim({ direction: 'atLeast', bound: paper.ilqr }, cp.inputR2) : null,
  };
}

/** System (b): no input events, so the question is where iLQR puts the inputs it infers (§3.1). */
function autonomousHeadline({ checkpoint: cp, steps }: { steps: number; checkpoint: Checkpoint | null }): IlqrHeadline {
  const claim = `${PAPER_CLAIMS.autonomousInputs.value} (${PAPER_CLAIMS.autonomousInputs.source}; no number given).`;
  if (!cp) {
    return {
      state: 'waiting',
      sentence:
        'Press Run: nothing drives this system but its initial state, set in the pre-trial bin; this card says how much of the input energy that iLQR infers ends up in that bin as the model learns.',
      figures: [],
    };
  }
  const state = cp.step >= steps ? 'done' : 'running';
  const soFar = state === 'running' ? `So far (step ${cp.step} of ${steps}): ` : '';
  const share = formatPercent(cp.firstBinShare);
  const migrated = cp.firstBinShare >= MIGRATED_SHARE;
  const sentence = migrated
    ? `${soFar}${soFar ? 't' : 'T'}he inferred inputs migrated into the initial condition: ${share} of their energy sits in the pre-trial bin, and the learned dynamics carry the rest of each trial.`
    : `${soFar}${share} of the inferred input energy sits in the pre-trial bin; the rest is spread over the trial${state === 'done' ? ' (try more steps)' : ''}.`;
  return {
    state,
    sentence,
    figures: [
      { id: 'first-bin-share', label: 'Input energy in the pre-trial bin', text: share, value: cp.firstBinShare, tone: migrated ? 'good' : 'neutral', detail: 'Σ‖u*₀‖² / Σₜ‖u*ₜ‖², all trials' },
      { id: 'latent-r2', label: 'Latent R²', text: r2(cp.latentR2), value: cp.latentR2 },
      { id: 'eigen-error', label: 'Eigenvalue error', text: formatValue(cp.eigenError), value: cp.eigenError, detail: 'mean |λ − λ_true|' },
    ],
    claim,
    verdict: null,
  };
}
