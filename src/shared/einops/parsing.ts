/**
 * Parser for one side of an einops pattern ('b c (h w)'), following the reference tokenizer
 * (einops/parsing.py) character by character: only the ASCII space, '(' and ')' end a token;
 * letters, digits (Unicode-aware, as Python's str.isalnum) and '_' extend it; '...' is first
 * replaced by the single character '…', which then extends tokens like a letter. Everything else is
 * an error.
 */
import { EinopsError } from './errors';

/** The reference stores an ellipsis as this single code point after replacing '...'. */
export const ELLIPSIS = '\u2026';

/**
 * A number ≥ 2 in a pattern. Every occurrence is a distinct axis (compared by identity), so
 * 'a 2 -> a 2' in repeat never matches its two 2s: that is the reference's rule, not an accident.
 */
export class AnonymousAxis {
  readonly value: number;
  constructor(value: number) {
    if (value <= 1) {
      if (value === 1) throw new EinopsError('No need to create anonymous axis of length 1. Report this as an issue');
      throw new EinopsError(`Anonymous axis should have positive length, not ${value}`);
    }
    this.value = value;
  }
  toString(): string {
    return `${this.value}-axis`;
  }
}

export type Axis = string | AnonymousAxis;
/** A top-level item: a group of elementary axes (possibly empty for '1'/'()'), or the ellipsis. */
export type CompositionItem = Axis[] | typeof ELLIPSIS;

const ALNUM = /^[\p{L}\p{N}]$/u;
const DECIMAL = /^\p{Nd}+$/u;
const DECIMAL_CHAR = /^\p{Nd}$/u;
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/** Python's str.isdecimal on a whole token (Unicode decimal digits of any script). */
export function isDecimal(token: string): boolean {
  return DECIMAL.test(token);
}

/**
 * int() of a decimal token. Unicode decimal digits come in runs of ten consecutive code points,
 * zero first, so a digit's value is its distance from the start of its run, modulo 10.
 */
export function decimalValue(token: string): number {
  let value = 0;
  for (const ch of token) {
    let cp = ch.codePointAt(0)!;
    let start = cp;
    while (start > 0 && DECIMAL_CHAR.test(String.fromCodePoint(start - 1))) start--;
    cp = (cp - start) % 10;
    value = value * 10 + cp;
  }
  return value;
}

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** [valid, reason]: the reference's check_axis_name_return_reason (keywords and 'axis' only warn). */
export function checkAxisName(name: string, allowUnderscore = false): [boolean, string] {
  if (!isIdentifier(name)) return [false, 'not a valid python identifier'];
  if (name[0] === '_' || name[name.length - 1] === '_') {
    if (name === '_' && allowUnderscore) return [true, ''];
    return [false, 'axis name should should not start or end with underscore'];
  }
  return [true, ''];
}

export interface ParseOptions {
  allowUnderscore?: boolean;
  allowDuplicates?: boolean;
}

export class ParsedExpression {
  hasEllipsis = false;
  /** null when no ellipsis token was met, as in the reference. */
  hasEllipsisParenthesized: boolean | null = null;
  readonly identifiers = new Set<Axis>();
  hasNonUnitaryAnonymousAxes = false;
  readonly composition: CompositionItem[] = [];

  constructor(expression: string, opts: ParseOptions = {}) {
    const allowUnderscore = opts.allowUnderscore ?? false;
    const allowDuplicates = opts.allowDuplicates ?? false;
    if (expression.includes('.')) {
      if (!expression.includes('...')) throw new EinopsError('Expression may contain dots only inside ellipsis (...)');
      if (countOccurrences(expression, '...') !== 1 || countOccurrences(expression, '.') !== 3) {
        throw new EinopsError('Expression may contain dots only inside ellipsis (...); only one ellipsis for tensor ');
      }
      expression = expression.replace('...', ELLIPSIS);
      this.hasEllipsis = true;
    }

    let bracketGroup: Axis[] | null = null;
    const addAxisName = (x: string): void => {
      if (this.identifiers.has(x)) {
        if (!(allowUnderscore && x === '_') && !allowDuplicates) {
          throw new EinopsError(`Indexing expression contains duplicate dimension "${x}"`);
        }
      }
      if (x === ELLIPSIS) {
        this.identifiers.add(ELLIPSIS);
        if (bracketGroup === null) {
          this.composition.push(ELLIPSIS);
          this.hasEllipsisParenthesized = false;
        } else {
          bracketGroup.push(ELLIPSIS);
          this.hasEllipsisParenthesized = true;
        }
        return;
      }
      const isNumber = isDecimal(x);
      if (isNumber && decimalValue(x) === 1) {
        // a unit axis: an empty group at top level; inside parentheses it changes nothing
        if (bracketGroup === null) this.composition.push([]);
        return;
      }
      const [isAxisName, reason] = checkAxisName(x, allowUnderscore);
      if (!(isNumber || isAxisName)) throw new EinopsError(`Invalid axis identifier: ${x}\n${reason}`);
      const axis: Axis = isNumber ? new AnonymousAxis(decimalValue(x)) : x;
      this.identifiers.add(axis);
      if (isNumber) this.hasNonUnitaryAnonymousAxes = true;
      if (bracketGroup === null) this.composition.push([axis]);
      else bracketGroup.push(axis);
    };

    let current: string | null = null;
    for (const ch of expression) {
      if (ch === '(' || ch === ')' || ch === ' ') {
        if (current !== null) addAxisName(current);
        current = null;
        if (ch === '(') {
          if (bracketGroup !== null) {
            throw new EinopsError('Axis composition is one-level (brackets inside brackets not allowed)');
          }
          bracketGroup = [];
        } else if (ch === ')') {
          if (bracketGroup === null) throw new EinopsError('Brackets are not balanced');
          this.composition.push(bracketGroup);
          bracketGroup = null;
        }
      } else if (ch === '_' || ch === ELLIPSIS || ALNUM.test(ch)) {
        current = current === null ? ch : current + ch;
      } else {
        throw new EinopsError(`Unknown character '${ch}'`);
      }
    }
    if (bracketGroup !== null) throw new EinopsError(`Imbalanced parentheses in expression: "${expression}"`);
    if (current !== null) addAxisName(current);
  }

  /** True if some group has two or more axes ('1' inside parentheses does not count). */
  hasComposedAxes(): boolean {
    return this.composition.some((g) => g !== ELLIPSIS && g.length > 1);
  }
}

function countOccurrences(text: string, sub: string): number {
  let count = 0;
  let from = 0;
  for (;;) {
    const at = text.indexOf(sub, from);
    if (at < 0) return count;
    count++;
    from = at + sub.length;
  }
}

/** How an axis is printed inside a reason line (Python prints sets of names with their repr). */
export function axisRepr(axis: Axis): string {
  return typeof axis === 'string' ? `'${axis}'` : axis.toString();
}

export function setRepr(axes: Iterable<Axis>): string {
  return `{${[...axes].map(axisRepr).join(', ')}}`;
}
