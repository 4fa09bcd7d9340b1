/**
 * Renders BallsCF frames to small RGB images without a canvas, so that Node and every browser give the
 * same bytes: plain float arithmetic (+ − × ÷, Math.sqrt, Math.floor, Math.round), integer hashing for
 * the floor textures, and a fixed 4 × 4 supersampling grid per pixel for antialiasing.
 *
 * The view follows the official camera (data_generation/generate_balls.py @151a2fd, get_rendering
 * l. 545–553): eye at (0, 0.01, 8) looking at the origin with up = +z, a 60° field of view. That camera
 * sees the world turned by 180° (image right = world −x, image down = world +y); the floor is 8 below it
 * and the ball centres 7.5, so at 64 × 64 a ball is about 7.4 px across. The walls' inner faces start at
 * ±4.3 and fill the image border. The four floors stand in for the official textures plane_0 … plane_3
 * (a blue–white checker, wood, a dark tiled floor, granite; misc/backgrounds/plane_<k>_balls.png):
 * ours are procedural, not copies.
 */
import { BALL_RADIUS, WALL_LIMIT, type Trajectory } from './simulator';
import { floorTexture } from './floorTexture';

export const IMAGE_SIZE = 64;
export const SUPERSAMPLE = 4;
export const CAMERA_HEIGHT = 8;
/** The official ball palette (generate_balls.py l. 20): the first N are used. */
export const BALL_COLOR_NAMES = ['red', 'green', 'blue', 'yellow'] as const;
const BALL_RGB: readonly (readonly [number, number, number])[] = [
  [0.9, 0.12, 0.1],
  [0.15, 0.8, 0.2],
  [0.12, 0.25, 0.95],
  [0.95, 0.85, 0.1],
];
const WALL_RGB = [0.8, 0.8, 0.8] as const;
/** Direction towards the light (the official lightDirection [1, 1, 1]), normalised. */
const INV_SQRT3 = 1 / Math.sqrt(3);

/** Focal length in pixels for a 60° field of view: (size/2) / tan 30° = (size/2)·√3. */
export function focalLength(size: number): number {
  return (size / 2) * Math.sqrt(3);
}

/** Image position (column, row, in pixels; pixel i spans [i, i + 1)) of a ball centre at (x, y). */
export function ballToPixel(x: number, y: number, size: number = IMAGE_SIZE): [number, number] {
  const s = focalLength(size) / (CAMERA_HEIGHT - BALL_RADIUS);
  return [size / 2 - s * x, size / 2 + s * y];
}

/** World (x, y) of a ball centre shown at image position (column, row): the inverse of ballToPixel. */
export function pixelToBall(col: number, row: number, size: number = IMAGE_SIZE): [number, number] {
  const s = focalLength(size) / (CAMERA_HEIGHT - BALL_RADIUS);
  return [(size / 2 - col) / s, (row - size / 2) / s];
}

/** Radius of a ball's image in pixels. */
export function ballRadiusPixels(size: number = IMAGE_SIZE): number {
  return (focalLength(size) * BALL_RADIUS) / (CAMERA_HEIGHT - BALL_RADIUS);
}

/** Floor colour at world (x, y) into out[0..2]. */
function floorColor(floor: number, x: number, y: number, out: Float64Array): void {
  if (x > WALL_LIMIT || x < -WALL_LIMIT || y > WALL_LIMIT || y < -WALL_LIMIT) {
    out[0] = WALL_RGB[0];
    out[1] = WALL_RGB[1];
    out[2] = WALL_RGB[2];
    return;
  }
  floorTexture(floor, x, y, out);
}

function toByte(v: number): number {
  const b = Math.round(v * 255);
  return b < 0 ? 0 : b > 255 ? 255 : b;
}

const backgroundCache = new Map<string, Uint8Array>();

/** The empty floor (no balls), 4 × 4 supersampled: also the known background for L-PSNR's mask. */
export function renderBackground(floor: number, size: number = IMAGE_SIZE): Uint8Array {
  const key = `${floor}/${size}`;
  const cached = backgroundCache.get(key);
  if (cached) return cached;
  const img = new Uint8Array(size * size * 3);
  const scale = CAMERA_HEIGHT / focalLength(size);
  const rgb = new Float64Array(3);
  const inv = 1 / (SUPERSAMPLE * SUPERSAMPLE);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const u = col + (sx + 0.5) / SUPERSAMPLE;
          const v = row + (sy + 0.5) / SUPERSAMPLE;
          floorColor(floor, (size / 2 - u) * scale, (v - size / 2) * scale, rgb);
          r += rgb[0];
          g += rgb[1];
          b += rgb[2];
        }
      }
      const i = (row * size + col) * 3;
      img[i] = toByte(r * inv);
      img[i + 1] = toByte(g * inv);
      img[i + 2] = toByte(b * inv);
    }
  }
  backgroundCache.set(key, img);
  return img;
}

