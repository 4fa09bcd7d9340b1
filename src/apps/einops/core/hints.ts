/**
 * Turns an einops error into what the editor shows under the pattern: the reason (the library's own
 * message, without the two context lines einops prepends) and a hint that says how to fix it, using
 * the pattern and the input's shape to be concrete ("the left side has 3 axes but the input has 4").
 */
import type { Op } from './types';

export interface HintContext {
  op: Op;
  pattern: string;
  inputShape: readonly number[];
  lengths: Record<string, number>;
}

export interface ExplainedError {
  /** The reason, as the library (or tfjs, or this demo) words it. */
  reason: string;
  /** How to fix it, in this pattern's terms: what the page shows first. */
  hint: string;
  /** Who wrote `reason`: the einops port (worded like the reference library), tfjs, or this demo's own checks. */
  source: 'einops' | 'tfjs' | 'demo';
}

/** einops wraps each reason in two context lines; the reason is what follows them. */
export function reasonOf(message: string): string {
  const lines = message.split('\n').filter((line) => {
    const t = line.trim();
    return t.length > 0 && !t.startsWith('Error while processing') && !t.startsWith('Input tensor shape') && !t.startsWith('Input is list');
  });
  return (lines.length > 0 ? lines.join(' ') : message).trim();
}

/**
 * The top-level items of one side of a pattern: `b (h h2) w ...` → ['b', '(h h2)', 'w', '...'].
 * Only for counting and naming in hints; the library does the real parsing.
 */
export function topLevelItems(side: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  const flush = () => {
    if (current.trim()) items.push(current.trim());
    current = '';
  };
  for (const ch of side) {
    if (ch === '(') {
      if (depth === 0) flush();
      depth++;
      current += ch;
    } else if (ch === ')') {
      current += ch;
      depth = Math.max(0, depth - 1);
      if (depth === 0) flush();
    } else if (ch === ' ' && depth === 0) {
      flush();
    } else {
      current += ch;
    }
  }
  flush();
  return items;
}

/** The left side of a pattern (the first operand, for einsum). */
export function leftSide(pattern: string): string {
  const arrow = pattern.indexOf('->');
  const left = arrow < 0 ? pattern : pattern.slice(0, arrow);
  return left.split(',')[0];
}

function shapeText(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

export function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}

