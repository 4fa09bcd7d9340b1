/**
 * Bottom-up grammar construction (paper Sec. 3–4; official `grammar_generation.py`,
 * `grammar_generation` / `MCMC_sampling`, and `private/molecule_graph.py`, `InputGraph`).
 *
 * Each iteration, for every training molecule that still has units:
 * 1. features of each current unit (`features.ts`) with the two frequency features, counted over all
 *    molecules' units at the start of the iteration (official `SubGraphSet.map_to_input`);
 * 2. select/skip each unit with φ = σ(−F_θ) (`potential.ts`); a draw that selects nothing is drawn
 *    again, and only the accepted draw is recorded (official `agent.sample`); a molecule with one
 *    unit left contracts it without a decision (and without a record);
 * 3. merge the selected units that share atoms into their connected components, as a true union
 *    (union-find; the official `merge_selected_subgraphs` labels pairs in one pass, which can split a
 *    chain a–b–c of overlaps when a and c are both seen before b);
 * 4. for each merged component p*: contract it and every other unit of the molecule with the same key
 *    (official `is_candidate_subgraph`: same SMILES), each producing a rule (`grammar.ts`);
 * 5. contraction marks the unit's atoms; every other unit that overlaps it becomes the union
 *    (official `update_subgraph`), so later rules see the region as one NT ("water level").
 *
 * A rule's RHS: the unit's atoms not contracted before (terminal hyperedges over all their bonds),
 * one NT per earlier region inside the unit (over that region's anchor bonds), and the anchors: the
 * bonds with exactly one atom in the unit. No anchors: a start rule.
 *
 * `GrammarBuilder.step()` runs one iteration (for a step-through view and for yielding in a worker);
 * `buildGrammar()` runs to the end. Every molecule ends with a region tree whose derivation
 * (`derivationOf`) replays it exactly.
 */
import type { Rng } from '../../../shared/random';
import type { Chem } from './chem';
import { FEATURE_DIM, unitFeatures } from './features';
import { Grammar, type DerivationStep, type RhsOccurrence } from './grammar';
import { moleculeToHypergraph, writeSmiles, type MolHypergraph } from './hypergraph';
import { potentials, selectProbability, type DecisionRecord, type PotentialParams } from './potential';
import { bondAndRingUnits, motifUnits, ringAtoms } from './units';

export interface PreparedMolecule {
  /** The input as given, and RDKit's canonical SMILES of it. */
  smiles: string;
  canonical: string;
  hg: MolHypergraph;
  ringAtom: Uint8Array;
  units: number[][];
}

/** A training set read into hypergraphs, with a cache of unit keys shared by every grammar built on it. */
export interface PreparedSet {
  molecules: PreparedMolecule[];
  motif: boolean;
  /** Per molecule: sorted atom list joined by "," → unit key. */
  keyCache: Map<string, string>[];
}

/**
 * Reads a list of SMILES (already checked: see `userInput.ts`) into hypergraphs and starting units.
 * Throws, naming the molecule, when one cannot be used.
 */
export function prepareSet(chem: Chem, smiles: readonly string[], opts: { motif?: boolean } = {}): PreparedSet {
  const motif = opts.motif ?? false;
  const molecules = smiles.map((s, i) => {
    const canonical = chem.canonical(s);
    const hg = canonical === null ? null : moleculeToHypergraph(chem, s);
    if (!hg || canonical === null) throw new Error(`molecule ${i + 1} (${s}) is not a molecule RDKit can read`);
    if (canonical.includes('.')) throw new Error(`molecule ${i + 1} (${s}) has more than one fragment`);
    return { smiles: s, canonical, hg, ringAtom: ringAtoms(hg), units: motif ? motifUnits(hg) : bondAndRingUnits(hg) };
  });
  return { molecules, motif, keyCache: molecules.map(() => new Map()) };
}

/**
 * The key of a unit: RDKit canonical SMILES of its atoms (element, charge, H count as labels) with a
 * dummy atom on every bond that leaves it. The official key is the fragment's SMILES with the boundary
 * atoms marked by atom-map number 1 (`fuseprop.extract_subgraph`, `MolKey`); the dummies also record
 * how many bonds leave and of which order.
 */
