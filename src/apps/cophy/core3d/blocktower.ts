/**
 * BlocktowerCF's towers and do-operations, as the official generator builds them
 * (filteredcophy/FilteredCoPhy @151a2fd, data_generation/generate_blocktower.py; arXiv 2202.00368 §3,
 * Appendix A): 4 unit cubes stacked from the bottom, each shifted from the one below by up to 0.5 along
 * x and y (rounded to 0.01) and turned about z by a whole number of degrees (Tower.init l. 453–468);
 * A is always unstable (find_valid_AB l. 129–135); C comes from removing the top cube (30%, l. 119 and
 * 150–153) or shifting one cube along x or y (generate_random_do_operation l. 534–550), and must be
 * stable or unstable as the example's coin decided (l. 118, 157).
 *
 * "Stable" is the official geometric test (Tower.is_stable l. 492–517): from the top down, the centre of
 * mass of the cubes above each contact lies inside the footprints of both cubes of that contact. It uses
 * the true masses, so it is a property of the tower and its (hidden) masses.
 */
import type { Rng } from '../../../shared/random';
import { DEFAULT_SUBSTEPS_3D, makeScene3d, type PhysicsParams, type Scene3d } from './physics';
import { sinCosDegrees, yawQuaternion } from './trig';

export const BLOCKTOWER_CUBES = 4;
export const BLOCKTOWER_FRAMES = 150;
/** Lateral friction set on every cube (l. 425). */
export const BLOCKTOWER_FRICTION = 0.5;
/** Each cube is shifted from the one below by U(−RANGE_MOVE, RANGE_MOVE) along x and y (l. 456). */
export const RANGE_MOVE = 0.5;
/** Probability that C's tower must be stable (l. 118: random.random() > 0.5). */
export const STABLE_CD_PROBABILITY = 0.5;
export const BLOCKTOWER_REMOVE_PROBABILITY = 0.3;
export const BLOCKTOWER_MAX_SHIFT_TRIALS = 10;
/** A shift needs at least this much room along both axes (l. 537). */
export const MIN_SHIFT_ROOM = 0.15;
/** Shifts use 80% of the room (l. 544), on a grid of 0.05 starting at ±0.05 (l. 545). */
export const SHIFT_ROOM_USE = 0.8;
export const TOWER_SHIFT_STEP = 0.05;

export const BLOCKTOWER_PHYSICS: PhysicsParams = { frames: BLOCKTOWER_FRAMES, friction: BLOCKTOWER_FRICTION, restitution: 0, ccd: false };
export { DEFAULT_SUBSTEPS_3D };

/** A tower, bottom cube first: centres and yaw angles in whole degrees. */
export interface Tower {
  readonly n: number;
  /** [x0, y0, z0, …], bottom to top. */
  readonly positions: Float64Array;
  /** Yaw of each cube about z, whole degrees in [0, 359]. */
  readonly angles: readonly number[];
}

/** numpy.round(v, 2) for the values Tower.init draws (ties have probability zero). */
function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A random tower as Tower.init (l. 453–468): angles first, then each cube's offset from the one below. */
export function randomTower(rng: Rng, n: number = BLOCKTOWER_CUBES): Tower {
  const angles = Array.from({ length: n }, () => rng.int(360));
  const positions = new Float64Array(3 * n);
  positions[2] = 0.5; // the bottom cube is always centred, resting on the floor
  for (let k = 1; k < n; k++) {
    positions[3 * k] = positions[3 * (k - 1)] + round2(RANGE_MOVE * (2 * rng.next() - 1));
    positions[3 * k + 1] = positions[3 * (k - 1) + 1] + round2(RANGE_MOVE * (2 * rng.next() - 1));
    positions[3 * k + 2] = positions[3 * (k - 1) + 2] + 1;
  }
  return { n, positions, angles };
}

/** True when (px, py) lies inside the footprint of cube k (a unit square turned by its yaw). */
function insideFootprint(tower: Tower, k: number, px: number, py: number): boolean {
  const [s, c] = sinCosDegrees(tower.angles[k]);
  const dx = px - tower.positions[3 * k];
  const dy = py - tower.positions[3 * k + 1];
  // The point in the cube's own axes (the inverse rotation).
  const lx = c * dx + s * dy;
  const ly = -s * dx + c * dy;
  return lx > -0.5 && lx < 0.5 && ly > -0.5 && ly < 0.5;
}

/** The official stability test (Tower.is_stable l. 492–517) with the tower's masses (bottom cube first). */
export function isTowerStable(tower: Tower, masses: readonly number[]): boolean {
  const n = tower.n;
  // From the top down: the cubes above contact (j, j − 1) are j … n − 1.
  for (let j = n - 1; j >= 1; j--) {
    let mx = 0;
    let my = 0;
    let total = 0;
    for (let i = j; i < n; i++) {
      mx += tower.positions[3 * i] * masses[i];
      my += tower.positions[3 * i + 1] * masses[i];
      total += masses[i];
    }
    const cx = mx / total;
    const cy = my / total;
    if (!(insideFootprint(tower, j, cx, cy) && insideFootprint(tower, j - 1, cx, cy))) return false;
  }
  return true;
}

