/**
 * What the Einops paper claims, for the "paper vs. this run" table. The paper's claims are
 * qualitative; each is quoted from its abstract (OpenReview oapKSVM2bcj), which was read for this.
 * No performance number is listed: none was checked against the paper's text.
 */
export interface PaperClaim {
  metric: string;
  value: string;
  source: string;
  verified: boolean;
}

export const PAPER_CLAIMS = {
  checks: {
    metric: 'Shape mistakes are caught',
    value: 'some commonly used operations "do not provide sufficient checks and can break a tensor structure"; einops is meant to be "reliable"',
    source: 'abstract and title, OpenReview oapKSVM2bcj',
    verified: true,
  },
  oneNotation: {
    metric: 'One notation for many operations',
    value: '"a uniform and generic way to manipulate tensor structure" with a "minimalist API"',
    source: 'abstract, OpenReview oapKSVM2bcj',
    verified: true,
  },
  frameworks: {
    metric: 'Runs on several frameworks',
    value: '"efficiently supports multiple widely used frameworks"',
    source: 'abstract, OpenReview oapKSVM2bcj',
    verified: true,
  },
} satisfies Record<string, PaperClaim>;
