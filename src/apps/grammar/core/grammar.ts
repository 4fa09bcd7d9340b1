/**
 * Production rules of a DEG grammar, their de-duplication, and applying them.
 *
 * A rule (paper Eq. 1; official `private/grammar.py`, `generate_rule` and `ProductionRule`) rewrites a
 * non-terminal (NT) hyperedge over k anchor bond nodes into a right-hand side (RHS): terminal atom
 * hyperedges, bond nodes, and NT hyperedges for the regions contracted earlier. The anchors are the
 * RHS's external nodes, numbered 0..k−1 ("ext_id"). A rule without anchors is a START rule (the
 * official LHS is then empty); a rule whose RHS has no NT is an ENDING rule.
 *
 * LHS symbol: the official `NTSymbol` is (degree, aromatic flag, bond symbols sorted by bond type);
 * kekulized, that is the sorted list of anchor bond orders, our `lhs` key ("1.1.2"; "" for start).
 *
 * De-duplication: the official code compares RHS hypergraphs with networkx's GraphMatcher, ignoring
 * anchor order (`ProductionRuleCorpus.append`, `is_same(ignore_order=True)`). Here the RHS is written
 * as a bipartite graph (hyperedges and bond nodes as atoms, isotopes as labels) in SMILES, and RDKit's
 * canonical SMILES of it is the key. Identical keys mean isomorphic RHSs, and the output order
 * (`_smilesAtomOutputOrder`) maps every occurrence's nodes onto the stored rule's, so the stored rule's
 * anchor numbering is the canonical one and a duplicate keeps a consistent anchor order.
 */
import type { Chem } from './chem';
import { atomLabelKey, bracketAtom, writeSmiles, type AtomLabel } from './hypergraph';
import type { Rng } from '../../../shared/random';

export type BondOrder = 1 | 2 | 3;

/** A right-hand side as extracted from one molecule, before de-duplication. */
export interface RhsOccurrence {
  /** Bond nodes: order, and whether the node is an anchor (external node). */
  nodes: { order: BondOrder; ext: boolean }[];
  /** Terminal atom hyperedges over node indices. */
  atoms: { label: AtomLabel; nodes: number[] }[];
  /** NT hyperedges (regions contracted earlier) over node indices. */
  nts: { nodes: number[] }[];
}

export interface Rule {
  id: number;
  /** RDKit canonical SMILES of the RHS's bipartite encoding: the de-duplication key. */
  key: string;
  /** Sorted anchor bond orders joined by "." ("" for a start rule): the LHS NT symbol. */
  lhs: string;
  start: boolean;
  ending: boolean;
  /** Nodes in canonical order; `ext` is the anchor's id (0..k−1) or −1 for an internal node. */
  nodes: { order: BondOrder; ext: number }[];
  atoms: { label: AtomLabel; nodes: number[] }[];
  /** Child NTs, canonical order; each lists its nodes in canonical order, with its LHS symbol. */
  nts: { nodes: number[]; lhs: string }[];
  /** Node index of anchor e. */
  anchorNodes: number[];
  /** How many contractions produced this rule while the grammar was built. */
  count: number;
}

/** The LHS symbol of an NT over nodes with these orders. */
export function lhsKey(orders: readonly number[]): string {
  return [...orders].sort((a, b) => a - b).join('.');
}

/** Isotope labels of the bipartite encoding (dummy atoms "*"): bond node o, anchor 10+o, NT 99. */
const NT_ISOTOPE = 99;

/**
 * Canonicalises an RHS with RDKit: its key, and for each node, atom and NT of the occurrence its rank
 * in the canonical output (ranks are per kind, 0-based).
 */
