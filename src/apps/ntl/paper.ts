/**
 * What the NTL paper claims, for the "paper vs. this run" table: Wang, Xu, Xu, Wang and Zhu,
 * "Non-Transferable Learning: A New Approach for Model Ownership Verification and Applicability
 * Authorization", ICLR 2022, arXiv 2106.06916 (v2 is the ICLR version). Of the paper, only the v2
 * abstract has been checked; every number below was taken from a secondary summary of the paper
 * and has NOT been checked against the paper's result tables, so each is `verified: false` and the
 * page says so next to it. The loss and its constants (α = α′ = 0.1, β = β′ = 1, five MMD kernels,
 * the +20/255 lattice patch) were read in the official code, conditionWang/NTL at commit 9580990,
 * `src/ntl/ntl_digit.py`; see `core/loss.ts` and `core/patch.ts`.
 *
 * `runMetric` names the metric of `experiment.ts` that the claim is compared with, where there is
 * one; `kind` says how: 'relativeDrop' values are 1 − NTL/SL, 'accuracy' values are in 0..1.
 */
export interface PaperClaim {
  metric: string;
  /** The claim as text, as the paper (via the secondary summary) states it. */
  value: string;
  /** Numeric form in 0..1 where the claim has one (a range gives [lo, hi]). */
  numeric?: number | [number, number];
  /** How `numeric` compares with the run ('max': the run should be at most this). */
  kind?: 'relativeDrop' | 'accuracy';
  runMetric?: string;
  source: string;
  verified: boolean;
}

/** Where a number comes from, in plain words, for the table's source line. */
const unchecked = (where: string) =>
  `Wang et al., ICLR 2022 (arXiv 2106.06916), ${where}: from a secondary summary; not yet checked against the paper's tables`;

export const PAPER_CLAIMS = {
  targetDrop: {
    metric: 'Target-specified NTL: target accuracy drop relative to SL',
    value: '~80% relative drop (e.g. USPS→MNIST 86.4% → 14.5%)',
    numeric: 0.8,
    kind: 'relativeDrop',
    runMetric: 'ntl.relativeTargetDrop',
    source: unchecked('target-specified NTL results'),
    verified: false,
  },
  sourceDrop: {
    metric: 'Target-specified NTL: source accuracy drop relative to SL',
    value: '< 2.5%',
    numeric: 0.025,
    kind: 'relativeDrop',
    runMetric: 'ntl.relativeSourceDrop',
    source: unchecked('target-specified NTL results'),
    verified: false,
  },
  sourceOnlyDrop: {
    metric: 'Source-only NTL: drop on non-source domains (GAN neighbours in the paper)',
    value: '72–83% relative drop',
    numeric: [0.72, 0.83],
    kind: 'relativeDrop',
    runMetric: 'srconly.relativeNeighbourDrop',
    source: unchecked('source-only NTL results'),
    verified: false,
  },
  patchedAfterAttacks: {
    metric: 'Ownership verification: accuracy on patched data after each removal attack',
    value: '≈ 10% (chance) after FTAL, RTAL, EWC, AU, overwriting and pruning',
    numeric: 0.1,
    kind: 'accuracy',
    runMetric: 'own.ntl.patched.ftal',
    source: `${unchecked('ownership verification results under removal attacks')}; its abstract (v2) says only that NTL resists 6 removal approaches`,
    verified: false,
  },
  authorized: {
    metric: 'Applicability authorization: accuracy on authorized (patched source) data',
    value: '88–98.5%',
    numeric: [0.88, 0.985],
    kind: 'accuracy',
    runMetric: 'auth.authorized',
    source: unchecked('applicability authorization results'),
    verified: false,
  },
  unauthorized: {
    metric: 'Applicability authorization: accuracy on unauthorized data',
    value: '< 43%',
    numeric: 0.43,
    kind: 'accuracy',
    runMetric: 'auth.unauthorized',
    source: `${unchecked('applicability authorization results')}; its abstract says only that performance on unauthorized data degrades "significantly"`,
    verified: false,
  },
} satisfies Record<string, PaperClaim>;

/** Later work that breaks NTL; the demo must say so. */
export const LATER_ATTACKS = [
  {
    name: 'TransNTL',
    venue: 'CVPR 2024',
    what: 'restores a non-transferable model\'s target-domain performance with a small amount of source data',
    source: 'Hong, Shen and Liu, "Your Transferability Barrier is Fragile: Free-Lunch for Transferring the Non-Transferable Learning", CVPR 2024 (abstract: up to 72% target-domain improvement with 10% of the source data)',
    verified: true,
  },
  {
    name: 'JailNTL',
    venue: 'CVPR 2025',
    what: 'jailbreaks NTL at test time by disguising unauthorized data, without touching the model',
    source: 'JailNTL, CVPR 2025: from a secondary summary; not yet checked against the paper',
    verified: false,
  },
] as const;
