import { describe, expect, it } from 'vitest';
import { generateExample } from '../src/apps/cophy/core/dataset';
import { makeStates } from '../src/apps/cophy/core/counterfactualModel';
import { makeScene, massesOfCombination, simulate } from '../src/apps/cophy/core/simulator';
import { strideTimes } from '../src/apps/cophy/core/counterfactualModel';
import { keypointMseOf, massSignal } from './cophyMassSignal';

/** A two-ball counterfactual run from the given start, with masses of combination z. */
function run(positions: number[], velocities: number[], z: number) {
  const scene = makeScene(positions, velocities);
  return { n: 2, combination: z, a: scene, c: { scene, objects: [0, 1] }, cd: simulate(scene, massesOfCombination(z, 2)) };
}

describe('massSignal', () => {
  const every = strideTimes(150, 1);

  it('balls that never meet: the masses are worth nothing, at no frame', () => {
    const s = massSignal(run([-2, -2, 2, 2], [1, 0, -1, 0], 1), every);
    expect(s.firstMassFrame).toBe(150);
    expect(s.bestGuess).toBeLessThan(1e-20);
    expect(s.random).toBeLessThan(1e-20);
    expect(Number.isNaN(s.bestGuessAfter)).toBe(true);
  });

  it('a head-on collision: the masses start to matter when the balls meet, and not before', () => {
    // 3 units of gap closing at 2 units/s (less a little damping): contact after about 1.5 s, frame 37.
    const s = massSignal(run([-2, 0, 2, 0], [1, 0, -1, 0], 1), every);
    expect(s.firstMassFrame).toBeGreaterThanOrEqual(36);
    expect(s.firstMassFrame).toBeLessThanOrEqual(42);
    expect(s.known).toBe(0);
    expect(s.bestGuess).toBeGreaterThan(1e-3);
    // The mean over combinations is the MSE-optimal guess: it beats guessing one at random.
    expect(s.bestGuess).toBeLessThan(s.random);
    expect(s.swap).toBeGreaterThan(0);
  });

  it("on the dataset's kept examples, C's run under the true masses is CD to the bit, and the masses change it", () => {
    for (const i of [0, 1, 2]) {
      const e = generateExample(1, 'test', i);
      const s = massSignal(e, strideTimes(e.cd.frames, 2));
      expect(s.known).toBe(0);
      expect(s.firstMassFrame).toBeLessThan(75);
      expect(s.bestGuess).toBeGreaterThan(0);
    }
  });
});

describe('keypointMseOf', () => {
  it('scores only the given keypoints and frames, over (row, column)', () => {
    const truth = makeStates(3, 2, 3);
    const pred = makeStates(3, 2, 3);
    pred.values[(1 * 2 + 1) * 3] = 0.5; // frame 1, keypoint 1, row
    pred.values[(2 * 2 + 0) * 3] = 5; // frame 2, keypoint 0: not scored below
    pred.values[(1 * 2 + 1) * 3 + 2] = 9; // the gate: never scored
    expect(keypointMseOf(truth, pred, [1])).toBe(0.25 / 6);
    expect(keypointMseOf(truth, pred, [1], 1, 2)).toBe(0.25 / 2);
  });
});
