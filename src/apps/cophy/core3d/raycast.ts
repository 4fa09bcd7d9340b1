/**
 * A small ray-caster for the 3-D scenarios' frames, the model's only input: a textured floor, spheres,
 * boxes (slab test), capped cylinders, Lambert shading from one directional light (1, −1, 1) and,
 * for the tower, hard shadows (the official tower renders with shadow=1, the collision with shadow=0:
 * generate_blocktower.py @151a2fd l. 433, generate_collision.py l. 427). Node has no WebGL and GPU
 * rasterisation differs between machines, so frames are computed on the CPU with + − × ÷, Math.sqrt,
 * Math.floor and Math.round only (no sin, cos or pow): the same bytes in Node and every browser.
 *
 * The camera is the official one (l. 431–432 / 424–425): eye (0, −7, 4.5) looking at (0, 0, 1.5) with
 * up = +z and a 60° vertical field of view. The floor is the official 30 × 30 plane; beyond it, a flat
 * sky. The four floors are procedural stand-ins for the official plane_0 … plane_3 textures (a
 * blue–white checker, wood, dark tiles, granite), as part 1's renderer (core/render.ts); not copies.
 */
import { BALL_RADIUS_3D, CUBE_HALF_SIZE, CYLINDER_HALF_LENGTH, CYLINDER_RADIUS, FLOOR_HALF_SIZE, type ObjectKind, type Trajectory3d } from './physics';
import { quaternionToMatrix } from './trig';
import { floorTexture } from '../core/floorTexture';

export const IMAGE_SIZE_3D = 64;
/** Samples per pixel along each axis (2 × 2 = 4 rays a pixel). */
export const SUPERSAMPLE_3D = 2;
export const CAMERA_EYE = [0, -7, 4.5] as const;
export const CAMERA_TARGET = [0, 0, 1.5] as const;
/** The official palette (generate_blocktower.py l. 22, generate_collision.py l. 14). */
export const OBJECT_COLOR_NAMES = ['red', 'green', 'blue', 'yellow'] as const;
const OBJECT_RGB: readonly (readonly [number, number, number])[] = [
  [0.9, 0.12, 0.1],
  [0.15, 0.8, 0.2],
  [0.12, 0.25, 0.95],
  [0.95, 0.85, 0.1],
];
const SKY_RGB = [0.72, 0.78, 0.86] as const;
const AMBIENT = 0.35;
const DIFFUSE = 0.65;
/**
 * Towards the light: (1, −1, 1)/√3, from the camera's side. The official calls pass lightDirection
 * (1, 1, 1), which would leave every face the camera sees (it looks along +y) in shade in our Lambert
 * model; see differences.ts.
 */
const INV_SQRT3 = 1 / Math.sqrt(3);
export const LIGHT_DIRECTION = [INV_SQRT3, -INV_SQRT3, INV_SQRT3] as const;
const EPS = 1e-6;

// Camera basis: forward f = (target − eye)/|…| = (0, 7, −3)/√58, right (1, 0, 0), up (0, 3, 7)/√58.
const INV_SQRT58 = 1 / Math.sqrt(58);
const FORWARD = [0, 7 * INV_SQRT58, -3 * INV_SQRT58] as const;
const UP = [0, 3 * INV_SQRT58, 7 * INV_SQRT58] as const;
/** tan 30°, for the 60° field of view. */
const TAN_HALF_FOV = 1 / Math.sqrt(3);

/**
 * Where a world point appears in a size × size frame of this camera: (x = column, y = row) in pixels,
 * 0 at the top-left corner, the inverse of the ray set-up in renderFrame3d (ray = forward + u·right +
 * v·up with u, v ∈ [−tan 30°, tan 30°] across the image). Points behind the camera give NaN.
 */
export function projectToPixel3d(x: number, y: number, z: number, size: number = IMAGE_SIZE_3D): [number, number] {
  const dx = x - CAMERA_EYE[0];
  const dy = y - CAMERA_EYE[1];
  const dz = z - CAMERA_EYE[2];
  const depth = dy * FORWARD[1] + dz * FORWARD[2];
  if (!(depth > 0)) return [NaN, NaN];
  const u = dx / depth;
  const v = (dy * UP[1] + dz * UP[2]) / depth;
  return [((u / TAN_HALF_FOV + 1) / 2) * size, ((1 - v / TAN_HALF_FOV) / 2) * size];
}

