/**
 * How this demo differs from the DEG paper and its official code (gmh14/data_efficient_grammar @
 * ef34648), in plain sentences, for the page's "how this differs" list. `differences.test.ts` checks
 * that the numbers written here are the code's.
 */
import { FEATURE_DIM } from './core/features';
import { FREQUENCY_PRIOR } from './core/potential';
import { TRAINER_DEFAULTS } from './core/reinforce';

export const DIFFERENCES: readonly string[] = [
  `The potential function F_θ scores each unit from ${FEATURE_DIM - 2} hand-made features (element shares, degree, hydrogens, charge, ring share, size, share already contracted, regions inside, anchor bonds, double/triple bond shares) plus DEG's two frequency features. The paper mean-pools a frozen, pretrained 5-layer GIN (300-d, pretrain-gnns supervised_contextpred) over the unit's atoms; that network does not run here.`,
  `F_θ is a ${TRAINER_DEFAULTS.hidden}-unit MLP with one output F and φ = σ(−F) (the paper's Eq. 2 form; the official agent is a 128-unit MLP with a 2-way softmax, the same Bernoulli). It has one extra learnable term, ours: F adds prior × (share of molecules containing the unit), with the prior initialised at ${FREQUENCY_PRIOR}, so units shared by every molecule start with φ ≈ 0.88 and are contracted first. Without it, an untrained F_θ on hand-made features decides membership by chance (0.13–0.45 on acrylates in our runs); the experiment reports membership without it too (d.membNoPrior).`,
  `Synthesizability: the paper's RS is the share of samples for which Retro* finds a route to purchasable molecules (a 5 GB planner and a 23M-molecule stock). Here the reward is Div + 2 × training-fragment coverage, ours: the share of each sample's Morgan radius-1 environments (2048 bits) that occur in some training molecule. It is a proxy, never shown as RS.`,
  'Atom labels keep element, formal charge, total hydrogen count and radical electrons. DEG keeps the explicit hydrogen count only (plus charge and chirality), and its own round trip loses a radical in the polymer set; with total H every one of the 171 dataset molecules round-trips here.',
  'Stereo is not represented (none of the four datasets has any); pasted SMILES are stripped of stereo and isotope labels, with a note on the line.',
  'Rules are de-duplicated by RDKit canonical SMILES of the right-hand side written as a labelled bipartite graph, with the anchors numbered in canonical order. DEG compares right-hand sides with networkx graph isomorphism; both ignore anchor order, and here a duplicate is mapped onto the stored rule through the canonical output order.',
  "A unit's key (for the frequency features and for contracting every identical copy) is the canonical SMILES of its atoms with a dummy atom on each bond that leaves it. DEG marks the boundary atoms with atom-map number 1 instead, so two units that differ only in how many bonds leave them, or of which order, share a key there and not here.",
  'Merging selected units that overlap is a true union (union-find). The official merge labels pairs in one pass and can leave a chain of overlaps split in two.',
  'Derivations are recorded per step (rule, non-terminal, anchor permutation) and replay without search; every training molecule is checked to replay from its record. The official code stores rule ids only.',
  "Derivations still open after 30 steps are discarded and counted (cutAt30). In the official generator such a draw reaches hg_to_mol with a non-terminal left, which it cannot turn into an atom, so the draw yields no molecule and is counted only as a draw that brought nothing new.",
  'Unique is the share of the N requested distinct molecules that sampling found before 10 draws in a row brought nothing new (DEG\'s 100% means it reached N); uniqueRaw is distinct over all valid draws, repeats included.',
  'Div in the table is 1 − mean Tanimoto of Morgan radius-2, 1024-bit fingerprints over all pairs including self-pairs: the formula that reproduces the paper\'s training-data row (0.61 / 0.67 / 0.80; inferred, not stated in the paper). The reward uses the official code\'s Div (radius 3, 2048 bits, distinct pairs).',
  "Chamfer distance is ours (not in DEG's code), after the co-authors' follow-up polymer_walk: Tanimoto distance of RDKit topological fingerprints, mean nearest distance from samples to training and from training to samples, averaged.",
  'Memb. uses our class patterns (an isocyanate on carbon; an acrylate ester; at least two non-acid OH or non-amide NH groups for chain extenders), which accept every training molecule. The official repository has none, and the paper\'s exact rule for chain extenders is unknown.',
  'Polymers use the official motif units (HierVAE fragments); a cut bond between two ring systems also becomes a unit of its own, otherwise the two ring systems never merge and the molecule never reaches a start rule. The polymer grammar is built and sampled, not trained.',
  `REINFORCE as the official code (${TRAINER_DEFAULTS.grammarsPerEpoch} grammars per epoch, mean baseline, γ = ${TRAINER_DEFAULTS.gamma}, Adam at ${TRAINER_DEFAULTS.learningRate}), with ${TRAINER_DEFAULTS.samplesPerGrammar} distinct samples per grammar; the full experiment trains 20 epochs (the paper's Appendix B, as quoted) and evaluates the best-reward grammar on 1,000 samples (the paper: 10,000).`,
];
