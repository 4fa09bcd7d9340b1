/**
 * What the live Duffing run showed (system (d), the paper's Appendix I), in one sentence and a few
 * figures, from the run's latest checkpoint (the same numbers as its views): on how many held-out
 * trials the largest input iLQR infers from the spikes lands within ±2 bins of the hidden
 * perturbation, against a uniform guess in the perturbation window. The paper shows this in a
 * figure and gives no number, so the verdict uses our bar (at least three times a guess's share,
 * as the paper table does). Pure, so it is unit-tested without a browser.
 */
import { formatPercent } from '../../../shared/ui/format';
import type { HeadlineFigure } from '../../../shared/ui/HeadlineCard';
import { judgeClaim, type Verdict } from '../../../shared/verdict';
import { PAPER_CLAIMS } from '../paper';
import type { DuffingCheckpoint, TimingScore } from '../worker/protocolDuffing';

export interface DuffingHeadline {
  state: 'waiting' | 'running' | 'done';
  sentence: string;
  figures: HeadlineFigure[];
  claim?: string;
  verdict?: Verdict | null;
}

/** The model "found" the perturbation when this many times a uniform guess's share of trials fall within ±2 bins (ours; the paper table's verdict uses it too). */
export const FOUND_FACTOR = 3;

const r2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const bins = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(1)} bin${v === 1 ? '' : 's'}`;

export function duffingHeadline(input: { steps: number; checkpoint: DuffingCheckpoint | null; chance: TimingScore | null; untrained?: TimingScore | null }): DuffingHeadline {
  const { checkpoint: cp, steps, chance } = input;
  const claim = `${PAPER_CLAIMS.duffingTiming.value} (${PAPER_CLAIMS.duffingTiming.source}); our bar: within ±2 bins on at least ${FOUND_FACTOR}× a uniform guess's share of held-out trials.`;
  if (!cp || !chance) {
    return {
      state: 'waiting',
      sentence:
        'Press Run: the model learns the oscillator from spikes alone, and this card says how often the largest input iLQR infers lands on the hidden perturbation of a held-out trial, against a guess.',
      figures: [],
    };
  }
  const state = cp.step >= steps ? 'done' : 'running';
  const soFar = state === 'running' ? `So far (step ${cp.step} of ${steps}): ` : '';
  const trials = cp.inferredBins.length;
  const hits = Math.round(cp.within2 * trials);
  const guess = formatPercent(chance.within2);
  // the sentence and the verdict agree: judgeClaim's tolerance included
  const verdict = judgeClaim({ direction: 'atLeast', bound: FOUND_FACTOR * chance.within2 }, cp.within2);
  const found = verdict === 'holds';
  const better = cp.within2 > chance.within2;
  const lead = `on ${hits} of ${trials} held-out trials the largest inferred input lands within ±2 bins of the hidden perturbation (a uniform guess: ${guess})`;
  const sentence = found
    ? `${soFar}iLQR finds the perturbation from spikes alone: ${lead}, and the model's firing rates match the true ones with R² ${r2(cp.rateR2)}.`
    : better
      ? `${soFar}Better than a guess, not yet reliable: ${lead}${state === 'done' ? '. Try more steps' : ''}.`
      : `${soFar}No better than a guess yet: ${lead}${state === 'done' ? '. Try more steps' : ''}.`;
  const untrained = input.untrained;
  return {
    state,
    sentence,
    figures: [
      {
        id: 'within2',
        label: 'Perturbation found within ±2 bins',
        text: formatPercent(cp.within2),
        value: cp.within2,
        detail: `guess ${guess}${untrained ? `, untrained ${formatPercent(untrained.within2)}` : ''}`,
        tone: found ? 'good' : 'neutral',
      },
      { id: 'timing-error', label: 'Median timing error', text: bins(cp.medianError), value: cp.medianError, detail: `guess ${bins(chance.medianError)}` },
      { id: 'rate-r2', label: 'Firing-rate R²', text: r2(cp.rateR2), value: cp.rateR2, detail: 'posterior mean vs true rates' },
      { id: 'phase-r2', label: 'Phase-plane R²', text: r2(cp.phaseR2), value: cp.phaseR2, detail: 'latents vs (x, ẋ), least squares' },
    ],
    claim,
    verdict,
  };
}
