import { describe, expect, it } from 'vitest';
import { BACKEND_TOLERANCE, formatDifference, largestDifference } from './backendCheck';

describe('backend check', () => {
  it('finds the largest absolute difference, and a NaN fails', () => {
    expect(largestDifference(Float32Array.of(0.5, -0.25, 1), Float32Array.of(0.5, -0.2505, 0.999))).toBeCloseTo(0.001, 6);
    expect(largestDifference(Float32Array.of(0.1, NaN), Float32Array.of(0.1, 0.2))).toBe(Infinity);
    expect(largestDifference(Float32Array.of(0.1), Float32Array.of(0.1))).toBe(0);
    expect(Infinity <= BACKEND_TOLERANCE).toBe(false);
    expect(formatDifference(2.3e-5)).toBe('2.3e-5');
    expect(formatDifference(Infinity)).toBe('not a number');
  });
  it('refuses outputs of different lengths', () => {
    expect(() => largestDifference(new Float32Array(3), new Float32Array(4))).toThrow(/did not load the same generators/);
  });
});
