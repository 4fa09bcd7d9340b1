/**
 * The same call written for Python einops, so the demo doubles as a cheat sheet. Also the compact
 * single-letter einsum string that einops hands to the backend (names → a–z, A–Z by first use).
 */
import { INPUT_PY_NAMES, INPUT_SHAPES, type EinopsRequest } from './types';

function pyString(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function kwargs(lengths: Record<string, number>): string {
  return Object.entries(lengths)
    .map(([k, v]) => `, ${k}=${v}`)
    .join('');
}

/** The number of comma-separated operands of an einsum pattern (at least 1). */
export function einsumOperandCount(pattern: string): number {
  const arrow = pattern.indexOf('->');
  const left = arrow < 0 ? pattern : pattern.slice(0, arrow);
  return Math.max(1, left.split(',').length);
}

export function pythonCall(req: EinopsRequest, lengths: Record<string, number>): string {
  const x = INPUT_PY_NAMES[req.input];
  const shape = INPUT_SHAPES[req.input];
  const lines = [`# ${x}: array of shape (${shape.join(', ')})`];
  const p = pyString(req.pattern);
  switch (req.op) {
    case 'rearrange':
      lines.unshift('from einops import rearrange');
      lines.push(`y = rearrange(${x}, ${p}${kwargs(lengths)})`);
      break;
    case 'reduce':
      lines.unshift('from einops import reduce');
      lines.push(`y = reduce(${x}, ${p}, ${pyString(req.reduction)}${kwargs(lengths)})`);
      break;
    case 'repeat':
      lines.unshift('from einops import repeat');
      lines.push(`y = repeat(${x}, ${p}${kwargs(lengths)})`);
      break;
    case 'einsum': {
      const operands = Array.from({ length: einsumOperandCount(req.pattern) }, () => x).join(', ');
      lines.unshift('from einops import einsum');
      lines.push(`y = einsum(${operands}, ${p})`);
      break;
    }
    case 'pack':
      lines.unshift('from einops import pack, reduce, unpack');
      lines.push(`cls = reduce(${x}, 'b h w c -> b c', 'mean')  # one extra token per image`);
      lines.push(`packed, ps = pack([cls, ${x}], ${p})`);
      lines.push(`cls_back, ${x}_back = unpack(packed, ps, ${p})`);
      break;
  }
  return lines.join('\n');
}

/**
 * einops' compaction of a multi-letter einsum pattern: each distinct name becomes one letter, in order
 * of first appearance; "..." stays. Returns null if the pattern has more than 52 names.
 */
export function compactEinsum(pattern: string): string | null {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const map = new Map<string, string>();
  const arrow = pattern.indexOf('->');
  if (arrow < 0) return null;
  const sides = [pattern.slice(0, arrow), pattern.slice(arrow + 2)];
  const compactSide = (side: string) =>
    side
      .split(',')
      .map((spec) =>
        spec
          .trim()
          .split(/\s+/)
          .filter((t) => t.length > 0)
          .map((t) => {
            if (t === '...') return '...';
            const name = t.replace(/^\((.*)\)$/, '$1');
            if (!map.has(name)) {
              if (map.size >= letters.length) throw new RangeError('too many names');
              map.set(name, letters[map.size]);
            }
            return map.get(name);
          })
          .join(''),
      )
      .join(',');
  try {
    return `${compactSide(sides[0])}->${compactSide(sides[1])}`;
  } catch {
    return null;
  }
}

/**
 * The einsum output size, estimated from the pattern and the operand shape before running it, so a
 * huge outer product is refused instead of exhausting memory. Null when the pattern is not simple
 * enough to tell (the library then reports the problem itself).
 */
export function einsumOutputElements(pattern: string, operandShape: readonly number[]): number | null {
  const arrow = pattern.indexOf('->');
  if (arrow < 0 || pattern.includes('...') || pattern.includes('(')) return null;
  const lengths = new Map<string, number>();
  for (const spec of pattern.slice(0, arrow).split(',')) {
    const names = spec.trim().split(/\s+/).filter(Boolean);
    if (names.length !== operandShape.length) return null;
    names.forEach((n, i) => lengths.set(n, operandShape[i]));
  }
  let total = 1;
  for (const n of pattern.slice(arrow + 2).trim().split(/\s+/).filter(Boolean)) {
    const len = lengths.get(n);
    if (len === undefined) return null;
    total *= len;
  }
  return total;
}
