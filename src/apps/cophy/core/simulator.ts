/**
 * BallsCF's physics: N balls sliding without friction on the floor of a walled square box, seen
 * from above, as in Filtered-CoPhy (Janny et al., ICLR 2022, arXiv 2202.00368, §3 and Appendix A.4).
 * The official data come from PyBullet (filteredcophy/FilteredCoPhy @151a2fd,
 * data_generation/generate_balls.py); this is a small deterministic 2-D re-implementation of it.
 *
 * What it keeps from the official generator (line numbers in generate_balls.py):
 * - geometry: ball radius 0.5 (urdf/<color>/ball.urdf, mesh scale 0.5), walls at ±4.3 (l. 516);
 * - start positions and velocities uniform in (−3, 3)², positions at least 1 apart (l. 23–24, 352–364);
 * - friction 0 (l. 537: the ball's lateral friction is 0 and Bullet multiplies the two bodies' values);
 * - ball–ball restitution 1 (l. 538: every ball sets 1, Bullet multiplies → 1·1);
 * - ball–wall restitution 1: the walls are urdf/plane_white/plane.urdf (l. 518–525), whose contact block
 *   sets `<restitution value="1"/>` (plane_white/plane.urdf l. 6), so Bullet's product is again 1·1 = 1.
 *   Only the floor (urdf/plane_<k>/plane.urdf) sets none, which keeps the balls on the floor and does
 *   not touch their horizontal motion. We therefore make wall hits elastic (see differences.ts); the
 *   `wallRestitution` option gives the other reading (0: a ball stops its normal motion at a wall);
 * - PyBullet's defaults the generator leaves alone: linear damping 0.04 (velocity × (1 − 0.04)^dt per
 *   step) and no bounce below a normal approach speed of 0.2 (btContactSolverInfo's
 *   m_restitutionVelocityThreshold);
 * - masses in {1, 10} (l. 75), 25 fps, 6 s = 150 frames, frame 0 the initial state (l. 187, 485–498).
 *
 * Where it differs: Bullet takes one 0.04 s step per frame (numSubSteps 0, l. 187) and resolves
 * contacts from overlapping positions; we take `substeps` sub-steps per frame and move each colliding
 * pair back to its moment of contact before the impulse, so collisions are (nearly) exact.
 *
 * Determinism: the step uses only + − × ÷ and Math.sqrt, which IEEE 754 fixes bit for bit, and JS
 * never fuses multiply–adds, so Node and every browser give the same bytes. Random draws come from the
 * suite's xoshiro128** (src/shared/random.ts, integer ops and Math.imul only).
 */
import { createRng, type Rng } from '../../../shared/random';

export const BALL_RADIUS = 0.5;
/** Inner face of each wall (generate_balls.py l. 516). */
export const WALL_LIMIT = 4.3;
/** Start positions are uniform in (−RANGE_POS, RANGE_POS)² (l. 23). */
export const RANGE_POS = 3;
/** Start velocities are uniform in (−RANGE_SPEED, RANGE_SPEED)² (l. 24). */
export const RANGE_SPEED = 3;
/** Start centres at least this far apart (l. 360). */
export const MIN_START_DISTANCE = 1;
export const FPS = 25;
export const FRAMES = 150;
export const DEFAULT_SUBSTEPS = 10;
export const MASS_VALUES = [1, 10] as const;
export const DEFAULT_BALLS = 3;
/** PyBullet's default linear damping for a body loaded from URDF. */
export const LINEAR_DAMPING = 0.04;
/** (1 − 0.04)^(1/25): Bullet's per-step damping factor at 25 fps, written out so the step needs no Math.pow. */
export const DAMPING_PER_FRAME = 0.9983684526420517;
/** btContactSolverInfo::m_restitutionVelocityThreshold (Bullet's default): slower hits do not bounce. */
export const RESTITUTION_VELOCITY_THRESHOLD = 0.2;

export interface SimOptions {
  /** Walls on (default). Off: the balls move in the open plane (conservation tests). */
  walls?: boolean;
  /** Ball–wall restitution (default 1, the official walls' value times the balls'). */
  wallRestitution?: number;
  /** Ball–ball restitution (default 1). */
  ballRestitution?: number;
  /** PyBullet's default linear damping (default true). */
  damping?: boolean;
  /** Normal approach speed below which a contact does not bounce (default 0.2, Bullet's). */
  restitutionThreshold?: number;
  /** Recorded frames (default 150). */
  frames?: number;
  /** Sub-steps per frame (default 10). */
  substeps?: number;
  /** Also record the velocities (tests, diagnostics). */
  recordVelocities?: boolean;
}

/** An initial condition: positions and velocities of n balls, interleaved x, y. */
export interface Scene {
  readonly n: number;
  /** [x0, y0, x1, y1, …] */
  readonly positions: Float64Array;
  /** [vx0, vy0, …] */
  readonly velocities: Float64Array;
}

