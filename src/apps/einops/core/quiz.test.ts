import { describe, expect, it } from 'vitest';
import { explainAnswer, givenLengthsText, judgeGuess, parseShapeGuess, type QuizQuestion } from './quiz';

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

const LETTERS = [6, 96, 96, 3];
const q = (over: Partial<QuizQuestion>): QuizQuestion => ({
  op: 'rearrange',
  pattern: 'b h w c -> b w h c',
  reduction: 'mean',
  inputShape: LETTERS,
  lengths: {},
  answer: [6, 96, 96, 3],
  ...over,
});

const maxPool = q({ op: 'reduce', reduction: 'max', pattern: 'b (h h2) (w w2) c -> b h w c', lengths: { h2: 4, w2: 4 }, answer: [6, 24, 24, 3] });

describe('the quiz question', () => {
  it('states the given lengths', () => {
    expect(givenLengthsText(maxPool.lengths)).toBe('h2 = 4, w2 = 4');
    expect(givenLengthsText({})).toBeNull();
  });
});

describe('a wrong guess', () => {
  it('gets a hint on the axis count, naming the right side items but no length', () => {
    const v = judgeGuess(maxPool, [6, 24, 24]);
    expect(v.right).toBe(false);
    if (!v.right) {
      expect(v.hint).toBe('your guess has 3 axes, the output has 4: one per item on the right of the arrow (b, h, w, c), and a group in ( ) is one axis.');
      expect(v.hint).not.toMatch(/24/);
    }
  });

  it('gets a hint on the first wrong axis, saying where its length comes from', () => {
    const v = judgeGuess(maxPool, [6, 48, 48, 3]);
    expect(v).toEqual({ right: false, hint: '2 of 4 lengths are right; look again at axis 2 (h). h comes from splitting an input axis: divide that axis by the given length.' });
    const grid = q({ pattern: 'b h w c -> b (h w) c', answer: [6, 9216, 3] });
    const g = judgeGuess(grid, [6, 192, 3]);
    expect(!g.right && g.hint).toMatch(/axis 2 \(\(h w\)\)\. \(h w\) is one axis: its length is the product of the lengths of h, w\./);
  });

  it('is right when every length matches', () => {
    expect(judgeGuess(maxPool, [6, 24, 24, 3])).toEqual({ right: true });
  });
});

describe('the worked answer', () => {
  it('derives each output length for reduce, and says what was reduced', () => {
    expect(explainAnswer(maxPool)).toEqual([
      'The left side reads the input (6, 96, 96, 3) as b = 6, (h h2) = 96 with h2 = 4 given, so h = 96 ÷ 4 = 24, (w w2) = 96 with w2 = 4 given, so w = 96 ÷ 4 = 24, c = 3.',
      'b = 6',
      'h = 24',
      'w = 24',
      'c = 3',
      'h2, w2 are not on the right: reduce takes the max over them, so those axes disappear.',
      'So the output shape is (6, 24, 24, 3).',
    ]);
  });

  it('multiplies groups, reads ..., and gives new repeat axes their given length', () => {
    expect(explainAnswer(q({ pattern: 'b h w c -> h (b w) c', answer: [96, 576, 3] }))).toContain('(b w) = b × w = 6 × 96 = 576');
    expect(explainAnswer(q({ pattern: 'b ... c -> (b c) ...', answer: [18, 96, 96] }))).toContain('... = 96, 96 (the input axes it stands for)');
    const up = explainAnswer(q({ op: 'repeat', pattern: 'b h w c -> b (h 2) (w 2) c', answer: [6, 192, 192, 3] }));
    expect(up).toContain('(h 2) = h × 2 = 96 × 2 = 192');
    const rep = explainAnswer(q({ op: 'repeat', pattern: 'b h w c -> r b h w c', lengths: { r: 3 }, answer: [3, 6, 96, 96, 3] }));
    expect(rep).toContain('r = 3 (given: a new axis, the values are copied along it)');
  });

  it('explains einsum by the names it keeps and sums', () => {
    const e = q({ op: 'einsum', pattern: 'b h w c, b h2 w c -> b h h2', answer: [6, 96, 96] });
    expect(explainAnswer(e)).toEqual([
      'Each of the 2 operands is the input (6, 96, 96, 3), so b = 6, h = 96, w = 96, c = 3, h2 = 96.',
      'b = 6',
      'h = 96',
      'h2 = 96',
      'w, c are only on the left: einsum sums over them.',
      'So the output shape is (6, 96, 96).',
    ]);
  });

  it('falls back to the library shape when its own reading does not reproduce it', () => {
    // A wrong answer passed in on purpose: the derivation (6, 96, 96, 3) disagrees, so it is not shown.
    expect(explainAnswer(q({ answer: [1, 2, 3, 4] }))).toEqual([
      'The right side of the pattern names 4 axes; the library computes the output shape (1, 2, 3, 4).',
    ]);
    expect(explainAnswer(q({ op: 'pack', pattern: 'b * c' }))[1]).toBe('So the output shape is (6, 96, 96, 3).');
  });
});
