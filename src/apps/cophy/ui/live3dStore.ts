/**
 * What the 3-D worker computed for the page (never in the URL): the example, AB's and CD's ray-cast
 * frames as they arrive, the verdict on the link's C and on a C being dragged, the statistics, the
 * frame on screen while the videos play, the selected object and the orbit of the three.js view, and
 * the scenario's model's D for the link's C (as BallsCF's liveStore.ts Prediction).
 */
import { create } from 'zustand';
import type { Evaluation3d, Example3dInfo, Stats3d, Stats3dProgress } from '../worker/protocol3d';
import type { Intervention3d } from '../worker/intervention3d';
import type { Prediction } from './liveStore';
import { DEFAULT_VIEW, type OrbitView } from './orbit3d';

export interface Cophy3dLiveState {
  error: string | null;
  /** `${scenario}/${seed}/${index}` being loaded or shown, and when its load started (the page says how long a tower takes). */
  exampleKey: string | null;
  loadingSince: number | null;
  example: Example3dInfo | null;
  abFrames: (ImageData | null)[];
  evaluation: Evaluation3d | null;
  draft: Evaluation3d | null;
  cdFrames: (ImageData | null)[];
  cdFor: Intervention3d | null;
  stats: Stats3d | null;
  statsProgress: Stats3dProgress | null;
  statsError: string | null;
  frame: number;
  playing: boolean;
  /** The selected object (0-based index in A). */
  selected: number;
  view: OrbitView;
  /** The model's D for the link's C (null: no C to predict from). */
  prediction: Prediction<Intervention3d> | null;
  /** Keypoint overlays on the predicted and simulated D. */
  showKeypoints: boolean;
}

export const useCophy3dLive = create<Cophy3dLiveState>(() => ({
  error: null,
  exampleKey: null,
  loadingSince: null,
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
  view: DEFAULT_VIEW,
  prediction: null,
  showKeypoints: true,
}));

export function shownEvaluation3d(s: Cophy3dLiveState): Evaluation3d | null {
  return s.draft ?? s.evaluation;
}