export function unitKey(chem: Chem, set: PreparedSet, mol: number, unit: readonly number[]): string {
  const cacheKey = unit.join(',');
  const cache = set.keyCache[mol];
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;
  const hg = set.molecules[mol].hg;
  const local = new Map<number, number>();
  unit.forEach((a, i) => local.set(a, i));
  const labels: string[] = unit.map((a) => {
    const l = hg.atoms[a].label;
    const c = l.charge === 0 ? '' : l.charge > 0 ? `+${l.charge}` : `${l.charge}`;
    return `[${l.hs + 1}${l.element}${c}]`;
  });
  const bonds: { atoms: [number, number]; order: number }[] = [];
  for (const a of unit) {
    for (const bi of hg.atoms[a].bonds) {
      const b = hg.bonds[bi];
      const other = b.atoms[0] === a ? b.atoms[1] : b.atoms[0];
      const j = local.get(other);
      if (j === undefined) {
        labels.push('[*]');
        bonds.push({ atoms: [local.get(a)!, labels.length - 1], order: b.order });
      } else if (a < other) bonds.push({ atoms: [local.get(a)!, j], order: b.order });
    }
  }
  const smiles = writeSmiles(labels.length, bonds, (i) => labels[i]);
  const key = chem.withMol(smiles, (m) => m.get_smiles(), { sanitize: false });
  if (key === null) throw new Error(`RDKit could not read the unit encoding ${smiles}`);
  cache.set(cacheKey, key);
  return key;
}

/** A contracted region: the node of a molecule's derivation tree. */
export interface Region {
  atoms: number[];
  /** Bond ids with exactly one atom in the region. */
  anchors: number[];
  ruleId: number;
  /** Bond id → node index in the stored rule. */
  nodeOfBond: Map<number, number>;
  /** Earlier regions inside, with the rule's NT index each fills. */
  children: { region: number; nt: number }[];
  iteration: number;
}

/** What one iteration did in one molecule (for the step-through view). */
export interface MoleculeStep {
  molecule: number;
  units: number[][];
  /** φ per unit; null when the molecule had one unit left (contracted without a decision). */
  probabilities: number[] | null;
  selected: boolean[];
  /** Draws made until one selected something. */
  draws: number;
  /** Merged components (atom lists) and the contractions they led to. */
  merged: number[][];
  contractions: { atoms: number[]; ruleId: number; newRule: boolean }[];
}

export interface BuildOptions {
  /** Keep every iteration's MoleculeSteps (`GrammarBuilder.trace`). */
  trace?: boolean;
  /** Redraws allowed when a draw selects nothing, before the most likely unit is taken. */
  maxRedraws?: number;
}

interface MolState {
  units: number[][];
  top: Int32Array;
  regions: Region[];
  root: number;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const overlaps = (a: readonly number[], b: ReadonlySet<number>) => a.some((x) => b.has(x));

/** Builds one grammar, one iteration per `step()`. */
export class GrammarBuilder {
  readonly grammar = new Grammar();
  readonly states: MolState[];
  readonly trace: MoleculeStep[][] = [];
  iteration = 0;
  private readonly rows: number[] = [];
  private readonly actions: number[] = [];
  private readonly iterations: number[] = [];

  constructor(
    private readonly chem: Chem,
    readonly set: PreparedSet,
    private readonly params: PotentialParams,
    private readonly rng: Rng,
    private readonly opts: BuildOptions = {},
  ) {
    if (params.dim !== FEATURE_DIM) throw new Error(`the potential takes ${params.dim} features, units have ${FEATURE_DIM}`);
    this.states = set.molecules.map((m) => ({ units: m.units.map((u) => [...u]), top: new Int32Array(m.hg.atoms.length).fill(-1), regions: [], root: -1 }));
  }

  get done(): boolean {
    return this.states.every((s) => s.units.length === 0);
  }

