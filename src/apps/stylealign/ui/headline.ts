/**
 * What the page shows, in one sentence, before any setting: from the live fine-tune the visitor
 * started (with the committed run's figure beside it), else from the committed experiment, else from
 * what ships. Never a number that was not measured.
 */
import type { ExplorerInfo, FineTuneCheckpoint, MissingFile } from '../worker/protocol';

export interface Headline {
  state: 'waiting' | 'running' | 'done';
  sentence: string;
  figures: { id: string; label: string; text: string; value?: number | null; tone?: 'good' | 'bad' | 'neutral' }[];
}

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

export function stylealignHeadline(args: {
  missing: readonly MissingFile[];
  explorer: ExplorerInfo | null;
  metrics: Record<string, number> | null;
  /** The committed run's child mean |r| for each fine-tune seed (its `perSeed`), the page's child first. */
  perSeedChildR?: readonly number[];
  live: { checkpoint: FineTuneCheckpoint | null; running: boolean; alignCount: number | null };
}): Headline {
  const { missing, metrics, live } = args;
  const seedsR = (args.perSeedChildR ?? []).filter((v) => Number.isFinite(v));
  const figures: Headline['figures'] = [];
  const childR = metrics?.['align.child.meanAbsR'];
  const scratchR = metrics?.['align.scratch.meanAbsR'];
  const committed = childR !== undefined && Number.isFinite(childR) ? childR : null;
  const scratch = scratchR !== undefined && Number.isFinite(scratchR) ? scratchR : null;
  // A fine-tune the visitor started in this browser is what they are looking at: it speaks first, and
  // the committed run's figure stays beside it for comparison.
  const cp = live.checkpoint;
  if (cp && cp.step > 0) {
    const state = live.running ? 'running' : 'done';
    const committedFigure = () => {
      if (committed !== null) figures.push({ id: 'child-r', label: 'committed child (3,000 steps) mean |r|', text: committed.toFixed(2), value: committed });
    };
    const committedClause = committed !== null ? `; the committed 3,000-step child reaches ${committed.toFixed(2)}` : '; the committed experiment has not been run yet';
    if (cp.meanAbsR !== null) {
      figures.push({ id: 'live-r', label: `live mean |r| (${live.alignCount ?? '?'} latents)`, text: cp.meanAbsR.toFixed(2), value: cp.meanAbsR });
      if (cp.critterFraction !== null) figures.push({ id: 'live-critters', label: 'called critters', text: `${Math.round(cp.critterFraction * 100)}%`, value: cp.critterFraction });
      committedFigure();
      return {
        state,
        sentence: `After ${cp.step} fine-tuning steps in this browser, the child's attributes follow the parent's with mean |r| ${cp.meanAbsR.toFixed(2)} over four declared pairs on ${live.alignCount ?? 'a few'} latents${committedClause}.`,
        figures,
      };
    }
    committedFigure();
    return {
      state,
      sentence: `After ${cp.step} fine-tuning steps in this browser the child draws the images below from the parent's latents; how well its attributes follow the parent's is not measured live (that needs an oracles.bin that fits this build)${committed !== null ? `; the committed 3,000-step child reaches mean |r| ${committed.toFixed(2)}` : ''}.`,
      figures,
    };
  }
  if (committed !== null) {
    figures.push({ id: 'child-r', label: 'child mean |r|', text: committed.toFixed(2), value: committed, tone: committed >= 0.4 ? 'good' : 'bad' });
    if (scratch !== null) figures.push({ id: 'scratch-r', label: 'scratch child mean |r|', text: scratch.toFixed(2), value: scratch });
    const aligned = committed >= 0.4 && (scratch === null || scratch <= 0.15);
    // Over several fine-tune seeds the mean hides the spread: name each seed's figure, and any below the bar.
    const below = seedsR.filter((v) => v < 0.4).length;
    const over =
      seedsR.length > 1
        ? ` and ${seedsR.length} fine-tune seeds (${list(seedsR.map((v) => v.toFixed(2)))}${below ? `; ${below === 1 ? 'one seed falls' : `${below} seeds fall`} below 0.4` : ''})`
        : '';
    return {
      state: 'done',
      sentence: aligned
        ? `The fine-tuned child stays aligned with its parent: the same latent gives a critter whose attributes follow the face's (mean |r| ${committed.toFixed(2)} over four pairs${over}${scratch !== null ? `, against ${scratch.toFixed(2)} for a child trained from scratch` : ''}).`
        : `At this scale the child's alignment with its parent is weak: mean |r| ${committed.toFixed(2)} over four attribute pairs${over}${scratch !== null ? ` (scratch child ${scratch.toFixed(2)})` : ''}.`,
      figures,
    };
  }
  const names = missing.map((m) => m.file);
  if (names.includes('parent.bin')) {
    return {
      state: 'waiting',
      sentence: `Nothing is measured yet: this build ships no trained parent (${list(names)} missing), so the page can show the plan and the controls but no generated image; train them with ${missing[0].command}.`,
      figures,
    };
  }
  return {
    state: 'waiting',
    sentence:
      `The same latent goes through the parent and its fine-tuned child below; how well their attributes correspond is not measured yet (no committed experiment)` +
      `${names.length ? `, and ${list(names)} ${names.length > 1 ? 'are' : 'is'} not shipped` : ''}: press Run to fine-tune a child here and measure it live.`,
    figures,
  };
}
