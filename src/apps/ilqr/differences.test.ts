import { describe, expect, it } from 'vitest';
import { DIFFERENCES } from './differences';
import { QUICK_SIZES, SPARSE_TRAINER } from './experiment';
import { SPARSE_SYSTEM } from './core/sparse';

describe('the differences list says what the code does', () => {
  it('states the constants the code uses', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain(`c = ${SPARSE_TRAINER.lrScale}`);
    expect(SPARSE_TRAINER.lrScale).toBe(0.04);
    expect(text).toContain(`${SPARSE_TRAINER.timeBand} bins below the diagonal`);
    expect(text).toContain(`σ = ${SPARSE_SYSTEM.noiseStd}`);
    expect(text).toContain('0.97·e^{±0.15i} and 0.93');
    expect(text).toContain(`${QUICK_SIZES.baselineHidden} units`);
    expect(SPARSE_TRAINER.pcaInit).toBe(true);
  });
});
