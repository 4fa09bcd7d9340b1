/**
 * How this demo differs from the paper, in plain sentences, for the page's "how this differs"
 * list. One list, React-free: most numbers are read from the code; `differences.test.ts` checks
 * the ones written out (the live run's sizes in `worker/session.ts` DEFAULT_SIZES, which the page
 * does not import, the three opponent filters, the five MMD kernels, the loss constants).
 */
import { FEATURE_DIM, PARAM_SPECS, paramCount } from './core/params';
import { IMAGE_SIZE, NEIGHBOUR_DIRECTIONS, NEIGHBOUR_DIRECTION_TEXT, NEIGHBOUR_DISTANCES } from './core/domains';
import { AU_DEFAULTS, EWC_DEFAULTS, FINE_TUNE_LEARNING_RATE, REFIT_LEARNING_RATE } from './core/attackSettings';
import { LATER_ATTACKS } from './paper';
import { DEFAULT_BATCH, DEFAULT_LR, DEFAULT_STEPS } from './core/settings';
import { formatCount } from '../../shared/formatCount';

const n = formatCount;
const conv1Filters = PARAM_SPECS['conv1/kernel'][3];
const phiChannels = PARAM_SPECS['conv2/kernel'][3];
const phiSide = IMAGE_SIZE / 4;
const grid = `${NEIGHBOUR_DISTANCES.length} × ${NEIGHBOUR_DIRECTIONS.length}`;
const directions = NEIGHBOUR_DIRECTIONS.map((d) => NEIGHBOUR_DIRECTION_TEXT[d]).join('; ');
const exp = (v: number) => v.toExponential();

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
  'The digits are drawn procedurally from strokes and a seed, not taken from MNIST, MNIST-M, SVHN or USPS: S is MNIST-like white strokes on black, T1 puts the same masks over colour textures (the MNIST-M recipe with textures instead of photo patches), T2 imitates SVHN (colour digits, cut-off neighbours, blur, noise), T3 imitates USPS (bold, box-filling, blurred). The paper\'s fifth digit domain, SYN-D (synthetic digits), has no counterpart here, and neither do its CIFAR10 ↔ STL10 and VisDA experiments (VGG13/VGG19 on natural images).',
  'Inputs stay in [0, 1]; the paper\'s pipeline normalises them with the ImageNet mean and standard deviation, which slowed our from-scratch model\'s source training (see the demo\'s README).',
  `Source-only NTL and applicability authorization use procedural neighbour domains in place of the paper's conditional-GAN samples: source digits (the source's own glyph styles) pushed ${NEIGHBOUR_DISTANCES[0]}–${NEIGHBOUR_DISTANCES[NEIGHBOUR_DISTANCES.length - 1]} steps along four directions, ${directions}: the same ${grid} grid size as the paper. The paper's neighbours come from a conditional GAN trained on the source, then pushed away from it in the discriminator's feature space; in the official code (conditionWang/NTL, src/augmentation/gan_aug_*_sm.py, commit 9580990) the MMD is clamped at 0.1–0.5 for the five distances, a direction zeroes the gradient of the first d quarters of the generator's layer parameters, and the samples are Gaussian-blurred (3 × 3). Ours are fixed image transformations, chosen so that none is a generator of T1, T2 or T3 (a unit test checks that making neighbours never calls them), so T1–T3 are domains source-only NTL never saw.`,
  'The committed full run (npm run experiment -- ntl, 3 seeds) trains target-specified NTL towards each of T1, T2 and T3 from the same source; the paper trains every pair of its five digit domains (and CIFAR10 ↔ STL10, VisDA). The live page trains one pair at a time.',
  'α = 0.1 everywhere here, as the paper states. The official code sets α = 0.1 too, with a comment to change it to 0.01 for runs between different datasets and keep 0.1 for the watermark (conditionWang/NTL, src/ntl/ntl_digit.py, commit 9580990); this demo does not follow that comment (α is a setting on the page).',
  `Training is short: ${DEFAULT_STEPS} steps of ${DEFAULT_BATCH} source + ${DEFAULT_BATCH} target images by default (${n(LIVE_RUN.trainPerDomain)} training images per domain, ${LIVE_RUN.testPerDomain} test images per domain), Adam at ${DEFAULT_LR.toExponential()} with no decay; the paper trains 30 epochs on 5k images with Adam 1e-4 × 0.999 per step.`,
  `MMD is taken on Φ's flattened ${phiSide} × ${phiSide} × ${phiChannels} output (${n(FEATURE_DIM)} numbers); the paper takes it on a VGG block's output (256 × 8 × 8). The kernel (five Gaussians around the mean pairwise distance, without gradient) and α = α′ = 0.1, β = β′ = 1 follow the official code; here α′ and β′ are fixed.`,
  `The removal attacks are the paper's six, with the attacker holding ${LIVE_RUN.attackerShare * 100}% of the clean source training data: FTAL and RTAL (the output layer re-initialised) fine-tune for ${LIVE_RUN.fineTuneSteps} steps with Adam at ${exp(FINE_TUNE_LEARNING_RATE)}; EWC and AU follow REFIT (Chen et al.), which argues for a large fine-tuning rate (its schedule was not read): ${exp(REFIT_LEARNING_RATE)} here, for ${LIVE_RUN.fineTuneSteps} steps: EWC adds (λ/2)·Σ F·(θ − θ*)² with λ = ${EWC_DEFAULTS.lambda} and F the empirical Fisher of the stolen model on ${LIVE_RUN.fisherSamples} attacker images (${EWC_DEFAULTS.fisherSamples} in the experiment), divided by its mean (our choice, so λ does not depend on the gradients' scale); AU trains on the attacker's images plus ${AU_DEFAULTS.copies} augmented copies of each (shift ±${AU_DEFAULTS.maxShift} px, brightness ×${AU_DEFAULTS.gain[0]}–${AU_DEFAULTS.gain[1]}, noise sd ${AU_DEFAULTS.noise}) labelled by the stolen model; REFIT's AU draws extra unlabelled data from elsewhere, here the attacker keeps to its ${LIVE_RUN.attackerShare * 100}%. Global magnitude pruning 10–90%; overwriting trains NTL with a second patch (another channel and lattice) for ${LIVE_RUN.overwriteSteps} steps. The paper's attack hyper-parameters were not read; these are ours.`,
  'Here NTL trains from scratch next to the SL reference, so you can watch both from step 0; the paper starts NTL from ImageNet-pretrained weights, and this project\'s `npm run experiment -- ntl` starts each NTL model from its trained SL model.',
  `Accuracies are measured on ${LIVE_RUN.liveEvalPerSet} test images per set at the checkpoints during training and on all ${LIVE_RUN.testPerDomain} at the last step; the paper evaluates on 1k images per domain. The SL reference trains on the same data, seed and batches as the NTL model.`,
  'The paper\'s numbers in the table below come from a secondary summary of the paper and have not yet been checked against its tables (we could not read them); each is marked unverified.',
  `The paper predates the attacks that break NTL: ${LATER_ATTACKS.map((a) => `${a.name} (${a.venue}) ${a.what}`).join('; ')}. This demo does not run them.`,
];