/** Half an object's size (0.5 world units, the cube's half side and the ball's radius) in pixels at the camera target's depth. */
export function objectRadiusPixels3d(size: number = IMAGE_SIZE_3D): number {
  const depth = Math.sqrt((CAMERA_TARGET[1] - CAMERA_EYE[1]) ** 2 + (CAMERA_TARGET[2] - CAMERA_EYE[2]) ** 2);
  return (0.5 / depth / TAN_HALF_FOV) * (size / 2);
}

export interface RenderOptions3d {
  size?: number;
  supersample?: number;
  /** Hard shadows from the light (the tower's frames). */
  shadows?: boolean;
}

const KIND_CODE: Readonly<Record<ObjectKind, number>> = { cube: 0, ball: 1, cylinder: 2 };
/** Bounding-sphere radius² per kind (a quick rejection before the exact test). */
const BOUND2 = [3 * CUBE_HALF_SIZE * CUBE_HALF_SIZE, BALL_RADIUS_3D * BALL_RADIUS_3D, CYLINDER_RADIUS * CYLINDER_RADIUS + CYLINDER_HALF_LENGTH * CYLINDER_HALF_LENGTH];

/** The objects of one frame: kind, centre, rotation matrix (row-major: local → world). */
interface FrameObjects {
  n: number;
  kinds: Int32Array;
  centres: Float64Array;
  matrices: Float64Array;
}

/**
 * Nearest intersection of the ray o + t·d (t in (EPS, tMax)) with the frame's objects. Writes the world
 * normal into normal[0..2] and returns the object's index, or −1.
 */
function intersect(objects: FrameObjects, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMax: number, hit: Float64Array, anyHit: boolean): number {
  let best = -1;
  let bestT = tMax;
  for (let k = 0; k < objects.n; k++) {
    const cx = objects.centres[3 * k];
    const cy = objects.centres[3 * k + 1];
    const cz = objects.centres[3 * k + 2];
    // Bounding sphere: |o − c + t d|² ≤ R² has a root (d is a unit vector).
    const px = ox - cx;
    const py = oy - cy;
    const pz = oz - cz;
    const b = px * dx + py * dy + pz * dz;
    const cc = px * px + py * py + pz * pz - BOUND2[objects.kinds[k]];
    const disc = b * b - cc;
    if (disc < 0) continue;
    const kind = objects.kinds[k];
    if (kind === 1) {
      // Sphere: the bounding sphere is exact.
      const s = Math.sqrt(disc);
      let t = -b - s;
      if (t <= EPS) t = -b + s;
      if (t <= EPS || t >= bestT) continue;
      bestT = t;
      best = k;
      hit[0] = (px + t * dx) / BALL_RADIUS_3D;
      hit[1] = (py + t * dy) / BALL_RADIUS_3D;
      hit[2] = (pz + t * dz) / BALL_RADIUS_3D;
      if (anyHit) return k;
      continue;
    }
    // Into the object's frame: local = Rᵀ (o − c), Rᵀ d.
    const m = objects.matrices;
    const j = 9 * k;
    const lox = m[j] * px + m[j + 3] * py + m[j + 6] * pz;
    const loy = m[j + 1] * px + m[j + 4] * py + m[j + 7] * pz;
    const loz = m[j + 2] * px + m[j + 5] * py + m[j + 8] * pz;
    const ldx = m[j] * dx + m[j + 3] * dy + m[j + 6] * dz;
    const ldy = m[j + 1] * dx + m[j + 4] * dy + m[j + 7] * dz;
    const ldz = m[j + 2] * dx + m[j + 5] * dy + m[j + 8] * dz;
    let t = Infinity;
    let nx = 0;
    let ny = 0;
    let nz = 0;
    if (kind === 0) {
      // Box by the slab test: the entry is the largest of the three near-plane distances.
      const h = CUBE_HALF_SIZE;
      let tNear = -Infinity;
      let tFar = Infinity;
      let axis = -1;
      let sign = 0;
      const lo = [lox, loy, loz];
      const ld = [ldx, ldy, ldz];
      let miss = false;
      for (let a = 0; a < 3; a++) {
        if (ld[a] === 0) {
          if (lo[a] < -h || lo[a] > h) {
            miss = true;
            break;
          }
          continue;
        }
        const inv = 1 / ld[a];
        let t0 = (-h - lo[a]) * inv;
        let t1 = (h - lo[a]) * inv;
        let s = -1;
        if (t0 > t1) {
          const tmp = t0;
          t0 = t1;
          t1 = tmp;
          s = 1;
        }
        if (t0 > tNear) {
          tNear = t0;
          axis = a;
          sign = s;
        }
        if (t1 < tFar) tFar = t1;
      }
      if (miss || tNear > tFar || tNear <= EPS || axis < 0) continue;
      t = tNear;
      if (axis === 0) nx = sign;
      else if (axis === 1) ny = sign;
      else nz = sign;
    } else {
      // Capped cylinder along the local y axis: the side (x² + z² = r²) and the two caps (y = ±h).
      const r = CYLINDER_RADIUS;
      const h = CYLINDER_HALF_LENGTH;
      const qa = ldx * ldx + ldz * ldz;
      if (qa > 0) {
        const qb = lox * ldx + loz * ldz;
        const qc = lox * lox + loz * loz - r * r;
        const qd = qb * qb - qa * qc;
        if (qd >= 0) {
          const ts = (-qb - Math.sqrt(qd)) / qa;
          const y = loy + ts * ldy;
          if (ts > EPS && y >= -h && y <= h) {
            t = ts;
            nx = (lox + ts * ldx) / r;
            nz = (loz + ts * ldz) / r;
          }
        }
      }
      if (ldy !== 0) {
        for (const capY of [-h, h]) {
          const tc = (capY - loy) / ldy;
          if (tc <= EPS || tc >= t) continue;
          const x = lox + tc * ldx;
          const z = loz + tc * ldz;
          if (x * x + z * z <= r * r) {
            t = tc;
            nx = 0;
            ny = capY > 0 ? 1 : -1;
            nz = 0;
          }
        }
      }
      if (t === Infinity) continue;
    }
    if (t >= bestT) continue;
    bestT = t;
    best = k;
    // Back to world axes: n = R n_local.
    hit[0] = m[j] * nx + m[j + 1] * ny + m[j + 2] * nz;
    hit[1] = m[j + 3] * nx + m[j + 4] * ny + m[j + 5] * nz;
    hit[2] = m[j + 6] * nx + m[j + 7] * ny + m[j + 8] * nz;
    if (anyHit) return k;
  }
  hit[3] = bestT;
  return best;
}

