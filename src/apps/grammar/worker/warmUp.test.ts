import { beforeAll, describe, expect, it } from 'vitest';
import { loadChem, type Chem } from '../core/chem';
import { datasetSmiles } from '../core/datasets';
import { warmUp, warmUpSmiles } from './warmUp';

let chem: Chem;
beforeAll(async () => {
  chem = await loadChem();
});

const yieldNow = () => Promise.resolve();

describe('the worker warm-up', () => {
  it('runs all four stages on molecules outside the isocyanate set and leaves no RDKit object', async () => {
    const iso = new Set(datasetSmiles('isocyanates'));
    expect(warmUpSmiles().some((s) => iso.has(s))).toBe(false);
    const r = await warmUp(chem, { yieldNow, stop: () => false });
    expect(r.stages).toBe(4);
    expect(r.ms).toBeGreaterThan(0);
    expect(chem.live()).toBe(0);
  });

  it('stops between stages as soon as a run asks for the worker', async () => {
    let calls = 0;
    const r = await warmUp(chem, { yieldNow, stop: () => ++calls > 2 });
    expect(r.stages).toBe(2);
    expect(chem.live()).toBe(0);
  });
});
