import { describe, expect, it } from 'vitest';
import type { DuffingCheckpoint } from '../worker/protocolDuffing';
import { duffingHeadline, FOUND_FACTOR } from './duffingHeadline';

const chance = { medianError: 15, within2: 0.0957 };
const cp = (step: number, hits: number, of = 16, extra: Partial<DuffingCheckpoint> = {}): DuffingCheckpoint => ({
  step,
  within2: hits / of,
  medianError: 1,
  rateR2: 0.934,
  phaseR2: 0.81,
  inferredBins: new Array<number>(of).fill(50),
  norms: [],
  mappedStates: [],
  iterations: [],
  ...extra,
});

describe('duffingHeadline', () => {
  it('says what a run will show before the first checkpoint', () => {
    const h = duffingHeadline({ steps: 600, checkpoint: null, chance: null });
    expect(h.state).toBe('waiting');
    expect(h.sentence).toContain('Press Run');
    expect(h.figures).toEqual([]);
  });

  it('leads with the result, computed from the checkpoint: hits of held-out trials, the guess beside them, a verdict', () => {
    const h = duffingHeadline({ steps: 600, checkpoint: cp(600, 10), chance, untrained: { medianError: 20, within2: 0.1875 } });
    expect(h.state).toBe('done');
    expect(h.sentence).toBe(
      'iLQR finds the perturbation from spikes alone: on 10 of 16 held-out trials the largest inferred input lands within ±2 bins of the hidden perturbation (a uniform guess: 9.6%), and the model\'s firing rates match the true ones with R² 0.93.',
    );
    expect(h.figures.map((f) => [f.id, f.value])).toEqual([
      ['within2', 10 / 16],
      ['timing-error', 1],
      ['rate-r2', 0.934],
      ['phase-r2', 0.81],
    ]);
    expect(h.figures[0].detail).toBe('guess 9.6%, untrained 18.8%');
    expect(h.claim).toContain('Appendix I');
    expect(h.verdict).toBe('holds');
  });

  it('says so while running and when the run falls short of the bar, with a verdict that fails', () => {
    const early = duffingHeadline({ steps: 600, checkpoint: cp(40, 3), chance });
    expect(early.state).toBe('running');
    expect(early.sentence).toMatch(/^So far \(step 40 of 600\): Better than a guess, not yet reliable: on 3 of 16 held-out trials/);
    expect(early.verdict).toBe('fails');
    const none = duffingHeadline({ steps: 20, checkpoint: cp(20, 1), chance });
    expect(none.sentence).toMatch(/^No better than a guess yet: on 1 of 16 .*\. Try more steps\.$/);
    expect(none.figures[0].tone).toBe('neutral');
  });

  it('puts the bar at FOUND_FACTOR times the guess', () => {
    const at = Math.ceil(FOUND_FACTOR * chance.within2 * 100);
    const h = duffingHeadline({ steps: 1, checkpoint: cp(1, at, 100), chance });
    expect([h.verdict, h.figures[0].tone]).toEqual(['holds', 'good']);
    expect(h.sentence).toMatch(/^iLQR finds the perturbation/);
    const below = duffingHeadline({ steps: 1, checkpoint: cp(1, at - 10, 100), chance });
    expect([below.verdict, below.figures[0].tone]).toEqual(['fails', 'neutral']);
  });
});
