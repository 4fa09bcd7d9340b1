/**
 * The iLQR-VAE run's live results (the kit's live store, src/shared/ui/live): the loss curve and
 * iLQR iterations per step, the checkpoints (input R², eigenvalues, the inferred inputs of every
 * trial) and the last replayed iLQR solve. Components subscribe to the slice they draw.
 */
import { createLiveStore, type LiveState } from '../../../shared/ui/live/liveStore';
import type { Checkpoint, InferenceTrace, LongTrialReport, PreparedInfo, StepReport } from '../worker/protocol';

export type Point = [number, number];

export interface IlqrRun {
  /** −ELBO / (T·n_o) per step. */
  loss: Point[];
  /** Mean warm-started iLQR iterations per trial, per step. */
  iterations: Point[];
  checkpoints: Checkpoint[];
  msPerStep: number | null;
  /** The last cold-start solve replayed on the page (null until "Infer" is pressed). */
  trace: InferenceTrace | null;
  /** The trained model on a long held-out trial (null until asked for). */
  longTrial: LongTrialReport | null;
}

export type IlqrLiveState = LiveState<PreparedInfo, IlqrRun>;

const emptyRun = (): IlqrRun => ({ loss: [], iterations: [], checkpoints: [], msPerStep: null, trace: null, longTrial: null });

/** The per-step fields every iLQR-VAE system's live run keeps (sparse and autonomous here, Duffing in duffingLive.ts). */
export interface StepSeries<C> {
  loss: Point[];
  iterations: Point[];
  checkpoints: C[];
  msPerStep: number | null;
}

/**
 * Appends a batch of steps (and their checkpoints) in one store update; msPerStep is the running
 * mean over every step (non-finite losses are left off the curve, not off the mean).
 */
export function appendSteps<C>(s: StepSeries<C>, reports: readonly { step: number; loss: number; iterations: number; ms: number; checkpoint?: C | null }[]): StepSeries<C> {
  const loss = [...s.loss];
  const iterations = [...s.iterations];
  const checkpoints = [...s.checkpoints];
  let n = iterations.length;
  let msPerStep = s.msPerStep;
  for (const r of reports) {
    if (Number.isFinite(r.loss)) loss.push([r.step, r.loss]);
    iterations.push([r.step, r.iterations]);
    msPerStep = msPerStep === null ? r.ms : (msPerStep * n + r.ms) / (n + 1);
    n++;
    if (r.checkpoint) checkpoints.push(r.checkpoint);
  }
  return { loss, iterations, checkpoints, msPerStep };
}

const addSteps = (s: IlqrLiveState, reports: readonly StepReport[]): Partial<IlqrRun> => appendSteps<Checkpoint>(s, reports);

export const ilqrLive = createLiveStore<StepReport, PreparedInfo, IlqrRun>({ emptyRun, addSteps });
export const useIlqrLive = ilqrLive.useLive;

export function latestCheckpoint(s: IlqrLiveState): Checkpoint | null {
  return s.checkpoints.length ? s.checkpoints[s.checkpoints.length - 1] : null;
}
