/**
 * The do-operations that turn A into C in BallsCF (arXiv 2202.00368 §3; official
 * data_generation/generate_balls.py @151a2fd): remove a ball (30% of the examples, l. 116) or shift one
 * ball along x or y (l. 391–418), with at most 10 shift trials per AB (l. 143).
 */
import type { Rng } from '../../../shared/random';
import { isClear, type Scene } from './simulator';

export const REMOVE_PROBABILITY = 0.3;
export const MAX_SHIFT_TRIALS = 10;
/** Shifted balls stay within ±SHIFT_LIMIT (compute_valid_movement_range, l. 366–372). */
export const SHIFT_LIMIT = 3.5;
/** Only 90% of the room is used (l. 398). */
export const SHIFT_ROOM_FRACTION = 0.9;
/** Shifts are at least this long, on a grid of SHIFT_STEP (l. 401). */
export const MIN_SHIFT = 0.5;
export const SHIFT_STEP = 0.1;

export type DoOperation =
  | { readonly kind: 'remove'; readonly ball: number }
  | { readonly kind: 'shift'; readonly ball: number; readonly axis: 'x' | 'y'; readonly amplitude: number };

/** C, and for each of its balls the index of the same ball in A (a removed ball leaves a gap). */
export interface CounterfactualStart {
  readonly scene: Scene;
  readonly objects: readonly number[];
}

/**
 * Applies a do-operation to A. Returns null when a shift puts the moved ball less than 1 from another
 * (the official check, l. 414–417). Velocities are untouched: only the initial positions change.
 */
export function applyDoOperation(a: Scene, op: DoOperation): CounterfactualStart | null {
  if (!(op.ball >= 0 && op.ball < a.n && Number.isInteger(op.ball))) {
    throw new RangeError(`the do-operation names ball ${op.ball}, but the scene has balls 0–${a.n - 1}`);
  }
  if (op.kind === 'remove') {
    if (a.n < 2) throw new RangeError('cannot remove the only ball');
    const objects: number[] = [];
    for (let k = 0; k < a.n; k++) if (k !== op.ball) objects.push(k);
    const positions = new Float64Array(2 * objects.length);
    const velocities = new Float64Array(2 * objects.length);
    objects.forEach((k, i) => {
      positions[2 * i] = a.positions[2 * k];
      positions[2 * i + 1] = a.positions[2 * k + 1];
      velocities[2 * i] = a.velocities[2 * k];
      velocities[2 * i + 1] = a.velocities[2 * k + 1];
    });
    return { scene: { n: objects.length, positions, velocities }, objects };
  }
  const positions = Float64Array.from(a.positions);
  const index = 2 * op.ball + (op.axis === 'x' ? 0 : 1);
  positions[index] += op.amplitude;
  if (!isClear(positions, a.n, positions[2 * op.ball], positions[2 * op.ball + 1], op.ball)) return null;
  const objects = Array.from({ length: a.n }, (_, k) => k);
  return { scene: { n: a.n, positions, velocities: Float64Array.from(a.velocities) }, objects };
}

/** numpy.arange(start, stop, step): ceil((stop − start)/step) values start + i·step. */
function arange(start: number, stop: number, step: number): number[] {
  const count = Math.max(0, Math.ceil((stop - start) / step));
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(start + i * step);
  return values;
}

/**
 * The shift amplitudes the official sampler chooses from for this ball and axis (l. 394–401): shifts of
 * at least 0.5 on a 0.1 grid, within 90% of the room to ±3.5. The official room is [x − 3.5, 3.5 − x]
 * (l. 370–371), which for x < 0 reaches past the wall (down to −8.85 at x = −3); we use the room the
 * docstring describes, [−3.5 − x, 3.5 − x], so a shifted ball always starts inside the box.
 */
export function shiftAmplitudes(a: Scene, ball: number, axis: 'x' | 'y'): number[] {
  const c = a.positions[2 * ball + (axis === 'x' ? 0 : 1)];
  const low = SHIFT_ROOM_FRACTION * (-SHIFT_LIMIT - c);
  const high = SHIFT_ROOM_FRACTION * (SHIFT_LIMIT - c);
  return [...arange(MIN_SHIFT, high, SHIFT_STEP), ...arange(low, -MIN_SHIFT, SHIFT_STEP)];
}

/** One shift trial as generate_random_do_operation (l. 391–418): a ball, an axis, an amplitude. */
export function sampleShift(rng: Rng, a: Scene): { op: DoOperation; start: CounterfactualStart | null } | null {
  const ball = rng.int(a.n);
  const axis = rng.int(2) === 0 ? 'x' : 'y';
  const amplitudes = shiftAmplitudes(a, ball, axis);
  if (amplitudes.length === 0) return null;
  const op: DoOperation = { kind: 'shift', ball, axis, amplitude: amplitudes[rng.int(amplitudes.length)] };
  return { op, start: applyDoOperation(a, op) };
}

export function describeDoOperation(op: DoOperation, colorNames?: readonly string[]): string {
  const name = colorNames ? `the ${colorNames[op.ball]} ball` : `ball ${op.ball + 1}`;
  if (op.kind === 'remove') return `remove ${name}`;
  return `move ${name} by ${op.amplitude >= 0 ? '+' : ''}${op.amplitude.toFixed(2)} along ${op.axis}`;
}
