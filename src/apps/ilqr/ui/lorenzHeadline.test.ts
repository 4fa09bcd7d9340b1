import { describe, expect, it } from 'vitest';
import type { LorenzInfo } from '../worker/protocolLorenz';
import { lorenzHeadline } from './lorenzHeadline';

const info = (r30: number, r50: number, shareWithin: number, steps = 4000, spread = [0.98, 1.02, 0.95]): LorenzInfo =>
  ({
    checkpoint: { steps, r2k: Array.from({ length: 51 }, (_, k) => (k === 30 ? r30 : k === 50 ? r50 : 0.5)) },
    onAttractor: { shareWithin, spread },
    freeRun: new Float32Array(30_000),
  }) as unknown as LorenzInfo;

describe('lorenzHeadline', () => {
  it('says what it will show while the checkpoint loads', () => {
    const h = lorenzHeadline(null);
    expect(h.state).toBe('waiting');
    expect(h.figures).toEqual([]);
  });

  it('reads the checkpoint’s R²₃₀ and R²₅₀, with the paper’s beside them and a verdict', () => {
    const h = lorenzHeadline(info(0.991, 0.97, 0.95));
    expect(h.sentence).toBe('The shipped model (4,000 Adam steps) predicts the Lorenz attractor 30 bins ahead with R² 0.991 (paper 0.998), and its free run of 10,000 steps stays on the attractor and covers it.');
    expect(h.figures.map((f) => [f.id, f.value])).toEqual([
      ['r2-30', 0.991],
      ['r2-50', 0.97],
      ['on-attractor', 0.95],
    ]);
    expect(h.claim).toContain('§3.2');
    expect(h.verdict).toBe('holds');
  });

  it('says so when the model does not predict, or its free run leaves the attractor', () => {
    const h = lorenzHeadline(info(-1.2189, -1.25, 0.1, 4));
    expect(h.sentence).toMatch(/^The shipped model \(4 Adam steps\) does not predict the Lorenz attractor 30 bins ahead: R² -1\.219 \(paper 0\.998\), and its free run of 10,000 steps leaves the attractor \(10\.0% of its points/);
    expect(h.verdict).toBe('fails');
  });

  it('tells a free run caught on part of the attractor from one that covers it', () => {
    const h = lorenzHeadline(info(0.45, -0.9, 1, 2250, [0.57, 0.66, 1.07]));
    expect(h.sentence).toContain('stays on the attractor but covers only part of it (spread 57%–107% of the attractor');
  });
});
