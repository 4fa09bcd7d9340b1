/**
 * Plain-data types shared by a training worker (trainingWorker.ts) and the page's controller
 * (trainingController.ts); no tfjs, so the page's side imports them for free.
 */
import type { BackendInfo } from '../tf';

/** Progress of a session's preparation (data generation), shown as "label (done / total)". */
export interface PrepareProgress {
  label: string;
  done: number;
  total: number;
  /** Set by the controller while the worker itself is still loading (before `prepare`). */
  starting?: boolean;
}

/** Progress of an extra (e.g. an attack's fine-tuning steps). */
export interface ExtraProgress {
  done: number;
  total: number;
}

/** The training worker as the page sees it. */
export interface WorkerStatus {
  /** The worker's own tfjs backend (it may differ from the page's when that one failed in a worker). */
  backend: BackendInfo | null;
  /** Why the worker could not start, with the fix; null when fine. */
  error: string | null;
  /** True while the worker loads and starts tfjs (it starts on the first Run or Step). */
  starting: boolean;
}