function toByte(v: number): number {
  const b = Math.round(v * 255);
  return b < 0 ? 0 : b > 255 ? 255 : b;
}

function frameObjects(trajectory: Trajectory3d | null, t: number, kinds: readonly ObjectKind[]): FrameObjects {
  const n = trajectory ? trajectory.n : 0;
  const objects: FrameObjects = { n, kinds: new Int32Array(n), centres: new Float64Array(3 * n), matrices: new Float64Array(9 * n) };
  if (!trajectory) return objects;
  if (t < 0 || t >= trajectory.frames || !Number.isInteger(t)) throw new RangeError(`frame ${t} is outside 0–${trajectory.frames - 1}`);
  if (kinds.length < n) throw new RangeError(`the frame needs a kind for each of its ${n} objects`);
  for (let k = 0; k < n; k++) {
    objects.kinds[k] = KIND_CODE[kinds[k]];
    const i = t * n + k;
    objects.centres[3 * k] = trajectory.positions[3 * i];
    objects.centres[3 * k + 1] = trajectory.positions[3 * i + 1];
    objects.centres[3 * k + 2] = trajectory.positions[3 * i + 2];
    quaternionToMatrix(trajectory.rotations, 4 * i, objects.matrices, 9 * k);
  }
  return objects;
}

/**
 * Renders frame t of a trajectory to size × size RGB bytes: object k of kind kinds[k] in palette colour
 * colors[k] (OBJECT_COLOR_NAMES) over floor `floor`. A null trajectory draws the empty floor (the known
 * background for L-PSNR's mask).
 */