/**
 * Renders frame t of a trajectory: ball k drawn in palette colour colors[k] (BALL_COLOR_NAMES) over
 * floor `floor`. Pixels away from every ball come from the cached background; pixels a ball touches are
 * supersampled afresh (ball or floor per sample), with Lambert shading lit from (1, 1, 1).
 */
export function renderFrame(
  trajectory: Trajectory,
  t: number,
  colors: readonly number[],
  floor: number,
  size: number = IMAGE_SIZE,
  out: Uint8Array = new Uint8Array(size * size * 3),
): Uint8Array {
  if (t < 0 || t >= trajectory.frames || !Number.isInteger(t)) throw new RangeError(`frame ${t} is outside 0–${trajectory.frames - 1}`);
  if (colors.length < trajectory.n) throw new RangeError(`renderFrame needs a colour for each of the ${trajectory.n} balls`);
  out.set(renderBackground(floor, size));
  const n = trajectory.n;
  const radius = ballRadiusPixels(size);
  const r2 = radius * radius;
  const centres = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const i = (t * n + k) * 2;
    const [cx, cy] = ballToPixel(trajectory.positions[i], trajectory.positions[i + 1], size);
    centres[2 * k] = cx;
    centres[2 * k + 1] = cy;
  }
  const scale = CAMERA_HEIGHT / focalLength(size);
  const rgb = new Float64Array(3);
  const inv = 1 / (SUPERSAMPLE * SUPERSAMPLE);
  const done = new Uint8Array(size * size);
  for (let k = 0; k < n; k++) {
    const c0 = Math.max(0, Math.floor(centres[2 * k] - radius));
    const c1 = Math.min(size - 1, Math.floor(centres[2 * k] + radius));
    const r0 = Math.max(0, Math.floor(centres[2 * k + 1] - radius));
    const r1 = Math.min(size - 1, Math.floor(centres[2 * k + 1] + radius));
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        if (done[row * size + col]) continue;
        done[row * size + col] = 1;
        let r = 0;
        let g = 0;
        let b = 0;
        for (let sy = 0; sy < SUPERSAMPLE; sy++) {
          for (let sx = 0; sx < SUPERSAMPLE; sx++) {
            const u = col + (sx + 0.5) / SUPERSAMPLE;
            const v = row + (sy + 0.5) / SUPERSAMPLE;
            let hit = -1;
            let du = 0;
            let dv = 0;
            for (let j = 0; j < n; j++) {
              du = u - centres[2 * j];
              dv = v - centres[2 * j + 1];
              if (du * du + dv * dv < r2) {
                hit = j;
                break;
              }
            }
            if (hit < 0) {
              floorColor(floor, (size / 2 - u) * scale, (v - size / 2) * scale, rgb);
              r += rgb[0];
              g += rgb[1];
              b += rgb[2];
              continue;
            }
            // Sphere normal in world axes (image right = −x, image down = +y, towards the camera = +z).
            const a = du / radius;
            const c = dv / radius;
            const nz = Math.sqrt(Math.max(0, 1 - a * a - c * c));
            const lambert = (-a + c + nz) * INV_SQRT3;
            const shade = 0.35 + 0.65 * (lambert > 0 ? lambert : 0);
            const base = BALL_RGB[colors[hit]] ?? BALL_RGB[0];
            r += base[0] * shade;
            g += base[1] * shade;
            b += base[2] * shade;
          }
        }
        const i = (row * size + col) * 3;
        out[i] = toByte(r * inv);
        out[i + 1] = toByte(g * inv);
        out[i + 2] = toByte(b * inv);
      }
    }
  }
  return out;
}

/** All frames of a trajectory as one buffer, frame-major (T × size × size × 3). */
export function renderVideo(trajectory: Trajectory, colors: readonly number[], floor: number, size: number = IMAGE_SIZE): Uint8Array {
  const frame = size * size * 3;
  const video = new Uint8Array(trajectory.frames * frame);
  for (let t = 0; t < trajectory.frames; t++) renderFrame(trajectory, t, colors, floor, size, video.subarray(t * frame, (t + 1) * frame));
  return video;
}

/** The palette colours of a trajectory's balls: AB's are the example's; CD's skip a removed ball. */
export function partColors(example: { colors: readonly number[]; c: { objects: readonly number[] } }, part: 'ab' | 'cd'): number[] {
  return part === 'ab' ? [...example.colors] : example.c.objects.map((k) => example.colors[k]);
}

/** Frame t of an example's AB or CD video. */
export function renderExampleFrame(
  example: { colors: readonly number[]; c: { objects: readonly number[] }; floor: number; ab: Trajectory; cd: Trajectory },
  part: 'ab' | 'cd',
  t: number,
  size: number = IMAGE_SIZE,
): Uint8Array {
  return renderFrame(part === 'ab' ? example.ab : example.cd, t, partColors(example, part), example.floor, size);
}
