/**
 * The colour diagnostic of issue #12 as a model: a CoDy trained on the colour-centroid reference's exact
 * keypoints (scripts/train/cophy.ts --stage cody --derender colour --out DIR; parked under
 * checkpoints/cophy-colour-cody/) composed with that reference as its renderer, so that the probe study
 * abducts u from keypoints without the de-rendering's errors. Not the paper's model, and never shipped.
 */
import { composeModel, type CounterfactualModel } from '../src/apps/cophy/core/counterfactualModel';
import { COLOUR_ENCODER_ID, ColourKeypointRenderer } from '../src/apps/cophy/core/referenceModels';
import { IMAGE_SIZE } from '../src/apps/cophy/core/render';
import type { WeightReader } from '../src/apps/cophy/core/shippedModel';
import { DEFAULT_BALLS } from '../src/apps/cophy/core/simulator';
import { DEFAULT_DYNAMICS_LOADER } from '../src/apps/cophy/experiment';

/** The colour-keypoint CoDy of the folder `read` reads, with its renderer; refuses a CoDy trained on other keypoints. */
export async function loadColourCody(read: WeightReader, where: string): Promise<CounterfactualModel> {
  const manifestBytes = await read('cody.manifest.json');
  const bin = await read('cody.bin');
  if (!manifestBytes || !bin) throw new Error(`${where} holds no cody.bin and cody.manifest.json: train them with scripts/train/cophy.ts --stage cody --derender colour --out ${where}`);
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { keypoints?: { encoder?: string } };
  const encoder = manifest.keypoints?.encoder;
  if (encoder !== COLOUR_ENCODER_ID) throw new Error(`${where}/cody.bin was trained on the keypoints of encoder "${encoder}", not the colour-centroid reference's (--derender colour)`);
  const colour = new ColourKeypointRenderer(IMAGE_SIZE, DEFAULT_BALLS);
  return composeModel(colour, await DEFAULT_DYNAMICS_LOADER!({ manifest, weights: bin }, colour));
}
