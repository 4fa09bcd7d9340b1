/**
 * A demo's live store: what the current run has produced so far (plain numbers and typed arrays
 * from the worker, never tensors), kept out of the URL. The factory adds the slice every training
 * demo has (worker status, preparation progress, the prepared info, the extra in flight, the leak
 * check's tensor counts, run times) to the demo's own run slice, and gives the `TrainingSink` the
 * controller writes into. Components subscribe to the slice they draw.
 *
 *   export const ntlLive = createLiveStore<StepReport, PreparedInfo, NtlRun>({ emptyRun, addSteps });
 *   export const useNtlLive = ntlLive.useLive;
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { PrepareProgress, WorkerStatus } from '../../run/training';
import type { TrainingSink } from '../../run/trainingController';
import type { SavedRunMeta } from '../../run/resumeStore';

export interface ExtraStatus {
  name: string;
  /** What the page shows, e.g. "FTAL". */
  label: string;
  done: number;
  total: number;
}

/** The slice every training demo's live store has. */
export interface TrainingLiveState<Info> {
  worker: WorkerStatus;
  /** Preparation progress (data generation); null when not preparing. */
  data: PrepareProgress | null;
  prepared: Info | null;
  extra: ExtraStatus | null;
  extraError: string | null;
  /** tf.memory().numTensors in the worker after each finished run and after each dispose (leak check). */
  tensors: { afterRun: number[]; afterDispose: number[] };
  /** Seconds from the first step to the last, per finished run. */
  runSeconds: number[];
  /** The run's last save (a reload resumes from it), and why saving failed. */
  saved: SavedRunMeta | null;
  saveError: string | null;
}

export type LiveState<Info, Run> = TrainingLiveState<Info> & Run;

export interface LiveStore<Step, Info, Run> {
  useLive: UseBoundStore<StoreApi<LiveState<Info, Run>>>;
  /** What the training controller writes into. */
  sink: TrainingSink<Step, Info>;
  /** Forgets the run's results (not the worker's status nor the leak history). */
  clearRun(): void;
}

const emptyTrainingRun = () => ({ data: null, prepared: null, extra: null, extraError: null, saved: null, saveError: null });

export function createLiveStore<Step, Info, Run extends object>(opts: {
  /** The demo's run slice as it is before the first step (the page's start and every reset). */
  emptyRun: () => Run;
  /** Folds a batch of step reports (oldest first) into the run slice, in one store update. */
  addSteps: (state: LiveState<Info, Run>, batch: readonly Step[]) => Partial<Run>;
}): LiveStore<Step, Info, Run> {
  const useLive = create<LiveState<Info, Run>>()(
    () =>
      ({
        worker: { backend: null, error: null, starting: false },
        ...emptyTrainingRun(),
        ...opts.emptyRun(),
        tensors: { afterRun: [], afterDispose: [] },
        runSeconds: [],
      }) as LiveState<Info, Run>,
  );
  const set = (partial: Partial<LiveState<Info, Run>> | ((s: LiveState<Info, Run>) => Partial<LiveState<Info, Run>>)) => useLive.setState(partial);
  const clearRun = () => set({ ...emptyTrainingRun(), ...opts.emptyRun() } as Partial<LiveState<Info, Run>>);
  const sink: TrainingSink<Step, Info> = {
    workerStatus: (worker) => set({ worker } as Partial<LiveState<Info, Run>>),
    progress: (data) => set({ data } as Partial<LiveState<Info, Run>>),
    prepared: (prepared) => set({ prepared } as Partial<LiveState<Info, Run>>),
    steps: (batch) => set((s) => opts.addSteps(s, batch) as Partial<LiveState<Info, Run>>),
    clearRun,
    tensors: (when, n) => set((s) => ({ tensors: { ...s.tensors, [when]: [...s.tensors[when], n] } }) as Partial<LiveState<Info, Run>>),
    runFinished: (seconds) => set((s) => ({ runSeconds: [...s.runSeconds, seconds] }) as Partial<LiveState<Info, Run>>),
    extra: (extra, error) => set((error === undefined ? { extra } : { extra, extraError: error }) as Partial<LiveState<Info, Run>>),
    saved: (saved, saveError) => set((saved ? { saved, saveError } : { saveError }) as Partial<LiveState<Info, Run>>),
  };
  return { useLive, sink, clearRun };
}
