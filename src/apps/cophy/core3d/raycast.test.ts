import { describe, expect, it } from 'vitest';
import { hashBytes, toHex32 } from '../core/simulator';
import { makeScene3d, type ObjectKind, type Trajectory3d } from './physics';
import { IMAGE_SIZE_3D, renderBackground3d, renderFrame3d } from './raycast';
import { eulerQuaternion, yawQuaternion } from './trig';

const still = (kinds: ObjectKind[], positions: number[], rotations: number[]): Trajectory3d => {
  const s = makeScene3d(kinds, positions, rotations, new Array(3 * kinds.length).fill(0));
  return { n: s.n, frames: 1, positions: s.positions, rotations: s.rotations };
};
const pixel = (img: Uint8Array, col: number, row: number) => Array.from(img.subarray((row * IMAGE_SIZE_3D + col) * 3, (row * IMAGE_SIZE_3D + col) * 3 + 3));

describe('the 3-D ray-caster', () => {
  it('draws the sky above the horizon and the floor below it, the same bytes on every call', () => {
    const bg = renderBackground3d(0);
    expect(pixel(bg, 32, 0)).toEqual([184, 199, 219]); // the flat sky (0.72, 0.78, 0.86)
    expect(pixel(bg, 32, 63)).not.toEqual(pixel(bg, 32, 0));
    expect(toHex32(hashBytes(renderBackground3d(0)))).toBe(toHex32(hashBytes(bg)));
    expect([0, 1, 2, 3].map((f) => toHex32(hashBytes(renderBackground3d(f))))).toEqual(PINNED_BACKGROUNDS);
  });

  it('puts what the camera looks at, (0, 0, 1.5), at the image centre: a ball, a box and a cylinder', () => {
    const ball = renderFrame3d(still(['ball'], [0, 0, 1.5], [0, 0, 0, 1]), 0, ['ball'], [0], 0);
    const [r, g, b] = pixel(ball, 32, 32);
    expect(r).toBeGreaterThan(2 * g);
    expect(r).toBeGreaterThan(2 * b);
    const box = renderFrame3d(still(['cube'], [0, 0, 1.5], yawQuaternion(30)), 0, ['cube'], [2], 0);
    const [r2, , b2] = pixel(box, 32, 32);
    expect(b2).toBeGreaterThan(2 * r2);
    const cylinder = renderFrame3d(still(['cylinder'], [0, 0, 1.5], eulerQuaternion(90, 0, 0)), 0, ['cylinder'], [1], 0);
    // Standing up, the cylinder (radius 0.5, length 3) covers the centre column from z = 0 to 3.
    const [r3, g3] = pixel(cylinder, 32, 26);
    expect(g3).toBeGreaterThan(2 * r3);
  });

  it('casts the tower’s shadows away from the light, and times a frame', () => {
    const cube = still(['cube'], [0, 0, 0.5], [0, 0, 0, 1]);
    const lit = renderFrame3d(cube, 0, ['cube'], [3], 0);
    const shadowed = renderFrame3d(cube, 0, ['cube'], [3], 0, { shadows: true });
    let darker = 0;
    let brighter = 0;
    for (let i = 0; i < lit.length; i += 3) {
      const d = shadowed[i] + shadowed[i + 1] + shadowed[i + 2] - (lit[i] + lit[i + 1] + lit[i + 2]);
      if (d < 0) darker++;
      if (d > 0) brighter++;
    }
    expect(brighter).toBe(0);
    expect(darker).toBeGreaterThan(20);
    const tower = still(['cube', 'cube', 'cube', 'cube'], [0, 0, 0.5, 0.2, 0.1, 1.5, 0.1, 0.4, 2.5, -0.2, 0.3, 3.5], [...yawQuaternion(0), ...yawQuaternion(20), ...yawQuaternion(45), ...yawQuaternion(80)]);
    const t0 = performance.now();
    const frames = 20;
    for (let i = 0; i < frames; i++) renderFrame3d(tower, 0, ['cube', 'cube', 'cube', 'cube'], [0, 1, 2, 3], i % 4, { shadows: true });
    console.log(`ray-casting a 4-cube tower with shadows at 64 × 64 (2 × 2 samples a pixel): ${((performance.now() - t0) / frames).toFixed(2)} ms a frame`);
  });
});

const PINNED_BACKGROUNDS = ['cf1a8e4a', '88dc9284', 'b476f565', '039c51db'];
