import { describe, expect, it } from 'vitest';
import { DEFAULT_DUFFING_TRAINER, DUFFING_MODEL, DUFFING_SYSTEM } from './duffing';
import { DUFFING_LIVE } from './systems';

describe('the systems’ plain constants', () => {
  it('match the Duffing system and trainer they describe (core/duffing.ts)', () => {
    expect(DUFFING_LIVE.bins).toBe(DUFFING_SYSTEM.T);
    expect(DUFFING_LIVE.trainTrials).toBe(DUFFING_SYSTEM.trainTrials);
    expect(DUFFING_LIVE.neurons).toBe(DUFFING_SYSTEM.neurons);
    expect(DUFFING_LIVE.lrScale).toBe(DEFAULT_DUFFING_TRAINER.lrScale);
    expect(DUFFING_LIVE.batch).toBe(DEFAULT_DUFFING_TRAINER.batch);
    expect([DUFFING_LIVE.n, DUFFING_LIVE.m]).toEqual([DUFFING_MODEL.n, DUFFING_MODEL.m]);
    expect(DUFFING_LIVE.testTrials).toBeLessThanOrEqual(DUFFING_SYSTEM.testTrials);
  });
});
