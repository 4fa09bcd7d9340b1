/**
 * The axis-lengths box: `h2=2, w2=2` (commas or spaces between entries) → `{ h2: 2, w2: 2 }`.
 * Errors name the entry at fault and say how to write it.
 */

export type LengthsResult =
  | { ok: true; lengths: Record<string, number> }
  | { ok: false; message: string; hint: string };

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A generous cap: any larger length would exceed the output-size limit anyway. */
export const MAX_AXIS_LENGTH = 100_000;

export function parseLengths(text: string): LengthsResult {
  const lengths: Record<string, number> = {};
  const entries = text
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  // "h2 = 2" was split into three pieces above; glue "name", "=", "value" back together.
  const glued: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e === '=' || e.startsWith('=')) {
      if (glued.length === 0) return fail(`"${e}" has no axis name before "="`, 'write lengths as name=number, e.g. h2=2');
      glued[glued.length - 1] += e;
    } else if (glued.length > 0 && glued[glued.length - 1].endsWith('=')) {
      glued[glued.length - 1] += e;
    } else {
      glued.push(e);
    }
  }
  for (const entry of glued) {
    const eq = entry.indexOf('=');
    if (eq < 0) return fail(`"${entry}" has no "="`, `write it as ${NAME.test(entry) ? entry : 'name'}=number, e.g. h2=2`);
    const name = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (!NAME.test(name)) {
      return fail(`"${name}" is not an axis name`, 'axis names start with a letter and use letters, digits and _ (e.g. h2)');
    }
    if (!/^\d+$/.test(value)) {
      return fail(`the length of ${name} is "${value}", not a whole number`, `give a positive integer, e.g. ${name}=2`);
    }
    const n = Number(value);
    if (n < 1) return fail(`the length of ${name} is 0`, `axis lengths must be at least 1, e.g. ${name}=2`);
    if (n > MAX_AXIS_LENGTH) return fail(`the length of ${name} is ${n}`, `keep lengths ≤ ${MAX_AXIS_LENGTH}`);
    if (name in lengths) return fail(`${name} is given twice`, `keep one of the ${name}=… entries`);
    lengths[name] = n;
  }
  return { ok: true, lengths };
}

function fail(message: string, hint: string): LengthsResult {
  return { ok: false, message: `Axis lengths: ${message}.`, hint };
}

/** Writes lengths back in the box's canonical form: `h2=2, w2=2`. */
export function formatLengths(lengths: Record<string, number>): string {
  return Object.entries(lengths)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
