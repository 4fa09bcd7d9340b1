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
 * one; `claim` says what the run must show for the claim to hold (relative drops are 1 − NTL/SL).
 */
import type { NumericClaim } from '../../shared/verdict';

export interface PaperClaim {
  metric: string;
  /** The claim as text, as the paper (via the secondary summary) states it. */
  value: string;
  runMetric?: string;
  /** What the run must show for the claim to hold (src/shared/verdict.ts). */
  claim: NumericClaim;
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
    runMetric: 'ntl.relativeTargetDrop',
    claim: { direction: 'atLeast', bound: 0.8 },
    source: unchecked('target-specified NTL results'),
    verified: false,
  },
  sourceDrop: {
    metric: 'Target-specified NTL: source accuracy drop relative to SL',
    value: '< 2.5%',
    runMetric: 'ntl.relativeSourceDrop',
    claim: { direction: 'atMost', bound: 0.025 },
    source: unchecked('target-specified NTL results'),
    verified: false,
  },
  sourceOnlyDrop: {
    metric: 'Source-only NTL: drop on domains it never saw, relative to SL (here the mean over T1–T3)',
    value: '72–83% relative drop',
    runMetric: 'srconly.relativeDrop.mean',
    claim: { direction: 'atLeast', bound: 0.72 },
    source: unchecked('source-only NTL results'),
    verified: false,
  },
  patchedAfterAttacks: {
    metric: 'Ownership verification: accuracy on patched data after each removal attack',
    value: '≈ 10% (chance) after FTAL, RTAL, EWC, AU, overwriting and pruning',
    runMetric: 'own.ntl.patched.ftal',
    claim: { direction: 'atMost', bound: 0.1 },
    source: `${unchecked('ownership verification results under removal attacks')}; its abstract (v2) says only that NTL resists 6 removal approaches`,
    verified: false,
  },
  authorized: {
    metric: 'Applicability authorization: accuracy on authorized (patched source) data',
    value: '88–98.5%',
    runMetric: 'auth.authorized',
    claim: { direction: 'atLeast', bound: 0.88 },
    source: unchecked('applicability authorization results'),
    verified: false,
  },
  unauthorized: {
    metric: 'Applicability authorization: accuracy on unauthorized data',
    value: '< 43%',
    runMetric: 'auth.unauthorized',
    claim: { direction: 'atMost', bound: 0.43 },
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
