/**
 * Small hand-written counterfactual models that implement `CounterfactualModel` without learning, so
 * that the metrics, the mass probe and the experiment harness can be tested against known answers:
 *
 * - `ColourKeypointRenderer`: a de-renderer by colour. Keypoint k is the centroid of the pixels of
 *   palette colour k (render.ts BALL_COLOR_NAMES) that differ from the floor; its gate says whether the
 *   colour is in the frame. Decoding draws each present keypoint as a ball with the scene renderer over
 *   the source frame's floor. No coefficients (C = 0), so a state is (row, column, gate).
 * - `physicsOracleDynamics`: abduction by brute force, the way the benchmark's filter reasons: from the
 *   AB keypoints it fits each ball's start position and velocity (a straight line over the first frames)
 *   and picks the mass combination whose simulated AB is closest to the observed one; u_k holds
 *   [present, heavy, vx, vy, 0, …]. The rollout simulates C with those masses and velocities. It knows
 *   the simulator, so it is what a perfect learner could reach, and must beat Copy-C.
 * - `copyCDynamics`: the rollout repeats C (zero u): its scores must equal the Copy-C row.
 * - `noiseConfounder`: wraps dynamics and replaces u with seeded noise (a probe on it is at chance).
 *
 * These are test references, not the paper's model.
 */
import { createRng } from '../../../shared/random';
import type { CounterfactualDynamics, KeypointStates, StateRenderer } from './counterfactualModel';
import { makeStates } from './counterfactualModel';
import { floorBackgrounds, mostProbableBackground } from './metrics';
import { BALL_COLOR_NAMES, ballToPixel, pixelToBall, renderFrame } from './render';
import { massesOfCombination, simulate, type Trajectory } from './simulator';

export const ORACLE_CONFOUNDER_SIZE = 32;

/** What a keypoint cache made by ColourKeypointRenderer records as its encoder (scripts/train/cophy.ts --derender colour). */
export const COLOUR_ENCODER_ID = 'colour-centroid';

/** Keypoint (row, column) in [−1, 1] of a world position: the renderer's projection, pixel p ↦ 2p/S − 1. */
export function worldToKeypoint(x: number, y: number, size: number): [number, number] {
  const [col, row] = ballToPixel(x, y, size);
  return [(2 * row) / size - 1, (2 * col) / size - 1];
}

/** The inverse of worldToKeypoint. */
export function keypointToWorld(row: number, col: number, size: number): [number, number] {
  return pixelToBall(((col + 1) / 2) * size, ((row + 1) / 2) * size, size);
}

/** The direction (unit RGB) of each palette colour, read from a rendered ball's centre. */
function paletteDirections(size: number): number[][] {
  return BALL_COLOR_NAMES.map((_, k) => {
    const tr: Trajectory = { n: 1, frames: 1, positions: new Float64Array([0, 0]) };
    const img = renderFrame(tr, 0, [k], 0, size);
    const [col, row] = ballToPixel(0, 0, size);
    const i = (Math.floor(row) * size + Math.floor(col)) * 3;
    const v = [img[i], img[i + 1], img[i + 2]];
    const norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return v.map((x) => x / norm);
  });
}

/** Minimum cosine between a pixel's colour and a palette colour for the pixel to count as that ball. */
const COLOUR_COSINE = 0.97;
/** Minimum squared colour difference to the floor (RGB in [0, 1]) for a pixel to count at all. */
const FOREGROUND_MIN = 0.02;

export class ColourKeypointRenderer implements StateRenderer {
  readonly name = 'colour-centroid renderer';
  readonly stateSize = 3;
  private readonly palette: number[][];
  private readonly backgrounds: Uint8Array[];

  constructor(
    readonly imageSize: number,
    readonly keypoints: number,
  ) {
    if (keypoints > BALL_COLOR_NAMES.length) throw new RangeError(`the palette has ${BALL_COLOR_NAMES.length} colours, not ${keypoints}`);
    this.palette = paletteDirections(imageSize).slice(0, keypoints);
    this.backgrounds = floorBackgrounds(imageSize);
  }

