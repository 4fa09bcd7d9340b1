import { beforeAll, describe, expect, it } from 'vitest';
import { loadChem, type Chem } from './chem';
import { MONOMER_SETS, datasetSmiles } from './datasets';
import { chamferDistance, diversityAllPairs, diversityDistinctPairs, fingerprints, fragmentCoverage, membership, novelty } from './metrics';

let chem: Chem;
beforeAll(async () => {
  chem = await loadChem();
});

describe('metrics', () => {
  it("the table Div formula reproduces the paper's training-data row 0.61 / 0.67 / 0.80", () => {
    const div = MONOMER_SETS.map((id) => diversityAllPairs(fingerprints(chem, datasetSmiles(id)).r2x1024));
    expect(div.map((d) => d.toFixed(3))).toEqual(['0.610', '0.665', '0.804']);
    // The official reward formula (r3, 2048 bits, distinct pairs) gives other numbers on the same data.
    const reward = MONOMER_SETS.map((id) => diversityDistinctPairs(fingerprints(chem, datasetSmiles(id)).r3x2048));
    expect(reward.map((d) => d.toFixed(3))).toEqual(['0.727', '0.750', '0.906']);
  });
  it('Chamfer is 0 for the same set, symmetric, and grows with distance', () => {
    const a = fingerprints(chem, ['CCO', 'c1ccccc1', 'CC(=O)O']).topological;
    const b = fingerprints(chem, ['CCCCCCCCO', 'C1CCNCC1']).topological;
    expect(chamferDistance(a, a)).toBe(0);
    expect(chamferDistance(a, b)).toBeCloseTo(chamferDistance(b, a), 12);
    expect(chamferDistance(a, b)).toBeGreaterThan(0.3);
  });
  it('class patterns accept every training molecule and reject others', () => {
    for (const id of MONOMER_SETS) expect(membership(chem, id, datasetSmiles(id)), id).toBe(1);
    expect(membership(chem, 'isocyanates', ['CCO', 'O=C=NC'])).toBe(0.5);
    expect(membership(chem, 'acrylates', ['C=CC(=O)O', 'C=CC(=O)OC'])).toBe(0.5); // the acid is not an ester
    expect(membership(chem, 'chain_extenders', ['OCCO', 'OCC', 'NCCN', 'CC(=O)NCCO'])).toBe(0.5);
    expect(membership(chem, 'polymers', ['CCO'])).toBeNull();
    expect(chem.live()).toBe(0);
  });
  it('novelty and the fragment-coverage proxy', () => {
    expect(novelty(['CCO', 'CCO', 'CCN'], new Set(['CCO']))).toBe(0.5);
    const train = fingerprints(chem, datasetSmiles('acrylates')).r1x2048;
    expect(fragmentCoverage(train, train)).toBe(1);
    expect(fragmentCoverage(fingerprints(chem, ['FC(F)(F)S(=O)(=O)[O-].[Na+]']).r1x2048, train)).toBeLessThan(0.5);
  });
});
