import { describe, expect, it } from 'vitest';
import { domainName, domainOption, settingsProblem, sourceFixedToS } from './settings';

describe('settings', () => {
  it('flags target-specified NTL with the same source and target, naming the fix', () => {
    expect(settingsProblem({ mode: 'target', source: 'T2', target: 'T2' })).toMatch(/both T2.*pick a different target \(e\.g\. T1\)/);
    expect(settingsProblem({ mode: 'target', source: 'T1', target: 'T1' })).toMatch(/e\.g\. S\)/);
    expect(settingsProblem({ mode: 'target', source: 'S', target: 'T1' })).toBeNull();
    expect(settingsProblem({ mode: 'sl', source: 'S', target: 'S' })).toBeNull();
  });
  it('fixes the source to S where the target is made from S', () => {
    expect(sourceFixedToS('sourceOnly')).toBe(true);
    expect(sourceFixedToS('authorization')).toBe(true);
    expect(sourceFixedToS('target')).toBe(false);
    expect(sourceFixedToS('ownership')).toBe(false);
  });
  it('names domains', () => {
    expect(domainName('T1')).toBe('T1 (MNIST-M-like)');
    expect(domainOption('T3')).toBe('T3: USPS-like (bold, blurred)');
  });
});
