import { describe, expect, it } from 'vitest';
import { MMD_KERNELS, PAPER_LOSS } from './core/loss';
import { OPPONENT_FILTERS } from './core/model';
import { DIFFERENCES, LIVE_RUN } from './differences';
import { DEFAULT_SIZES } from './worker/session';

describe('the differences list says what the code does', () => {
  it('the live run sizes are the session defaults', () => {
    for (const [k, v] of Object.entries(LIVE_RUN)) expect(DEFAULT_SIZES[k as keyof typeof LIVE_RUN], k).toBe(v);
  });
  it('the constants written as words match the code', () => {
    const text = DIFFERENCES.join('\n');
    expect(OPPONENT_FILTERS).toBe(3);
    expect(text).toContain('Three of the first layer');
    expect(MMD_KERNELS).toBe(5);
    expect(text).toContain('five Gaussians');
    expect([PAPER_LOSS.alpha, PAPER_LOSS.alphaDis, PAPER_LOSS.beta, PAPER_LOSS.betaDis]).toEqual([0.1, 0.1, 1, 1]);
    expect(text).toContain('α = α′ = 0.1, β = β′ = 1');
  });
  it('states the numbers the code uses', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toMatch(/22,778-parameter CNN/);
    expect(text).toContain('200 steps of 32 source + 32 target images');
    expect(text).toContain('1,500 training images per domain, 300 test images per domain');
    expect(text).toContain('Adam at 2e-3 with no decay');
    expect(text).toContain('8 × 8 × 16 output (1,024 numbers)');
    expect(text).toContain('5 × 4 grid');
    expect(text).toContain('10% of the clean source training data');
  });
  it('names what the demo leaves out and the later attacks (issue #9)', () => {
    const text = DIFFERENCES.join('\n');
    for (const phrase of ['SYN-D', 'CIFAR10 ↔ STL10', 'VisDA', 'ImageNet mean', '0.01 for runs between different datasets', 'TransNTL (CVPR 2024)', 'JailNTL (CVPR 2025)', 'T1, T2 and T3']) {
      expect(text, phrase).toContain(phrase);
    }
    // The attacks' hyper-parameters are the code's.
    expect(text).toContain('λ = 0.1');
    expect(text).toContain('(its schedule was not read): 5e-3 here');
    expect(text).toContain('4 augmented copies');
    expect(text).toContain('colour cast');
    expect(text).not.toContain('not implemented here');
  });
});