export function canonicalRhs(chem: Chem, rhs: RhsOccurrence): { key: string; nodeRank: number[]; atomRank: number[]; ntRank: number[] } {
  const A = rhs.atoms.length;
  const N = rhs.nodes.length;
  const T = rhs.nts.length;
  const bonds: { atoms: [number, number]; order: number }[] = [];
  rhs.atoms.forEach((a, i) => a.nodes.forEach((n) => bonds.push({ atoms: [i, A + n], order: 1 })));
  rhs.nts.forEach((t, i) => t.nodes.forEach((n) => bonds.push({ atoms: [A + N + i, A + n], order: 1 })));
  const text = (v: number): string => {
    if (v < A) {
      const l = rhs.atoms[v].label;
      const c = l.charge === 0 ? '' : l.charge > 0 ? `+${l.charge}` : `${l.charge}`;
      return `[${l.hs + 1}${l.element}${c}]`;
    }
    if (v < A + N) {
      const n = rhs.nodes[v - A];
      return `[${n.ext ? 10 + n.order : n.order}*]`;
    }
    return `[${NT_ISOTOPE}*]`;
  };
  const written: number[] = [];
  const smiles = writeSmiles(A + N + T, bonds, text, written);
  const m = chem.mol(smiles, { sanitize: false });
  if (!m) throw new Error(`RDKit could not read the rule encoding ${smiles}`);
  try {
    const key = m.get_smiles();
    const outputOrder = parseIntList(m.get_prop('_smilesAtomOutputOrder'));
    // parsed index p is vertex written[p]; its output position is where p appears in outputOrder.
    const vertexAt = outputOrder.map((p) => written[p]);
    const nodeRank = new Array<number>(N);
    const atomRank = new Array<number>(A);
    const ntRank = new Array<number>(T);
    let na = 0;
    let nn = 0;
    let nt = 0;
    for (const v of vertexAt) {
      if (v < A) atomRank[v] = na++;
      else if (v < A + N) nodeRank[v - A] = nn++;
      else ntRank[v - A - N] = nt++;
    }
    return { key, nodeRank, atomRank, ntRank };
  } finally {
    chem.release(m);
  }
}

