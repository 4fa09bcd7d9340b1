/**
 * The DEG run's live results (the kit's live store): the REINFORCE curves per epoch and the grammar
 * sampled from the best-reward grammar so far (null until asked for). The built grammar, its trace
 * and its first samples are the prepared info. A pasted list lives in `usePasted` (not in the link).
 */
import { create } from 'zustand';
import { createLiveStore, type LiveState } from '../../../shared/ui/live/liveStore';
import { useMemo } from 'react';
import type { DataProgress, GrammarView, PreparedInfo, SampleView, StepReport } from '../worker/protocol';

export type Point = [number, number];

export interface GrammarRun {
  meanReward: Point[];
  bestReward: Point[];
  memb: Point[];
  div: Point[];
  epochs: StepReport[];
  best: GrammarView | null;
  /** The built grammar's samples, as they arrived with the preparation's progress. */
  streamed: SampleView[];
  /** How many samples the preparation is drawing (known once sampling ends; null before). */
  streamTotal: number | null;
}

export type GrammarLiveState = LiveState<PreparedInfo, GrammarRun>;

const emptyRun = (): GrammarRun => ({ meanReward: [], bestReward: [], memb: [], div: [], epochs: [], best: null, streamed: [], streamTotal: null });

function addSteps(s: GrammarLiveState, reports: readonly StepReport[]): Partial<GrammarRun> {
  const out = { meanReward: [...s.meanReward], bestReward: [...s.bestReward], memb: [...s.memb], div: [...s.div], epochs: [...s.epochs] };
  for (const r of reports) {
    out.meanReward.push([r.epoch, r.meanReward]);
    out.bestReward.push([r.epoch, r.bestReward]);
    if (Number.isFinite(r.memb)) out.memb.push([r.epoch, r.memb]);
    out.div.push([r.epoch, r.div]);
    out.epochs.push(r);
  }
  return out;
}

const store = createLiveStore<StepReport, PreparedInfo, GrammarRun>({ emptyRun, addSteps });
export const useGrammarLive = store.useLive;

/** The kit's live store, with the samples that come with the preparation's progress kept as they arrive. */
export const grammarLive: typeof store = {
  ...store,
  sink: {
    ...store.sink,
    progress: (p) => {
      const d = p as DataProgress | null;
      const batch = d?.samples;
      if (batch?.length) useGrammarLive.setState((s) => ({ streamed: [...s.streamed, ...batch], streamTotal: d?.total ?? s.streamTotal }));
      store.sink.progress(p);
    },
  },
};

/** The grammar the page shows: the best one once sampled, else the one built before training (with its streamed samples). */
export function useShownGrammar(): GrammarView | null {
  const best = useGrammarLive((s) => s.best);
  const built = useGrammarLive((s) => s.prepared?.grammar ?? null);
  const streamed = useGrammarLive((s) => s.streamed);
  return useMemo(() => best ?? (built ? { ...built, samples: streamed } : null), [best, built, streamed]);
}

/**
 * The samples the grid shows: those of the shown grammar, or, while the grammar is still being
 * prepared, those streamed so far (with the number being drawn), so the page draws them while the
 * worker draws the rest.
 */
export function useShownSamples(): { samples: SampleView[]; total: number; grammar: GrammarView | null } | null {
  const grammar = useShownGrammar();
  const streamed = useGrammarLive((s) => s.streamed);
  const total = useGrammarLive((s) => s.streamTotal);
  return useMemo(() => {
    if (grammar) return { samples: grammar.samples, total: grammar.samples.length, grammar };
    return streamed.length && total !== null ? { samples: streamed, total, grammar: null } : null;
  }, [grammar, streamed, total]);
}

/** A pasted SMILES list in use (null: the dataset of the link). */
export const usePasted = create<{
  text: string | null;
  /** Bumped by each use(), so pasting the same list again still makes a new run. */
  version: number;
  buildPending: boolean;
  use: (text: string) => void;
  clear: () => void;
  built: () => void;
}>((set) => ({
  text: null,
  version: 0,
  buildPending: false,
  use: (text) => set((s) => ({ text, version: s.version + 1, buildPending: true })),
  clear: () => set((s) => ({ text: null, version: s.version + 1, buildPending: false })),
  built: () => set({ buildPending: false }),
}));
