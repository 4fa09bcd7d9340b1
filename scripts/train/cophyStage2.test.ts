import { describe, expect, it } from 'vitest';
import { DEFAULT_CODY_CONFIG, OFFICIAL_CODY_SIZES, codyParamCount } from '../../src/apps/cophy/core/cody';
import { codyConfigFor, physicsResumeProblem, withStartVelocity } from './cophyStage2';
import { withVelocities } from '../../src/apps/cophy/core/keypointStates';

describe('codyConfigFor (--cody-size)', () => {
  it('keeps the demo widths by default and takes every official width with `official`', () => {
    const shipped = codyConfigFor('shipped', 4, 7);
    expect(shipped).toEqual({ ...DEFAULT_CODY_CONFIG, keypoints: 4, stateSize: 14 });
    const official = codyConfigFor('official', 4, 7);
    for (const [key, value] of Object.entries(OFFICIAL_CODY_SIZES)) expect(official[key as keyof typeof official]).toBe(value);
    expect(official.keypoints).toBe(4);
    expect(official.stateSize).toBe(14);
    // the shipped tower CoDy has 136,462 parameters (weights/blocktower/cody.manifest.json); the official widths about 6×
    expect(codyParamCount(shipped)).toBe(136_462);
    expect(codyParamCount(official)).toBe(821_582);
  });
});

describe('physicsResumeProblem (--resume of either stage)', () => {
  it('resumes only under the physics the checkpoint was trained on', () => {
    expect(physicsResumeProblem('c.json', '0.21.0 no-sleep', '0.21.0 no-sleep')).toBeNull();
    // BallsCF has no physics fingerprint, and its old checkpoints no field
    expect(physicsResumeProblem('c.json', undefined, null)).toBeNull();
    expect(physicsResumeProblem('c.json', null, null)).toBeNull();
    expect(physicsResumeProblem('c.json', '0.21.0', '0.21.0 no-sleep')).toBe(
      '--resume: c.json was trained on frames simulated with other physics (0.21.0, now 0.21.0 no-sleep); start without --resume',
    );
    // a 3-D checkpoint made before the fingerprint existed is refused, not silently continued
    expect(physicsResumeProblem('c.json', undefined, '0.21.0 no-sleep')).toMatch(/before the fingerprint, now 0\.21\.0 no-sleep/);
  });
});

describe('withStartVelocity (--diagnostic-c-velocity)', () => {
  it("gives frame 0 frame 1's velocities and leaves every position and later frame alone", () => {
    // 3 frames, 2 keypoints, raw (row, column, one coefficient): keypoint p moves by (p + 1, −1, 0.5) a frame
    const raw = new Float32Array(3 * 2 * 3);
    for (let t = 0; t < 3; t++) for (let p = 0; p < 2; p++) raw.set([t * (p + 1), 10 - t, 0.5 * t], (t * 2 + p) * 3);
    const official = withVelocities(raw, 3, 2, 3);
    expect(Array.from(official.subarray(3, 6))).toEqual([0, 0, 0]); // the loader's zero at t = 0
    const given = withStartVelocity(Float32Array.from(official), 2, 6);
    expect(Array.from(given.subarray(0, 6))).toEqual([0, 10, 0, 1, -1, 0.5]);
    expect(Array.from(given.subarray(6, 12))).toEqual([0, 10, 0, 2, -1, 0.5]);
    expect(Array.from(given.subarray(12))).toEqual(Array.from(official.subarray(12)));
    expect(() => withStartVelocity(new Float32Array(6), 1, 6)).toThrow(/at least 2 frames/);
  });
});
