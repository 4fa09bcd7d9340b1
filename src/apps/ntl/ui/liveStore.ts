/**
 * What the current run has produced so far: plain numbers and typed arrays sent by the worker (never
 * tensors), kept out of the URL. Components subscribe to the slice they draw, so a training step
 * re-renders the curves and the progress line, not the whole page.
 */
import { create } from 'zustand';
import type { BackendInfo } from '../../../shared/tf';
import type { AttackKind, AttackReport, Checkpoint, DataProgress, PreparedInfo, StepReport } from '../worker/session';

export type Point = [number, number];

export interface Curves {
  ls: Point[];
  lt: Point[];
  mmd: Point[];
  total: Point[];
  slLs: Point[];
}

export interface LiveState {
  /** The worker's own tfjs backend (it may differ from the page's if that one failed in a worker). */
  workerBackend: BackendInfo | null;
  workerError: string | null;
  /** True while the worker loads and starts tfjs (it starts on the first Run or Step). */
  workerStarting: boolean;
  data: DataProgress | null;
  prepared: PreparedInfo | null;
  curves: Curves;
  /** Every checkpoint of the run, oldest first. */
  checkpoints: Checkpoint[];
  /** Mean ms per worker step (NTL + reference) over the run so far. */
  msPerStep: number | null;
  attacks: AttackReport[];
  attackBusy: { kind: AttackKind; done: number; total: number } | null;
  attackError: string | null;
  /** tf.memory().numTensors in the worker after each finished run and after each dispose (leak check). */
  tensors: { afterRun: number[]; afterDispose: number[] };
  /** Seconds from pressing Run to the last step, per finished run. */
  runSeconds: number[];
}

const emptyCurves = (): Curves => ({ ls: [], lt: [], mmd: [], total: [], slLs: [] });

/** The state of one run, as it is before the first step (the page's start and every reset). */
const emptyRun = () => ({
  data: null,
  prepared: null,
  curves: emptyCurves(),
  checkpoints: [],
  msPerStep: null,
  attacks: [],
  attackBusy: null,
  attackError: null,
});

export const useLive = create<LiveState>(() => ({
  workerBackend: null,
  workerError: null,
  workerStarting: false,
  ...emptyRun(),
  tensors: { afterRun: [], afterDispose: [] },
  runSeconds: [],
}));

/** Forgets the run's results (not the worker's backend nor the leak history). */
export function clearRun(): void {
  useLive.setState(emptyRun());
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** Appends the losses of a batch of steps (and their checkpoints) in one store update. */
export function addSteps(reports: readonly StepReport[]): void {
  if (reports.length === 0) return;
  useLive.setState((s) => {
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
  });
}

export function latestCheckpoint(s: LiveState): Checkpoint | null {
  return s.checkpoints.length ? s.checkpoints[s.checkpoints.length - 1] : null;
}
