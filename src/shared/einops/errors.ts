/**
 * The one error type of the port. The reference raises EinopsError for most pattern mistakes but
 * lets Python's ValueError/TypeError/RuntimeError/NotImplementedError/ZeroDivisionError escape for
 * others (two arrows, empty lists, parse_shape, einsum); callers of a JS library should not have to
 * know which, so every pattern or shape mistake here is an EinopsError. `kind` records the Python
 * exception class the reference would have raised, so tests (and a curious user) can tell them apart.
 */
export type PythonErrorKind =
  | 'EinopsError'
  | 'ValueError'
  | 'TypeError'
  | 'RuntimeError'
  | 'NotImplementedError'
  | 'ZeroDivisionError'
  | 'IndexError';

export class EinopsError extends Error {
  readonly kind: PythonErrorKind;
  constructor(message: string, kind: PythonErrorKind = 'EinopsError') {
    super(message);
    this.name = 'EinopsError';
    this.kind = kind;
  }
}

/** Python's repr of a string as the reference prints it in messages: 'x' (or "x" if it has a quote). */
export function pyStr(s: string): string {
  if (s.includes("'") && !s.includes('"')) return `"${s}"`;
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Python's repr of a tuple of ints, as in ` Input tensor shape: (2, 3).` and `(5,)`. */
export function pyTuple(values: readonly number[]): string {
  if (values.length === 1) return `(${pyNum(values[0])},)`;
  return `(${values.map(pyNum).join(', ')})`;
}

export function pyList(values: readonly (readonly number[])[]): string {
  return `[${values.map((v) => `[${v.map(pyNum).join(', ')}]`).join(', ')}]`;
}

function pyNum(v: number): string {
  return Number.isInteger(v) ? String(v) : String(v);
}

/** Python's repr of the axes_lengths kwargs dict: {'h': 2, 'w': 3} or {}. */
export function pyDict(lengths: Record<string, number> | undefined): string {
  if (!lengths) return '{}';
  const entries = Object.keys(lengths).map((k) => `${pyStr(k)}: ${pyNum(lengths[k])}`);
  return `{${entries.join(', ')}}`;
}
