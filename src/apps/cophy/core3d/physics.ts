/**
 * The physics of Filtered-CoPhy's two 3-D scenarios (Janny et al., ICLR 2022, arXiv 2202.00368, §3 and
 * Appendix A), BlocktowerCF and CollisionCF, as a thin layer over Rapier
 * (@dimforge/rapier3d-deterministic-compat, whose build promises the same results on every platform).
 * The official data come from PyBullet (filteredcophy/FilteredCoPhy @151a2fd,
 * data_generation/generate_blocktower.py and generate_collision.py); the scenario rules live in
 * blocktower.ts and collision.ts, this file only turns a scene into a trajectory.
 *
 * What it keeps from the official generators:
 * - gravity −10 along z (generate_blocktower.py l. 373, generate_collision.py l. 366), 25 fps, frame 0
 *   the initial state, then one step per frame (l. 386–400 / l. 375–386);
 * - the floor: a 30 × 30 × 10 box whose top face is z = 0, lateral friction 1, no restitution set
 *   (urdf/plane_<k>/plane.urdf l. 4–5, 25–29);
 * - cubes 1 × 1 × 1 (urdf/<color>/cube.urdf, `<box size="1 1 1"/>`); a ball of radius 0.5 and a cylinder
 *   of radius 0.5 and length 3 along its local y axis (ball.obj and cylinder.obj, which span ±1 and ±1 × ±3
 *   × ±1, loaded at scale 0.5);
 * - lateral friction 0.5 on every object (generate_blocktower.py l. 425, generate_collision.py l. 405,
 *   414), restitution 1 on the ball and cylinder (l. 406, 415) and Bullet's rule for combining two
 *   bodies' coefficients, the product (so cube–cube friction is 0.25 and floor contacts do not bounce).
 * - no sleeping: PyBullet lets a body sleep only when it is loaded with URDF_ENABLE_SLEEPING or given
 *   ACTIVATION_STATE_ENABLE_SLEEPING, and the official loadURDF calls pass neither (l. 418–424 / 400–416).
 *   Rapier's bodies sleep by default, and a tower that is only just unstable starts so slowly that it fell
 *   asleep before it could tip: such a C stood still for 6 s although the official test calls it unstable.
 *
 * Where it differs (differences.ts): Rapier's solver, not Bullet's; `substeps` Rapier steps per frame
 * (official: 10 sub-steps for the tower, 1,000 for the collision, and 10,000 solver iterations); primitive
 * ball and cylinder shapes rather than convex hulls of the meshes; inertia from the shape and the mass
 * (the URDFs write an inertia of 1 that changeDynamics leaves as it is).
 *
 * Rotations come in as quaternions built from constant tables (trig.ts); Rapier's own arithmetic is the
 * deterministic build's. Every Rapier object is owned by the world and freed with it (world.free()).
 */
import type * as RapierModule from '@dimforge/rapier3d-deterministic-compat';
import { md5Hex } from './md5';

type Rapier = typeof RapierModule;

export const FPS_3D = 25;
export const GRAVITY = -10;
export const CUBE_HALF_SIZE = 0.5;
export const BALL_RADIUS_3D = 0.5;
export const CYLINDER_RADIUS = 0.5;
/** Half the cylinder's length along its local y axis (cylinder.obj spans ±3, at scale 0.5). */
export const CYLINDER_HALF_LENGTH = 1.5;
/** The floor box (plane.urdf: 30 × 30 × 10, centred 5 below the surface). */
export const FLOOR_HALF_SIZE = 15;
export const FLOOR_FRICTION = 1;
export const FLOOR_RESTITUTION = 0;
/** Rapier steps per 25 fps frame (the official tower takes 10 Bullet sub-steps; see differences.ts). */
export const DEFAULT_SUBSTEPS_3D = 5;

export type ObjectKind = 'cube' | 'ball' | 'cylinder';

