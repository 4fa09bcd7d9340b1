import { describe, expect, it } from 'vitest';
import { clampView, DEFAULT_VIEW, pickObject, pickRay, project, rayAtHeight } from './orbit3d';

describe('the 3-D view’s camera (page picking without three.js)', () => {
  it('a ray through the projection of a point passes through the point, at any orbit', () => {
    for (const view of [DEFAULT_VIEW, { az: 30, el: 60, dist: 14 }, { az: -170, el: 10, dist: 6 }]) {
      for (const p of [
        [0.4, -0.3, 0.5],
        [2, 1.5, 3.5],
        [-2.5, 2, 1],
      ] as [number, number, number][]) {
        const [nx, ny] = project(view, p, 4 / 3);
        const ray = pickRay(view, nx, ny, 4 / 3);
        const at = rayAtHeight(ray, p[2])!;
        expect(at[0]).toBeCloseTo(p[0], 9);
        expect(at[1]).toBeCloseTo(p[1], 9);
      }
    }
  });

  it('picks the nearest object the ray meets, and none beside them', () => {
    const kinds = ['cube', 'cube'] as const;
    const positions = [0, 0, 0.5, 0, 0, 1.5];
    const [nx, ny] = project(DEFAULT_VIEW, [0, 0, 1.5], 1);
    expect(pickObject(pickRay(DEFAULT_VIEW, nx, ny, 1), [...kinds], positions)).toBe(1);
    expect(pickObject(pickRay(DEFAULT_VIEW, 0.95, 0.95, 1), [...kinds], positions)).toBe(-1);
  });

  it('keeps the orbit above the floor and the azimuth in (−180, 180]', () => {
    expect(clampView({ az: 190, el: -20, dist: 100 })).toEqual({ az: -170, el: 3, dist: 25 });
  });
});
