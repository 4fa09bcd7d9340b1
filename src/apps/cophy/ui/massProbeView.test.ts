import { describe, expect, it } from 'vitest';
import { objectKeypoint } from '../core/massProbe';
import { readMasses } from './massProbeView';

describe('the mass probe on the page', () => {
  // two balls, two keypoints placed on them in swapped order; u_k = [k]: a probe that says heavy for u > 0.5
  const a = [1, 1, -2, 0.5];
  const size = 64;
  const k0 = objectKeypoint(a[0], a[1], size);
  const k1 = objectKeypoint(a[2], a[3], size);
  const abKeypoints0 = Float32Array.from([...k1, ...k0]);
  const u = Float32Array.from([1, 0]);
  const probe = { mean: [0], scale: [1], weights: [20], bias: -10 };

  it('matches each ball to the keypoint on it and reads that keypoint’s u', () => {
    const r = readMasses(probe, a, 2, u, abKeypoints0, size);
    expect(r.map((b) => b.keypoint)).toEqual([1, 0]);
    expect(r[0].distancePx).toBeCloseTo(0, 4);
    expect(r[0].heavy).toBeLessThan(0.01); // ball 1 sits on keypoint 1, whose u is 0
    expect(r[1].heavy).toBeGreaterThan(0.99);
  });

  it('reads u_k against the other keypoints’ codes when the run’s probe did', () => {
    // u = [1, 0]: relative codes are 1 − 0 = 1 (keypoint 0) and 0 − 1 = −1 (keypoint 1); a probe heavy for f > 0
    const relative = { features: 'relative' as const, mean: [0], scale: [1], weights: [20], bias: 0 };
    const r = readMasses(relative, a, 2, u, abKeypoints0, size);
    expect(r[0].heavy).toBeLessThan(0.01); // keypoint 1: −1
    expect(r[1].heavy).toBeGreaterThan(0.99); // keypoint 0: +1
    // the same weights on the own code would call keypoint 1 (u = 0) a coin
    expect(readMasses({ ...relative, features: 'own' }, a, 2, u, abKeypoints0, size)[0].heavy).toBeCloseTo(0.5, 6);
  });

  it('refuses a probe of another code size, naming both', () => {
    expect(() => readMasses({ ...probe, weights: [1, 2] }, a, 2, u, abKeypoints0, size)).toThrow('the probe reads 2 numbers per keypoint, u has 1');
  });
});
