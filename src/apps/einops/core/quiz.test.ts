import { describe, expect, it } from 'vitest';
import { parseShapeGuess } from './quiz';

describe('shape guesses', () => {
  it('reads the usual ways of writing a shape', () => {
    expect(parseShapeGuess('(96, 576, 3)')).toEqual([96, 576, 3]);
    expect(parseShapeGuess('96 576 3')).toEqual([96, 576, 3]);
    expect(parseShapeGuess('96x576x3')).toEqual([96, 576, 3]);
    expect(parseShapeGuess('[6,3]')).toEqual([6, 3]);
  });
  it('rejects text that is not a list of whole numbers', () => {
    expect(parseShapeGuess('')).toBeNull();
    expect(parseShapeGuess('h w c')).toBeNull();
    expect(parseShapeGuess('96, 5.5')).toBeNull();
  });
});
