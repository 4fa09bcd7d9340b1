/**
 * The page's live state (never in the link, never tensors): the explorer worker's answers
 * (`useStyleAlignExplorer`) and the live fine-tune's run (the kit's live store, `stylealignLive`).
 */
import { create } from 'zustand';
import { createLiveStore, type LiveState } from '../../../shared/ui/live/liveStore';
import type { ExplorerInfo, FineTuneCheckpoint, FineTuneInfo, FineTuneStep, GridResult, RenderResult, TranslateResult } from '../worker/protocol';

export interface ExplorerState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  info: ExplorerInfo | null;
  render: RenderResult | null;
  grid: GridResult | null;
  error: string | null;
  /** live tensors in the explorer worker after its latest answer */
  tensors: number | null;
  translate: { status: 'idle' | 'running' | 'done'; done: number; total: number; result: TranslateResult | null; parent?: Uint8ClampedArray; child?: Uint8ClampedArray };
}

export const useStyleAlignExplorer = create<ExplorerState>(() => ({
  status: 'idle',
  info: null,
  render: null,
  grid: null,
  error: null,
  tensors: null,
  translate: { status: 'idle', done: 0, total: 0, result: null },
}));

export type Point = [number, number];

export interface FineTuneRun {
  lossG: Point[];
  lossD: Point[];
  checkpoints: FineTuneCheckpoint[];
  msPerStep: number | null;
}

export type StyleAlignLiveState = LiveState<FineTuneInfo, FineTuneRun>;

const emptyRun = (): FineTuneRun => ({ lossG: [], lossD: [], checkpoints: [], msPerStep: null });

function addSteps(s: StyleAlignLiveState, batch: readonly FineTuneStep[]): Partial<FineTuneRun> {
  const lossG = [...s.lossG];
  const lossD = [...s.lossD];
  const checkpoints = [...s.checkpoints];
  let n = s.lossG.length;
  let ms = s.msPerStep;
  for (const r of batch) {
    if (Number.isFinite(r.lossG)) lossG.push([r.step, r.lossG]);
    if (Number.isFinite(r.lossD)) lossD.push([r.step, r.lossD]);
    ms = ms === null ? r.ms : (ms * n + r.ms) / (n + 1);
    n++;
    if (r.checkpoint) checkpoints.push(r.checkpoint);
  }
  return { lossG, lossD, checkpoints, msPerStep: ms };
}

export const stylealignLive = createLiveStore<FineTuneStep, FineTuneInfo, FineTuneRun>({ emptyRun, addSteps });
export const useStyleAlignLive = stylealignLive.useLive;

/** The run's latest checkpoint, or the start (step 0) once prepared. */
export function latestCheckpoint(s: StyleAlignLiveState): FineTuneCheckpoint | null {
  return s.checkpoints.length ? s.checkpoints[s.checkpoints.length - 1] : (s.prepared?.start ?? null);
}
