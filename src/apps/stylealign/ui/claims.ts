/**
 * The paper's claims and what this build measured of them: each is held, not held at this scale, or
 * not measured yet, from the committed experiment (results/full.json, `npm run experiment -- stylealign`)
 * and never from a number typed here. The paper's own tables have not been read (arXiv 2110.11323):
 * every claim is the abstract's or the official code's wording, with no paper number.
 */
export type ClaimVerdict = 'held' | 'not-held' | 'not-measured';

export const CLAIM_VERDICT_TEXT: Record<ClaimVerdict, string> = {
  held: 'held',
  'not-held': 'not held at this scale',
  'not-measured': 'not measured yet',
};

export interface ClaimRow {
  id: string;
  claim: string;
  source: string;
  /** How this build judges it, in words. */
  rule: string;
  verdict: ClaimVerdict;
  /** The measured figures, as text; null when not measured. */
  measured: string | null;
}

type Metrics = Record<string, number> | null | undefined;

const fin = (m: Metrics, k: string): number | null => {
  const v = m?.[k];
  return v !== undefined && Number.isFinite(v) ? v : null;
};
const f2 = (v: number) => v.toFixed(2);

export function claimRows(metrics: Metrics): ClaimRow[] {
  const childR = fin(metrics, 'align.child.meanAbsR');
  const scratchR = fin(metrics, 'align.scratch.meanAbsR');
  const minPair = fin(metrics, 'align.child.minPairR');
  const mapping = fin(metrics, 'change.mapping');
  const conv = fin(metrics, 'change.conv');
  const affine = fin(metrics, 'change.affine');
  const torgb = fin(metrics, 'change.torgb');
  const editChild = fin(metrics, 'edit.child.slope');
  const editRandom = fin(metrics, 'edit.random.slope');
  const zsChild = fin(metrics, 'zeroshot.child.rho');
  const zsScratch = fin(metrics, 'zeroshot.scratch.rho');
  const translateR = fin(metrics, 'translate.meanAbsR');
  const translateMse = fin(metrics, 'translate.pixelMse');
  const rows: ClaimRow[] = [];
  rows.push({
    id: 'aligned',
    claim: "The child's latent space is aligned with the parent's: the same latent gives corresponding images (pose, colour) even between distant domains.",
    source: 'abstract (arXiv 2110.11323)',
    rule: "mean |r| of the four declared attribute pairs ≥ 0.4 for the child and ≤ 0.15 for the scratch child (the issue's acceptance bounds)",
    verdict: childR === null || scratchR === null ? 'not-measured' : childR >= 0.4 && scratchR <= 0.15 ? 'held' : 'not-held',
    measured: childR === null ? null : `child ${f2(childR)}${scratchR !== null ? `, scratch child ${f2(scratchR)}` : ''}${minPair !== null ? `; weakest pair ${f2(minPair)}` : ''}`,
  });
  rows.push({
    id: 'mapping',
    claim: 'Fine-tuning barely changes the mapping network; most of the change is in the synthesis convolutions.',
    source: 'secondary sources on §4 (StyleDomain; paper text not read)',
    rule: '|Δθ|/|θ_p| of the mapping below that of the 3×3 synthesis convolutions (toRGB, the 1×1 synthesis layers, shown beside them)',
    verdict: mapping === null || conv === null ? 'not-measured' : mapping < conv ? 'held' : 'not-held',
    measured:
      mapping === null || conv === null
        ? null
        : `mapping ${f2(mapping)}, convolutions ${f2(conv)}${affine !== null ? `, affine ${f2(affine)}` : ''}${torgb !== null ? `, toRGB ${f2(torgb)}` : ''}` +
          (torgb !== null && torgb > conv ? '; toRGB changed most, so at this scale the colour layers, more than the 3×3 convolutions, carry the change' : ''),
  });
  rows.push({
    id: 'edits',
    claim: "Directions found in the parent's W space move the matching attribute in the child.",
    source: 'secondary sources; the official README and figures',
    rule: "the child oracle's slope along the parent direction more than twice a random direction's",
    verdict: editChild === null || editRandom === null ? 'not-measured' : Math.abs(editChild) > 2 * Math.abs(editRandom) ? 'held' : 'not-held',
    measured: editChild === null ? null : `slope ${f2(editChild)}${editRandom !== null ? ` (random direction ${f2(editRandom)})` : ''}`,
  });
  rows.push({
    id: 'zeroshot',
    claim: 'Zero-shot tasks in the child domain work with supervision from the parent domain only.',
    source: 'abstract (arXiv 2110.11323)',
    rule: "|Spearman ρ| of the parent-supervised regressor on child latents ≥ 0.4 and above the scratch child's",
    verdict: zsChild === null ? 'not-measured' : Math.abs(zsChild) >= 0.4 && (zsScratch === null || Math.abs(zsChild) > Math.abs(zsScratch)) ? 'held' : 'not-held',
    measured: zsChild === null ? null : `ρ ${f2(zsChild)}${zsScratch !== null ? ` (scratch child ${f2(zsScratch)})` : ''}`,
  });
  rows.push({
    id: 'translate',
    claim: "Inverting an image into the parent's Z and rendering that z with the child translates it between domains.",
    source: 'official code, projector_z.py and I2I.py (betterze/StyleAlign @4e75a75)',
    rule: 'mean |r| ≥ 0.4 between the parent oracle on the input face and the child oracle on its translation, over the four declared pairs (full run)',
    verdict: translateR === null ? 'not-measured' : translateR >= 0.4 ? 'held' : 'not-held',
    measured: translateR === null ? null : `kept mean |r| ${f2(translateR)}${translateMse !== null ? `; parent reconstruction MSE ${translateMse.toFixed(3)}` : ''}`,
  });
  return rows;
}
