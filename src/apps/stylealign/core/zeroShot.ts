/**
 * Zero-shot regression in the child with parent supervision only (StyleAlign §5, "zero-shot vision
 * tasks": a linear model on the latents, fitted with parent labels, applied to child latents; the
 * abstract verifies that only parent supervision is used, the exact setup is not verified here).
 * A ridge regressor from w to a parent attribute is fitted on the parent's codes w_p = G_p.mapping(z)
 * with the parent oracle's readings of G_p(z) as labels, then applied to another generator's codes of
 * other latents and scored by Spearman ρ against the child oracle's reading of the matching child
 * attribute on that generator's images. The same regressor on the scratch child's codes is the
 * control; a regressor fitted on the child's own codes with child-oracle labels is the upper bound.
 */
import { ridge, predict, spearman, type LinearModel } from './stats';

export interface ZeroShotResult {
  model: LinearModel;
  /** Spearman ρ of the predictions against the target attribute */
  rho: number;
}

/** Fits on (wFit, labels) and scores predictions on wTest against `truth`. */
export function zeroShotRegression(wFit: ArrayLike<number>, labels: ArrayLike<number>, nFit: number, wTest: ArrayLike<number>, truth: ArrayLike<number>, nTest: number, wDim: number): ZeroShotResult {
  const model = ridge(wFit, labels, nFit, wDim);
  return { model, rho: spearman(predict(model, wTest, nTest), truth) };
}
