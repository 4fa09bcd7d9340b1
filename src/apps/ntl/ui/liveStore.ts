/**
 * The NTL run's live results (the kit's live store, src/shared/ui/live): loss curves, checkpoints,
 * mean step time and the attacks run so far. Components subscribe to the slice they draw, so a
 * training step re-renders the curves and the progress line, not the whole page.
 */
import { createLiveStore, type LiveState } from '../../../shared/ui/live/liveStore';
import type { AttackReport, Checkpoint, PreparedInfo, StepReport } from '../worker/protocol';

export type Point = [number, number];

export interface Curves {
  ls: Point[];
  lt: Point[];
  mmd: Point[];
  total: Point[];
  slLs: Point[];
}

export interface NtlRun {
  curves: Curves;
  /** Every checkpoint of the run, oldest first. */
  checkpoints: Checkpoint[];
  /** Mean ms per worker step (NTL + reference) over the run so far. */
  msPerStep: number | null;
  attacks: AttackReport[];
}

export type NtlLiveState = LiveState<PreparedInfo, NtlRun>;

const emptyRun = (): NtlRun => ({ curves: { ls: [], lt: [], mmd: [], total: [], slLs: [] }, checkpoints: [], msPerStep: null, attacks: [] });

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** Appends the losses of a batch of steps (and their checkpoints) in one store update. */
function addSteps(s: NtlLiveState, reports: readonly StepReport[]): Partial<NtlRun> {
  const c = s.curves;
  const next: Curves = { ls: [...c.ls], lt: [...c.lt], mmd: [...c.mmd], total: [...c.total], slLs: [...c.slLs] };
  const push = (arr: Point[], x: number, v: number | undefined) => {
    if (finite(v)) arr.push([x, v]);
  };
  let n = c.ls.length;
  let msPerStep = s.msPerStep;
  const checkpoints = [...s.checkpoints];
  for (const r of reports) {
    const x = r.step;
    push(next.ls, x, r.ntl.ls);
    push(next.lt, x, r.ntl.lt);
    push(next.mmd, x, r.ntl.mmd);
    push(next.total, x, r.ntl.total);
    push(next.slLs, x, r.sl?.ls);
    const ms = r.ntl.ms + (r.sl?.ms ?? 0);
    msPerStep = msPerStep === null ? ms : (msPerStep * n + ms) / (n + 1);
    n++;
    if (r.checkpoint) checkpoints.push(r.checkpoint);
  }
  return { curves: next, msPerStep, checkpoints };
}

export const ntlLive = createLiveStore<StepReport, PreparedInfo, NtlRun>({ emptyRun, addSteps });
export const useNtlLive = ntlLive.useLive;

export function latestCheckpoint(s: NtlLiveState): Checkpoint | null {
  return s.checkpoints.length ? s.checkpoints[s.checkpoints.length - 1] : null;
}