function namesIn(braces: string): string {
  return braces.replace(/[{}']/g, '').trim();
}

/**
 * Arrows people type instead of "->" (=>, →, a dash or a lone hyphen or >), found only when the
 * pattern has exactly one of them between two sides: then the pattern with "->" in its place.
 */
const ARROW_LOOKALIKE = /\s*(=+>|-{2,}>?|[—–−]+>?|[→⇒⟶⟹➔]|-\s+>|(?<![-=])[=>](?![>=])|(?<![-=])-(?![->]))\s*/g;

export function arrowLookalike(pattern: string): { found: string; fixed: string } | null {
  if (pattern.includes('->')) return null;
  const matches = [...pattern.matchAll(ARROW_LOOKALIKE)];
  if (matches.length !== 1) return null;
  const m = matches[0];
  const before = pattern.slice(0, m.index).trim();
  const after = pattern.slice(m.index + m[0].length).trim();
  if (!before || !after) return null;
  return { found: m[1], fixed: `${before} -> ${after}` };
}

export function explainError(message: string, ctx: HintContext, source: ExplainedError['source'] = 'einops'): ExplainedError {
  const reason = reasonOf(message);
  return { reason, hint: hintFor(reason, ctx), source };
}

export function hintFor(reason: string, ctx: HintContext): string {
  const shape = shapeText(ctx.inputShape);
  const rank = ctx.inputShape.length;
  let m: RegExpMatchArray | null;

  if (ctx.op === 'pack') {
    if (ctx.pattern.includes('->')) return 'pack patterns have one side and no arrow: name the shared axes and put * where the packed axes go, e.g. "b * c".';
    if ((ctx.pattern.match(/\*/g) ?? []).length > 1) return 'use exactly one *: it marks the axes that are flattened and joined, e.g. "b * c".';
  }

  if ((m = reason.match(/Wrong shape: expected (>=)?(\d+) dims?\. Received (\d+)-dim tensor/))) {
    const items = topLevelItems(leftSide(ctx.pattern));
    const expected = Number(m[2]);
    const got = Number(m[3]);
    if (m[1]) {
      return `the left side names ${expected} axes besides ..., but the input ${shape} has only ${got}: remove ${expected - got} name${expected - got === 1 ? '' : 's'}.`;
    }
    const listed = items.length > 0 ? ` (${items.join(', ')})` : '';
    return got > expected
      ? `the left side has ${expected} axes${listed} but the input ${shape} has ${got}: add ${got - expected} axis name${got - expected === 1 ? '' : 's'}, or use ... for the rest.`
      : `the left side has ${expected} axes${listed} but the input ${shape} has ${got}: remove ${expected - got} name${expected - got === 1 ? '' : 's'}, or group axes in ( ).`;
  }
  if ((m = reason.match(/Identifiers only on one side of expression \(should be on both\): (\{.*\})/))) {
    return `rearrange keeps every axis: ${namesIn(m[1])} must appear on both sides. To drop an axis use reduce; to add one use repeat.`;
  }
  if ((m = reason.match(/Specify sizes for new axes in repeat: (\{.*\})/))) {
    const names = namesIn(m[1]).split(/,\s*/);
    return `${names.join(', ')} ${names.length === 1 ? 'is a new axis' : 'are new axes'}: give ${names.length === 1 ? 'its length' : 'their lengths'} in the lengths box, e.g. ${names.map((n) => `${n}=2`).join(', ')}.`;
  }
  if ((m = reason.match(/Unexpected identifiers on the right side of reduce \w+: (\{.*\})/))) {
    return `reduce can only keep or remove axes, and ${namesIn(m[1])} is not on the left. To add an axis use repeat.`;
  }
  if ((m = reason.match(/Unexpected identifiers on the left side of repeat: (\{.*\})/))) {
    return `repeat cannot remove ${namesIn(m[1])}: keep it on the right, or use reduce to remove it.`;
  }
  if ((m = reason.match(/can't divide axis of length (\d+) in chunks of (\d+)/))) {
    const dim = Number(m[1]);
    return `${dim} is not a multiple of ${m[2]}: choose lengths that divide ${dim} (its divisors: ${divisors(dim).join(', ')}).`;
  }
  if ((m = reason.match(/Shape mismatch, (\d+) != (\d+)/))) {
    return `the lengths of one group multiply to ${m[2]} but the axis has length ${m[1]}: leave one length in the group unspecified so it is inferred, or fix the numbers.`;
  }
  if ((m = reason.match(/Could not infer sizes for (\{.*\})/))) {
    return `a group on the left may have only one axis of unknown length; ${namesIn(m[1])} are all unknown: give all but one of them a length, e.g. ${namesIn(m[1]).split(/,\s*/)[0]}=2.`;
  }
  if ((m = reason.match(/Axis (\S+) is not used in transform/))) {
    return `${m[1]} has a length in the lengths box but is not in the pattern: remove ${m[1]}=… or use ${m[1]} in the pattern.`;
  }
  if ((m = reason.match(/Unknown character '(.)'/))) {
    const shown = m[1] === '\t' ? 'a tab' : m[1] === '\n' ? 'a line break' : `'${m[1]}'`;
    const extra = ctx.op === 'einsum' ? ' (in einsum, "," separates the inputs)' : ctx.op === 'pack' ? '' : ' (use "->" once, between the two sides)';
    return `${shown} is not allowed here: patterns use axis names, numbers, spaces, ( ) and ...${extra}.`;
  }
  if (/Brackets are not balanced|Imbalanced parentheses/.test(reason)) {
    return 'every "(" needs a matching ")" on the same side of the arrow.';
  }
  if (/one-level/.test(reason)) return 'groups cannot be nested: write (a b c) instead of (a (b c)).';
  if ((m = reason.match(/duplicate dimension "(.+?)"/))) {
    return `each name may appear once per side: rename one ${m[1]} (e.g. ${m[1]} and ${m[1]}2).`;
  }
  if (/Non-unitary anonymous axes are not supported in rearrange/.test(reason)) {
    return 'rearrange cannot take numbers other than 1: use a name with a length (e.g. (h h2) with h2=2), or use repeat to add an axis of that size.';
  }
  if (/Ellipsis found in right side, but not left side/.test(reason)) return 'put ... on the left side too, where the axes it stands for come from.';
  if (/Ellipsis inside parenthesis in the left side/.test(reason)) return 'on the left, ... must stand alone: write "... h w" rather than "(... h) w".';
  if (/dots only inside ellipsis|only one ellipsis/.test(reason)) return 'a dot may only appear as the one "..." on each side.';
  if ((m = reason.match(/Invalid axis identifier: (\S+)/))) {
    return `"${m[1]}" is not an axis name: names start with a letter, do not start or end with "_", and contain letters, digits and _.`;
  }
  if (/Anonymous axis should have positive length/.test(reason)) return 'an axis of length 0 is not allowed: use a positive number or a name.';
  if (/Unknown reduction/.test(reason)) return 'pick one of mean, max, min, sum, prod.';
  if (/not enough values to unpack|Einsum pattern must contain '->'|needs? (an|one) arrow|->/.test(reason) && !ctx.pattern.includes('->') && ctx.op !== 'pack') {
    const lookalike = arrowLookalike(ctx.pattern);
    if (lookalike) {
      return `"${lookalike.found}" is not the arrow: einops splits the two sides at "->" (a hyphen, then >). Write "${lookalike.fixed}".`;
    }
    return 'a pattern has two sides: write "input axes -> output axes", e.g. "b h w c -> b w h c".';
  }
  if (/too many values to unpack/.test(reason)) return 'use "->" exactly once.';
  if (/Unknown axis (\S+) on right side of einsum/.test(reason)) {
    return 'every output name of einsum must appear in some input; names only on the left are summed over.';
  }
  if (/Singleton|Shape rearrangement is not yet supported in einsum|Anonymous axes are not yet supported in einsum/.test(reason)) {
    return 'einsum takes plain names only: no ( ), no numbers. Rearrange first, then einsum.';
  }
  if (/No \*-axis/.test(reason)) return 'pack and unpack need exactly one * for the axes that get flattened, e.g. "b * c".';
  if (/Invalid axis name .* in (un)?pack/.test(reason)) return 'pack patterns are plain names and one *: no ( ), numbers or ....';
  if (/Duplicates in axes names/.test(reason)) return 'each name may appear once in a pack pattern.';
  if (/assumes at least (\d+) axes/.test(reason)) {
    return `every packed tensor needs the named axes plus zero or more for *; the input is ${shape}.`;
  }
  if (/operand has (more|fewer) dimensions than subscripts/.test(reason)) {
    return `einsum here gets the input ${shape} for every comma-separated operand: give each operand ${rank} names (or use ... for the rest).`;
  }
  if (/einsum/i.test(reason) && /operand|input/i.test(reason)) {
    return `einsum here gets the input ${shape} once per comma-separated operand: give each operand ${rank} names.`;
  }
  return `the input has shape ${shape}; check that the left side describes it, one name or group per axis.`;
}