  /** One construction iteration over all molecules. Returns false when there was nothing left. */
  step(): boolean {
    if (this.done) return false;
    const t = this.iteration;
    // Frequency features from every molecule's units at the start of the iteration.
    const keys = this.states.map((s, m) => s.units.map((u) => unitKey(this.chem, this.set, m, u)));
    const occurrences = new Map<string, number>();
    const molecules = new Map<string, number>();
    keys.forEach((ks) => {
      for (const k of ks) occurrences.set(k, (occurrences.get(k) ?? 0) + 1);
      for (const k of new Set(ks)) molecules.set(k, (molecules.get(k) ?? 0) + 1);
    });
    const nMol = this.states.length;
    const steps: MoleculeStep[] = [];
    this.states.forEach((state, m) => {
      const units = state.units;
      if (units.length === 0) return;
      let selected: boolean[];
      let probabilities: number[] | null = null;
      let draws = 0;
      if (units.length === 1) selected = [true];
      else {
        const rows = new Float32Array(units.length * FEATURE_DIM);
        const ctx = { hg: this.set.molecules[m].hg, ringAtom: this.set.molecules[m].ringAtom, top: state.top };
        units.forEach((u, i) => unitFeatures(ctx, u, { occurrences: occurrences.get(keys[m][i])!, moleculeShare: molecules.get(keys[m][i])! / nMol }, rows, i * FEATURE_DIM));
        const f = potentials(this.params, rows, units.length);
        probabilities = Array.from(f, selectProbability);
        const maxRedraws = this.opts.maxRedraws ?? 10_000;
        do {
          selected = probabilities.map((p) => this.rng.next() < p);
          draws++;
        } while (!selected.some(Boolean) && draws <= maxRedraws);
        if (!selected.some(Boolean)) selected[probabilities.indexOf(Math.max(...probabilities))] = true;
        for (let i = 0; i < units.length; i++) {
          for (let j = 0; j < FEATURE_DIM; j++) this.rows.push(rows[i * FEATURE_DIM + j]);
          this.actions.push(selected[i] ? 1 : 0);
          this.iterations.push(t);
        }
      }
      const merged = mergeSelected(units, selected);
      // Merged components replace the selected units (official merge_selected_subgraphs).
      state.units = [...merged, ...units.filter((_, i) => !selected[i])];
      dedupeUnits(state);
      const record: MoleculeStep = { molecule: m, units: units.map((u) => [...u]), probabilities, selected, draws, merged, contractions: [] };
      for (const pStar of merged) {
        if (!state.units.some((u) => sameList(u, pStar))) continue; // contracted already as a same-key copy
        const key = unitKey(this.chem, this.set, m, pStar);
        const copies = state.units.filter((u) => unitKey(this.chem, this.set, m, u) === key);
        for (const copy of copies) {
          if (!state.units.some((u) => sameList(u, copy))) continue; // merged into another contraction meanwhile
          const c = this.contract(m, copy);
          record.contractions.push({ atoms: copy, ruleId: c.ruleId, newRule: c.isNew });
        }
      }
      steps.push(record);
    });
    if (this.opts.trace) this.trace.push(steps);
    this.iteration++;
    return true;
  }

  /** Contracts `unit` in molecule `m`: extracts its rule and updates the units. */
  private contract(m: number, unit: number[]): { ruleId: number; isNew: boolean } {
    const state = this.states[m];
    const hg = this.set.molecules[m].hg;
    const inUnit = new Set(unit);
    const children = [...new Set(unit.map((a) => state.top[a]).filter((r) => r >= 0))];
    const newAtoms = unit.filter((a) => state.top[a] < 0);
    if (newAtoms.length === 0 && children.length === 1) throw new Error(`unit ${unit.join(',')} of molecule ${m + 1} is one region already`);
    // Bond nodes of the RHS: all bonds of the new atoms, and the anchors of the regions inside.
    const nodeIndex = new Map<number, number>();
    const nodes: RhsOccurrence['nodes'] = [];
    const bondIds: number[] = [];
    const node = (bi: number) => {
      let k = nodeIndex.get(bi);
      if (k === undefined) {
        k = nodes.length;
        nodeIndex.set(bi, k);
        const b = hg.bonds[bi];
        nodes.push({ order: b.order, ext: !(inUnit.has(b.atoms[0]) && inUnit.has(b.atoms[1])) });
        bondIds.push(bi);
      }
      return k;
    };
    const atoms = newAtoms.map((a) => ({ label: hg.atoms[a].label, nodes: hg.atoms[a].bonds.map(node) }));
    const nts = children.map((r) => ({ nodes: state.regions[r].anchors.map(node) }));
    const match = this.grammar.add(this.chem, { nodes, atoms, nts });
    const region: Region = {
      atoms: [...unit],
      anchors: bondIds.filter((_, k) => nodes[k].ext),
      ruleId: match.ruleId,
      nodeOfBond: new Map(bondIds.map((bi, k) => [bi, match.nodeRank[k]])),
      children: children.map((r, j) => ({ region: r, nt: match.ntRank[j] })),
      iteration: this.iteration,
    };
    const id = state.regions.length;
    state.regions.push(region);
    for (const a of unit) state.top[a] = id;
    if (region.anchors.length === 0) state.root = id;
    // The contracted unit leaves; every unit overlapping it becomes the union (official update_subgraph).
    state.units = state.units.filter((u) => !sameList(u, unit)).map((u) => (overlaps(u, inUnit) ? [...new Set([...u, ...unit])].sort((x, y) => x - y) : u));
    dedupeUnits(state);
    return { ruleId: match.ruleId, isNew: match.isNew };
  }

