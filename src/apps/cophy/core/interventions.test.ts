import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { applyDoOperation, sampleShift, shiftAmplitudes, SHIFT_LIMIT } from './interventions';
import { makeScene, randomScene } from './simulator';

describe('do-operations', () => {
  const a = makeScene([0, 0, 2, 0, -2, 1], [1, 0, 0, 1, -1, -1]);

  it('removes a ball and maps C’s balls to A’s', () => {
    const c = applyDoOperation(a, { kind: 'remove', ball: 1 })!;
    expect(c.objects).toEqual([0, 2]);
    expect(Array.from(c.scene.positions)).toEqual([0, 0, -2, 1]);
    expect(Array.from(c.scene.velocities)).toEqual([1, 0, -1, -1]);
  });

  it('shifts one ball along one axis, keeps velocities, and refuses overlaps', () => {
    const c = applyDoOperation(a, { kind: 'shift', ball: 0, axis: 'y', amplitude: -1.5 })!;
    expect(Array.from(c.scene.positions)).toEqual([0, -1.5, 2, 0, -2, 1]);
    expect(Array.from(c.scene.velocities)).toEqual(Array.from(a.velocities));
    expect(applyDoOperation(a, { kind: 'shift', ball: 0, axis: 'x', amplitude: 1.5 })).toBeNull();
  });

  it('samples shifts of at least 0.5 on a 0.1 grid within 90% of the room to ±3.5', () => {
    const amps = shiftAmplitudes(makeScene([-3, 0], [0, 0]), 0, 'x');
    expect(amps[0]).toBe(0.5);
    expect(Math.max(...amps)).toBeLessThan(0.9 * 6.5);
    // 90% of the 0.5 of room on the left is less than the smallest shift: only moves to the right.
    expect(Math.min(...amps)).toBe(0.5);
    const centre = shiftAmplitudes(makeScene([0.2, 0], [0, 0]), 0, 'x');
    expect(Math.min(...centre)).toBeCloseTo(0.9 * (-3.5 - 0.2), 12);
    expect(centre.every((v) => Math.abs(v) >= 0.5 - 1e-12)).toBe(true);
    const rng = createRng(5);
    for (let i = 0; i < 300; i++) {
      const s = randomScene(rng, 3);
      const shift = sampleShift(rng, s);
      if (!shift?.start || shift.op.kind !== 'shift') continue;
      const moved = shift.start.scene.positions[2 * shift.op.ball + (shift.op.axis === 'x' ? 0 : 1)];
      expect(Math.abs(moved)).toBeLessThan(SHIFT_LIMIT);
      expect(Math.abs(shift.op.amplitude)).toBeGreaterThanOrEqual(0.5 - 1e-12);
    }
  });
});
