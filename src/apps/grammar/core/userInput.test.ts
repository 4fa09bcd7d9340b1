import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChem, type Chem } from './chem';
import { readSmilesList } from './userInput';

let chem: Chem;
beforeAll(async () => {
  chem = await loadChem();
});

describe('pasted SMILES lists', () => {
  it('lists bad lines with their numbers and keeps the good ones', () => {
    const r = readSmilesList(chem, 'CCO ethanol\n\nC1CC\nnot smiles\nCC.O\nC[C@H](N)C(=O)O\nOCC\n[13CH4]');
    expect(r.smiles).toEqual(['CCO', 'CC(N)C(=O)O', 'C']);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(r.errors[2].message).toMatch(/fragments/);
    expect(r.notes.map((n) => n.line)).toEqual([6, 7, 8]);
    expect(r.notes[0].message).toMatch(/stereo removed/);
    expect(r.notes[1].message).toMatch(/earlier line/);
    expect(r.notes[2].message).toMatch(/isotope/);
    expect(chem.live()).toBe(0);
  });
  it('stops after 200 molecules and says so', () => {
    const r = readSmilesList(chem, Array.from({ length: 205 }, (_, i) => 'C'.repeat(1 + (i % 20)) + 'O'.repeat(1 + Math.floor(i / 20))).join('\n'));
    expect(r.smiles).toHaveLength(200);
    expect(r.errors).toEqual([expect.objectContaining({ line: 201, message: expect.stringMatching(/more than 200/) })]);
  });
  it('never throws on arbitrary text, and every kept line is valid', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }), (lines) => {
        const r = readSmilesList(chem, lines.join('\n'));
        for (const s of r.smiles) expect(chem.isValid(s)).toBe(true);
        expect(r.errors.every((e) => e.line >= 1 && e.message.length > 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(chem.live()).toBe(0);
  });
});
