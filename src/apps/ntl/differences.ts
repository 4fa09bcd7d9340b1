/**
 * How this demo differs from the paper, in plain sentences, for the page's "how this differs"
 * list. One list, React-free: most numbers are read from the code; `differences.test.ts` checks
 * the ones written out (the live run's sizes in `worker/session.ts` DEFAULT_SIZES, which the page
 * does not import, the three opponent filters, the five MMD kernels, the loss constants).
 */
import { FEATURE_DIM, PARAM_SPECS, paramCount } from './core/params';
import { IMAGE_SIZE, NEIGHBOUR_DIRECTIONS, NEIGHBOUR_DISTANCES } from './core/domains';
import { DEFAULT_BATCH, DEFAULT_LR, DEFAULT_STEPS } from './core/settings';

const n = (x: number) => x.toLocaleString('en-US');
const conv1Filters = PARAM_SPECS['conv1/kernel'][3];
const phiChannels = PARAM_SPECS['conv2/kernel'][3];
const phiSide = IMAGE_SIZE / 4;
const grid = `${NEIGHBOUR_DISTANCES.length} × ${NEIGHBOUR_DIRECTIONS.length}`;

/** The live run's data and attack sizes (worker/session.ts DEFAULT_SIZES; differences.test.ts keeps them equal). */
export const LIVE_RUN = {
  trainPerDomain: 1500,
  testPerDomain: 300,
  liveEvalPerSet: 150,
  attackerShare: 0.1,
  fineTuneSteps: 60,
  overwriteSteps: 100,
  fisherSamples: 150,
} as const;

export const DIFFERENCES: readonly string[] = [
  `The model is a ${n(paramCount())}-parameter CNN (two conv blocks for Φ, a conv block and two dense layers for Ω) trained from scratch in your browser; the paper fine-tunes an ImageNet-pretrained VGG11 (digits) or VGG13/19. Compare relative drops, not absolute accuracies.`,
  `Three of the first layer's ${conv1Filters} filters start as dormant colour-opponent units (R−G, G−B, B−R) that the next layer initially ignores: our stand-in for the colour-sensitive early filters of the paper's ImageNet-pretrained VGG. Grey source digits never activate them, so SL trains as without them; NTL's target terms can recruit them. Without them, our from-scratch CNN did not react to the faint ownership patch at all in our development runs (see the demo's README).`,
  'The digits are drawn procedurally from strokes and a seed, not taken from MNIST, MNIST-M, SVHN or USPS: S is MNIST-like white strokes on black, T1 puts the same masks over colour textures (the MNIST-M recipe with textures instead of photo patches), T2 imitates SVHN (colour digits, cut-off neighbours, blur, noise), T3 imitates USPS (bold, box-filling, blurred).',
  `Source-only NTL and applicability authorization use procedural neighbour domains (S pushed ${NEIGHBOUR_DISTANCES[0]}–${NEIGHBOUR_DISTANCES[NEIGHBOUR_DISTANCES.length - 1]} steps along hue, texture, blur/contrast and stroke/affine: the same ${grid} grid size as the paper) in place of the paper's conditional-GAN samples.`,
  `Training is short: ${DEFAULT_STEPS} steps of ${DEFAULT_BATCH} source + ${DEFAULT_BATCH} target images by default (${n(LIVE_RUN.trainPerDomain)} training images per domain, ${LIVE_RUN.testPerDomain} test images per domain), Adam at ${DEFAULT_LR.toExponential()} with no decay; the paper trains 30 epochs on 5k images with Adam 1e-4 × 0.999 per step.`,
  `MMD is taken on Φ's flattened ${phiSide} × ${phiSide} × ${phiChannels} output (${n(FEATURE_DIM)} numbers); the paper takes it on a VGG block's output (256 × 8 × 8). The kernel (five Gaussians around the mean pairwise distance, without gradient) and α = α′ = 0.1, β = β′ = 1 follow the official code; here α′ and β′ are fixed.`,
  `The removal attacks are FTAL, RTAL (the output layer re-initialised), global magnitude pruning and overwriting (a second patch on another channel and lattice), with the attacker holding ${LIVE_RUN.attackerShare * 100}% of the clean source training data: FTAL and RTAL fine-tune for ${LIVE_RUN.fineTuneSteps} steps, overwriting trains for ${LIVE_RUN.overwriteSteps}. The paper also runs EWC and AU, which are not implemented here.`,
  'Here NTL trains from scratch next to the SL reference, so you can watch both from step 0; the paper starts NTL from ImageNet-pretrained weights, and this project\'s `npm run experiment -- ntl` starts each NTL model from its trained SL model.',
  `Accuracies are measured on ${LIVE_RUN.liveEvalPerSet} test images per set at the checkpoints during training and on all ${LIVE_RUN.testPerDomain} at the last step; the paper evaluates on 1k images per domain. The SL reference trains on the same data, seed and batches as the NTL model.`,
  'The paper\'s numbers in the table below come from a secondary summary of the paper and have not yet been checked against its tables; each is marked unverified.',
];
