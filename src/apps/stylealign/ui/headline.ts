/**
 * What the page shows, in one sentence, before any setting: from the committed experiment when it
 * exists, else from the live fine-tune's latest checkpoint, else from what ships. Never a number that
 * was not measured.
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
  live: { checkpoint: FineTuneCheckpoint | null; running: boolean; alignCount: number | null };
}): Headline {
  const { missing, metrics, live } = args;
  const figures: Headline['figures'] = [];
  const childR = metrics?.['align.child.meanAbsR'];
  const scratchR = metrics?.['align.scratch.meanAbsR'];
  if (childR !== undefined && Number.isFinite(childR)) {
    figures.push({ id: 'child-r', label: 'child mean |r|', text: childR.toFixed(2), value: childR, tone: childR >= 0.4 ? 'good' : 'bad' });
    if (scratchR !== undefined && Number.isFinite(scratchR)) figures.push({ id: 'scratch-r', label: 'scratch child mean |r|', text: scratchR.toFixed(2), value: scratchR });
    const aligned = childR >= 0.4 && (scratchR === undefined || scratchR <= 0.15);
    return {
      state: 'done',
      sentence: aligned
        ? `The fine-tuned child stays aligned with its parent: the same latent gives a critter whose attributes follow the face's (mean |r| ${childR.toFixed(2)} over four pairs${scratchR !== undefined ? `, against ${scratchR.toFixed(2)} for a child trained from scratch` : ''}).`
        : `At this scale the child's alignment with its parent is weak: mean |r| ${childR.toFixed(2)} over four attribute pairs${scratchR !== undefined ? ` (scratch child ${scratchR.toFixed(2)})` : ''}.`,
      figures,
    };
  }
  const cp = live.checkpoint;
  if (cp && cp.step > 0 && cp.meanAbsR !== null) {
    figures.push({ id: 'live-r', label: `live mean |r| (${live.alignCount ?? '?'} latents)`, text: cp.meanAbsR.toFixed(2), value: cp.meanAbsR });
    if (cp.critterFraction !== null) figures.push({ id: 'live-critters', label: 'called critters', text: `${Math.round(cp.critterFraction * 100)}%`, value: cp.critterFraction });
    return {
      state: live.running ? 'running' : 'done',
      sentence: `After ${cp.step} fine-tuning steps in this browser, the child's attributes follow the parent's with mean |r| ${cp.meanAbsR.toFixed(2)} over four declared pairs on ${live.alignCount ?? 'a few'} latents; the committed experiment has not been run yet.`,
      figures,
    };
  }
  if (cp && cp.step > 0) {
    return {
      state: live.running ? 'running' : 'done',
      sentence: `After ${cp.step} fine-tuning steps in this browser the child draws the images below from the parent's latents; how well its attributes follow the parent's is not measured (the live measurement needs an oracles.bin that fits this build, and no experiment is committed).`,
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