function parseIntList(text: string): number[] {
  return text
    .replace(/[[\]]/g, '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number);
}

/** Where an occurrence's nodes, atoms and NTs sit in the stored rule. */
export interface RuleMatch {
  ruleId: number;
  nodeRank: number[];
  ntRank: number[];
  isNew: boolean;
}

/** A set of unique rules, indexed by LHS symbol so generation needs no copying or matching. */
export class Grammar {
  readonly rules: Rule[] = [];
  private readonly byKey = new Map<string, number>();
  /** LHS symbol → ids of the non-start rules with that LHS. */
  readonly byLhs = new Map<string, number[]>();
  readonly startRules: number[] = [];

  /** Adds an occurrence: a new rule, or the existing one with the same canonical RHS. */
  add(chem: Chem, rhs: RhsOccurrence): RuleMatch {
    const { key, nodeRank, atomRank, ntRank } = canonicalRhs(chem, rhs);
    const known = this.byKey.get(key);
    if (known !== undefined) {
      this.rules[known].count++;
      return { ruleId: known, nodeRank, ntRank, isNew: false };
    }
    const id = this.rules.length;
    const nodes: Rule['nodes'] = new Array(rhs.nodes.length);
    rhs.nodes.forEach((n, i) => (nodes[nodeRank[i]] = { order: n.order, ext: n.ext ? 0 : -1 }));
    // Anchor ids in canonical node order.
    const anchorNodes: number[] = [];
    nodes.forEach((n, i) => {
      if (n.ext >= 0) {
        n.ext = anchorNodes.length;
        anchorNodes.push(i);
      }
    });
    const atoms: Rule['atoms'] = new Array(rhs.atoms.length);
    rhs.atoms.forEach((a, i) => (atoms[atomRank[i]] = { label: a.label, nodes: a.nodes.map((n) => nodeRank[n]).sort((x, y) => x - y) }));
    const nts: Rule['nts'] = new Array(rhs.nts.length);
    rhs.nts.forEach((t, i) => {
      const ns = t.nodes.map((n) => nodeRank[n]).sort((x, y) => x - y);
      nts[ntRank[i]] = { nodes: ns, lhs: lhsKey(ns.map((n) => nodes[n].order)) };
    });
    const rule: Rule = {
      id,
      key,
      lhs: lhsKey(anchorNodes.map((n) => nodes[n].order)),
      start: anchorNodes.length === 0,
      ending: nts.length === 0,
      nodes,
      atoms,
      nts,
      anchorNodes,
      count: 1,
    };
    this.rules.push(rule);
    this.byKey.set(key, id);
    if (rule.start) this.startRules.push(id);
    else {
      const list = this.byLhs.get(rule.lhs) ?? [];
      list.push(id);
      this.byLhs.set(rule.lhs, list);
    }
    return { ruleId: id, nodeRank, ntRank, isNew: true };
  }

  get size(): number {
    return this.rules.length;
  }

  /** Plain data for a worker message or a file. */
  toJSON(): { rules: Rule[] } {
    return { rules: this.rules };
  }

  static fromJSON(data: { rules: Rule[] }): Grammar {
    const g = new Grammar();
    for (const r of data.rules) {
      const rule = { ...r, id: g.rules.length };
      g.rules.push(rule);
      g.byKey.set(rule.key, rule.id);
      if (rule.start) g.startRules.push(rule.id);
      else g.byLhs.set(rule.lhs, [...(g.byLhs.get(rule.lhs) ?? []), rule.id]);
    }
    return g;
  }
}

// ---------------------------------------------------------------------------------------------
// Applying rules

/** One step of a derivation: which rule rewrote which pending NT, with which anchor permutation. */
export interface DerivationStep {
  rule: number;
  /** Index in the list of pending NTs (−1 for the start rule). */
  nt: number;
  /** perm[e] = position in the NT's node list that anchor e of the rule is glued to. */
  perm: number[];
}

/** A hypergraph being derived: bond nodes, terminal atoms, and the NTs still to rewrite. */
export interface DerivationState {
  nodeOrders: BondOrder[];
  atoms: { label: AtomLabel; nodes: number[] }[];
  /** Pending NTs, in the order rules added them (a rewritten NT is removed, its children appended). */
  pending: { nodes: number[]; lhs: string }[];
}

export function emptyState(): DerivationState {
  return { nodeOrders: [], atoms: [], pending: [] };
}

/**
 * Applies `rule` in place: to nothing (a start rule, `nt` = −1) or to pending NT `nt`, anchor e glued
 * to the NT's node `perm[e]`. Throws when the rule does not fit (wrong LHS, a permutation that joins
 * different bond orders).
 */
export function applyRule(state: DerivationState, rule: Rule, nt: number, perm: readonly number[]): void {
  const map = new Array<number>(rule.nodes.length);
  if (rule.start) {
    if (nt !== -1) throw new Error(`start rule ${rule.id} applied to an NT`);
  } else {
    const target = state.pending[nt];
    if (!target) throw new Error(`no pending NT ${nt}`);
    if (target.lhs !== rule.lhs) throw new Error(`rule ${rule.id} (LHS ${rule.lhs}) does not rewrite an NT with symbol ${target.lhs}`);
    if (perm.length !== rule.anchorNodes.length) throw new Error(`rule ${rule.id} needs a permutation of ${rule.anchorNodes.length}`);
    const used = new Uint8Array(perm.length);
    rule.anchorNodes.forEach((n, e) => {
      const p = perm[e];
      const node = target.nodes[p];
      if (node === undefined || used[p]) throw new Error(`bad anchor permutation ${perm.join(',')}`);
      used[p] = 1;
      if (state.nodeOrders[node] !== rule.nodes[n].order) throw new Error(`anchor ${e} of rule ${rule.id} has order ${rule.nodes[n].order}, the NT's node has ${state.nodeOrders[node]}`);
      map[n] = node;
    });
    state.pending.splice(nt, 1);
  }
  rule.nodes.forEach((n, i) => {
    if (n.ext < 0) {
      map[i] = state.nodeOrders.length;
      state.nodeOrders.push(n.order);
    }
  });
  for (const a of rule.atoms) state.atoms.push({ label: a.label, nodes: a.nodes.map((n) => map[n]) });
  for (const t of rule.nts) state.pending.push({ nodes: t.nodes.map((n) => map[n]), lhs: t.lhs });
}

/** The finished hypergraph as bracket-atom SMILES (every node must join exactly two atoms). */
export function stateToSmiles(state: DerivationState): string {
  if (state.pending.length) throw new Error(`${state.pending.length} NTs are not rewritten yet`);
  const ends: number[][] = state.nodeOrders.map(() => []);
  state.atoms.forEach((a, i) => a.nodes.forEach((n) => ends[n].push(i)));
  const bonds = ends.map((e, n) => {
    if (e.length !== 2) throw new Error(`bond node ${n} joins ${e.length} atoms`);
    return { atoms: [e[0], e[1]] as [number, number], order: state.nodeOrders[n] };
  });
  return writeSmiles(state.atoms.length, bonds, (i) => bracketAtom(state.atoms[i].label));
}

/** Replays a recorded derivation, without search. */
export function replay(grammar: Grammar, steps: readonly DerivationStep[]): DerivationState {
  const state = emptyState();
  for (const s of steps) applyRule(state, grammar.rules[s.rule], s.nt, s.perm);
  return state;
}

/** A uniformly random permutation gluing the rule's anchors to the NT's nodes of the same bond order. */
export function randomPerm(rule: Rule, ntNodes: readonly number[], nodeOrders: readonly BondOrder[], rng: Rng): number[] {
  const byOrder = new Map<number, number[]>();
  ntNodes.forEach((node, p) => {
    const o = nodeOrders[node];
    byOrder.set(o, [...(byOrder.get(o) ?? []), p]);
  });
  for (const list of byOrder.values()) rng.shuffle(list);
  return rule.anchorNodes.map((n) => byOrder.get(rule.nodes[n].order)!.pop()!);
}

export interface GenerateOptions {
  /** At most this many rule applications after the start rule (official `random_produce`: iter > 30 stops). */
  maxSteps?: number;
  /** α of p(r) ∝ exp(α·t·[r is ending]) (official `prob_schedule`, a = 0.5). */
  alpha?: number;
}

export type Generated =
  | { status: 'complete'; smiles: string; steps: DerivationStep[] }
  | { status: 'cut'; steps: DerivationStep[] };

/**
 * One random derivation (official `grammar_generation.py`, `random_produce`; paper Appendix A): a start
 * rule chosen uniformly; then at step t every non-start rule whose LHS matches a pending NT is a
 * candidate, chosen with probability ∝ exp(α·t·[ending]); the NT it rewrites is uniform among the
 * pending NTs it matches, and the anchor permutation uniform among those that keep bond orders.
 * A derivation with NTs left after `maxSteps` is cut: only completed ones are valid by construction.
 */
export function generate(grammar: Grammar, rng: Rng, opts: GenerateOptions = {}): Generated {
  const maxSteps = opts.maxSteps ?? 30;
  const alpha = opts.alpha ?? 0.5;
  if (grammar.startRules.length === 0) throw new Error('the grammar has no start rule');
  const state = emptyState();
  const start = grammar.startRules[rng.int(grammar.startRules.length)];
  applyRule(state, grammar.rules[start], -1, []);
  const steps: DerivationStep[] = [{ rule: start, nt: -1, perm: [] }];
  for (let t = 1; state.pending.length > 0; t++) {
    if (t > maxSteps) return { status: 'cut', steps };
    const boost = Math.exp(alpha * t);
    // Candidate rules: those of every LHS symbol pending (each rule once).
    const symbols = [...new Set(state.pending.map((p) => p.lhs))];
    let total = 0;
    for (const s of symbols) for (const r of grammar.byLhs.get(s) ?? []) total += grammar.rules[r].ending ? boost : 1;
    if (total === 0) throw new Error(`no rule rewrites the pending symbols ${symbols.join(' ')}`);
    let u = rng.next() * total;
    let chosen = -1;
    outer: for (const s of symbols) {
      for (const r of grammar.byLhs.get(s) ?? []) {
        u -= grammar.rules[r].ending ? boost : 1;
        chosen = r;
        if (u < 0) break outer;
      }
    }
    const rule = grammar.rules[chosen];
    const targets: number[] = [];
    state.pending.forEach((p, i) => p.lhs === rule.lhs && targets.push(i));
    const nt = targets[rng.int(targets.length)];
    const perm = randomPerm(rule, state.pending[nt].nodes, state.nodeOrders, rng);
    applyRule(state, rule, nt, perm);
    steps.push({ rule: chosen, nt, perm });
  }
  return { status: 'complete', smiles: stateToSmiles(state), steps };
}

/**
 * SMILES to draw a rule: terminal atoms as themselves, anchor e as the dummy atom `[*:e+1]` on the
 * atom it leaves from, NT j as the dummy `[{j+1}*]` (isotope label) bonded to the atoms it touches.
 * Parse it with `{ sanitize: false }`. A node between two NTs, or an anchor on an NT, is drawn as a
 * bond between the dummies.
 */
export function ruleDepictionSmiles(rule: Rule): string {
  const A = rule.atoms.length;
  const vertices: string[] = rule.atoms.map((a) => bracketAtom(a.label));
  rule.nts.forEach((_, j) => vertices.push(`[${j + 1}*]`));
  const holders: number[][] = rule.nodes.map(() => []);
  rule.atoms.forEach((a, i) => a.nodes.forEach((n) => holders[n].push(i)));
  rule.nts.forEach((t, j) => t.nodes.forEach((n) => holders[n].push(A + j)));
  const bonds: { atoms: [number, number]; order: number }[] = [];
  const seen = new Set<string>();
  rule.nodes.forEach((n, i) => {
    const a = holders[i][0];
    let b = holders[i][1];
    if (b === undefined) {
      b = vertices.length;
      vertices.push(`[*:${n.ext + 1}]`);
    }
    const k = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(k)) return; // two nodes between the same atom and NT: draw one bond
    seen.add(k);
    bonds.push({ atoms: [a, b], order: n.order });
  });
  return writeSmiles(vertices.length, bonds, (v) => vertices[v]);
}

/** A short text of a rule for logs and tests: LHS → atoms and NTs. */
export function describeRule(rule: Rule): string {
  const atoms = rule.atoms.map((a) => atomLabelKey(a.label).split(',')[0]).join('');
  return `${rule.start ? 'S' : `R(${rule.lhs})`} → ${atoms}${rule.nts.length ? ` + ${rule.nts.map((t) => `R(${t.lhs})`).join(' ')}` : ''}`;
}
