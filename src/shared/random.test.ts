/** The suite's PRNG: forks are independent, and a saved state resumes the stream bit for bit. */
import { describe, expect, it } from 'vitest';
import { createRng } from './random';

const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('createRng', () => {
  it('gives the same stream for the same seed, another for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    expect(draws(20, () => a.uint32())).toEqual(draws(20, () => b.uint32()));
    expect(draws(5, () => createRng(8).uint32())).not.toEqual(draws(5, () => createRng(7).uint32()));
  });

  it('resumes exactly from a saved state, the cached normal included', () => {
    const uninterrupted = createRng(42);
    const interrupted = createRng(42);
    for (let i = 0; i < 37; i++) {
      uninterrupted.uint32();
      interrupted.uint32();
    }
    uninterrupted.normal(); // leaves the second normal cached
    interrupted.normal();
    const saved = structuredClone(interrupted.getState());
    const resumed = createRng(1);
    resumed.setState(saved);
    expect(draws(50, () => resumed.normal())).toEqual(draws(50, () => uninterrupted.normal()));
    expect(draws(50, () => resumed.uint32())).toEqual(draws(50, () => uninterrupted.uint32()));
  });

  it('refuses a state that is not four 32-bit words, or the all-zero state', () => {
    const r = createRng(1);
    expect(() => r.setState({ s: [0, 0, 0, 0], spareNormal: null })).toThrow(/not all zero/);
    expect(() => r.setState({ s: [1, 2, 3] as unknown as [number, number, number, number], spareNormal: null })).toThrow(/four 32-bit words/);
    expect(() => r.setState({ s: [1, 2, 3, 2 ** 32], spareNormal: null })).toThrow(/four 32-bit words/);
  });
});