  extract(frames: Float32Array, count: number): KeypointStates {
    const s = this.imageSize;
    const px = s * s * 3;
    if (frames.length !== count * px) throw new RangeError(`${count} frames of ${s}² RGB need ${count * px} values, got ${frames.length}`);
    const k = this.keypoints;
    const out = makeStates(count, k, this.stateSize);
    const sums = new Float64Array(3 * k);
    for (let f = 0; f < count; f++) {
      const frame = frames.subarray(f * px, (f + 1) * px);
      const bg = this.backgrounds[mostProbableBackground([frame], this.backgrounds)];
      sums.fill(0);
      for (let p = 0; p < s * s; p++) {
        const r = (frame[3 * p] + 1) / 2;
        const g = (frame[3 * p + 1] + 1) / 2;
        const b = (frame[3 * p + 2] + 1) / 2;
        const dr = r - bg[3 * p] / 255;
        const dg = g - bg[3 * p + 1] / 255;
        const db = b - bg[3 * p + 2] / 255;
        if (dr * dr + dg * dg + db * db < FOREGROUND_MIN) continue;
        const norm = Math.sqrt(r * r + g * g + b * b);
        if (norm === 0) continue;
        let best = -1;
        let bestCos = COLOUR_COSINE;
        for (let j = 0; j < k; j++) {
          const cos = (r * this.palette[j][0] + g * this.palette[j][1] + b * this.palette[j][2]) / norm;
          if (cos > bestCos) {
            bestCos = cos;
            best = j;
          }
        }
        if (best < 0) continue;
        sums[3 * best] += Math.floor(p / s) + 0.5;
        sums[3 * best + 1] += (p % s) + 0.5;
        sums[3 * best + 2] += 1;
      }
      for (let j = 0; j < k; j++) {
        const o = (f * k + j) * this.stateSize;
        const n = sums[3 * j + 2];
        if (n < 3) continue; // absent (removed): (0, 0), gate 0
        out.values[o] = (2 * (sums[3 * j] / n)) / s - 1;
        out.values[o + 1] = (2 * (sums[3 * j + 1] / n)) / s - 1;
        out.values[o + 2] = 1;
      }
    }
    return out;
  }

  decode(states: KeypointStates, source: Float32Array): Float32Array {
    const s = this.imageSize;
    const px = s * s * 3;
    const floor = mostProbableBackground([source], this.backgrounds);
    const out = new Float32Array(states.frames * px);
    const bytes = new Uint8Array(px);
    for (let t = 0; t < states.frames; t++) {
      const present: number[] = [];
      const positions: number[] = [];
      for (let j = 0; j < states.keypoints; j++) {
        const o = (t * states.keypoints + j) * states.stateSize;
        if (states.values[o + states.stateSize - 1] < 0.5) continue;
        present.push(j);
        positions.push(...keypointToWorld(states.values[o], states.values[o + 1], s));
      }
      const tr: Trajectory = { n: present.length, frames: 1, positions: Float64Array.from(positions) };
      renderFrame(tr, 0, present, floor, s, bytes);
      for (let i = 0; i < px; i++) out[t * px + i] = (2 * bytes[i]) / 255 - 1;
    }
    return out;
  }

  dispose(): void {}
}

/** Present keypoints (gate ≥ 0.5) of one frame, with their world positions. */
function presentBalls(states: KeypointStates, t: number, size: number): { index: number; x: number; y: number }[] {
  const out: { index: number; x: number; y: number }[] = [];
  for (let j = 0; j < states.keypoints; j++) {
    const o = (t * states.keypoints + j) * states.stateSize;
    if (states.values[o + states.stateSize - 1] < 0.5) continue;
    const [x, y] = keypointToWorld(states.values[o], states.values[o + 1], size);
    out.push({ index: j, x, y });
  }
  return out;
}

