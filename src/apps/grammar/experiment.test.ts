import { describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../shared/tf/node';
import { MONOMER_SETS } from './core/datasets';
import experiment from './experiment';

// Issue #11's acceptance bars for the quick run, per monomer set (one seed; GRAMMAR_SEED picks another).
const seed = Number(process.env.GRAMMAR_SEED ?? 1);

describe('DEG quick experiment', () => {
  it(`seed ${seed}: valid = 1, unique ≥ 0.9, div ≥ 0.7, novelty ≥ 0.5, memb ≥ 0.5 (acrylates ≥ 0.25); polymers built and sampled`, { timeout: 180_000 }, async () => {
    await initNodeBackend('wasm');
    const { metrics: m, samples } = await experiment({ quick: true, seed });
    for (const d of MONOMER_SETS) {
      expect(m[`${d}.valid`], d).toBe(1);
      expect(m[`${d}.unique`], d).toBeGreaterThanOrEqual(0.9);
      expect(m[`${d}.div`], d).toBeGreaterThanOrEqual(0.7);
      expect(m[`${d}.novelty`], d).toBeGreaterThanOrEqual(0.5);
      expect(m[`${d}.memb`], d).toBeGreaterThanOrEqual(d === 'acrylates' ? 0.25 : 0.5);
      expect(m[`${d}.trainMemb`], `${d}: the class pattern accepts every training molecule`).toBe(1);
      expect(samples[d].length).toBe(m[`${d}.samples`]);
      expect(new Set(samples[d]).size).toBe(samples[d].length);
    }
    expect(m['polymers.valid']).toBe(1);
    expect(m['polymers.samples']).toBeGreaterThanOrEqual(90);
    expect(m['polymers.novelty']).toBeGreaterThanOrEqual(0.5);
    expect(m).not.toHaveProperty('polymers.memb');
  });
});