/** Positions of n balls over `frames` frames: index (t·n + k)·2 + {0: x, 1: y}. */
export interface Trajectory {
  readonly n: number;
  readonly frames: number;
  readonly positions: Float64Array;
  /** Same layout as positions, when simulated with `recordVelocities`. */
  readonly velocities?: Float64Array;
}

export function makeScene(positions: ArrayLike<number>, velocities: ArrayLike<number>): Scene {
  if (positions.length !== velocities.length || positions.length % 2 !== 0) {
    throw new RangeError(`a scene needs as many (x, y) velocities as positions, got ${positions.length} and ${velocities.length} numbers`);
  }
  return { n: positions.length / 2, positions: Float64Array.from(positions), velocities: Float64Array.from(velocities) };
}

/**
 * A random start as the official Arena.init (generate_balls.py l. 352–364): ball by ball, a position
 * redrawn until it is at least 1 from the balls placed before, then its velocity.
 */
export function randomScene(rng: Rng, n: number): Scene {
  const positions = new Float64Array(2 * n);
  const velocities = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 10_000) throw new Error(`could not place ball ${k + 1} of ${n} at least ${MIN_START_DISTANCE} from the others`);
      const x = RANGE_POS * (2 * rng.next() - 1);
      const y = RANGE_POS * (2 * rng.next() - 1);
      if (isClear(positions, k, x, y, -1)) {
        positions[2 * k] = x;
        positions[2 * k + 1] = y;
        break;
      }
    }
    velocities[2 * k] = RANGE_SPEED * (2 * rng.next() - 1);
    velocities[2 * k + 1] = RANGE_SPEED * (2 * rng.next() - 1);
  }
  return { n, positions, velocities };
}

/** True when (x, y) is at least MIN_START_DISTANCE from each of the first `count` balls (except `skip`). */
export function isClear(positions: Float64Array, count: number, x: number, y: number, skip: number): boolean {
  const min2 = MIN_START_DISTANCE * MIN_START_DISTANCE;
  for (let j = 0; j < count; j++) {
    if (j === skip) continue;
    const dx = positions[2 * j] - x;
    const dy = positions[2 * j + 1] - y;
    if (dx * dx + dy * dy < min2) return false;
  }
  return true;
}

/** Index of the mass combination in itertools.product([1, 10], repeat=n) order (the last ball varies fastest). */
export function massesOfCombination(combination: number, n: number): number[] {
  const masses: number[] = [];
  for (let k = 0; k < n; k++) masses.push((combination >> (n - 1 - k)) & 1 ? MASS_VALUES[1] : MASS_VALUES[0]);
  return masses;
}

export function combinationOfMasses(masses: readonly number[]): number {
  let c = 0;
  for (const m of masses) {
    if (m !== MASS_VALUES[0] && m !== MASS_VALUES[1]) throw new RangeError(`masses are 1 or 10, got ${m}`);
    c = (c << 1) | (m === MASS_VALUES[1] ? 1 : 0);
  }
  return c;
}

/**
 * Simulates a scene for `frames` frames; frame 0 is the initial state (the official loop records the
 * state, then steps). `masses[k]` is ball k's mass.
 */
