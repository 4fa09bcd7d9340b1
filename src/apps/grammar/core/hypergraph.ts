/**
 * The molecular hypergraph as DEG builds it (official code gmh14/data_efficient_grammar @ ef34648,
 * `private/hypergraph.py`, `mol_to_hg` / `mol_to_bipartite`, inherited from Kajino's MHG): every
 * ATOM is a hyperedge and every BOND is a node; each bond node lies in exactly the two atom
 * hyperedges it joins. Molecules are kekulized first, so bond labels are orders 1, 2, 3 and nothing
 * is aromatic (DEG: `kekulize=True`, `bond_attr`).
 *
 * Atom labels (deviation, stated in differences.ts): element, formal charge, TOTAL hydrogen count and
 * radical electrons. DEG's `atom_attr` keeps `GetNumExplicitHs()` only (after Kekulize that is the
 * bracket H count), charge and chirality; its own round trip loses a radical in the polymer set.
 * Stereo is not represented: none of the four datasets has any, and pasted input is stripped of it
 * (with a message, see `userInput.ts`).
 *
 * Back to a molecule: MinimalLib has no editing API, so `hypergraphToSmiles` writes SMILES with a
 * bracket atom for every atom (`[CH2]`, `[N+H3]`…: exact H counts, charges; RDKit derives radicals
 * from the valence gap), with ring-closure digits, and RDKit parses it.
 */
import type { Chem, MolJson } from './chem';

export interface AtomLabel {
  /** Element symbol, e.g. "C", "Si". */
  element: string;
  charge: number;
  /** Total hydrogens (implicit + explicit). */
  hs: number;
  radicals: number;
}

/** A molecule as DEG's hypergraph: atoms (hyperedges) with the bonds (nodes) they contain. */
export interface MolHypergraph {
  atoms: { label: AtomLabel; bonds: number[] }[];
  bonds: { atoms: [number, number]; order: 1 | 2 | 3 }[];
  /** Rings of RDKit's symmetrized SSSR, as atom lists in ring order. */
  rings: number[][];
}

// Element symbols by atomic number (index 0 is the dummy atom "*").
const ELEMENTS = (
  '* H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
  'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu ' +
  'Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg ' +
  'Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og'
).split(' ');

export function elementSymbol(z: number): string {
  const s = ELEMENTS[z];
  if (s === undefined) throw new RangeError(`no element with atomic number ${z}`);
  return s;
}

/** Builds the hypergraph from a kekulized molecule's `get_json()`. */
export function hypergraphFromJson(json: MolJson): MolHypergraph {
  const atoms = json.atoms.map((a) => ({ label: { element: elementSymbol(a.z), charge: a.chg, hs: a.impHs, radicals: a.nRad }, bonds: [] as number[] }));
  const bonds = json.bonds.map((b, i) => {
    if (b.bo !== 1 && b.bo !== 2 && b.bo !== 3) throw new Error(`bond ${i} has order ${b.bo}; only single, double and triple bonds (after kekulization) are supported`);
    atoms[b.atoms[0]].bonds.push(i);
    atoms[b.atoms[1]].bonds.push(i);
    return { atoms: [b.atoms[0], b.atoms[1]] as [number, number], order: b.bo as 1 | 2 | 3 };
  });
  return { atoms, bonds, rings: json.atomRings.map((r) => [...r]) };
}

/** SMILES → hypergraph (kekulized, stereo ignored); null when RDKit does not read `smiles`. */
export function moleculeToHypergraph(chem: Chem, smiles: string): MolHypergraph | null {
  const json = chem.kekuleJson(smiles);
  return json ? hypergraphFromJson(json) : null;
}

/** Bracket-atom text of a label: `[CH2]`, `[NH3+]`, `[O-]`, `[Si]`. Radicals follow from valence. */
export function bracketAtom(label: AtomLabel): string {
  const h = label.hs === 0 ? '' : label.hs === 1 ? 'H' : `H${label.hs}`;
  const c = label.charge === 0 ? '' : label.charge === 1 ? '+' : label.charge === -1 ? '-' : label.charge > 0 ? `+${label.charge}` : `${label.charge}`;
  return `[${label.element}${h}${c}]`;
}

const BOND_TEXT = ['', '', '=', '#'];

