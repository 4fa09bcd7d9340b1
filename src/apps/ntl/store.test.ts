import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState } from '../../shared/state';
import { DEFAULT_STEPS, ntlSchema, settingsProblem } from './store';

describe('ntl link state', () => {
  it('round-trips non-default settings through a link', () => {
    const values = {
      ...ntlSchema.defaults,
      mode: 'ownership' as const,
      source: 'T3' as const,
      target: 'T2' as const,
      alpha: 0.25,
      beta: 2,
      loss: 'code' as const,
      lr: 0.001,
      steps: 120,
      batch: 16,
      baseline: false,
      prune: 70,
      seed: 42,
    };
    const query = serializeUrlState(ntlSchema, values);
    expect(query).toMatch(/^v=1&/);
    const back = parseUrlState(ntlSchema, query);
    expect(back.notices).toEqual([]);
    expect(back.values).toEqual(values);
  });

  it('defaults to target-specified NTL S → T1 with the paper\'s constants', () => {
    const d = ntlSchema.defaults;
    expect([d.mode, d.source, d.target, d.alpha, d.beta, d.loss, d.steps]).toEqual(['target', 'S', 'T1', 0.1, 1, 'paper', DEFAULT_STEPS]);
    expect(serializeUrlState(ntlSchema, d)).toBe('');
  });

  it('falls back with a notice on bad values', () => {
    const r = parseUrlState(ntlSchema, 'steps=0&mode=nope&lr=1');
    expect(r.values.steps).toBe(DEFAULT_STEPS);
    expect(r.values.mode).toBe('target');
    expect(r.values.lr).toBe(ntlSchema.defaults.lr);
    expect(r.notices.length).toBe(3);
  });

  it('explains a target equal to the source', () => {
    expect(settingsProblem({ mode: 'target', source: 'T1', target: 'T1' })).toMatch(/different target/);
    expect(settingsProblem({ mode: 'ownership', source: 'T1', target: 'T1' })).toBeNull();
  });
});
