/**
 * What the shipped Lorenz checkpoint shows, in one sentence and a few figures (paper §3.2): its
 * k-step prediction R² on the test trials as the training script computed it (weights/lorenz.json
 * `test.r2k`), judged against the paper's R²₃₀ = 0.998 (src/shared/verdict.ts), and whether its
 * free run stays on the attractor (measured in the worker). Pure, so it is unit-tested.
 */
import { formatPercent } from '../../../shared/ui/format';
import type { HeadlineFigure } from '../../../shared/ui/HeadlineCard';
import { judgeClaim, type Verdict } from '../../../shared/verdict';
import { LORENZ_PAPER, PAPER_CLAIMS } from '../paper';
import type { LorenzInfo } from '../worker/protocolLorenz';

export interface LorenzHeadline {
  state: 'waiting' | 'done';
  sentence: string;
  figures: HeadlineFigure[];
  claim?: string;
  verdict?: Verdict | null;
}

/** From this R²₃₀ on, the sentence says the model predicts the attractor 30 bins ahead (ours). */
export const PREDICTS_R2 = 0.9;
/** The free run "stays on the attractor" when this share of its points lie as close to it as held-out trajectories' do (ours). */
export const ON_ATTRACTOR_SHARE = 0.9;
/**
 * ... and "covers" it when its spread per coordinate is within these bounds of the attractor's
 * (ours): a run caught in a cycle on one wing is on the attractor without covering it.
 */
export const COVERS_SPREAD = [0.8, 1.25] as const;

const r2 = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '–');

export function lorenzHeadline(info: LorenzInfo | null): LorenzHeadline {
  if (!info) {
    return {
      state: 'waiting',
      sentence: 'Loading the shipped Lorenz model: this card will say how far ahead it predicts the attractor, from the checkpoint’s own test numbers.',
      figures: [],
    };
  }
  const { checkpoint: c, onAttractor: a } = info;
  const k30 = c.r2k[30];
  const k50 = c.r2k[50];
  const predicts = k30 >= PREDICTS_R2;
  const stays = a.shareWithin >= ON_ATTRACTOR_SHARE;
  const covers = a.spread.every((v) => v >= COVERS_SPREAD[0] && v <= COVERS_SPREAD[1]);
  const spread = `${formatPercent(Math.min(...a.spread), 0)}–${formatPercent(Math.max(...a.spread), 0)}`;
  const model = `The shipped model (${c.steps.toLocaleString('en')} Adam steps)`;
  const first = predicts
    ? `${model} predicts the Lorenz attractor 30 bins ahead with R² ${r2(k30)} (paper ${LORENZ_PAPER.r2[30]})`
    : `${model} does not predict the Lorenz attractor 30 bins ahead: R² ${r2(k30)} (paper ${LORENZ_PAPER.r2[30]})`;
  const second = stays
    ? covers
      ? `its free run of ${(info.freeRun.length / 3).toLocaleString('en')} steps stays on the attractor and covers it.`
      : `its free run of ${(info.freeRun.length / 3).toLocaleString('en')} steps stays on the attractor but covers only part of it (spread ${spread} of the attractor's per coordinate).`
    : `its free run of ${(info.freeRun.length / 3).toLocaleString('en')} steps leaves the attractor (${formatPercent(a.shareWithin)} of its points lie as close to it as held-out trajectories).`;
  return {
    state: 'done',
    sentence: `${first}, and ${second}`,
    figures: [
      { id: 'r2-30', label: 'R²₃₀ (30 bins ahead)', text: r2(k30), value: k30, detail: `paper ${LORENZ_PAPER.r2[30]}`, tone: predicts ? 'good' : 'bad' },
      { id: 'r2-50', label: 'R²₅₀ (50 bins ahead)', text: r2(k50), value: k50, detail: `paper ${LORENZ_PAPER.r2[50]}` },
      {
        id: 'on-attractor',
        label: 'Free run on the attractor',
        text: formatPercent(a.shareWithin),
        value: a.shareWithin,
        detail: 'of its points as close as held-out trajectories',
        tone: stays ? 'good' : 'bad',
      },
    ],
    claim: `R²₃₀ = ${LORENZ_PAPER.r2[30]}, R²₅₀ = ${LORENZ_PAPER.r2[50]} on test trials; a 10⁴-step free run stays on the attractor (${PAPER_CLAIMS.lorenzR2.source}).`,
    verdict: Number.isFinite(k30) ? judgeClaim(PAPER_CLAIMS.lorenzR2_30.claim, k30) : null,
  };
}
