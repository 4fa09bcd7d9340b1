/**
 * "Guess the shape" (as in the einops tutorial): reading a typed guess, a hint after a wrong one, and
 * the worked answer (where each output length comes from). The answer itself always comes from the
 * library (the op's real output shape); the worked answer is derived here from the pattern only to
 * explain it, and is left out whenever it does not reproduce the library's shape.
 */
import { topLevelItems } from './hints';
import type { Op, Reduction } from './types';

/** Parses a typed shape guess: "(96, 576, 3)", "96 576 3" or "96x576x3" → [96, 576, 3]; null if not numbers. */
export function parseShapeGuess(text: string): number[] | null {
  const parts = text
    .replace(/[()[\]]/g, ' ')
    .split(/[\s,x×]+/)
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return null;
  return parts.map(Number);
}

export interface QuizQuestion {
  op: Op;
  pattern: string;
  reduction: Reduction;
  inputShape: readonly number[];
  /** The given axis lengths (the gallery entry's lengths box), e.g. { h2: 4, w2: 4 }. */
  lengths: Readonly<Record<string, number>>;
  /** The output shape the library computed. */
  answer: readonly number[];
}

const shapeText = (s: readonly number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;

/** The given lengths in words, for the question: "h2 = 4, w2 = 4", or null when none are given. */
export function givenLengthsText(lengths: Readonly<Record<string, number>>): string | null {
  const entries = Object.entries(lengths);
  return entries.length === 0 ? null : entries.map(([k, v]) => `${k} = ${v}`).join(', ');
}

/** One output axis (or the several that `...` stands for) and how its length is found. */
interface OutputPart {
  /** As written on the right side: `b`, `(h w)`, `...`. */
  item: string;
  lengths: number[];
  /** E.g. "(h w) = h × w = 96 × 96 = 9216". */
  working: string;
  /** What to look at again when this axis is guessed wrong (names no number). */
  advice: string;
}

interface Worked {
  /** How the left side reads the input, one sentence. */
  left: string;
  parts: OutputPart[];
  /** Names that are on the left only (reduced or summed), with the sentence that says so. */
  dropped: string | null;
}

const isNumber = (t: string) => /^\d+$/.test(t);
const product = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

function splitArrow(pattern: string): [string, string] | null {
  const arrow = pattern.indexOf('->');
  if (arrow < 0 || pattern.indexOf('->', arrow + 2) >= 0) return null;
  return [pattern.slice(0, arrow), pattern.slice(arrow + 2)];
}

function groupTokens(item: string): string[] | null {
  if (!item.startsWith('(')) return null;
  return item.slice(1, -1).trim().split(/\s+/).filter(Boolean);
}

/**
 * Binds the names of the left side of a rearrange/reduce/repeat pattern to the input's lengths.
 * Returns null for anything it does not follow (the explanation is then left out).
 */
function bindLeft(
  left: string,
  shape: readonly number[],
  given: Readonly<Record<string, number>>,
): { names: Map<string, number>; ellipsis: number[] | null; text: string[]; inferred: Set<string> } | null {
  const items = topLevelItems(left.trim());
  const hasEllipsis = items.includes('...');
  const ellipsisRank = shape.length - (items.length - (hasEllipsis ? 1 : 0));
  if (hasEllipsis ? ellipsisRank < 0 : items.length !== shape.length) return null;
  const names = new Map<string, number>();
  const inferred = new Set<string>();
  const text: string[] = [];
  let ellipsis: number[] | null = null;
  let axis = 0;
  for (const item of items) {
    if (item === '...') {
      ellipsis = shape.slice(axis, axis + ellipsisRank);
      axis += ellipsisRank;
      text.push(`... = ${ellipsis.join(', ') || 'no axes'}`);
      continue;
    }
    const dim = shape[axis++];
    const tokens = groupTokens(item);
    if (!tokens) {
      if (isNumber(item)) continue;
      names.set(item, dim);
      text.push(`${item} = ${dim}`);
      continue;
    }
    if (tokens.includes('...')) return null;
    const unknown = tokens.filter((t) => !isNumber(t) && given[t] === undefined);
    if (unknown.length > 1) return null;
    const known = tokens.filter((t) => !unknown.includes(t));
    const knownLengths = known.map((t) => (isNumber(t) ? Number(t) : given[t]));
    for (const t of known) if (!isNumber(t)) names.set(t, given[t]);
    if (unknown.length === 1) {
      const value = dim / product(knownLengths);
      if (!Number.isInteger(value)) return null;
      names.set(unknown[0], value);
      inferred.add(unknown[0]);
      const givenText = known.map((t, i) => (isNumber(t) ? t : `${t} = ${knownLengths[i]}`)).join(', ');
      text.push(`${item} = ${dim} with ${givenText} given, so ${unknown[0]} = ${dim} ÷ ${product(knownLengths)} = ${value}`);
    } else {
      if (product(knownLengths) !== dim) return null;
      text.push(`${item} = ${dim}`);
    }
  }
  return { names, ellipsis, text, inferred };
}

function workRearrangeLike(q: QuizQuestion): Worked | null {
  const sides = splitArrow(q.pattern);
  if (!sides) return null;
  const bound = bindLeft(sides[0], q.inputShape, q.lengths);
  if (!bound) return null;
  const { names, ellipsis, inferred } = bound;
  const used = new Set<string>();
  const lengthOf = (t: string): { value: number[]; source: 'input' | 'split' | 'new' | 'number' | 'ellipsis' } | null => {
    if (t === '...') return ellipsis ? { value: ellipsis, source: 'ellipsis' } : null;
    if (isNumber(t)) return { value: [Number(t)], source: 'number' };
    used.add(t);
    const v = names.get(t);
    if (v !== undefined) return { value: [v], source: inferred.has(t) ? 'split' : q.lengths[t] !== undefined ? 'new' : 'input' };
    // A name only on the right: a new axis of repeat, with its length given.
    return q.lengths[t] !== undefined ? { value: [q.lengths[t]], source: 'new' } : null;
  };
  const parts: OutputPart[] = [];
  for (const item of topLevelItems(sides[1].trim())) {
    const tokens = groupTokens(item);
    if (!tokens) {
      const l = lengthOf(item);
      if (!l) return null;
      const working =
        l.source === 'ellipsis'
          ? `... = ${l.value.join(', ') || 'no axes'} (the input axes it stands for)`
          : l.source === 'new' && !names.has(item)
            ? `${item} = ${l.value[0]} (given: a new axis, the values are copied along it)`
            : `${item} = ${l.value[0]}`;
      const advice =
        l.source === 'ellipsis'
          ? '... keeps the input axes it stands for, unchanged.'
          : l.source === 'split'
            ? `${item} comes from splitting an input axis: divide that axis by the given length.`
            : l.source === 'new'
              ? `${item} takes its length from the given lengths.`
              : l.source === 'number'
                ? 'a number on the right is an axis of that length.'
                : `${item} keeps the length of the input axis it names on the left.`;
      parts.push({ item, lengths: l.value, working, advice });
      continue;
    }
    const pieces = tokens.map((t) => lengthOf(t));
    if (pieces.some((p) => p === null)) return null;
    const values = pieces.flatMap((p) => p!.value);
    const total = product(values);
    const working =
      tokens.length === 0
        ? '() = 1 (an empty group is an axis of length 1)'
        : tokens.length === 1
          ? `${item} = ${total}`
          : `${item} = ${tokens.join(' × ')} = ${values.join(' × ')} = ${total}`;
    parts.push({ item, lengths: [total], working, advice: `${item} is one axis: its length is the product of the lengths of ${tokens.join(', ') || 'nothing (1)'}.` });
  }
  const leftNames = [...names.keys()];
  const dropped = leftNames.filter((n) => !used.has(n));
  let droppedText: string | null = null;
  if (dropped.length > 0) {
    if (q.op !== 'reduce') return null;
    droppedText = `${dropped.join(', ')} ${dropped.length === 1 ? 'is' : 'are'} not on the right: reduce takes the ${q.reduction} over ${dropped.length === 1 ? 'it' : 'them'}, so ${dropped.length === 1 ? 'that axis disappears' : 'those axes disappear'}.`;
  }
  return { left: `The left side reads the input ${shapeText(q.inputShape)} as ${bound.text.join(', ')}.`, parts, dropped: droppedText };
}

function workEinsum(q: QuizQuestion): Worked | null {
  const sides = splitArrow(q.pattern);
  if (!sides) return null;
  const names = new Map<string, number>();
  const operands = sides[0].split(',').map((o) => o.trim().split(/\s+/).filter(Boolean));
  for (const operand of operands) {
    if (operand.length !== q.inputShape.length || operand.some((t) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t))) return null;
    operand.forEach((t, i) => names.set(t, q.inputShape[i]));
  }
  const out = sides[1].trim().split(/\s+/).filter(Boolean);
  const parts: OutputPart[] = [];
  for (const t of out) {
    const v = names.get(t);
    if (v === undefined) return null;
    parts.push({ item: t, lengths: [v], working: `${t} = ${v}`, advice: `${t} keeps the length it has in the operand that names it.` });
  }
  const summed = [...names.keys()].filter((n) => !out.includes(n));
  return {
    left: `Each of the ${operands.length} operands is the input ${shapeText(q.inputShape)}, so ${[...names].map(([n, v]) => `${n} = ${v}`).join(', ')}.`,
    parts,
    dropped: summed.length > 0 ? `${summed.join(', ')} ${summed.length === 1 ? 'is' : 'are'} only on the left: einsum sums over ${summed.length === 1 ? 'it' : 'them'}.` : null,
  };
}

