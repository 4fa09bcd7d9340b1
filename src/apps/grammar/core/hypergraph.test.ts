import { beforeAll, describe, expect, it } from 'vitest';
import { loadChem, type Chem } from './chem';
import { DATASET_IDS, datasetSmiles } from './datasets';
import { bracketAtom, hypergraphToSmiles, moleculeToHypergraph, writeSmiles } from './hypergraph';

let chem: Chem;
beforeAll(async () => {
  chem = await loadChem();
});

describe('molecular hypergraph (atoms = hyperedges, bonds = nodes)', () => {
  it('every one of the 171 dataset molecules survives molecule → hypergraph → molecule', () => {
    let n = 0;
    const failures: string[] = [];
    for (const id of DATASET_IDS) {
      for (const smiles of datasetSmiles(id)) {
        const hg = moleculeToHypergraph(chem, smiles)!;
        // Each bond node lies in exactly its two atom hyperedges.
        hg.bonds.forEach((b, i) => {
          if (!hg.atoms[b.atoms[0]].bonds.includes(i) || !hg.atoms[b.atoms[1]].bonds.includes(i)) failures.push(`${id}: bond ${i} of ${smiles}`);
        });
        if (hg.atoms.reduce((k, a) => k + a.bonds.length, 0) !== 2 * hg.bonds.length) failures.push(`${id}: degree sum of ${smiles}`);
        const back = chem.canonical(hypergraphToSmiles(hg));
        if (back !== chem.canonical(smiles)) failures.push(`${id}: ${smiles} → ${back}`);
        n++;
      }
    }
    expect(failures).toEqual([]);
    expect(n).toBe(171);
    expect(chem.live()).toBe(0);
  });
  it('keeps charges, total H and radicals in the atom labels', () => {
    for (const s of ['[NH4+].[O-]C(=O)C', '[CH2]CC', 'C[N+](C)(C)C', '[SH]c1ccccc1', 'C#N', 'O=[N+]([O-])c1ccccc1', 'C']) {
      const hg = moleculeToHypergraph(chem, s)!;
      expect(chem.canonical(hypergraphToSmiles(hg)), s).toBe(chem.canonical(s));
    }
    const radical = moleculeToHypergraph(chem, '[CH2]C')!;
    expect(radical.atoms[0].label).toEqual({ element: 'C', charge: 0, hs: 2, radicals: 1 });
    expect(bracketAtom({ element: 'N', charge: 1, hs: 4, radicals: 0 })).toBe('[NH4+]');
    expect(bracketAtom({ element: 'O', charge: -2, hs: 0, radicals: 0 })).toBe('[O-2]');
  });
  it('writes ring closures for fused, bridged and many-ring systems', () => {
    for (const s of ['C12CC3CC(C1)CC(C2)C3', 'c1ccc2c(c1)ccc1ccccc12', 'C1CC2CCC1CC2', 'C1CCCCCCCCCCCCCCCCCCCCCCCC1']) {
      expect(chem.canonical(hypergraphToSmiles(moleculeToHypergraph(chem, s)!)), s).toBe(chem.canonical(s));
    }
    // 12 separate rings need labels reused or above 9 (written %nn).
    const many = Array.from({ length: 12 }, () => 'C1CC1').join('.');
    expect(chem.canonical(hypergraphToSmiles(moleculeToHypergraph(chem, many)!))).toBe(chem.canonical(many));
    expect(writeSmiles(2, [{ atoms: [0, 1], order: 3 }], () => '[C]')).toBe('[C]#[C]');
  });
});
