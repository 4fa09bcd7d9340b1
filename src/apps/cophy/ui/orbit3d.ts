/**
 * The 3-D view's camera in plain numbers, shared by the three.js scene (ui/scene3dThree.ts, in a
 * worker) and the page, which picks objects and drags them along the floor with the same rays without
 * loading three.js: an orbit around (0, 0, 1.5) with z up (the official camera looks at that point
 * from (0, −7, 4.5): azimuth −90°, elevation about 23°). React-free and DOM-free.
 */
import type { ObjectKind } from '../core3d/physics';

export interface OrbitView {
  /** Degrees around z, 0 = looking from +x towards the target; −90 looks from −y as the official camera. */
  az: number;
  /** Degrees above the floor. */
  el: number;
  /** Distance from the target. */
  dist: number;
}

export const DEFAULT_VIEW: OrbitView = { az: -90, el: 25, dist: 10 };
export const ORBIT_TARGET = [0, 0, 1.5] as const;
/** Vertical field of view, degrees. */
export const FOV_DEGREES = 45;
const RAD = Math.PI / 180;

export type Vec3 = [number, number, number];

export function clampView(v: OrbitView): OrbitView {
  const az = ((((v.az + 180) % 360) + 360) % 360) - 180;
  return { az, el: Math.max(3, Math.min(85, v.el)), dist: Math.max(4, Math.min(25, v.dist)) };
}

function normalise(v: Vec3): Vec3 {
  const n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** The camera's position and its basis (forward, right, up). */
export function cameraBasis(view: OrbitView): { eye: Vec3; forward: Vec3; right: Vec3; up: Vec3 } {
  const a = view.az * RAD;
  const e = view.el * RAD;
  const eye: Vec3 = [ORBIT_TARGET[0] + view.dist * Math.cos(e) * Math.cos(a), ORBIT_TARGET[1] + view.dist * Math.cos(e) * Math.sin(a), ORBIT_TARGET[2] + view.dist * Math.sin(e)];
  const forward = normalise([ORBIT_TARGET[0] - eye[0], ORBIT_TARGET[1] - eye[1], ORBIT_TARGET[2] - eye[2]]);
  const right = normalise(cross(forward, [0, 0, 1]));
  const up = cross(right, forward);
  return { eye, forward, right, up };
}

/** The ray through a point of the view, given in normalised device coordinates (x right, y up, both in [−1, 1]). */
export function pickRay(view: OrbitView, ndcX: number, ndcY: number, aspect: number): { origin: Vec3; dir: Vec3 } {
  const { eye, forward, right, up } = cameraBasis(view);
  const t = Math.tan((FOV_DEGREES / 2) * RAD);
  const dir = normalise([
    forward[0] + ndcX * t * aspect * right[0] + ndcY * t * up[0],
    forward[1] + ndcX * t * aspect * right[1] + ndcY * t * up[1],
    forward[2] + ndcX * t * aspect * right[2] + ndcY * t * up[2],
  ]);
  return { origin: eye, dir };
}

/** Where a ray meets the horizontal plane at height z (null when it runs parallel or away). */
export function rayAtHeight(ray: { origin: Vec3; dir: Vec3 }, z: number): [number, number] | null {
  if (Math.abs(ray.dir[2]) < 1e-9) return null;
  const t = (z - ray.origin[2]) / ray.dir[2];
  if (t <= 0) return null;
  return [ray.origin[0] + t * ray.dir[0], ray.origin[1] + t * ray.dir[1]];
}

/** A generous bounding radius per kind (picking by bounding spheres: four cubes or two objects). */
const PICK_RADIUS: Readonly<Record<ObjectKind, number>> = { cube: 0.72, ball: 0.55, cylinder: 1.0 };

/** The nearest object whose bounding sphere the ray crosses, or −1. */
export function pickObject(ray: { origin: Vec3; dir: Vec3 }, kinds: readonly ObjectKind[], positions: ArrayLike<number>): number {
  let best = -1;
  let bestT = Infinity;
  for (let k = 0; k < kinds.length; k++) {
    const cx = positions[3 * k] - ray.origin[0];
    const cy = positions[3 * k + 1] - ray.origin[1];
    const cz = positions[3 * k + 2] - ray.origin[2];
    const along = cx * ray.dir[0] + cy * ray.dir[1] + cz * ray.dir[2];
    if (along <= 0) continue;
    const d2 = cx * cx + cy * cy + cz * cz - along * along;
    const r = PICK_RADIUS[kinds[k]];
    if (d2 <= r * r && along < bestT) {
      bestT = along;
      best = k;
    }
  }
  return best;
}

/** Where a world point lands in normalised device coordinates (for tests and for placing labels). */
export function project(view: OrbitView, p: Vec3, aspect: number): [number, number] {
  const { eye, forward, right, up } = cameraBasis(view);
  const d: Vec3 = [p[0] - eye[0], p[1] - eye[1], p[2] - eye[2]];
  const z = d[0] * forward[0] + d[1] * forward[1] + d[2] * forward[2];
  const t = Math.tan((FOV_DEGREES / 2) * RAD);
  const x = (d[0] * right[0] + d[1] * right[1] + d[2] * right[2]) / (z * t * aspect);
  const y = (d[0] * up[0] + d[1] * up[1] + d[2] * up[2]) / (z * t);
  return [x, y];
}
