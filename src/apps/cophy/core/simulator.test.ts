import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import {
  BALL_RADIUS,
  DAMPING_PER_FRAME,
  energyAndMomentum,
  FRAMES,
  hashFloat64,
  makeScene,
  massesOfCombination,
  combinationOfMasses,
  randomScene,
  simulate,
  trajectoryHash,
  WALL_LIMIT,
} from './simulator';

describe('BallsCF simulator', () => {
  it('gives the same bytes on every run (pinned FNV-1a hashes of 150-frame trajectories)', () => {
    const hashes = [1, 2, 3].map((seed) => trajectoryHash(seed));
    expect(hashes).toEqual([1, 2, 3].map((seed) => trajectoryHash(seed)));
    // Pinned: a change here means the physics or the random draws changed (and links break).
    expect(hashes).toEqual(PINNED_N3);
    expect(trajectoryHash(1, 4)).toBe(PINNED_N4);
  });

  it('draws starts as the official Arena.init: inside (−3, 3)², at least 1 apart', () => {
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      const s = randomScene(rng, 4);
      for (let k = 0; k < 4; k++) {
        for (const v of [s.positions[2 * k], s.positions[2 * k + 1], s.velocities[2 * k], s.velocities[2 * k + 1]]) {
          expect(Math.abs(v)).toBeLessThan(3);
        }
        for (let j = 0; j < k; j++) {
          const dx = s.positions[2 * k] - s.positions[2 * j];
          const dy = s.positions[2 * k + 1] - s.positions[2 * j + 1];
          expect(dx * dx + dy * dy).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });

  it('orders mass combinations as itertools.product([1, 10], repeat=n)', () => {
    expect([0, 1, 2, 7].map((c) => massesOfCombination(c, 3))).toEqual([
      [1, 1, 1],
      [1, 1, 10],
      [1, 10, 1],
      [10, 10, 10],
    ]);
    for (let c = 0; c < 16; c++) expect(combinationOfMasses(massesOfCombination(c, 4))).toBe(c);
  });

  it('writes out PyBullet’s damping factor (1 − 0.04)^(1/25) exactly enough', () => {
    expect(Math.abs(DAMPING_PER_FRAME - Math.pow(0.96, 0.04))).toBeLessThan(1e-15);
  });

  it('conserves kinetic energy and momentum within 1% over 150 frames in ball–ball collisions (walls and damping off)', () => {
    const rng = createRng(11);
    let worstEnergy = 0;
    let worstMomentum = 0;
    let collisions = 0;
    for (let trial = 0; trial < 40; trial++) {
      // Crowded starts aimed at the centre so that balls do collide.
      const n = 3 + (trial % 2);
      const scene = randomScene(rng, n);
      for (let k = 0; k < n; k++) {
        scene.velocities[2 * k] = -scene.positions[2 * k] + 0.3 * (2 * rng.next() - 1);
        scene.velocities[2 * k + 1] = -scene.positions[2 * k + 1] + 0.3 * (2 * rng.next() - 1);
      }
      const masses = massesOfCombination(rng.int(1 << n), n);
      const tr = simulate(scene, masses, { walls: false, damping: false, restitutionThreshold: 0, recordVelocities: true });
      const start = energyAndMomentum(tr, masses, 0);
      const scale = Math.sqrt(2 * start.energy * masses.reduce((a, b) => a + b, 0)); // |p| can be ~0: compare with √(2E·M)
      for (let t = 1; t < FRAMES; t++) {
        const now = energyAndMomentum(tr, masses, t);
        worstEnergy = Math.max(worstEnergy, Math.abs(now.energy - start.energy) / start.energy);
        worstMomentum = Math.max(worstMomentum, Math.hypot(now.px - start.px, now.py - start.py) / scale);
      }
      const v = tr.velocities!;
      const last = (FRAMES - 1) * n * 2;
      if (Array.from({ length: 2 * n }, (_, i) => v[i] !== v[last + i]).some(Boolean)) collisions++;
    }
    console.log(`conservation over 150 frames, 40 scenes: worst relative energy error ${worstEnergy.toExponential(2)}, momentum ${worstMomentum.toExponential(2)}; ${collisions} scenes with collisions`);
    expect(collisions).toBeGreaterThan(30);
    expect(worstEnergy).toBeLessThan(0.01);
    expect(worstMomentum).toBeLessThan(0.01);
  });

  it('keeps every ball inside the walls and bounces elastically off them', () => {
    const rng = createRng(3);
    let farthest = 0;
    for (let trial = 0; trial < 30; trial++) {
      const tr = simulate(randomScene(rng, 4), massesOfCombination(trial % 16, 4));
      for (const x of tr.positions) farthest = Math.max(farthest, Math.abs(x));
    }
    expect(farthest).toBeLessThanOrEqual(WALL_LIMIT - BALL_RADIUS + 1e-12);
    expect(farthest).toBeGreaterThan(WALL_LIMIT - BALL_RADIUS - 0.2);
    // One ball, no damping: its speed is unchanged after several wall hits.
    const one = simulate(makeScene([0, 0], [2.9, -1.7]), [1], { damping: false, recordVelocities: true });
    const v = one.velocities!;
    const last = (FRAMES - 1) * 2;
    expect(Math.abs(v[last])).toBeCloseTo(2.9, 12);
    expect(Math.abs(v[last + 1])).toBeCloseTo(1.7, 12);
  });

  it('damps velocities as PyBullet’s default linear damping: × 0.96 per second', () => {
    const tr = simulate(makeScene([0, 0], [0.5, 0]), [1], { recordVelocities: true });
    expect(tr.velocities![25 * 2]).toBeCloseTo(0.5 * 0.96, 12);
  });

  it('does not bounce below Bullet’s restitution velocity threshold (0.2)', () => {
    // Head-on at a closing speed of 0.1: the balls end up moving together along the line of centres.
    const slow = simulate(makeScene([-0.6, 0, 0.6, 0], [0.05, 0, -0.05, 0]), [1, 1], { walls: false, damping: false, recordVelocities: true });
    const v = slow.velocities!;
    const last = (FRAMES - 1) * 4;
    expect(v[last]).toBeCloseTo(0, 12);
    expect(v[last + 2]).toBeCloseTo(0, 12);
    // At 1.0 they swap velocities (equal masses, elastic).
    const fast = simulate(makeScene([-1, 0, 1, 0], [0.5, 0, -0.5, 0]), [1, 1], { walls: false, damping: false, recordVelocities: true });
    expect(fast.velocities![last]).toBeCloseTo(-0.5, 12);
    expect(fast.velocities![last + 2]).toBeCloseTo(0.5, 12);
  });

  it('hashes little-endian bytes with FNV-1a', () => {
    expect(hashFloat64(new Float64Array(0))).toBe(0x811c9dc5);
    expect(hashFloat64(new Float64Array([1]))).toBe(hashFloat64(new Float64Array([1])));
    expect(hashFloat64(new Float64Array([1]))).not.toBe(hashFloat64(new Float64Array([-1])));
  });
});

const PINNED_N3 = ['2f3569e8', 'be522760', '3705ff13'];
const PINNED_N4 = '9471b12b';
