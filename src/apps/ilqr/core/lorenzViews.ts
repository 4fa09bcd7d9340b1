/**
 * What the page's Lorenz views compute from the shipped checkpoint (Schimel et al., ICLR 2022,
 * arXiv 2205.01210, §3.2), on top of core/lorenz.ts: the model rebuilt from the checkpoint file,
 * the posterior of one trial, a prediction from bin t with the inputs after it zeroed (the
 * per-bin step of lorenz_analysis.ml's R²_k, which `kStepR2` pools over bins and trials), the
 * input sizes ‖u_t‖, and how far a free run strays from the clean attractor.
 *
 * Bins are 1-based as on the page. With nBeg pre-trial bins, input u_j (j = 0 … K−1) is shown at
 * x = j − nBeg + 1: the pre-trial inputs at x ≤ 0, and u at x = t drives bin t to bin t + 1 (the
 * sparse page's convention, where nBeg = 1 and u₀ is the initial condition).
 */
import type { IlqrResult } from './ilqr';
import { LORENZ_MODEL, predictedObservations, type LorenzSystemConfig } from './lorenz';
import { IlqrVae, type VaeConfig } from './vae';

/** The fields of weights/lorenz.json that the views read (written by scripts/train/ilqr.ts). */
export interface LorenzCheckpointFile {
  kind: string;
  model: VaeConfig;
  system: LorenzSystemConfig;
  seed: number;
  steps: number;
  batch: number;
  lrScale: number;
  theta: number[];
  blocks: { name: string; offset: number; size: number }[];
  history: { step: number[]; loss: number[]; iterations: number[]; evalStep: number[]; r2_30: number[]; r2_50: number[] };
  test: { r2k: number[]; iterations: number[]; converged: number; trials: number };
}

/** The iLQR settings of the R²_k evaluation (core/lorenz.ts kStepR2's defaults): a cold start, converged or 100 iterations. */
export const LORENZ_INFERENCE = { tolerance: 1e-4, maxIterations: 100 } as const;

/** The model of a checkpoint file, after checking that its parameter layout is this code's. */
export function modelFromCheckpoint(file: LorenzCheckpointFile): IlqrVae {
  if (file.model.dynamics !== LORENZ_MODEL.dynamics) throw new Error(`The checkpoint holds a ${file.model.dynamics ?? 'linear'} model, not the Lorenz MGU2.`);
  const vae = new IlqrVae(file.model);
  const blocks = vae.layout.blocks.map((b) => `${b.name}@${b.offset}+${b.size}`).join(',');
  const stored = file.blocks.map((b) => `${b.name}@${b.offset}+${b.size}`).join(',');
  if (blocks !== stored || file.theta.length !== vae.theta.length) {
    throw new Error('The Lorenz checkpoint does not match this code’s parameter layout: retrain it with scripts/train/ilqr.ts.');
  }
  vae.theta.set(file.theta);
  vae.update();
  return vae;
}

/** u* and the states of one trial, from a cold start (u = 0), as the R²_k evaluation infers them. */
export function inferTrial(vae: IlqrVae, o: Float64Array, onIteration?: (iteration: number, cost: number, us: Float64Array, xs: Float64Array) => void): IlqrResult {
  return vae.infer(o, undefined, { ...LORENZ_INFERENCE, onIteration });
}

/**
 * The model's observations (T × n_o) when it sees the trial's inputs up to bin `from` (1-based)
 * and then runs on without input: the state at bin `from` is the posterior's, every input from
 * x = from on (the ones that move it to later bins) is zero. Bins ≤ from equal the posterior-mean
 * reconstruction.
 */
export function predictFromBin(vae: IlqrVae, us: Float64Array, from: number): Float64Array {
  const { m } = vae.config;
  const nBeg = vae.dyn.nBeg;
  const T = vae.K - nBeg + 1;
  if (!Number.isInteger(from) || from < 1 || from > T) throw new RangeError(`predict from bin ${from}: the trial has bins 1–${T}`);
  const zeroed = Float64Array.from(us);
  zeroed.fill(0, (from + nBeg - 1) * m);
  return predictedObservations(vae, vae.rollout(zeroed));
}