/**
 * Writes any labelled graph as SMILES: depth-first, ring-closure digits for back edges, "." between
 * components. `atomText(i)` gives each atom's text (here always a bracket atom, so single bonds can
 * stay implicit).
 */
export function writeSmiles(
  numAtoms: number,
  bonds: readonly { atoms: readonly [number, number]; order: number }[],
  atomText: (i: number) => string,
  /** Filled with the atoms in the order they are written (RDKit numbers the parsed atoms so). */
  writtenOrder?: number[],
): string {
  const adj: { to: number; bond: number }[][] = Array.from({ length: numAtoms }, () => []);
  bonds.forEach((b, i) => {
    adj[b.atoms[0]].push({ to: b.atoms[1], bond: i });
    adj[b.atoms[1]].push({ to: b.atoms[0], bond: i });
  });
  const visited = new Uint8Array(numAtoms);
  const treeBond = new Uint8Array(bonds.length);
  // First pass: a DFS spanning forest; the bonds not in it become ring closures.
  const order: number[] = [];
  for (let root = 0; root < numAtoms; root++) {
    if (visited[root]) continue;
    const stack = [root];
    visited[root] = 1;
    while (stack.length) {
      const a = stack.pop()!;
      order.push(a);
      for (let k = adj[a].length - 1; k >= 0; k--) {
        const { to, bond } = adj[a][k];
        if (!visited[to]) {
          visited[to] = 1;
          treeBond[bond] = 1;
          stack.push(to);
        }
      }
    }
  }
  // Tree children of each atom, from the tree bonds.
  const parent = new Int32Array(numAtoms).fill(-1);
  const children: { to: number; bond: number }[][] = Array.from({ length: numAtoms }, () => []);
  const seen = new Uint8Array(numAtoms);
  for (const a of order) {
    seen[a] = 1;
    for (const e of adj[a]) if (treeBond[e.bond] && !seen[e.to] && parent[e.to] === -1) {
      parent[e.to] = a;
      children[a].push(e);
    }
  }
  // Ring-closure labels: opened at the endpoint visited first in the written order.
  const ringLabels = new Map<number, number>();
  const free: number[] = [];
  let nextLabel = 1;
  const label = (n: number) => (n < 10 ? String(n) : `%${n}`);
  const parts: string[] = [];
  const write = (root: number) => {
    const stack: (number | string)[] = [root];
    while (stack.length) {
      const item = stack.pop()!;
      if (typeof item === 'string') {
        parts.push(item);
        continue;
      }
      const a = item;
      writtenOrder?.push(a);
      parts.push(atomText(a));
      // Ring closures at this atom, opening or closing.
      for (const { bond } of adj[a]) {
        if (treeBond[bond]) continue;
        if (ringLabels.has(bond)) {
          const n = ringLabels.get(bond)!;
          parts.push(label(n)); // the bond symbol was written where the ring opened
          ringLabels.delete(bond);
          free.push(n);
          free.sort((x, y) => y - x);
        } else {
          const n = free.length ? free.pop()! : nextLabel++;
          ringLabels.set(bond, n);
          parts.push(BOND_TEXT[bonds[bond].order] + label(n));
        }
      }
      const kids = children[a];
      // Push in reverse so the first child is written first; all but the last go in parentheses.
      for (let k = kids.length - 1; k >= 0; k--) {
        const branch = k < kids.length - 1;
        if (branch) stack.push(')');
        stack.push(kids[k].to);
        stack.push(BOND_TEXT[bonds[kids[k].bond].order]);
        if (branch) stack.push('(');
      }
    }
  };
  const roots = order.filter((a) => parent[a] === -1);
  roots.forEach((r, i) => {
    if (i > 0) parts.push('.');
    write(r);
  });
  return parts.join('');
}

/** The hypergraph written as SMILES with bracket atoms (no RDKit involved). */
export function hypergraphToSmiles(hg: Pick<MolHypergraph, 'atoms' | 'bonds'>): string {
  return writeSmiles(hg.atoms.length, hg.bonds, (i) => bracketAtom(hg.atoms[i].label));
}

/** A stable text key of an atom label, e.g. "C,0,2,0". */
export function atomLabelKey(l: AtomLabel): string {
  return `${l.element},${l.charge},${l.hs},${l.radicals}`;
}
