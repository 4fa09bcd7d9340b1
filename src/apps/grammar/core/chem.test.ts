import { beforeAll, describe, expect, it } from 'vitest';
import { loadChem, readMolJson, tanimoto, type Chem } from './chem';

let chem: Chem;
beforeAll(async () => {
  chem = await loadChem();
});

describe('chemistry layer (RDKit MinimalLib)', () => {
  it('rejects null and 0-atom parses and names the problem', () => {
    const start = chem.live();
    expect(chem.mol('')).toBeNull();
    expect(chem.mol('   ')).toBeNull();
    expect(chem.mol('C1CC')).toBeNull();
    expect(chem.isValid('C(C)(C)(C)(C)C')).toBe(false); // pentavalent carbon
    const bad = chem.parse('C1CC');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/could not read/);
    const empty = chem.parse('');
    expect(empty.ok).toBe(false);
    expect(chem.live()).toBe(start);
  });
  it('canonicalises, strips stereo and says so', () => {
    expect(chem.canonical('OCC')).toBe(chem.canonical('CCO'));
    const p = chem.parse('C[C@H](O)/C=C/C');
    expect(p.ok && p.hadStereo).toBe(true);
    if (p.ok) expect(p.canonical).not.toMatch(/[@/\\]/);
    const q = chem.parse('CCO');
    expect(q.ok && q.hadStereo).toBe(false);
  });
  it('Morgan fingerprints honour nBits (fpSize would be ignored)', () => {
    expect(chem.morgan('CCO', 2, 1024)!.length).toBe(128);
    expect(chem.morgan('CCO', 3, 2048)!.length).toBe(256);
    const a = chem.morgan('c1ccccc1O', 2, 1024)!;
    expect(tanimoto(a, a)).toBe(1);
    expect(tanimoto(a, chem.morgan('CCCCCC', 2, 1024)!)).toBeLessThan(0.2);
  });
  it('counts SMARTS matches ("{}" means none) and rejects a bad pattern', () => {
    expect(chem.countMatches(['O=C=NCCCCCCN=C=O', 'CCO', 'not a smiles'], '[#6]N=C=O')).toEqual([2, 0, -1]);
    expect(() => chem.countMatches(['CCO'], '[#6')).toThrow(/SMARTS/);
  });
  it('draws SVG, with highlights', () => {
    expect(chem.svg('CCO')).toMatch(/^<\?xml|<svg/);
    expect(chem.svg('CCO', { highlightAtoms: [0, 1], width: 120, height: 100 })).toMatch(/<svg/);
    expect(chem.svg('C1CC')).toBeNull();
  });
  it('reads get_json with defaults filled in, kekulized, with rings', () => {
    const j = chem.kekuleJson('c1ccccc1C(=O)[O-]')!;
    expect(j.atoms).toHaveLength(9);
    expect(j.bonds.filter((b) => b.bo === 2)).toHaveLength(4);
    expect(j.atomRings).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(j.atoms[8].chg).toBe(-1);
    const r = readMolJson(chem.withMol('[CH2]C', (m) => m.get_json())!);
    expect(r.atoms[0]).toMatchObject({ z: 6, impHs: 2, nRad: 1 });
  });
  it('deletes every molecule it made', () => {
    expect(chem.live()).toBe(0);
  });
});