function work(q: QuizQuestion): Worked | null {
  const worked = q.op === 'einsum' ? workEinsum(q) : q.op === 'pack' ? null : workRearrangeLike(q);
  if (!worked) return null;
  const derived = worked.parts.flatMap((p) => p.lengths);
  // Only an explanation that reproduces the library's shape is shown.
  if (derived.length !== q.answer.length || derived.some((v, i) => v !== q.answer[i])) return null;
  return worked;
}

/** The output part that holds output axis `axis` (a `...` part may hold several). */
function partOfAxis(parts: readonly OutputPart[], axis: number): OutputPart | null {
  let start = 0;
  for (const p of parts) {
    if (axis < start + p.lengths.length) return p;
    start += p.lengths.length;
  }
  return null;
}

/** Why the answer is what it is: the left side, each output axis, what was reduced or summed, the shape. */
export function explainAnswer(q: QuizQuestion): string[] {
  const answer = shapeText(q.answer);
  if (q.op === 'pack') {
    return [
      `pack joins one class token per image and x along the axes that * stands for; unpack cuts the packed tensor at the same places (ps), so x comes back with its own shape ${shapeText(q.inputShape)}.`,
      `So the output shape is ${answer}.`,
    ];
  }
  const worked = work(q);
  if (!worked) return [`The right side of the pattern names ${q.answer.length} axes; the library computes the output shape ${answer}.`];
  return [worked.left, ...worked.parts.map((p) => p.working), ...(worked.dropped ? [worked.dropped] : []), `So the output shape is ${answer}.`];
}