/**
 * The k-step errors of a prediction from bin `from`: for k = 0 … T − from, the distance
 * ‖clean(from + k) − prediction(from + k)‖ in the z-scored coordinates.
 */
export function kStepErrors(prediction: ArrayLike<number>, clean: ArrayLike<number>, from: number, no: number): Float64Array {
  const T = clean.length / no;
  const out = new Float64Array(T - from + 1);
  for (let k = 0; k < out.length; k++) {
    const r = from - 1 + k;
    let s = 0;
    for (let i = 0; i < no; i++) s += (clean[r * no + i] - prediction[r * no + i]) ** 2;
    out[k] = Math.sqrt(s);
  }
  return out;
}

/** ‖u_j‖ per input bin (K values), and the x at which the page draws each: j − nBeg + 1. */
export function inputNorms(vae: IlqrVae, us: ArrayLike<number>): { x: Int32Array; norm: Float64Array } {
  const { m } = vae.config;
  const K = us.length / m;
  const x = new Int32Array(K);
  const norm = new Float64Array(K);
  for (let j = 0; j < K; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += us[j * m + i] ** 2;
    norm[j] = Math.sqrt(s);
    x[j] = j - vae.dyn.nBeg + 1;
  }
  return { x, norm };
}

/**
 * Distances from each point of `points` (rows of 3) to its nearest point of `reference` (rows of
 * 3), through a uniform grid of cell size `cell` (exact: the search widens ring by ring until no
 * closer point can be left). For "does the free run stay on the attractor": compared with the same
 * distances of clean held-out trajectories, which lie on it.
 */
export function nearestDistances(points: ArrayLike<number>, reference: ArrayLike<number>, cell = 0.1): Float64Array {
  const nRef = reference.length / 3;
  const grid = new Map<string, number[]>();
  const key = (a: number, b: number, c: number) => `${a},${b},${c}`;
  for (let r = 0; r < nRef; r++) {
    const k = key(Math.floor(reference[r * 3] / cell), Math.floor(reference[r * 3 + 1] / cell), Math.floor(reference[r * 3 + 2] / cell));
    const list = grid.get(k);
    if (list) list.push(r);
    else grid.set(k, [r]);
  }
  const n = points.length / 3;
  const out = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const x = points[p * 3];
    const y = points[p * 3 + 1];
    const z = points[p * 3 + 2];
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
      out[p] = Infinity;
      continue;
    }
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    const cz = Math.floor(z / cell);
    let best = Infinity;
    // Points in ring `ring` (cells at Chebyshev offset ring) are at least (ring − 1)·cell from p:
    // stop once that bound passes the best found; far from every reference point, scan them all.
    let ring = 0;
    for (; ring <= MAX_RING && (ring - 1) * cell < best; ring++) {
      for (let a = -ring; a <= ring; a++) {
        for (let b = -ring; b <= ring; b++) {
          for (let c = -ring; c <= ring; c++) {
            if (Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) !== ring) continue;
            const list = grid.get(key(cx + a, cy + b, cz + c));
            if (!list) continue;
            for (const r of list) {
              const d = (reference[r * 3] - x) ** 2 + (reference[r * 3 + 1] - y) ** 2 + (reference[r * 3 + 2] - z) ** 2;
              if (d < best * best) best = Math.sqrt(d);
            }
          }
        }
      }
    }
    if (ring > MAX_RING && (ring - 1) * cell < best) {
      for (let r = 0; r < nRef; r++) {
        const d = (reference[r * 3] - x) ** 2 + (reference[r * 3 + 1] - y) ** 2 + (reference[r * 3 + 2] - z) ** 2;
        if (d < best * best) best = Math.sqrt(d);
      }
    }
    out[p] = best;
  }
  return out;
}

/** Rings of grid cells searched before `nearestDistances` scans every reference point. */
const MAX_RING = 12;

/** The median of a list (NaN when empty); Infinity counts as large. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
