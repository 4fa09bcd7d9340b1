import { describe, expect, it } from 'vitest';
import { DEFAULT_CODY_CONFIG, OFFICIAL_CODY_SIZES, codyParamCount } from '../../src/apps/cophy/core/cody';
import { codyConfigFor, physicsResumeProblem } from './cophyStage2';

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
