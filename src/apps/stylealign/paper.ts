/**
 * What the StyleAlign paper claims, for the page's "paper vs. this run" list: Wu, Nitzan, Shechtman and
 * Lischinski, "StyleAlign: Analysis and Applications of Aligned StyleGAN Models", ICLR 2022 oral
 * (arXiv 2110.11323, OpenReview Qg2vi4ZbHM9); official code betterze/StyleAlign @4e75a75.
 *
 * Only the abstract has been read (arXiv 2110.11323; the same text on OpenReview and in the official
 * README). The paper's sections, tables and figures have not been read: a search of the stored pages
 * (2026-12-02) found the abstract and a secondary TL;DR (sciencestack.ai) only. So:
 *   - the claims the abstract makes are `verified: true` with the abstract as source;
 *   - the findings known from secondary sources (the TL;DR, StyleDomain's description) are
 *     `verified: false` and the page says so;
 *   - no claim carries a paper number: the abstract gives none ("qualitatively and quantitatively"),
 *     and none is invented. The bounds in `claim` are this demo's acceptance thresholds (issue #13),
 *     not the paper's, and `bound` says so in `boundSource`.
 * The mechanics of translation and morphing were read in the official code (projector_z.py,
 * MergeFace.py; see core/projector.ts and core/morph.ts), not in the paper.
 */
import type { NumericClaim } from '../../shared/verdict';

export interface PaperClaim {
  /** the claim in our words */
  metric: string;
  /** what the source says, quoted or paraphrased; never a number the source does not give */
  value: string;
  /** the metric of experiment.ts the claim is judged by, where there is one */
  runMetric?: string;
  /** what the run must show for the claim to hold at this scale (src/shared/verdict.ts) */
  claim?: NumericClaim;
  /** where the bound comes from (ours: the acceptance; the paper gives no number) */
  boundSource?: string;
  source: string;
  verified: boolean;
}

const ABSTRACT = 'Wu et al., ICLR 2022, abstract (arXiv 2110.11323; OpenReview Qg2vi4ZbHM9)';
const secondary = (where: string) => `${where}; a secondary source, not yet checked against the paper's text`;
const OURS = 'this demo\'s acceptance threshold (issue #13); the paper gives no number for it';

export const PAPER_CLAIMS = {
  alignedLatents: {
    metric: 'The child\'s latent space is semantically aligned with the parent\'s: the same z gives corresponding attributes',
    value: '"the child model\'s latent spaces are semantically aligned with those of the parent, inheriting incredibly rich semantics, even for distant data domains such as human faces and churches"',
    runMetric: 'align.child.meanAbsR',
    claim: { direction: 'atLeast', bound: 0.4 },
    boundSource: OURS,
    source: ABSTRACT,
    verified: true,
  },
  scratchNotAligned: {
    metric: 'A child trained from scratch on the same domain is not aligned (the control)',
    value: 'implied by the definition: alignment comes from fine-tuning the parent',
    runMetric: 'align.scratch.meanAbsR',
    claim: { direction: 'atMost', bound: 0.15 },
    boundSource: OURS,
    source: `${ABSTRACT} (definition of aligned models: the child is obtained from the parent via fine-tuning)`,
    verified: true,
  },
  editsTransfer: {
    metric: 'Directions found in the parent\'s W (and StyleSpace) act alike in the child',
    value: 'W and S directions of the parent transfer to the child',
    runMetric: 'edit.child.slope',
    source: secondary('sciencestack.ai TL;DR of arXiv 2110.11323 ("latent spaces W and S retain rich semantics"); StyleDomain (Alanov et al.)'),
    verified: false,
  },
  convChangesMost: {
    metric: 'Fine-tuning changes mostly the synthesis network\'s feature convolutions; the mapping network barely changes',
    value: '"most fine-tuning changes occur in feature convolution layers"',
    runMetric: 'change.conv',
    source: secondary('sciencestack.ai TL;DR of arXiv 2110.11323; StyleDomain (Alanov et al.) describes the reset test'),
    verified: false,
  },
  forgottenRecoverable: {
    metric: 'Parent attributes absent from the child domain (glasses) seem forgotten but come back when fine-tuning toward the parent',
    value: '"some directions appearing forgotten but recoverable when retraining toward the parent"',
    source: secondary('sciencestack.ai TL;DR of arXiv 2110.11323'),
    verified: false,
  },
  translation: {
    metric: 'Image translation: invert into the parent, render with the child',
    value: 'image-to-image translation with aligned models; the official projector_z.py inverts into the parent\'s Z',
    runMetric: 'translate.meanAbsR',
    claim: { direction: 'atLeast', bound: 0.4 },
    boundSource: OURS,
    source: `${ABSTRACT} (translation as an application); the mechanics from betterze/StyleAlign projector_z.py`,
    verified: true,
  },
  morphing: {
    metric: 'Fully automatic cross-domain morphing',
    value: '"we demonstrate fully automatic cross-domain image morphing"; the official MergeFace.py lerps W+ codes and synthesis weights with one t',
    source: `${ABSTRACT}; the mechanics from betterze/StyleAlign MergeFace.py`,
    verified: true,
  },
  zeroShot: {
    metric: 'Zero-shot tasks in the child with parent supervision only',
    value: '"zero-shot vision tasks may be performed in the child domain, while relying exclusively on supervision in the parent domain"',
    runMetric: 'zeroshot.child.rho',
    source: ABSTRACT,
    verified: true,
  },
  stateOfTheArt: {
    metric: 'State-of-the-art results for the applications',
    value: '"qualitatively and quantitatively ... state-of-the-art results, while requiring only simple fine-tuning and inversion" (the abstract gives no number; the paper\'s tables are not read)',
    source: ABSTRACT,
    verified: true,
  },
} satisfies Record<string, PaperClaim>;
