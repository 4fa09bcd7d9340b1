/**
 * The Duffing run's live results (the kit's live store, src/shared/ui/live): the loss curve and
 * warm-started iLQR iterations per step, the checkpoints (timing on the held-out trials, ‖u*‖ and
 * the phase-plane latents of every one) and the last replayed iLQR solve. Components subscribe to
 * the slice they draw. Never tensors, never in the URL.
 */
import { createLiveStore, type LiveState } from '../../../shared/ui/live/liveStore';
import { appendSteps, type Point } from './liveStore';
import type { DuffingCheckpoint, DuffingInferenceTrace, DuffingPreparedInfo, DuffingStepReport } from '../worker/protocolDuffing';

export type { Point };

export interface DuffingRun {
  /** −ELBO / (T·n_o) per step (minibatch mean). */
  loss: Point[];
  /** Mean warm-started iLQR iterations per trial, per step. */
  iterations: Point[];
  checkpoints: DuffingCheckpoint[];
  msPerStep: number | null;
  /** The last cold-start solve replayed on the page (null until "Infer" is pressed). */
  trace: DuffingInferenceTrace | null;
}

export type DuffingLiveState = LiveState<DuffingPreparedInfo, DuffingRun>;

const emptyRun = (): DuffingRun => ({ loss: [], iterations: [], checkpoints: [], msPerStep: null, trace: null });

/** Appends a batch of steps (and their checkpoints) in one store update (liveStore.ts appendSteps). */
export function addDuffingSteps(s: DuffingRun, reports: readonly DuffingStepReport[]): Partial<DuffingRun> {
  return appendSteps<DuffingCheckpoint>(s, reports);
}

export const duffingLive = createLiveStore<DuffingStepReport, DuffingPreparedInfo, DuffingRun>({ emptyRun, addSteps: addDuffingSteps });
export const useDuffingLive = duffingLive.useLive;

export function latestDuffingCheckpoint(s: DuffingRun): DuffingCheckpoint | null {
  return s.checkpoints.length ? s.checkpoints[s.checkpoints.length - 1] : null;
}
