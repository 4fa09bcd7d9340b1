import { describe, expect, it } from 'vitest';
import { ReduceLrOnPlateau } from './reduceLrOnPlateau';

describe('ReduceLrOnPlateau (torch mode "min", relative threshold)', () => {
  it('halves the rate after patience + 1 epochs without a relative improvement, then counts again from 0', () => {
    const s = new ReduceLrOnPlateau(1e-3, { factor: 0.5, patience: 2, minLr: 1e-5 });
    // 10 is the best; 9.9995 is not better by 1e-4 relative (needs < 9.999), so it counts as bad
    const lowered = [10, 11, 9.9995, 10].map((m) => s.step(m));
    expect(lowered).toEqual([false, false, false, true]);
    expect(s.lr).toBe(5e-4);
    expect(s.state()).toEqual({ lr: 5e-4, best: 10, badEpochs: 0, epochs: 4 });
    // a real improvement clears the count
    expect([12, 9, 12, 12].map((m) => s.step(m))).toEqual([false, false, false, false]);
    expect(s.step(12)).toBe(true);
    expect(s.lr).toBe(2.5e-4);
  });

  it('never goes below minLr, and stops lowering once there', () => {
    const s = new ReduceLrOnPlateau(4e-5, { factor: 0.5, patience: 0, minLr: 1e-5 });
    const rates: number[] = [];
    for (let i = 0; i < 6; i++) {
      s.step(1);
      rates.push(s.lr);
    }
    expect(rates).toEqual([4e-5, 2e-5, 1e-5, 1e-5, 1e-5, 1e-5]);
  });

  it('restores its state so that a resumed schedule takes the same decisions', () => {
    const metrics = [5, 4, 4.5, 4.2, 4.1, 4.3, 3, 3.5, 3.4, 3.6, 3.2];
    const straight = new ReduceLrOnPlateau(1e-3, { factor: 0.5, patience: 1, minLr: 1e-5 });
    const straightRates = metrics.map((m) => (straight.step(m), straight.lr));
    const first = new ReduceLrOnPlateau(1e-3, { factor: 0.5, patience: 1, minLr: 1e-5 });
    const rates = metrics.slice(0, 5).map((m) => (first.step(m), first.lr));
    const resumed = new ReduceLrOnPlateau(1e-3, { factor: 0.5, patience: 1, minLr: 1e-5 });
    resumed.restore(JSON.parse(JSON.stringify(first.state())));
    rates.push(...metrics.slice(5).map((m) => (resumed.step(m), resumed.lr)));
    expect(rates).toEqual(straightRates);
    expect(Math.min(...straightRates)).toBeLessThan(1e-3);
  });

  it('rejects a metric that is not finite and settings outside torch\'s', () => {
    expect(() => new ReduceLrOnPlateau(1e-3, { factor: 0.5, patience: 1, minLr: 0 }).step(NaN)).toThrow(/finite/);
    expect(() => new ReduceLrOnPlateau(1e-3, { factor: 1, patience: 1, minLr: 0 })).toThrow(/factor/);
    expect(() => new ReduceLrOnPlateau(1e-3, { factor: 0.5, patience: -1, minLr: 0 })).toThrow(/patience/);
  });
});
