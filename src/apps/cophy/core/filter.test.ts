import { describe, expect, it } from 'vitest';
import { applyDoOperation } from './interventions';
import {
  EPSILON,
  epsilonSweep,
  determinedObjects,
  judgeCandidate,
  objectErrors,
  sameTrajectory,
  simulateCandidate,
} from './filter';
import { combinationOfMasses, makeScene, type Trajectory } from './simulator';
import { unfilteredCandidates } from './dataset';

const traj = (positions: number[], n: number): Trajectory => ({ n, frames: positions.length / (2 * n), positions: Float64Array.from(positions) });

describe('trajectory equality (official Arena.__eq__)', () => {
  it('sums each object’s Euclidean error over time and compares the worst with ε', () => {
    const a = traj([0, 0, 5, 5, 0, 0, 5, 5], 2);
    const b = traj([3, 4, 5, 5, 0, 0, 5, 6], 2);
    expect(Array.from(objectErrors(a, b))).toEqual([5, 1]);
    expect(sameTrajectory(a, b, 5)).toBe(true);
    expect(sameTrajectory(a, b, 4.9)).toBe(false);
  });
});

describe('the filter', () => {
  // Two balls on the vertical lines x = −2 and x = 2: they bounce between the walls and never meet,
  // so AB is the same whatever the masses.
  const parallel = makeScene([-2, -2, 2, 2], [0, 1, 0, -1]);
  const z = combinationOfMasses([1, 10]);

  it('rejects a non-identifiable example: AB cannot tell the masses apart, but CD depends on them', () => {
    // Move ball 2 onto ball 1's line: in CD they collide head-on.
    const c = applyDoOperation(parallel, { kind: 'shift', ball: 1, axis: 'x', amplitude: -4 })!;
    const verdict = judgeCandidate(simulateCandidate(parallel, c, z).distances);
    expect(verdict.reason).toBe('not-identifiable');
    expect(verdict.kept).toBe(false);
    expect(verdict.confusable).toEqual([0, 2, 3]); // every other combination gives the same AB
    expect(verdict.ambiguous!.length).toBeGreaterThan(0);
    expect(verdict.counterfactualObjects).toEqual([0, 1]);
  });

  it('rejects a non-counterfactual example: no mass changes CD', () => {
    const c = applyDoOperation(parallel, { kind: 'shift', ball: 0, axis: 'y', amplitude: 0.5 })!;
    const lazy = judgeCandidate(simulateCandidate(parallel, c, z, { lazy: true }).distances);
    expect(lazy.reason).toBe('not-counterfactual');
    expect(lazy.counterfactualObjects).toEqual([]);
    const full = judgeCandidate(simulateCandidate(parallel, c, z).distances);
    expect(full.reason).toBe('not-counterfactual');
  });

  // A glancing head-on collision in AB and in CD.
  const headOn = makeScene([-2, 0, 2, 0.2], [1, 0, -1, 0]);

  it('keeps a good example: AB reveals the mass ratio and CD depends on it', () => {
    const c = applyDoOperation(headOn, { kind: 'shift', ball: 0, axis: 'y', amplitude: 0.5 })!;
    const verdict = judgeCandidate(simulateCandidate(headOn, c, z, { lazy: true }).distances);
    expect(verdict.reason).toBe('kept');
    expect(verdict.confusable).toEqual([]);
    expect(verdict.counterfactualObjects).toEqual([0, 1]);
    expect(verdict.consequentialObjects).toEqual([0, 1]);
  });

  it('keeps an example whose AB fits several masses when those masses agree on CD too', () => {
    // Equal masses: (1, 1) and (10, 10) give the same AB and the same CD (only the ratio matters).
    const c = applyDoOperation(headOn, { kind: 'shift', ball: 0, axis: 'y', amplitude: 0.5 })!;
    const verdict = judgeCandidate(simulateCandidate(headOn, c, combinationOfMasses([1, 1])).distances);
    expect(verdict.confusable).toEqual([combinationOfMasses([10, 10])]);
    expect(verdict.ambiguous).toEqual([]);
    expect(verdict.reason).toBe('kept');
    // both balls are consequential, yet AB cannot say whether they are light or heavy
    expect(verdict.consequentialObjects).toEqual([0, 1]);
    expect(determinedObjects(simulateCandidate(headOn, c, combinationOfMasses([1, 1])).distances)).toEqual([]);
    // unequal masses: the collision shows which ball is the heavy one
    expect(determinedObjects(simulateCandidate(headOn, c, z).distances)).toEqual([0, 1]);
  });

  it('flips only the remaining balls’ masses after a removal', () => {
    const three = makeScene([-2, 0, 2, 0.2, 0, 3], [1, 0, -1, 0, 0, 0.5]);
    const c = applyDoOperation(three, { kind: 'remove', ball: 2 })!;
    const d = simulateCandidate(three, c, combinationOfMasses([1, 10, 1])).distances;
    // z and z with ball 3's mass flipped give the same CD
    expect(d.cd[combinationOfMasses([1, 10, 10])]).toBe(0);
    expect(judgeCandidate(d).counterfactualObjects).toEqual([0, 1]);
  });

  it('sweeps ε as the paper’s Fig. 7: counterfactual share falls with ε, everything is identifiable at huge ε', () => {
    const rows = epsilonSweep(
      unfilteredCandidates(3, 40).map((u) => u.distances),
      [1, EPSILON, 1e9],
    );
    expect(rows[0].counterfactual).toBeGreaterThanOrEqual(rows[1].counterfactual);
    expect(rows[2]).toEqual({ epsilon: 1e9, identifiable: 1, counterfactual: 0, kept: 0 });
    expect(rows[1].kept).toBeGreaterThan(0);
    expect(rows[1].kept).toBeLessThan(1);
  });
});
