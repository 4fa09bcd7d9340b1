/**
 * What the worker computed for the page (never in the URL, never tensors): the example, its AB
 * frames as they arrive, the latest verdict on the link's C and on a C being dragged, the CD
 * frames of the link's C, the filter's statistics, and the frame on screen while a video plays
 * (the link gets it when playback stops). Views subscribe to their own slice.
 */
import { create } from 'zustand';
import type { Evaluation, ExampleInfo, FilterStats, Intervention, StatsProgress } from '../worker/protocol';

export interface CophyLiveState {
  /** The worker's state: an error here (it failed to start, or a call failed) is shown with a retry. */
  error: string | null;
  /** `${seed}/${index}` of the example being loaded or shown. */
  exampleKey: string | null;
  example: ExampleInfo | null;
  /** AB's frames, filled batch by batch (null until its batch arrives). */
  abFrames: (ImageData | null)[];
  /** The verdict on the link's C. */
  evaluation: Evaluation | null;
  /** The verdict on the C being dragged (null when no drag is on). */
  draft: Evaluation | null;
  /** CD's frames for `cdFor` (the link's C). */
  cdFrames: (ImageData | null)[];
  cdFor: Intervention | null;
  stats: FilterStats | null;
  statsProgress: StatsProgress | null;
  statsError: string | null;
  /** The frame the videos show. */
  frame: number;
  playing: boolean;
  /** The C editor's selected ball (0-based index in A). */
  selected: number;
}

export const useCophyLive = create<CophyLiveState>(() => ({
  error: null,
  exampleKey: null,
  example: null,
  abFrames: [],
  evaluation: null,
  draft: null,
  cdFrames: [],
  cdFor: null,
  stats: null,
  statsProgress: null,
  statsError: null,
  frame: 0,
  playing: false,
  selected: 0,
}));

/** The verdict the page shows: the dragged C's while a drag is on, else the link's. */
export function shownEvaluation(s: CophyLiveState): Evaluation | null {
  return s.draft ?? s.evaluation;
}
