/**
 * The four DEG training sets (gmh14/data_efficient_grammar, `datasets/`, MIT; see ../data/README.md).
 * `polymers` is `polymers_117.txt`, run by the official code with `--motif`.
 */
import { DATASET_FILES } from '../data/files';

export const DATASET_IDS = ['isocyanates', 'acrylates', 'chain_extenders', 'polymers'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];
/** The three monomer sets of the paper's Table 1. */
export const MONOMER_SETS = ['isocyanates', 'acrylates', 'chain_extenders'] as const satisfies readonly DatasetId[];

export const DATASET_NAMES: Record<DatasetId, string> = {
  isocyanates: 'Isocyanates',
  acrylates: 'Acrylates',
  chain_extenders: 'Chain extenders',
  polymers: 'Polymers (117)',
};

/**
 * The SMILES of a set: one per line, blank lines dropped (three files have no trailing newline), and
 * repeated lines dropped as the official `main.py` does (none of the four files has any).
 */
export function datasetSmiles(id: DatasetId): string[] {
  const out: string[] = [];
  for (const line of DATASET_FILES[id].text.split('\n')) {
    const s = line.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** Whether a set uses the motif units (HierVAE fragments) as the official code does for polymers. */
export function usesMotifs(id: DatasetId): boolean {
  return id === 'polymers';
}
