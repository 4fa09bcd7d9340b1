/**
 * The starting contraction units of a molecule, as atom-index lists.
 *
 * Default (official `fuseprop/chemutils.py`, `find_clusters`): one unit per bond that is not in a
 * ring (its two atoms) and one per ring of the symmetrized SSSR; a one-atom molecule is one unit.
 *
 * Motif mode, used by the official code for the polymer set (`--motif`; `find_fragments`, HierVAE's
 * fragments): cut every non-ring bond between two ring atoms, and every non-ring bond between a ring
 * atom and a chain atom of degree > 1, the chain side keeping a copy of the ring atom; the units are
 * the connected pieces (ring systems with their one-atom substituents, and chains with the ring atoms
 * they hang from). Deviation (stated in differences.ts): a cut ring–ring bond also becomes a unit of
 * its own two atoms; without it the two ring systems share no atom, are never merged, and the
 * molecule never reaches a start rule.
 */
import type { MolHypergraph } from './hypergraph';

/** Bonds that lie in a ring: consecutive atoms of some SSSR ring. */
export function ringBonds(hg: MolHypergraph): Uint8Array {
  const inRing = new Uint8Array(hg.bonds.length);
  const pair = new Map<string, number>();
  hg.bonds.forEach((b, i) => pair.set(b.atoms[0] < b.atoms[1] ? `${b.atoms[0]}-${b.atoms[1]}` : `${b.atoms[1]}-${b.atoms[0]}`, i));
  for (const ring of hg.rings) {
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k];
      const b = ring[(k + 1) % ring.length];
      const i = pair.get(a < b ? `${a}-${b}` : `${b}-${a}`);
      if (i !== undefined) inRing[i] = 1;
    }
  }
  return inRing;
}

export function ringAtoms(hg: MolHypergraph): Uint8Array {
  const r = new Uint8Array(hg.atoms.length);
  for (const ring of hg.rings) for (const a of ring) r[a] = 1;
  return r;
}

const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

/** Non-ring bonds and SSSR rings (official `find_clusters`). */
export function bondAndRingUnits(hg: MolHypergraph): number[][] {
  if (hg.atoms.length === 1) return [[0]];
  const inRing = ringBonds(hg);
  const units: number[][] = [];
  hg.bonds.forEach((b, i) => {
    if (!inRing[i]) units.push(sorted(b.atoms));
  });
  for (const ring of hg.rings) units.push(sorted(ring));
  return units;
}

/** HierVAE-style fragments (official `find_fragments`), plus a unit for each cut ring–ring bond. */
export function motifUnits(hg: MolHypergraph): number[][] {
  if (hg.atoms.length === 1) return [[0]];
  const inRingBond = ringBonds(hg);
  const inRing = ringAtoms(hg);
  const degree = hg.atoms.map((a) => a.bonds.length);
  const kept = new Uint8Array(hg.bonds.length).fill(1);
  const extra: { ringAtom: number; chainAtom: number }[] = [];
  const ringRing: number[][] = [];
  hg.bonds.forEach((b, i) => {
    if (inRingBond[i]) return;
    const [a1, a2] = b.atoms;
    if (inRing[a1] && inRing[a2]) {
      kept[i] = 0;
      ringRing.push(sorted([a1, a2]));
    } else if (inRing[a1] && degree[a2] > 1) {
      kept[i] = 0;
      extra.push({ ringAtom: a1, chainAtom: a2 });
    } else if (inRing[a2] && degree[a1] > 1) {
      kept[i] = 0;
      extra.push({ ringAtom: a2, chainAtom: a1 });
    }
  });
  // Connected pieces over the kept bonds.
  const comp = new Int32Array(hg.atoms.length).fill(-1);
  let n = 0;
  for (let s = 0; s < hg.atoms.length; s++) {
    if (comp[s] >= 0) continue;
    const stack = [s];
    comp[s] = n;
    while (stack.length) {
      const a = stack.pop()!;
      for (const bi of hg.atoms[a].bonds) {
        if (!kept[bi]) continue;
        const b = hg.bonds[bi];
        const o = b.atoms[0] === a ? b.atoms[1] : b.atoms[0];
        if (comp[o] < 0) {
          comp[o] = n;
          stack.push(o);
        }
      }
    }
    n++;
  }
  const pieces: number[][] = Array.from({ length: n }, () => []);
  comp.forEach((c, a) => pieces[c].push(a));
  for (const { ringAtom, chainAtom } of extra) pieces[comp[chainAtom]].push(ringAtom);
  return [...pieces.map((p) => sorted(p)), ...ringRing];
}