/** An initial condition: the objects' shapes, positions, orientations and velocities. */
export interface Scene3d {
  readonly n: number;
  readonly kinds: readonly ObjectKind[];
  /** [x0, y0, z0, x1, …] */
  readonly positions: Float64Array;
  /** Unit quaternions [x0, y0, z0, w0, …] (Rapier's order). */
  readonly rotations: Float64Array;
  /** Linear velocities [vx0, vy0, vz0, …]. */
  readonly velocities: Float64Array;
}

/** Poses of n objects over `frames` frames: positions at (t·n + k)·3, quaternions at (t·n + k)·4. */
export interface Trajectory3d {
  readonly n: number;
  readonly frames: number;
  readonly positions: Float64Array;
  readonly rotations: Float64Array;
}

/** The contact and timing parameters of a scenario. */
export interface PhysicsParams {
  readonly frames: number;
  /** Each object's lateral friction (combined with the other body's by product, as Bullet). */
  readonly friction: number;
  /** Each object's restitution (combined by product: the floor's is 0). */
  readonly restitution: number;
  /** Continuous collision detection on the moving objects (the collision scenario's fast launches). */
  readonly ccd: boolean;
}

export interface Simulate3dOptions {
  substeps?: number;
  /** Also return Rapier's snapshot of the world after the last frame (the determinism check). */
  snapshot?: boolean;
}

let rapier: Rapier | null = null;
let loading: Promise<Rapier> | null = null;

/**
 * Loads Rapier (its wasm is inlined in the module, about 4 MB of JavaScript): call and await once before
 * simulating. A dynamic import, so the engine loads only where the 3-D scenarios run.
 */
export function initPhysics(): Promise<Rapier> {
  loading ??= import('@dimforge/rapier3d-deterministic-compat').then(async (module) => {
    // The default export is the namespace itself; bundlers may hand either.
    const r = ((module as unknown as { default?: Rapier }).default ?? module) as Rapier;
    await r.init();
    rapier = r;
    return r;
  });
  return loading;
}

function engine(): Rapier {
  if (!rapier) throw new Error('the 3-D physics is not loaded yet: await initPhysics() before simulating');
  return rapier;
}

/** The Rapier version that runs (recorded with the pinned hashes). */
export function physicsVersion(): string {
  return engine().version();
}

/**
 * What a stored simulation depends on besides the scene: the Rapier build and how we drive it. Records
 * made under another value are generated again (scripts/train/cophy3dData.ts). The suffix names the last
 * change that moved trajectories: bodies no longer sleep (2026-12-05).
 */
export function physicsFingerprint(): string {
  return `${physicsVersion()} no-sleep`;
}

export function makeScene3d(kinds: readonly ObjectKind[], positions: ArrayLike<number>, rotations: ArrayLike<number>, velocities: ArrayLike<number>): Scene3d {
  const n = kinds.length;
  if (positions.length !== 3 * n || rotations.length !== 4 * n || velocities.length !== 3 * n) {
    throw new RangeError(`a scene of ${n} objects needs ${3 * n} position, ${4 * n} quaternion and ${3 * n} velocity numbers`);
  }
  return { n, kinds: [...kinds], positions: Float64Array.from(positions), rotations: Float64Array.from(rotations), velocities: Float64Array.from(velocities) };
}

function colliderFor(r: Rapier, kind: ObjectKind): RapierModule.ColliderDesc {
  switch (kind) {
    case 'cube':
      return r.ColliderDesc.cuboid(CUBE_HALF_SIZE, CUBE_HALF_SIZE, CUBE_HALF_SIZE);
    case 'ball':
      return r.ColliderDesc.ball(BALL_RADIUS_3D);
    case 'cylinder':
      return r.ColliderDesc.cylinder(CYLINDER_HALF_LENGTH, CYLINDER_RADIUS);
  }
}

/**
 * Simulates a scene for `params.frames` frames; `masses[k]` is object k's mass. Frame 0 is the initial
 * state. Builds a fresh world and frees it before returning, so nothing of Rapier outlives the call.
 */