/** Keypoint states of simulated positions (keypoint `index[b]` ← ball b), gate 1; the others stay (0, 0, 0). */
function statesOfTrajectory(tr: Trajectory, index: readonly number[], keypoints: number, stateSize: number, size: number, every: number, frames: number): KeypointStates {
  const out = makeStates(frames, keypoints, stateSize);
  for (let i = 0; i < frames; i++) {
    const t = i * every;
    for (let b = 0; b < tr.n; b++) {
      const [row, col] = worldToKeypoint(tr.positions[(t * tr.n + b) * 2], tr.positions[(t * tr.n + b) * 2 + 1], size);
      const o = (i * keypoints + index[b]) * stateSize;
      out.values[o] = row;
      out.values[o + 1] = col;
      out.values[o + stateSize - 1] = 1;
    }
  }
  return out;
}

/** Windows (video frames) the oracle tries for its start lines, longest first; and the residual (world units) a line may leave. */
export const ORACLE_FIT_WINDOWS = [15, 9, 5] as const;
export const ORACLE_FIT_RESIDUAL = 0.03;

/**
 * Least-squares line through keypoint `index`'s first `fit` states (positions at t = 0 and velocity per
 * second) into positions/velocities[2i..]; returns the largest residual distance.
 */
function fitLine(ab: KeypointStates, index: number, fit: number, dt: number, size: number, positions: Float64Array, velocities: Float64Array, i: number): number {
  const k = ab.keypoints;
  const xs: number[] = [];
  const ys: number[] = [];
  const ts: number[] = [];
  for (let f = 0; f < fit; f++) {
    const o = (f * k + index) * ab.stateSize;
    const [x, y] = keypointToWorld(ab.values[o], ab.values[o + 1], size);
    xs.push(x);
    ys.push(y);
    ts.push((f * dt) / 25);
  }
  const mean = (a: number[]) => a.reduce((p, v) => p + v, 0) / a.length;
  const mt = mean(ts);
  const mx = mean(xs);
  const my = mean(ys);
  let stt = 0;
  let stx = 0;
  let sty = 0;
  for (let f = 0; f < fit; f++) {
    stt += (ts[f] - mt) ** 2;
    stx += (ts[f] - mt) * (xs[f] - mx);
    sty += (ts[f] - mt) * (ys[f] - my);
  }
  const vx = stx / stt;
  const vy = sty / stt;
  velocities[2 * i] = vx;
  velocities[2 * i + 1] = vy;
  positions[2 * i] = mx - vx * mt;
  positions[2 * i + 1] = my - vy * mt;
  let worst = 0;
  for (let f = 0; f < fit; f++) worst = Math.max(worst, Math.hypot(xs[f] - positions[2 * i] - vx * ts[f], ys[f] - positions[2 * i + 1] - vy * ts[f]));
  return worst;
}

/**
 * Abduction by brute force (see the file comment). `timeStride` is the video frames per step of the
 * states it is given and returns.
 */