/** A random tower that is unstable under `masses` (find_valid_AB l. 129–135). */
export function randomUnstableTower(rng: Rng, masses: readonly number[], n: number = BLOCKTOWER_CUBES): Tower {
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const tower = randomTower(rng, n);
    if (!isTowerStable(tower, masses)) return tower;
  }
  throw new Error('no unstable tower found in 100,000 draws');
}

/** The tower as a physics scene: cubes at rest, turned by their yaw (quaternions from the constant table). */
export function towerScene(tower: Tower): Scene3d {
  const rotations: number[] = [];
  for (const a of tower.angles) rotations.push(...yawQuaternion(a));
  return makeScene3d(Array(tower.n).fill('cube'), tower.positions, rotations, new Float64Array(3 * tower.n));
}

export function removeTopCube(tower: Tower): Tower {
  if (tower.n < 2) throw new RangeError('cannot remove the only cube');
  return { n: tower.n - 1, positions: tower.positions.slice(0, 3 * (tower.n - 1)), angles: tower.angles.slice(0, tower.n - 1) };
}

/** Python's min(a, b): a unless b < a (so a NaN first argument wins, as in the official code). */
function pyMin(a: number, b: number): number {
  return b < a ? b : a;
}

/**
 * How far cube k can move along x and along y before it stops overlapping a neighbour
 * (compute_valid_movement_range l. 470–490, including its NaN for neighbours more than 1 apart).
 */
export function validMovementRange(tower: Tower, k: number): [number, number] {
  const p = tower.positions;
  const x = p[3 * k];
  const y = p[3 * k + 1];
  const towards = (j: number): [number, number] => {
    const xj = p[3 * j];
    const yj = p[3 * j + 1];
    return [Math.sqrt(1 - (yj - y) * (yj - y)) + x - xj, Math.sqrt(1 - (xj - x) * (xj - x)) + y - yj];
  };
  if (k === 0) {
    const [dx, dy] = towards(1);
    return [Math.abs(dx), Math.abs(dy)];
  }
  if (k === tower.n - 1) {
    const [dx, dy] = towards(k - 1);
    return [Math.abs(dx), Math.abs(dy)];
  }
  const [dxDown, dyDown] = towards(k - 1);
  const [dxUp, dyUp] = towards(k + 1);
  return [Math.abs(pyMin(dxUp, dxDown)), Math.abs(pyMin(dyUp, dyDown))];
}

/** numpy.arange(start, stop, step). */
function arange(start: number, stop: number, step: number): number[] {
  const count = Math.max(0, Math.ceil((stop - start) / step));
  return Array.from({ length: count }, (_, i) => start + i * step);
}

export type TowerDoOperation =
  | { readonly kind: 'remove'; readonly object: number }
  | { readonly kind: 'shift'; readonly object: number; readonly axis: 'x' | 'y'; readonly amplitude: number };

/** The shift amplitudes for cube k along an axis given its room (l. 543–545). */
export function towerShiftAmplitudes(room: number): number[] {
  const delta = room * SHIFT_ROOM_USE;
  return [...arange(TOWER_SHIFT_STEP, delta, TOWER_SHIFT_STEP), ...arange(-delta, -TOWER_SHIFT_STEP, TOWER_SHIFT_STEP)];
}

/**
 * One shift trial (generate_random_do_operation l. 534–550): a random cube, null when it has too little
 * room (or a neighbour more than 1 away makes the room NaN), else an axis and an amplitude.
 */
export function sampleTowerShift(rng: Rng, tower: Tower): { op: TowerDoOperation; tower: Tower } | null {
  const cube = rng.int(tower.n);
  const [dx, dy] = validMovementRange(tower, cube);
  if (dx < MIN_SHIFT_ROOM || dy < MIN_SHIFT_ROOM) return null;
  if (Number.isNaN(dx) || Number.isNaN(dy)) return null;
  const axis = rng.int(2) === 0 ? 'x' : 'y';
  const amplitudes = towerShiftAmplitudes(axis === 'x' ? dx : dy);
  if (amplitudes.length === 0) return null;
  const op: TowerDoOperation = { kind: 'shift', object: cube, axis, amplitude: amplitudes[rng.int(amplitudes.length)] };
  return { op, tower: applyTowerDoOperation(tower, op) };
}

/** C's tower after a do-operation (removal: the top cube, whatever `object` says). */
export function applyTowerDoOperation(tower: Tower, op: TowerDoOperation): Tower {
  if (op.kind === 'remove') return removeTopCube(tower);
  if (!(Number.isInteger(op.object) && op.object >= 0 && op.object < tower.n)) {
    throw new RangeError(`the do-operation names cube ${op.object}, but the tower has cubes 0–${tower.n - 1}`);
  }
  const positions = Float64Array.from(tower.positions);
  positions[3 * op.object + (op.axis === 'x' ? 0 : 1)] += op.amplitude;
  return { n: tower.n, positions, angles: [...tower.angles] };
}
