import { beforeAll, describe, expect, it } from 'vitest';
import { judgeCandidate } from '../core/filter';
import { combinationOfMasses, hashFloat64, toHex32 } from '../core/simulator';
import { applyTowerDoOperation, towerScene, type Tower } from './blocktower';
import { epsilonSweep3d, generateExample3d, scenarioSimulator, unfilteredCandidates3d } from './dataset3d';
import { abCache, objectErrors3d, simulateCandidate3d } from './filter3d';
import { initPhysics, type Trajectory3d } from './physics';

beforeAll(async () => {
  await initPhysics();
});

const traj = (positions: number[], n: number): Trajectory3d => ({
  n,
  frames: positions.length / (3 * n),
  positions: Float64Array.from(positions),
  rotations: new Float64Array((positions.length / 3) * 4),
});

describe('the 3-D filter', () => {
  it('sums each object’s error over x, y, z for the tower and over x, y for the collision', () => {
    const a = traj([0, 0, 0, 1, 1, 1], 1);
    const b = traj([3, 4, 12, 1, 1, 1], 1);
    expect(Array.from(objectErrors3d(a, b, 3))).toEqual([13]);
    expect(Array.from(objectErrors3d(a, b, 2))).toEqual([5]);
  });

  it('rejects a tower whose C cannot depend on the masses (it stands still whatever they are)', () => {
    // A straight two-cube tower (4 mass combinations keep the test short); C shifts the top cube a
    // little: CD is the same still tower under every mass.
    const positions = new Float64Array([0, 0, 0.5, 0, 0, 1.5]);
    const a: Tower = { n: 2, positions, angles: [0, 30] };
    const c = applyTowerDoOperation(a, { kind: 'shift', object: 1, axis: 'x', amplitude: 0.1 });
    const candidate = simulateCandidate3d(scenarioSimulator('blocktower'), abCache(towerScene(a)), { scene: towerScene(c), objects: [0, 1] }, combinationOfMasses([1, 10]), { dims: 3, lazy: true });
    const verdict = judgeCandidate(candidate.distances);
    expect(verdict.reason).toBe('not-counterfactual');
    expect(Math.max(...candidate.distances.cd)).toBeLessThan(10); // settling only, far below ε = 100
  });

  it('generates CollisionCF examples that pass the filter, reproducibly, and reports the filter’s counts', () => {
    const examples = [0, 1].map((i) => generateExample3d('collision', 1, 'train', i));
    const again = generateExample3d('collision', 1, 'train', 1);
    expect(toHex32(hashFloat64(again.cd.positions))).toBe(toHex32(hashFloat64(examples[1].cd.positions)));
    expect(examples.map((e) => e.combination)).toEqual([0, 1]);
    expect(examples.map((e) => e.setup.kind === 'collision' && e.setup.a.moving)).toEqual(['ball', 'cylinder']);
    for (const e of examples) {
      expect(e.ab.frames).toBe(75);
      expect(e.counterfactualObjects.length).toBeGreaterThan(0);
      // The verdict holds when recomputed without the lazy shortcut.
      const full = simulateCandidate3d(scenarioSimulator('collision'), abCache(e.a), e.c, e.combination, { dims: 2 });
      expect(judgeCandidate(full.distances).kept).toBe(true);
    }
    const total = examples.reduce((s, e) => ({ cf: s.cf + e.stats.notCounterfactual, id: s.id + e.stats.notIdentifiable, bad: s.bad + e.stats.shiftOverlaps }), { cf: 0, id: 0, bad: 0 });
    console.log(`CollisionCF, 2 examples: ${total.cf} candidates not counterfactual, ${total.id} not identifiable, ${total.bad} unusable shifts`);
  });

  it('sweeps ε on unfiltered CollisionCF candidates: the counterfactual share falls with ε, all identifiable at huge ε', () => {
    const rows = epsilonSweep3d(unfilteredCandidates3d('collision', 2, 4), [1, 100, 1e9]);
    console.log(`CollisionCF ε sweep on 4 candidates: ${rows.map((r) => `ε=${r.epsilon}: identifiable ${r.identifiable.toFixed(2)}, counterfactual ${r.counterfactual.toFixed(2)}, kept ${r.kept.toFixed(2)}`).join('; ')}`);
    expect(rows[0].counterfactual).toBeGreaterThanOrEqual(rows[1].counterfactual);
    expect(rows[2]).toEqual({ epsilon: 1e9, identifiable: 1, counterfactual: 0, kept: 0 });
  });
});
