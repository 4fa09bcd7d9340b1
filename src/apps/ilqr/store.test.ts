import { describe, expect, it } from 'vitest';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { DEFAULTS, settingsProblem } from './core/settings';
import { ilqrSchema } from './store';

describe('ilqr link state', () => {
  it('keeps the link contract: non-default settings round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(ilqrSchema, {
      nonDefault: { prior: 'gaussian', trials: 4, bins: 500, noise: 0.3, lr: 0.01, steps: 300, implicit: false, trial: 3, seed: 9 },
      bad: { prior: 'laplace', trials: '0', bins: '5000', noise: 'x', lr: '-1', steps: '1', implicit: 'maybe', trial: '99' },
    });
  });

  it('defaults to the sparse-input system of the paper: 10 trials of 200 bins, Student-t prior, c = 0.04', () => {
    const d = ilqrSchema.defaults;
    expect([d.prior, d.trials, d.bins, d.lr, d.implicit]).toEqual(['student', 10, 200, 0.04, true]);
    expect(settingsProblem(d)).toBeNull();
    expect(settingsProblem({ trials: 20, bins: 1000 })).toContain('keep trials × bins at most 4000');
    expect(DEFAULTS.steps).toBe(d.steps);
  });
});