export function simulate3d(scene: Scene3d, masses: readonly number[], params: PhysicsParams, options: Simulate3dOptions = {}): Trajectory3d & { snapshot?: Uint8Array } {
  const r = engine();
  const n = scene.n;
  if (masses.length < n) throw new RangeError(`simulate3d needs ${n} masses, got ${masses.length}`);
  const substeps = options.substeps ?? DEFAULT_SUBSTEPS_3D;
  if (!(Number.isInteger(substeps) && substeps >= 1)) throw new RangeError(`substeps must be a positive integer, got ${substeps}`);
  const multiply = r.CoefficientCombineRule.Multiply;
  const world = new r.World({ x: 0, y: 0, z: GRAVITY });
  try {
    world.timestep = 1 / FPS_3D / substeps;
    const floor = world.createRigidBody(r.RigidBodyDesc.fixed().setTranslation(0, 0, -5));
    world.createCollider(
      r.ColliderDesc.cuboid(FLOOR_HALF_SIZE, FLOOR_HALF_SIZE, 5)
        .setFriction(FLOOR_FRICTION)
        .setRestitution(FLOOR_RESTITUTION)
        .setFrictionCombineRule(multiply)
        .setRestitutionCombineRule(multiply),
      floor,
    );
    const bodies: RapierModule.RigidBody[] = [];
    const p = scene.positions;
    const q = scene.rotations;
    const v = scene.velocities;
    for (let k = 0; k < n; k++) {
      const desc = r.RigidBodyDesc.dynamic()
        .setTranslation(p[3 * k], p[3 * k + 1], p[3 * k + 2])
        .setRotation({ x: q[4 * k], y: q[4 * k + 1], z: q[4 * k + 2], w: q[4 * k + 3] })
        .setLinvel(v[3 * k], v[3 * k + 1], v[3 * k + 2])
        .setCanSleep(false)
        .setCcdEnabled(params.ccd && scene.kinds[k] !== 'cube');
      const body = world.createRigidBody(desc);
      world.createCollider(
        colliderFor(r, scene.kinds[k])
          .setMass(masses[k])
          .setFriction(params.friction)
          .setRestitution(params.restitution)
          .setFrictionCombineRule(multiply)
          .setRestitutionCombineRule(multiply),
        body,
      );
      bodies.push(body);
    }
    const frames = params.frames;
    const positions = new Float64Array(frames * n * 3);
    const rotations = new Float64Array(frames * n * 4);
    for (let t = 0; t < frames; t++) {
      for (let k = 0; k < n; k++) {
        const body = bodies[k];
        const at = body.translation();
        const rot = body.rotation();
        const i = t * n + k;
        positions[3 * i] = at.x;
        positions[3 * i + 1] = at.y;
        positions[3 * i + 2] = at.z;
        rotations[4 * i] = rot.x;
        rotations[4 * i + 1] = rot.y;
        rotations[4 * i + 2] = rot.z;
        rotations[4 * i + 3] = rot.w;
      }
      if (t === frames - 1) break;
      for (let s = 0; s < substeps; s++) world.step();
    }
    const out: Trajectory3d & { snapshot?: Uint8Array } = { n, frames, positions, rotations };
    if (options.snapshot) out.snapshot = world.takeSnapshot();
    return out;
  } finally {
    world.free();
  }
}

/** MD5 of Rapier's snapshot of the world after simulating a scene: the cross-platform fingerprint. */
export function snapshotMd5(scene: Scene3d, masses: readonly number[], params: PhysicsParams, substeps?: number): string {
  const { snapshot } = simulate3d(scene, masses, params, { substeps, snapshot: true });
  return md5Hex(snapshot!);
}

/** Position of object k at frame t. */
export function position3dAt(trajectory: Trajectory3d, t: number, k: number): [number, number, number] {
  const i = (t * trajectory.n + k) * 3;
  return [trajectory.positions[i], trajectory.positions[i + 1], trajectory.positions[i + 2]];
}
