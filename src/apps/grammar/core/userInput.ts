/**
 * A pasted SMILES list: one molecule per line, at most `MAX_USER_LINES` lines. Every line that cannot
 * be used is listed with its line number and the reason, and skipped; nothing throws.
 */
import type { Chem } from './chem';
import { moleculeToHypergraph } from './hypergraph';

export const MAX_USER_LINES = 200;

export interface LineProblem {
  /** 1-based line number in the pasted text. */
  line: number;
  text: string;
  message: string;
}

export interface UserSet {
  /** Canonical SMILES of the usable molecules, in input order, without repeats. */
  smiles: string[];
  errors: LineProblem[];
  /** Things changed but kept (stereo or isotopes removed, repeated lines skipped). */
  notes: LineProblem[];
}

export function readSmilesList(chem: Chem, text: string, maxLines = MAX_USER_LINES): UserSet {
  const out: UserSet = { smiles: [], errors: [], notes: [] };
  const lines = text.split(/\r?\n/);
  let used = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    // A SMILES may be followed by a name after whitespace (the usual .smi layout).
    const smiles = raw.trim().split(/\s+/)[0] ?? '';
    if (smiles === '' || smiles.startsWith('#')) return;
    used++;
    if (used > maxLines) {
      if (used === maxLines + 1) out.errors.push({ line, text: raw, message: `more than ${maxLines} molecules: this line and the ones after it are skipped` });
      return;
    }
    const parsed = chem.parse(smiles);
    if (!parsed.ok) {
      out.errors.push({ line, text: raw, message: parsed.error });
      return;
    }
    if (parsed.numFragments > 1) {
      out.errors.push({ line, text: raw, message: `"${smiles}" has ${parsed.numFragments} separate fragments ("."): give one connected molecule per line` });
      return;
    }
    try {
      if (!moleculeToHypergraph(chem, parsed.canonical)) throw new Error('RDKit could not kekulize it');
    } catch (err) {
      out.errors.push({ line, text: raw, message: `"${smiles}" cannot be used: ${(err as Error).message}` });
      return;
    }
    if (parsed.hadStereo || parsed.hadIsotopes) {
      const what = [parsed.hadStereo ? 'stereo' : '', parsed.hadIsotopes ? 'isotope labels' : ''].filter(Boolean).join(' and ');
      out.notes.push({ line, text: raw, message: `${what} removed (the grammar's labels carry neither): using ${parsed.canonical}` });
    }
    if (out.smiles.includes(parsed.canonical)) {
      out.notes.push({ line, text: raw, message: `the same molecule as an earlier line: skipped` });
      return;
    }
    out.smiles.push(parsed.canonical);
  });
  return out;
}
