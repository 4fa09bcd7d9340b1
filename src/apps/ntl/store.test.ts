import { describe, expect, it } from 'vitest';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { DEFAULT_STEPS, settingsProblem } from './core/settings';
import { ntlSchema } from './store';

describe('ntl link state', () => {
  it('keeps the link contract: non-default settings round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(ntlSchema, {
      nonDefault: {
        mode: 'ownership',
        source: 'T3',
        target: 'T2',
        alpha: 0.25,
        beta: 2,
        loss: 'code',
        lr: 0.001,
        steps: 120,
        batch: 16,
        baseline: false,
        prune: 70,
        seed: 42,
      },
      bad: { steps: '0', mode: 'nope', lr: '1' },
    });
  });

  it('defaults to target-specified NTL S → T1 with the paper\'s constants', () => {
    const d = ntlSchema.defaults;
    expect([d.mode, d.source, d.target, d.alpha, d.beta, d.loss, d.steps]).toEqual(['target', 'S', 'T1', 0.1, 1, 'paper', DEFAULT_STEPS]);
  });

  it('explains a target equal to the source', () => {
    expect(settingsProblem({ mode: 'target', source: 'T1', target: 'T1' })).toMatch(/different target/);
    expect(settingsProblem({ mode: 'ownership', source: 'T1', target: 'T1' })).toBeNull();
  });
});
