import { describe, expect, it } from 'vitest';
import { FEATURE_DIM, FEATURE_NAMES } from './core/features';
import { FREQUENCY_PRIOR, selectProbability } from './core/potential';
import { TRAINER_DEFAULTS } from './core/reinforce';
import { DIFFERENCES } from './differences';
import { TABLE1_ROWS, degClaims } from './paper';

describe('the differences list says what the code does', () => {
  const text = DIFFERENCES.join('\n');
  it('states the potential function as built', () => {
    expect(FEATURE_DIM).toBe(FEATURE_NAMES.length);
    expect(text).toContain(`${FEATURE_DIM - 2} hand-made features`);
    expect(text).toContain(`${TRAINER_DEFAULTS.hidden}-unit MLP`);
    expect(text).toContain(`initialised at ${FREQUENCY_PRIOR}`);
    expect(selectProbability(FREQUENCY_PRIOR).toFixed(2)).toBe('0.88');
    expect(text).toContain('φ ≈ 0.88');
  });
  it('names every replaced or added piece', () => {
    for (const phrase of ['GIN', 'Retro*', 'never shown as RS', 'total hydrogen count', 'Stereo', 'union-find', 'cutAt30', 'uniqueRaw', 'self-pairs', 'polymer_walk', 'Memb.', 'motif units', '5 grammars per epoch', 'γ = 0.99', 'Adam at 0.01']) {
      expect(text, phrase).toContain(phrase);
    }
  });
  it('paper numbers are marked unverified, with their source', () => {
    for (const c of degClaims('acrylates')) {
      expect(c.verified).toBe(false);
      expect(c.source).toMatch(/FMG/);
    }
    expect(TABLE1_ROWS.find((r) => r.method === 'DEG')!.memb).toEqual([0.963, 0.696, 0.935]);
  });
});