export function simulate(scene: Scene, masses: readonly number[], options: SimOptions = {}): Trajectory {
  const n = scene.n;
  if (masses.length < n) throw new RangeError(`simulate needs ${n} masses, got ${masses.length}`);
  const frames = options.frames ?? FRAMES;
  const substeps = options.substeps ?? DEFAULT_SUBSTEPS;
  const walls = options.walls ?? true;
  const eWall = options.wallRestitution ?? 1;
  const eBall = options.ballRestitution ?? 1;
  const damping = (options.damping ?? true) ? DAMPING_PER_FRAME : 1;
  const threshold = options.restitutionThreshold ?? RESTITUTION_VELOCITY_THRESHOLD;
  const h = 1 / FPS / substeps;
  const lim = WALL_LIMIT - BALL_RADIUS;
  const contact2 = 4 * BALL_RADIUS * BALL_RADIUS;

  const p = Float64Array.from(scene.positions);
  const v = Float64Array.from(scene.velocities);
  const invMass = new Float64Array(n);
  for (let k = 0; k < n; k++) invMass[k] = 1 / masses[k];
  const out = new Float64Array(frames * n * 2);
  const outV = options.recordVelocities ? new Float64Array(frames * n * 2) : undefined;

  for (let t = 0; t < frames; t++) {
    out.set(p, t * n * 2);
    outV?.set(v, t * n * 2);
    if (t === frames - 1) break;
    // Bullet damps velocities once per 0.04 s step, before it solves the contacts.
    if (damping !== 1) for (let i = 0; i < 2 * n; i++) v[i] *= damping;
    for (let s = 0; s < substeps; s++) {
      for (let i = 0; i < 2 * n; i++) p[i] += v[i] * h;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = p[2 * j] - p[2 * i];
          let dy = p[2 * j + 1] - p[2 * i + 1];
          const d2 = dx * dx + dy * dy;
          if (d2 >= contact2) continue;
          const ux = v[2 * j] - v[2 * i];
          const uy = v[2 * j + 1] - v[2 * i + 1];
          const approach = dx * ux + dy * uy;
          if (approach >= 0) continue; // overlapping but already separating
          // Back both balls up to the moment of contact: |d − uτ| = 2R, the root τ > 0.
          const uu = ux * ux + uy * uy;
          let tau = (approach + Math.sqrt(approach * approach - uu * (d2 - contact2))) / uu;
          if (!(tau <= h)) tau = h;
          p[2 * i] -= v[2 * i] * tau;
          p[2 * i + 1] -= v[2 * i + 1] * tau;
          p[2 * j] -= v[2 * j] * tau;
          p[2 * j + 1] -= v[2 * j + 1] * tau;
          dx = p[2 * j] - p[2 * i];
          dy = p[2 * j + 1] - p[2 * i + 1];
          const dist = Math.sqrt(dx * dx + dy * dy);
          const nx = dx / dist;
          const ny = dy / dist;
          const vn = ux * nx + uy * ny; // < 0: approaching
          const e = -vn < threshold ? 0 : eBall;
          const impulse = (-(1 + e) * vn) / (invMass[i] + invMass[j]);
          v[2 * i] -= impulse * invMass[i] * nx;
          v[2 * i + 1] -= impulse * invMass[i] * ny;
          v[2 * j] += impulse * invMass[j] * nx;
          v[2 * j + 1] += impulse * invMass[j] * ny;
          p[2 * i] += v[2 * i] * tau;
          p[2 * i + 1] += v[2 * i + 1] * tau;
          p[2 * j] += v[2 * j] * tau;
          p[2 * j + 1] += v[2 * j + 1] * tau;
        }
      }
      // Walls last, so that every recorded position is inside the box.
      if (walls) {
        for (let i = 0; i < 2 * n; i++) {
          // Mirror about the contact plane: the position the ball has after bouncing at the exact
          // moment it touched the wall, with the normal speed scaled by the restitution.
          if (p[i] > lim && v[i] > 0) {
            const e = v[i] < threshold ? 0 : eWall;
            p[i] = lim - e * (p[i] - lim);
            v[i] = -e * v[i];
          } else if (p[i] < -lim && v[i] < 0) {
            const e = -v[i] < threshold ? 0 : eWall;
            p[i] = -lim - e * (p[i] + lim);
            v[i] = -e * v[i];
          } else if (p[i] > lim) {
            p[i] = lim; // pushed past the wall by a collision while already moving back in
          } else if (p[i] < -lim) {
            p[i] = -lim;
          }
        }
      }
    }
  }
  return outV ? { n, frames, positions: out, velocities: outV } : { n, frames, positions: out };
}

/** Position of ball k at frame t. */
export function positionAt(trajectory: Trajectory, t: number, k: number): [number, number] {
  const i = (t * trajectory.n + k) * 2;
  return [trajectory.positions[i], trajectory.positions[i + 1]];
}

/** 32-bit FNV-1a over the little-endian bytes of a Float64Array: a stable fingerprint of a trajectory. */
export function hashFloat64(values: Float64Array): number {
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < values.byteLength; i++) {
    h ^= view.getUint8(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 32-bit FNV-1a over bytes (rendered frames). */
export function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit hash as 8 hex digits. */
export function toHex32(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The fingerprint an end-to-end test compares between Node and Chromium: a random scene of n balls and
 * a random mass combination from `seed`, simulated for 150 frames, hashed (FNV-1a, hex).
 */
export function trajectoryHash(seed: number, n: number = DEFAULT_BALLS, options: SimOptions = {}): string {
  const rng = createRng(seed).fork('cophy/trajectory-hash');
  const scene = randomScene(rng, n);
  const masses = massesOfCombination(rng.int(1 << n), n);
  return toHex32(hashFloat64(simulate(scene, masses, options).positions));
}

/** Kinetic energy ½Σ m|v|² and momentum Σ m v at frame t of a trajectory recorded with `recordVelocities`. */
export function energyAndMomentum(trajectory: Trajectory, masses: readonly number[], t: number): { energy: number; px: number; py: number } {
  const v = trajectory.velocities;
  if (!v) throw new Error('energyAndMomentum needs a trajectory simulated with recordVelocities: true');
  let energy = 0;
  let px = 0;
  let py = 0;
  for (let k = 0; k < trajectory.n; k++) {
    const vx = v[(t * trajectory.n + k) * 2];
    const vy = v[(t * trajectory.n + k) * 2 + 1];
    energy += 0.5 * masses[k] * (vx * vx + vy * vy);
    px += masses[k] * vx;
    py += masses[k] * vy;
  }
  return { energy, px, py };
}
