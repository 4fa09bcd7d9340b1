/**
 * What the NTL paper (Wang et al., ICLR 2022, arXiv 2106.06916 v2) claims, for the "paper vs. this
 * run" table. Source: the project's notes `shared/papers/ntl.md`. Only the abstract of v2 was read;
 * every number below comes from a third-party summary and has NOT been checked against the paper's
 * tables, so each is `verified: false` and must be shown as "paper (unverified)".
 *
 * `runMetric` names the metric of `experiment.ts` that the claim is compared with, where there is
 * one; `kind` says how: 'relativeDrop' values are 1 − NTL/SL, 'accuracy' values are in 0..1.
 */
export interface PaperClaim {
  metric: string;
  /** The claim as text, as the paper (via the summary) states it. */
  value: string;
  /** Numeric form in 0..1 where the claim has one (a range gives [lo, hi]). */
  numeric?: number | [number, number];
  /** How `numeric` compares with the run ('max': the run should be at most this). */
  kind?: 'relativeDrop' | 'accuracy';
  runMetric?: string;
  source: string;
  verified: boolean;
}

const SUMMARY = 'third-party summary quoted in shared/papers/ntl.md (not checked against the paper\'s tables)';

export const PAPER_CLAIMS = {
  targetDrop: {
    metric: 'Target-specified NTL: target accuracy drop relative to SL',
    value: '~80% relative drop (e.g. USPS→MNIST 86.4% → 14.5%)',
    numeric: 0.8,
    kind: 'relativeDrop',
    runMetric: 'ntl.relativeTargetDrop',
    source: SUMMARY,
    verified: false,
  },
  sourceDrop: {
    metric: 'Target-specified NTL: source accuracy drop relative to SL',
    value: '< 2.5%',
    numeric: 0.025,
    kind: 'relativeDrop',
    runMetric: 'ntl.relativeSourceDrop',
    source: SUMMARY,
    verified: false,
  },
  sourceOnlyDrop: {
    metric: 'Source-only NTL: drop on non-source domains (GAN neighbours in the paper)',
    value: '72–83% relative drop',
    numeric: [0.72, 0.83],
    kind: 'relativeDrop',
    runMetric: 'srconly.relativeNeighbourDrop',
    source: SUMMARY,
    verified: false,
  },
  patchedAfterAttacks: {
    metric: 'Ownership verification: accuracy on patched data after each removal attack',
    value: '≈ 10% (chance) after FTAL, RTAL, EWC, AU, overwriting and pruning',
    numeric: 0.1,
    kind: 'accuracy',
    runMetric: 'own.ntl.patched.ftal',
    source: `${SUMMARY}; the abstract (v2) confirms only that NTL resists six removal approaches`,
    verified: false,
  },
  authorized: {
    metric: 'Applicability authorization: accuracy on authorized (patched source) data',
    value: '88–98.5%',
    numeric: [0.88, 0.985],
    kind: 'accuracy',
    runMetric: 'auth.authorized',
    source: SUMMARY,
    verified: false,
  },
  unauthorized: {
    metric: 'Applicability authorization: accuracy on unauthorized data',
    value: '< 43%',
    numeric: 0.43,
    kind: 'accuracy',
    runMetric: 'auth.unauthorized',
    source: `${SUMMARY}; the abstract says only that performance "significantly" degrades`,
    verified: false,
  },
} satisfies Record<string, PaperClaim>;

/** Later work that breaks NTL; the demo must say so. */
export const LATER_ATTACKS = [
  {
    name: 'TransNTL',
    venue: 'CVPR 2024',
    what: 'restores a non-transferable model\'s target-domain performance with a small amount of source data',
    source: 'shared/papers/ntl.md',
    verified: false,
  },
  {
    name: 'JailNTL',
    venue: 'CVPR 2025',
    what: 'jailbreaks NTL at test time by disguising unauthorized data, without touching the model',
    source: 'shared/papers/ntl.md',
    verified: false,
  },
] as const;

/** The loss constants, which match both the paper (via the summary) and the official code. */
export const PAPER_CONSTANTS = {
  alpha: 0.1,
  alphaDis: 0.1,
  beta: 1,
  betaDis: 1,
  mmdKernels: 5,
  patch: '+20 of 255 on channel 0 where row or column index is even',
  source: 'conditionWang/NTL src/ntl/ntl_digit.py (HEAD 9580990) and shared/papers/ntl.md',
} as const;

/** How this demo differs from the paper, for the page's "how this differs" list. */
export const DIFFERENCES: readonly string[] = [
  'Digits are procedural: stroke-drawn source digits and MNIST-M/SVHN/USPS-like domains generated from the seed, not the real datasets.',
  'The model is a 22.8k-parameter CNN trained from scratch in the browser (the paper fine-tunes an ImageNet-pretrained VGG11); NTL runs start from the SL model instead of ImageNet weights.',
  'Three first-layer filters start as colour-opponent units that are dormant on grey digits: our stand-in for a pretrained first layer, without which the small CNN never noticed the +20/255 patch within a few hundred steps.',
  'MMD is taken on the 8×8×16 output of the second conv block (the paper: VGG features[:10]).',
  'Source-only NTL uses procedural neighbour domains (5 distances × 4 directions: hue, texture, blur/contrast, stroke/affine) instead of the paper\'s conditional-GAN augmentation.',
  'Training is a few hundred Adam steps at batch 32 (lr 2e-3) instead of 30 epochs at lr 1e-4; the removal attacks are FTAL, RTAL, magnitude pruning and overwriting (the paper also runs EWC and AU).',
  'Every paper number shown is from a third-party summary and unverified against the paper\'s tables.',
  'Later work breaks NTL: TransNTL (CVPR 2024) with a little source data, JailNTL (CVPR 2025) with disguised test data.',
];
