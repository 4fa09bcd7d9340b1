/**
 * The 3-D scenarios' result-first card (issue #14), as BallsCF's (headline.ts): what the user's C does,
 * in one sentence, before any setting. The sentence is the filter's verdict on the link's C (so a shared
 * link reads the same at once); BlocktowerCF adds whether C's tower stands, and the model's figure joins
 * once its D is decoded. Pure, so it is unit-tested without a browser (headline3d.test.ts).
 */
import type { Evaluation3d } from '../worker/protocol3d';
import { objectName3d, type Setup3d } from '../worker/intervention3d';
import { CLAIM, modelFigures, modelResult, verdictWords, type CophyHeadline, type PredictionSummary } from './headline';

export interface Headline3dInput {
  /** The example's facts the sentence needs (null while it is generated). */
  example: { n: number; masses: readonly number[]; frames: number } | null;
  setup: Setup3d | null;
  /** describeIntervention3d of the evaluation's C: "Removing the top cube", "Moving the red cube to (…)". */
  what: string | null;
  evaluation: Pick<Evaluation3d, 'problem' | 'verdict' | 'cStable'> | null;
  scenarioName: string;
  dragging?: boolean;
  prediction?: PredictionSummary | null;
}

export function cophy3dHeadline(input: Headline3dInput): CophyHeadline {
  const { example, setup, evaluation: ev, what } = input;
  if (!example || !setup || !ev || !what) {
    return {
      state: 'waiting',
      sentence: `Generating the ${input.scenarioName} example from the seed: this card will say what your change to the first frame C does, and whether the benchmark would keep it.`,
      figures: [],
      claim: CLAIM,
    };
  }
  if (ev.problem || !ev.verdict) {
    return { state: 'done', sentence: `${what} cannot be simulated: ${ev.problem ?? 'no verdict'}`, figures: [], claim: CLAIM };
  }
  const v = ev.verdict;
  const tower = setup.scenario === 'blocktower';
  const words = verdictWords(v, example, { name: (k) => objectName3d(setup, k), noun: 'object' });
  // BlocktowerCF: whether C's tower falls is the scene's first fact (the official stability test, with the hidden masses)
  const stands = ev.cStable === null ? '' : ev.cStable ? ' leaves a tower that stands' : ' leaves a tower that falls';
  const sentence = `${what}${stands}: the filter ${v.kept ? 'keeps' : 'rejects'} this C — ${words}.`;
  const flips = v.flipChange.filter((c): c is number => c !== null);
  const largestFlip = Math.max(0, ...flips);
  const model = input.dragging ? null : modelResult(input.prediction ?? null);
  return {
    state: input.dragging ? 'running' : 'done',
    sentence,
    figures: [
      { id: 'filter', label: 'The filter', text: v.kept ? 'keeps' : 'rejects', value: v.kept ? 1 : 0, detail: v.kept ? 'identifiable and counterfactual' : v.reason === 'not-identifiable' ? 'not identifiable' : 'not counterfactual', tone: v.kept ? 'good' : 'bad' },
      ...(tower && ev.cStable !== null
        ? [{ id: 'tower', label: "C's tower", text: ev.cStable ? 'stands' : 'falls', value: ev.cStable ? 1 : 0, detail: 'the official stability test, true masses' }]
        : []),
      { id: 'flip', label: 'Largest change of D from one mass flip', text: largestFlip.toFixed(0), value: largestFlip, detail: `ε = ${v.epsilon}, Σ over ${example.frames} frames, ${tower ? 'x, y, z' : 'x, y'}` },
      { id: 'confusable', label: 'Masses AB cannot tell apart', text: `${v.confusable.length} of ${(1 << example.n) - 1}`, value: v.confusable.length, detail: `${v.ambiguous.length} of them change D` },
      ...modelFigures(model),
    ],
    claim: CLAIM,
  };
}
