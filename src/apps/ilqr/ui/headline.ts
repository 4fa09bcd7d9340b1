/**
 * What the iLQR-VAE run showed, in one sentence and a few figures: from the run's latest checkpoint
 * (the same numbers as the curves), judged against the paper's input R² for a run of the same size
 * (Table S1, or §3.3's one trial of 1000 bins; src/shared/verdict.ts). Pure, so it is unit-tested
 * without a browser.
 */
import { formatValue } from '../../../shared/ui/format';
import type { HeadlineFigure } from '../../../shared/ui/HeadlineCard';
import { judgeClaim, type Verdict } from '../../../shared/verdict';
import { paperInputR2ForSize } from '../paper';
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

const r2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

export function ilqrHeadline(input: { steps: number; trials: number; bins: number; checkpoint: Checkpoint | null }): IlqrHeadline {
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
