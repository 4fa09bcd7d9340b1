/**
 * Features of a contraction unit for the potential function F_θ.
 *
 * The paper and official code (`private/molecule_graph.py`, `get_subg_feature_for_agent`; GIN from
 * `GCN/feature_extract.py`) mean-pool the 300-d node embeddings of a frozen, pretrained 5-layer GIN
 * (pretrain-gnns `supervised_contextpred`) over the unit's atoms, and append two frequency features
 * (`grammar_generation.py`, `grammar_generation`): 1 − exp(−c), c the unit's occurrences over all
 * molecules, and the share of molecules that contain it. Here the GIN is replaced by hand-made,
 * frozen features of the unit (deviation, stated in differences.ts); the two frequency features are
 * the official ones.
 */
import type { MolHypergraph } from './hypergraph';

export const ELEMENT_FEATURES = ['C', 'N', 'O', 'F', 'S', 'Si'] as const;

/** Names of the feature vector's entries, in order (for the UI). */
export const FEATURE_NAMES = [
  ...ELEMENT_FEATURES.map((e) => `share of ${e} atoms`),
  'share of other elements',
  'mean heavy-atom degree / 4',
  'mean hydrogens / 3',
  'share of charged atoms',
  'share of ring atoms',
  'atoms / 10',
  'share of the molecule',
  'share of atoms already contracted',
  'regions contracted inside / 3',
  'anchor bonds / 4',
  'share of double bonds inside',
  'share of triple bonds inside',
  'frequency: 1 − exp(−occurrences)',
  'frequency: share of molecules with it',
] as const;

export const FEATURE_DIM = FEATURE_NAMES.length;

export interface UnitContext {
  hg: MolHypergraph;
  ringAtom: Uint8Array;
  /** Region id of each atom's largest contracted region, −1 when not contracted. */
  top: Int32Array;
}

/** Writes the features of `unit` into `out` at `offset` (frequency features given). */
export function unitFeatures(ctx: UnitContext, unit: readonly number[], freq: { occurrences: number; moleculeShare: number }, out: Float32Array, offset: number): void {
  const { hg, ringAtom, top } = ctx;
  const n = unit.length;
  const inUnit = new Set(unit);
  const el = new Float32Array(ELEMENT_FEATURES.length + 1);
  let degree = 0;
  let hs = 0;
  let charged = 0;
  let ring = 0;
  let contracted = 0;
  const regions = new Set<number>();
  let anchors = 0;
  let inside = 0;
  let doubles = 0;
  let triples = 0;
  for (const a of unit) {
    const atom = hg.atoms[a];
    const k = ELEMENT_FEATURES.indexOf(atom.label.element as (typeof ELEMENT_FEATURES)[number]);
    el[k < 0 ? ELEMENT_FEATURES.length : k] += 1 / n;
    degree += atom.bonds.length;
    hs += atom.label.hs;
    if (atom.label.charge !== 0) charged++;
    if (ringAtom[a]) ring++;
    if (top[a] >= 0) {
      contracted++;
      regions.add(top[a]);
    }
    for (const bi of atom.bonds) {
      const b = hg.bonds[bi];
      const other = b.atoms[0] === a ? b.atoms[1] : b.atoms[0];
      if (!inUnit.has(other)) anchors++;
      else if (a < other) {
        inside++;
        if (b.order === 2) doubles++;
        if (b.order === 3) triples++;
      }
    }
  }
  const v = [
    ...el,
    degree / n / 4,
    hs / n / 3,
    charged / n,
    ring / n,
    n / 10,
    n / hg.atoms.length,
    contracted / n,
    regions.size / 3,
    anchors / 4,
    inside ? doubles / inside : 0,
    inside ? triples / inside : 0,
    1 - Math.exp(-freq.occurrences),
    freq.moleculeShare,
  ];
  for (let i = 0; i < v.length; i++) out[offset + i] = v[i];
}