export function renderFrame3d(
  trajectory: Trajectory3d | null,
  t: number,
  kinds: readonly ObjectKind[],
  colors: readonly number[],
  floor: number,
  options: RenderOptions3d = {},
  out?: Uint8Array,
): Uint8Array {
  const size = options.size ?? IMAGE_SIZE_3D;
  const ss = options.supersample ?? SUPERSAMPLE_3D;
  const shadows = options.shadows ?? false;
  const img = out ?? new Uint8Array(size * size * 3);
  const objects = frameObjects(trajectory, t, kinds);
  if (colors.length < objects.n) throw new RangeError(`the frame needs a colour for each of its ${objects.n} objects`);
  const rgb = new Float64Array(3);
  const hit = new Float64Array(4);
  const shadowHit = new Float64Array(4);
  const inv = 1 / (ss * ss);
  const [ex, ey, ez] = CAMERA_EYE;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = ((2 * (col + (sx + 0.5) / ss)) / size - 1) * TAN_HALF_FOV;
          const v = (1 - (2 * (row + (sy + 0.5) / ss)) / size) * TAN_HALF_FOV;
          // d = forward + u·right + v·up, normalised (right = +x).
          let dx = u;
          let dy = FORWARD[1] + v * UP[1];
          let dz = FORWARD[2] + v * UP[2];
          const norm = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
          dx *= norm;
          dy *= norm;
          dz *= norm;
          // The floor plane z = 0 (only when the ray goes down).
          let tFloor = Infinity;
          if (dz < 0) {
            const tf = -ez / dz;
            const fx = ex + tf * dx;
            const fy = ey + tf * dy;
            if (fx >= -FLOOR_HALF_SIZE && fx <= FLOOR_HALF_SIZE && fy >= -FLOOR_HALF_SIZE && fy <= FLOOR_HALF_SIZE) tFloor = tf;
          }
          const k = intersect(objects, ex, ey, ez, dx, dy, dz, tFloor, hit, false);
          let nx: number;
          let ny: number;
          let nz: number;
          let tHit: number;
          if (k >= 0) {
            const base = OBJECT_RGB[colors[k]] ?? OBJECT_RGB[0];
            rgb[0] = base[0];
            rgb[1] = base[1];
            rgb[2] = base[2];
            nx = hit[0];
            ny = hit[1];
            nz = hit[2];
            tHit = hit[3];
          } else if (tFloor !== Infinity) {
            floorTexture(floor, ex + tFloor * dx, ey + tFloor * dy, rgb);
            nx = 0;
            ny = 0;
            nz = 1;
            tHit = tFloor;
          } else {
            r += SKY_RGB[0];
            g += SKY_RGB[1];
            b += SKY_RGB[2];
            continue;
          }
          let lambert = (nx - ny + nz) * INV_SQRT3;
          if (lambert < 0) lambert = 0;
          if (shadows && lambert > 0) {
            const hx = ex + tHit * dx + nx * 1e-4;
            const hy = ey + tHit * dy + ny * 1e-4;
            const hz = ez + tHit * dz + nz * 1e-4;
            if (intersect(objects, hx, hy, hz, INV_SQRT3, -INV_SQRT3, INV_SQRT3, Infinity, shadowHit, true) >= 0) lambert = 0;
          }
          const shade = AMBIENT + DIFFUSE * lambert;
          r += rgb[0] * shade;
          g += rgb[1] * shade;
          b += rgb[2] * shade;
        }
      }
      const i = (row * size + col) * 3;
      img[i] = toByte(r * inv);
      img[i + 1] = toByte(g * inv);
      img[i + 2] = toByte(b * inv);
    }
  }
  return img;
}

/** Frame t of an example's AB or CD video (the tower with shadows, as the official renders). */
export function renderExampleFrame3d(
  example: {
    scenario: 'blocktower' | 'collision';
    colors: readonly number[];
    floor: number;
    a: { kinds: readonly ObjectKind[] };
    c: { scene: { kinds: readonly ObjectKind[] }; objects: readonly number[] };
    ab: Trajectory3d;
    cd: Trajectory3d;
  },
  part: 'ab' | 'cd',
  t: number,
  size: number = IMAGE_SIZE_3D,
): Uint8Array {
  const shadows = example.scenario === 'blocktower';
  if (part === 'ab') return renderFrame3d(example.ab, t, example.a.kinds, example.colors, example.floor, { size, shadows });
  return renderFrame3d(example.cd, t, example.c.scene.kinds, example.c.objects.map((k) => example.colors[k]), example.floor, { size, shadows });
}

/** The empty floor seen by the camera (L-PSNR's known background). */
export function renderBackground3d(floor: number, size: number = IMAGE_SIZE_3D): Uint8Array {
  return renderFrame3d(null, 0, [], [], floor, { size });
}
