/**
 * The one sentence of what this run showed, computed from its own numbers (the grammar shown and the
 * REINFORCE epochs so far); before a run, what a run will show.
 */
import type { HeadlineFigure } from '../../../shared/ui/HeadlineCard';
import { formatPercent } from '../../../shared/ui/format';
import type { GrammarView, PreparedInfo, StepReport } from '../worker/protocol';

export interface Headline {
  state: 'waiting' | 'running' | 'done';
  sentence: string;
  figures: HeadlineFigure[];
}

export function grammarHeadline(opts: { setName: string; trainingCount: number | null; n: number; epochs: number; prepared: PreparedInfo | null; grammar: GrammarView | null; last: StepReport | null }): Headline {
  const { prepared, grammar, last } = opts;
  if (!prepared || !grammar) {
    return {
      state: 'waiting',
      sentence: `Press Build grammar: the ${opts.setName.toLowerCase()}${opts.trainingCount ? ` (${opts.trainingCount} molecules)` : ''} are broken down into production rules in your browser, then ${opts.n} molecules are generated from those rules, each valid by construction.`,
      figures: [],
    };
  }
  const m = grammar.metrics;
  const count = prepared.molecules.length;
  const memb = Number.isFinite(m.memb) ? `, ${formatPercent(m.memb, 0)} of them in the class (our pattern)` : '';
  const which = grammar.epoch > 0 ? `The best grammar after REINFORCE (epoch ${grammar.epoch})` : `A grammar of ${m.rules} rules learned from ${count} molecules`;
  const sentence = `${which} generated ${m.samples} distinct molecules, ${formatPercent(m.valid, 0)} valid and ${formatPercent(m.novelty, 0)} new${memb}; diversity ${m.div.toFixed(2)}.`;
  const figures: HeadlineFigure[] = [
    { id: 'rules', label: 'rules', text: String(m.rules), value: m.rules },
    { id: 'samples', label: 'distinct molecules', text: String(m.samples), value: m.samples, detail: `of ${opts.n} asked` },
    { id: 'valid', label: 'valid', text: formatPercent(m.valid, 0), value: m.valid, tone: m.valid === 1 ? 'good' : 'bad' },
    { id: 'div', label: 'Div', text: m.div.toFixed(2), value: m.div },
  ];
  if (Number.isFinite(m.memb)) figures.push({ id: 'memb', label: 'Memb. (ours)', text: formatPercent(m.memb, 0), value: m.memb });
  if (last) figures.push({ id: 'reward', label: `reward, epoch ${last.epoch}`, text: last.meanReward.toFixed(2), value: last.meanReward });
  return { state: last && last.epoch >= opts.epochs ? 'done' : last ? 'running' : 'done', sentence, figures };
}
