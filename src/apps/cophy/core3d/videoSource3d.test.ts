import { beforeAll, describe, expect, it } from 'vitest';
import { generateExample3d } from './dataset3d';
import { initPhysics } from './physics';
import { objectRadiusPixels3d, projectToPixel3d, renderExampleFrame3d, renderBackground3d } from './raycast';
import { fromTrainingRecord3d, toTrainingRecord3d, VIDEO_SOURCE_3D } from './videoSource3d';

beforeAll(async () => {
  await initPhysics();
});

describe('3-D training records', () => {
  it('a stored collision example comes back with the same videos, through JSON', () => {
    const example = generateExample3d('collision', 1, 'train', 3);
    const record = JSON.parse(JSON.stringify(toTrainingRecord3d(example))) as ReturnType<typeof toTrainingRecord3d>;
    const back = fromTrainingRecord3d(record);
    expect(Array.from(back.ab.positions)).toEqual(Array.from(example.ab.positions));
    expect(back).toEqual(example);
    expect(Array.from(back.cd.rotations)).toEqual(Array.from(example.cd.rotations));
    expect(VIDEO_SOURCE_3D.frames(back, 'cd')).toBe(example.cd.frames);
    expect(Array.from(VIDEO_SOURCE_3D.render(back, 'cd', 10, 32))).toEqual(Array.from(renderExampleFrame3d(example, 'cd', 10, 32)));
  });

  it('each object centre projects onto a pixel the object covers', () => {
    const example = fromTrainingRecord3d(toTrainingRecord3d(generateExample3d('collision', 2, 'train', 0)));
    const size = 64;
    const frame = VIDEO_SOURCE_3D.render(example, 'cd', 0, size);
    const floor = renderBackground3d(example.floor, size);
    // the object-weighted loss's empty scene is this example's floor, the same bytes
    expect(Array.from(VIDEO_SOURCE_3D.background!(example, size))).toEqual(Array.from(floor));
    const points = VIDEO_SOURCE_3D.objectPixels(example, 'cd', 0, size);
    expect(points).toHaveLength(example.cd.n);
    for (const [x, y] of points) {
      const i = (Math.floor(y) * size + Math.floor(x)) * 3;
      const diff = Math.abs(frame[i] - floor[i]) + Math.abs(frame[i + 1] - floor[i + 1]) + Math.abs(frame[i + 2] - floor[i + 2]);
      expect(diff).toBeGreaterThan(30);
    }
  });

  it('the camera target projects to the image centre and the radius is a few pixels', () => {
    const [x, y] = projectToPixel3d(0, 0, 1.5, 64);
    expect(x).toBeCloseTo(32, 9);
    expect(y).toBeCloseTo(32, 9);
    expect(projectToPixel3d(0, -8, 4.5, 64)[0]).toBeNaN();
    const r = objectRadiusPixels3d(64);
    expect(r).toBeGreaterThan(2);
    expect(r).toBeLessThan(6);
  });
});
