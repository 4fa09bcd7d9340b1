import { describe, expect, it } from 'vitest';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { settingsProblem } from './core/settings';
import { grammarSchema } from './store';

describe('grammar link state', () => {
  it('keeps the link contract: non-default settings round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(grammarSchema, {
      nonDefault: { dataset: 'acrylates', n: 300, epochs: 8, rewardSamples: 50, seed: 7 },
      bad: { dataset: 'esters', n: '5', epochs: '0', rewardSamples: 'x' },
    });
  });

  it('defaults to the isocyanates, N = 200, and a short REINFORCE run; long polymer runs are refused with the reason', () => {
    const d = grammarSchema.defaults;
    expect([d.dataset, d.n, d.epochs]).toEqual(['isocyanates', 200, 5]);
    expect(settingsProblem(d)).toBeNull();
    expect(settingsProblem({ dataset: 'polymers', n: 200, epochs: 10 })).toContain('at most 3');
    expect(settingsProblem({ dataset: 'polymers', n: 200, epochs: 10, pasted: true })).toBeNull();
  });
});