  /** Runs to the end. */
  run(): this {
    while (this.step());
    return this;
  }

  /** The decisions taken so far, for REINFORCE. */
  decisions(): DecisionRecord {
    return { rows: Float32Array.from(this.rows), actions: Uint8Array.from(this.actions), iteration: Int32Array.from(this.iterations) };
  }

  /** The derivation that rebuilds training molecule `m` (after `run()`). */
  derivationOf(m: number): DerivationStep[] {
    const state = this.states[m];
    if (state.root < 0) throw new Error(`molecule ${m + 1} has not been contracted to a start rule`);
    const rules = this.grammar.rules;
    const steps: DerivationStep[] = [{ rule: state.regions[state.root].ruleId, nt: -1, perm: [] }];
    const sortedChildren = (r: number) => [...state.regions[r].children].sort((a, b) => a.nt - b.nt);
    const pending: { region: number; parent: number; nt: number }[] = sortedChildren(state.root).map((c) => ({ region: c.region, parent: state.root, nt: c.nt }));
    while (pending.length) {
      const { region, parent, nt } = pending.shift()!;
      const child = state.regions[region];
      const parentRegion = state.regions[parent];
      const childRule = rules[child.ruleId];
      const ntNodes = rules[parentRegion.ruleId].nts[nt].nodes;
      const bondOfChildNode = new Map<number, number>();
      for (const [bond, n] of child.nodeOfBond) bondOfChildNode.set(n, bond);
      const perm = childRule.anchorNodes.map((n) => ntNodes.indexOf(parentRegion.nodeOfBond.get(bondOfChildNode.get(n)!)!));
      steps.push({ rule: child.ruleId, nt: 0, perm });
      pending.push(...sortedChildren(region).map((c) => ({ region: c.region, parent: region, nt: c.nt })));
    }
    return steps;
  }
}

/** Connected components of the selected units under atom overlap (union-find). */
export function mergeSelected(units: readonly number[][], selected: readonly boolean[]): number[][] {
  const idx = units.map((_, i) => i).filter((i) => selected[i]);
  const parent = idx.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  const owner = new Map<number, number>();
  idx.forEach((i, k) => {
    for (const a of units[i]) {
      const o = owner.get(a);
      if (o === undefined) owner.set(a, k);
      else parent[find(k)] = find(o);
    }
  });
  const groups = new Map<number, Set<number>>();
  idx.forEach((i, k) => {
    const r = find(k);
    const g = groups.get(r) ?? new Set<number>();
    for (const a of units[i]) g.add(a);
    groups.set(r, g);
  });
  return [...groups.values()].map((g) => [...g].sort((a, b) => a - b));
}

function dedupeUnits(state: MolState): void {
  const seen = new Set<string>();
  state.units = state.units.filter((u) => {
    const k = u.join(',');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Builds a whole grammar with the given weights. */
export function buildGrammar(chem: Chem, set: PreparedSet, params: PotentialParams, rng: Rng, opts: BuildOptions = {}): GrammarBuilder {
  return new GrammarBuilder(chem, set, params, rng, opts).run();
}
