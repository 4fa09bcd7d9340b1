/**
 * The four procedural floors (checker, wood, dark tiles, granite) shared by BallsCF's renderer
 * (render.ts, seen from above) and the 3-D ray-caster (core3d/raycast.ts): a colour for each world
 * (x, y), from integer hashes (Math.imul) and value noise only, so the same bytes come out in Node and
 * every browser. They stand in for the official floor textures (differences.ts).
 */

function hash2(ix: number, iy: number, salt: number): number {
  let h = Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1) ^ Math.imul(salt, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smooth value noise in [0, 1): lattice hashes, bilinear with a cubic fade. */
function valueNoise(x: number, y: number, salt: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash2(ix, iy, salt);
  const b = hash2(ix + 1, iy, salt);
  const c = hash2(ix, iy + 1, salt);
  const d = hash2(ix + 1, iy + 1, salt);
  const top = a + (b - a) * sx;
  const bottom = c + (d - c) * sx;
  return top + (bottom - top) * sy;
}

/** Floor `floor` (0–3)'s colour at world (x, y) into out[0..2], RGB in [0, 1]. */
export function floorTexture(floor: number, x: number, y: number, out: Float64Array): void {
  switch (floor) {
    case 0: {
      // blue and white checker, 1 unit squares
      const odd = (Math.floor(x) + Math.floor(y)) & 1;
      out[0] = odd ? 0.45 : 0.86;
      out[1] = odd ? 0.6 : 0.89;
      out[2] = odd ? 0.86 : 0.95;
      return;
    }
    case 1: {
      // wood: brown planks along y with grain along x
      const grain = 0.75 + 0.35 * valueNoise(x * 6, y * 0.8, 11) + 0.1 * valueNoise(x * 20, y * 3, 12);
      out[0] = 0.5 * grain;
      out[1] = 0.37 * grain;
      out[2] = 0.2 * grain;
      return;
    }
    case 2: {
      // dark tiles: a checker of blue-grey and near-black squares, each with some mottling
      const odd = (Math.floor(x) + Math.floor(y)) & 1;
      const mottle = 0.8 + 0.4 * valueNoise(x * 5, y * 5, 21);
      out[0] = (odd ? 0.12 : 0.27) * mottle;
      out[1] = (odd ? 0.14 : 0.38) * mottle;
      out[2] = (odd ? 0.16 : 0.44) * mottle;
      return;
    }
    default: {
      // granite: brown-grey speckles
      const speckle = 0.7 + 0.3 * valueNoise(x * 9, y * 9, 31) + 0.25 * valueNoise(x * 25, y * 25, 32);
      out[0] = 0.4 * speckle;
      out[1] = 0.36 * speckle;
      out[2] = 0.3 * speckle;
    }
  }
}