export function physicsOracleDynamics(imageSize: number, timeStride = 1): CounterfactualDynamics {
  const dt = timeStride;
  return {
    name: 'physics oracle (brute-force abduction)',
    confounderSize: ORACLE_CONFOUNDER_SIZE,
    timeStride,
    confounder(ab) {
      const k = ab.keypoints;
      const u = new Float32Array(k * ORACLE_CONFOUNDER_SIZE);
      const balls = presentBalls(ab, 0, imageSize);
      if (balls.length === 0) return u;
      // Start velocities: least-squares lines through each ball's first positions (in video frames).
      const positions = new Float64Array(2 * balls.length);
      const velocities = new Float64Array(2 * balls.length);
      balls.forEach((b, i) => {
        // the longest window whose line fits within the centroids' noise (no bounce inside it)
        for (const frames of ORACLE_FIT_WINDOWS) {
          const fit = Math.min(ab.frames, Math.max(2, Math.ceil(frames / dt)));
          if (fitLine(ab, b.index, fit, dt, imageSize, positions, velocities, i) < ORACLE_FIT_RESIDUAL || frames === ORACLE_FIT_WINDOWS.at(-1)) break;
        }
      });
      // The mass combination whose simulated AB is closest to the observed keypoints.
      const frames = (ab.frames - 1) * dt + 1;
      let best = 0;
      let bestError = Infinity;
      for (let z = 0; z < 1 << balls.length; z++) {
        const tr = simulate({ n: balls.length, positions, velocities }, massesOfCombination(z, balls.length), { frames });
        let err = 0;
        for (let f = 0; f < ab.frames; f++) {
          balls.forEach((b, i) => {
            const o = (f * k + b.index) * ab.stateSize;
            const [x, y] = keypointToWorld(ab.values[o], ab.values[o + 1], imageSize);
            const p = (f * dt * balls.length + i) * 2;
            err += Math.sqrt((tr.positions[p] - x) ** 2 + (tr.positions[p + 1] - y) ** 2);
          });
        }
        if (err < bestError) {
          bestError = err;
          best = z;
        }
      }
      const masses = massesOfCombination(best, balls.length);
      balls.forEach((b, i) => {
        const o = b.index * ORACLE_CONFOUNDER_SIZE;
        u[o] = 1;
        u[o + 1] = masses[i] === 10 ? 1 : 0;
        u[o + 2] = velocities[2 * i];
        u[o + 3] = velocities[2 * i + 1];
      });
      return u;
    },
    rollout(c, u, steps) {
      const balls = presentBalls(c, 0, imageSize);
      const positions = new Float64Array(2 * balls.length);
      const velocities = new Float64Array(2 * balls.length);
      const masses: number[] = [];
      balls.forEach((b, i) => {
        const o = b.index * ORACLE_CONFOUNDER_SIZE;
        positions[2 * i] = b.x;
        positions[2 * i + 1] = b.y;
        // an unknown ball (u_k = 0) stands still with mass 1
        const known = u[o] >= 0.5;
        velocities[2 * i] = known ? u[o + 2] : 0;
        velocities[2 * i + 1] = known ? u[o + 3] : 0;
        masses.push(known && u[o + 1] >= 0.5 ? 10 : 1);
      });
      const tr = simulate({ n: balls.length, positions, velocities }, masses, { frames: steps * dt + 1 });
      return statesOfTrajectory(
        tr,
        balls.map((b) => b.index),
        c.keypoints,
        c.stateSize,
        imageSize,
        dt,
        steps + 1,
      );
    },
    dispose() {},
  };
}

/** Dynamics that predict no motion: every frame is C. */
export function copyCDynamics(timeStride = 1): CounterfactualDynamics {
  return {
    name: 'copy C',
    confounderSize: ORACLE_CONFOUNDER_SIZE,
    timeStride,
    confounder: (ab) => new Float32Array(ab.keypoints * ORACLE_CONFOUNDER_SIZE),
    rollout(c, _u, steps) {
      const per = c.keypoints * c.stateSize;
      const out = makeStates(steps + 1, c.keypoints, c.stateSize);
      for (let t = 0; t <= steps; t++) out.values.set(c.values.subarray(0, per), t * per);
      return out;
    },
    dispose() {},
  };
}

/** The same dynamics with u replaced by seeded noise (a fresh draw per call): no mass information. */
export function noiseConfounder(dynamics: CounterfactualDynamics, seed: number): CounterfactualDynamics {
  const rng = createRng(seed).fork('cophy/noise-confounder');
  return {
    ...dynamics,
    name: `${dynamics.name}, noise u`,
    confounder(ab) {
      const u = new Float32Array(ab.keypoints * dynamics.confounderSize);
      for (let i = 0; i < u.length; i++) u[i] = rng.normal();
      return u;
    },
  };
}
