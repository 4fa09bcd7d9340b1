/**
 * CollisionCF's starts and do-operations, as the official generator builds them
 * (filteredcophy/FilteredCoPhy @151a2fd, data_generation/generate_collision.py; arXiv 2202.00368 §3,
 * Appendix A): a ball and a cylinder; one of them rests at the origin and the other is launched at it at
 * speed 10 from x, y ∈ ±[1, 3] (Arena.init l. 257–279). When the ball moves, the cylinder stands up
 * ("up", centre 1.501) or lies on its side ("down", centre 0.501); when the cylinder moves, it flies with
 * a random orientation. C either flips the resting cylinder (only when the ball moves, with probability
 * 0.3, l. 305–308) or shifts the moving object by U(−1, 1) (|shift| ≥ 0.1) along x, y or z, rejected when
 * it starts within ±1 of the origin in x or y or too low (l. 310–337). 75 frames (Simulator(25, 3)).
 * Objects are in the official order: 0 the cylinder, 1 the ball (Simulator._init l. 401–419).
 */
import type { Rng } from '../../../shared/random';
import { makeScene3d, type ObjectKind, type PhysicsParams, type Scene3d } from './physics';
import { eulerQuaternion } from './trig';

export const COLLISION_FRAMES = 75;
export const COLLISION_FRICTION = 0.5;
export const COLLISION_RESTITUTION = 1;
/** Launch positions: x and y from linspace(−3, −1, 10) ∪ linspace(1, 3, 10) (l. 23, 266). */
export const COLLISION_RANGE_POS = 3;
/** Launch speed (l. 24, 270). */
export const COLLISION_SPEED = 10;
export const FLIP_PROBABILITY = 0.3;
export const COLLISION_MAX_TRIALS = 10;
/** The resting cylinder's centre height standing up and lying down (l. 262–264). */
export const CYLINDER_UP_Z = 1.501;
export const CYLINDER_DOWN_Z = 0.501;
export const COLLISION_KINDS: readonly ObjectKind[] = ['cylinder', 'ball'];

export const COLLISION_PHYSICS: PhysicsParams = { frames: COLLISION_FRAMES, friction: COLLISION_FRICTION, restitution: COLLISION_RESTITUTION, ccd: true };

export type MovingObject = 'ball' | 'cylinder';
export type CylinderOrientation = 'up' | 'down';

export interface Arena {
  readonly moving: MovingObject;
  readonly orientation: CylinderOrientation;
  /** The cylinder's Euler angles (roll, pitch, yaw), whole degrees. */
  readonly angles: readonly [number, number, number];
  readonly cylinderPosition: readonly [number, number, number];
  readonly ballPosition: readonly [number, number, number];
  readonly cylinderVelocity: readonly [number, number, number];
  readonly ballVelocity: readonly [number, number, number];
}

/** numpy.linspace(start, stop, num): start + i·step, the last value exactly stop. */
function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : start + i * step));
}

/** The launch coordinates x and y are drawn from (l. 266). */
export const LAUNCH_COORDINATES: readonly number[] = [...linspace(-COLLISION_RANGE_POS, -1, 10), ...linspace(1, COLLISION_RANGE_POS, 10)];

function aimAtOrigin(p: readonly [number, number, number]): [number, number, number] {
  const norm = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
  return [(-p[0] / norm) * COLLISION_SPEED, (-p[1] / norm) * COLLISION_SPEED, (-p[2] / norm) * COLLISION_SPEED];
}

/**
 * A random start as Arena.init (l. 257–279). The official angles are 360·U(0, 1)³ passed to
 * getQuaternionFromEuler, which reads radians; we draw whole degrees (constant-table rotations).
 */
