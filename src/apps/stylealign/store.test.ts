import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState } from '../../shared/state';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { CHECKPOINT_STEPS, nearestCheckpoint, settingsProblem, stylealignSchema } from './store';

describe('stylealign link state', () => {
  it('keeps the link contract: non-default values round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(stylealignSchema, {
      nonDefault: { z: 42, dir: 3, edit: -1.5, t: 0.25, step: 500, ftSteps: 100, seed: 7 },
      bad: { z: ['-1', '10000', 'x'], dir: ['0', '9'], edit: ['3.5', 'left'], t: ['1.5', '-0.1'], step: ['-250', '3001'], ftSteps: ['5', '2000'] },
    });
  });

  it('defaults: latent 0 of seed 1, no edit, the morph half way, the last checkpoint, 300 live steps', () => {
    expect(stylealignSchema.defaults).toMatchObject({ z: 0, dir: 1, edit: 0, t: 0.5, step: 3000, ftSteps: 300, seed: 1 });
    expect(serializeUrlState(stylealignSchema, stylealignSchema.defaults)).toBe('');
  });

  it('a malformed link names the field, the bad value and the default it falls back to', () => {
    const { values, notices } = parseUrlState(stylealignSchema, 'v=1&z=12&t=5&edit=1');
    expect(values).toMatchObject({ z: 12, t: 0.5, edit: 1 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('t');
    expect(notices[0]).toContain('5');
  });

  it('a step that is not a kept checkpoint is a settings problem that names the kept steps and the nearest', () => {
    for (const step of CHECKPOINT_STEPS) expect(settingsProblem({ step })).toBeNull();
    const p = settingsProblem({ step: 300 });
    expect(p).toContain('step=300');
    expect(p).toContain('0, 250, 500, 1000, 2000, 3000');
    expect(p).toContain('step=250');
    expect(nearestCheckpoint(1600)).toBe(2000);
  });
});
