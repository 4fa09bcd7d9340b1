import { describe, expect, it } from 'vitest';
import { arrowLookalike, divisors, explainError, hintFor, reasonOf, topLevelItems, type HintContext } from './hints';

const ctx = (pattern: string, op: HintContext['op'] = 'rearrange', inputShape = [6, 96, 96, 3]): HintContext => ({ op, pattern, inputShape, lengths: {} });

describe('hint generator', () => {
  it('strips the two context lines einops puts before the reason', () => {
    const msg = ' Error while processing rearrange-reduction pattern "h w c -> c h w".\n Input tensor shape: (6, 96, 96, 3). Additional info: {}.\n Wrong shape: expected 3 dims. Received 4-dim tensor.';
    expect(reasonOf(msg)).toBe('Wrong shape: expected 3 dims. Received 4-dim tensor.');
    expect(explainError(msg, ctx('h w c -> c h w')).hint).toBe(
      'the left side has 3 axes (h, w, c) but the input (6, 96, 96, 3) has 4: add 1 axis name, or use ... for the rest.',
    );
  });

  it('counts top-level items, groups as one', () => {
    expect(topLevelItems('b (h h2) w ...')).toEqual(['b', '(h h2)', 'w', '...']);
    expect(topLevelItems('(a b)c')).toEqual(['(a b)', 'c']);
  });

  it('names the fix for each kind of mistake', () => {
    const cases: [string, HintContext, RegExp][] = [
      ['Wrong shape: expected 5 dims. Received 4-dim tensor', ctx('b h w c x -> b'), /has 5 axes .* has 4: remove 1 name/],
      ['Wrong shape: expected >=5 dims. Received 4-dim tensor', ctx('a b c d e ... -> a'), /besides \.\.\..*remove 1 name/],
      ["Identifiers only on one side of expression (should be on both): {'c'}", ctx('b h w c -> b h w'), /c must appear on both sides.*reduce.*repeat/],
      ["Specify sizes for new axes in repeat: {'r', 's'}", ctx('b -> b r s', 'repeat'), /r=2, s=2/],
      ["Unexpected identifiers on the right side of reduce max: {'z'}", ctx('b h w c -> z', 'reduce'), /use repeat/],
      ["Unexpected identifiers on the left side of repeat: {'c'}", ctx('b h w c -> b h w', 'repeat'), /use reduce/],
      ["Shape mismatch, can't divide axis of length 96 in chunks of 5", ctx(''), /divisors: 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 96/],
      ['Shape mismatch, 96 != 100', ctx(''), /multiply to 100 but the axis has length 96/],
      ["Could not infer sizes for {'h', 'h2'}", ctx(''), /give all but one of them a length, e.g. h=2/],
      ['Axis q is not used in transform', ctx(''), /remove q=…/],
      ["Unknown character '-'", ctx('a - b'), /"->" once/],
      ["Unknown character ';'", ctx('a;b', 'einsum'), /"," separates the inputs/],
      ['Brackets are not balanced', ctx(''), /matching "\)"/],
      ['Imbalanced parentheses in expression: "(a b"', ctx(''), /matching "\)"/],
      ['Axis composition is one-level (brackets inside brackets not allowed)', ctx(''), /cannot be nested/],
      ['Indexing expression contains duplicate dimension "h"', ctx(''), /rename one h \(e\.g\. h and h2\)/],
      ['Non-unitary anonymous axes are not supported in rearrange (exception is length 1)', ctx(''), /use repeat/],
      ['Ellipsis found in right side, but not left side of a pattern b h w c -> ...', ctx(''), /on the left side too/],
      ['Invalid axis identifier: _x\nshould not start or end with underscore', ctx(''), /"_x" is not an axis name/],
      ['No *-axis in pack(..., "b c")', ctx('b c', 'pack'), /exactly one \*/],
      ['Unknown axis z on right side of einsum a b -> z.', ctx('a b -> z', 'einsum'), /must appear in some input/],
      ["Unknown character '\t'", ctx('a\tb -> b a'), /^a tab is not allowed/],
      ['Duplicates in axes names in pack(..., "b h -> h b")', ctx('b h -> h b', 'pack'), /no arrow/],
      ['Duplicates in axes names in pack(..., "b * * c")', ctx('b * * c', 'pack'), /exactly one \*/],
      [
        "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
        ctx('b h w c, b h2 w -> b h h2', 'einsum'),
        /give each operand 4 names/,
      ],
    ];
    for (const [reason, c, hint] of cases) expect(hintFor(reason, c), reason).toMatch(hint);
  });

  it('names an arrow typed the wrong way and writes the pattern with "->"', () => {
    const reason = 'not enough values to unpack (expected 2, got 1)';
    expect(hintFor(reason, ctx('b h w c => b c h w'))).toBe(
      '"=>" is not the arrow: einops splits the two sides at "->" (a hyphen, then >). Write "b h w c -> b c h w".',
    );
    for (const [typed, found] of [
      ['b h w c → b c h w', '→'],
      ['b h w c —> b c h w', '—>'],
      ['b h w c - > b c h w', '- >'],
      ['b h w c > b c h w', '>'],
      ['b h w c = b c h w', '='],
      ['b h w c - b c h w', '-'],
    ]) {
      expect(arrowLookalike(typed), typed).toEqual({ found, fixed: 'b h w c -> b c h w' });
    }
    // Not an arrow typed the wrong way: a pattern still being typed, one with "->", or two candidates.
    expect(arrowLookalike('b h w c -')).toBeNull();
    expect(arrowLookalike('b h w c -> b c h w')).toBeNull();
    expect(arrowLookalike('a => b => c')).toBeNull();
    expect(hintFor(reason, ctx('b h w c'))).toMatch(/^a pattern has two sides/);
  });

  it('falls back to describing the input shape', () => {
    expect(hintFor('something new', ctx('x'))).toMatch(/\(6, 96, 96, 3\)/);
  });

  it('lists divisors', () => {
    expect(divisors(12)).toEqual([1, 2, 3, 4, 6, 12]);
  });
});