export function randomArena(rng: Rng, moving: MovingObject, orientation: CylinderOrientation): Arena {
  const angles: [number, number, number] = [rng.int(360), rng.int(360), rng.int(360)];
  const x = LAUNCH_COORDINATES[rng.int(LAUNCH_COORDINATES.length)];
  const y = LAUNCH_COORDINATES[rng.int(LAUNCH_COORDINATES.length)];
  if (moving === 'ball') {
    const ballPosition: [number, number, number] = [x, y, 1 + rng.next() * 2];
    return {
      moving,
      orientation,
      angles,
      cylinderPosition: [0, 0, orientation === 'up' ? CYLINDER_UP_Z : CYLINDER_DOWN_Z],
      ballPosition,
      cylinderVelocity: [0, 0, 0],
      ballVelocity: aimAtOrigin(ballPosition),
    };
  }
  const cylinderPosition: [number, number, number] = [x, y, 1.5 + rng.next() * 2];
  return { moving, orientation, angles, cylinderPosition, ballPosition: [0, 0, 0.5], cylinderVelocity: aimAtOrigin(cylinderPosition), ballVelocity: [0, 0, 0] };
}

/** The cylinder's orientation (Simulator._init l. 394–400): up = roll 90°, down = lying, both at the yaw; flying = all three angles. */
export function cylinderQuaternion(arena: Arena): [number, number, number, number] {
  if (arena.moving === 'ball') return arena.orientation === 'up' ? eulerQuaternion(90, 0, arena.angles[2]) : eulerQuaternion(0, 0, arena.angles[2]);
  return eulerQuaternion(arena.angles[0], arena.angles[1], arena.angles[2]);
}

export function arenaScene(arena: Arena): Scene3d {
  return makeScene3d(
    COLLISION_KINDS,
    [...arena.cylinderPosition, ...arena.ballPosition],
    [...cylinderQuaternion(arena), 0, 0, 0, 1],
    [...arena.cylinderVelocity, ...arena.ballVelocity],
  );
}

export type CollisionDoOperation =
  | { readonly kind: 'flip'; readonly object: 0 }
  | { readonly kind: 'shift'; readonly object: 0 | 1; readonly axis: 'x' | 'y' | 'z'; readonly amplitude: number };

/** C after a do-operation, or null when a shift starts the mover too close to the origin or too low (l. 323, 334). */
export function applyCollisionDoOperation(arena: Arena, op: CollisionDoOperation): Arena | null {
  if (op.kind === 'flip') {
    if (arena.moving !== 'ball') throw new RangeError('the cylinder can be flipped only when the ball moves (rotate_cylinder asserts it)');
    const orientation: CylinderOrientation = arena.orientation === 'up' ? 'down' : 'up';
    return { ...arena, orientation, cylinderPosition: [0, 0, orientation === 'up' ? CYLINDER_UP_Z : CYLINDER_DOWN_Z] };
  }
  const movingIndex = arena.moving === 'cylinder' ? 0 : 1;
  if (op.object !== movingIndex) throw new RangeError(`only the moving object (${arena.moving}) can be shifted`);
  const start: [number, number, number] = [...(op.object === 0 ? arena.cylinderPosition : arena.ballPosition)];
  start[op.axis === 'x' ? 0 : op.axis === 'y' ? 1 : 2] += op.amplitude;
  const lowest = op.object === 0 ? 1.5 : 1;
  if ((-1 < start[0] && start[0] < 1) || (-1 < start[1] && start[1] < 1) || start[2] < lowest) return null;
  // The velocity is kept: the shifted mover is no longer aimed exactly at the origin (as official).
  return op.object === 0 ? { ...arena, cylinderPosition: start } : { ...arena, ballPosition: start };
}

/** One do-operation trial (generate_random_do_operation l. 304–337); `start` is null for a rejected shift. */
export function sampleCollisionDoOperation(rng: Rng, arena: Arena): { op: CollisionDoOperation; start: Arena | null } {
  if (arena.moving === 'ball' && rng.next() < FLIP_PROBABILITY) {
    const op: CollisionDoOperation = { kind: 'flip', object: 0 };
    return { op, start: applyCollisionDoOperation(arena, op) };
  }
  const axis = (['x', 'y', 'z'] as const)[rng.int(3)];
  let amplitude = 2 * rng.next() - 1;
  while (Math.abs(amplitude) < 0.1) amplitude = 2 * rng.next() - 1;
  const op: CollisionDoOperation = { kind: 'shift', object: arena.moving === 'cylinder' ? 0 : 1, axis, amplitude };
  return { op, start: applyCollisionDoOperation(arena, op) };
}