export type GuessVerdict = { right: true } | { right: false; hint: string };

/** Right, or a hint for the next try that points at what is off without giving the numbers away. */
export function judgeGuess(q: QuizQuestion, guess: readonly number[]): GuessVerdict {
  const answer = q.answer;
  if (guess.length === answer.length && guess.every((v, i) => v === answer[i])) return { right: true };
  if (q.op === 'pack') return { right: false, hint: 'unpack undoes pack: what comes back is x itself.' };
  const worked = work(q);
  if (guess.length !== answer.length) {
    const items = worked ? ` (${worked.parts.map((p) => p.item).join(', ')})` : '';
    return {
      right: false,
      hint: `your guess has ${guess.length} ${guess.length === 1 ? 'axis' : 'axes'}, the output has ${answer.length}: one per item on the right of the arrow${items}, and a group in ( ) is one axis.`,
    };
  }
  const wrong = answer.map((_, i) => i).filter((i) => guess[i] !== answer[i]);
  const right = answer.length - wrong.length;
  const first = wrong[0];
  const part = worked ? partOfAxis(worked.parts, first) : null;
  const advice = part ? ` ${part.advice}` : '';
  return {
    right: false,
    hint: `${right} of ${answer.length} lengths are right; look again at axis ${first + 1}${part ? ` (${part.item})` : ''}.${advice}`,
  };
}
