/**
 * How this demo differs from StyleAlign (Wu, Nitzan, Shechtman, Lischinski, ICLR 2022, arXiv 2110.11323,
 * OpenReview Qg2vi4ZbHM9) and its official code (betterze/StyleAlign @4e75a75, built on StyleGAN2-ADA),
 * in plain sentences for the page's "how this differs" list. `differences.test.ts` checks the numbers
 * written out against the code. So far this covers core/: the domains, the networks, the trainer and
 * the oracles.
 */
import { GLASSES_PROBABILITY, IMAGE_SIZE, SUPERSAMPLE } from './core/domains';
import { DEFAULT_GENERATOR_CONFIG as G, generatorParamCount } from './core/generator';
import { DEFAULT_DISCRIMINATOR_CONFIG as D, discriminatorParamCount } from './core/discriminator';
import { ADAM_BETA1, ADAM_BETA2, DEFAULT_BATCH, DEFAULT_EMA_KIMG, DEFAULT_EMA_RAMPUP, DEFAULT_LR, DEFAULT_R1_GAMMA, R1_INTERVAL } from './core/ganTrainer';
import { FEATURE_DIM } from './core/oracle';
import { PROJECTOR_DEFAULTS as P } from './core/projector';

const n = (v: number) => v.toLocaleString('en-US');

export const DIFFERENCES: string[] = [
  `The domains are procedural ${IMAGE_SIZE} × ${IMAGE_SIZE} pictures drawn by our own rasteriser (${SUPERSAMPLE} × ${SUPERSAMPLE} supersampling), not photographs: cartoon faces (yaw, smile, hair luminance and length, glasses in ${Math.round(GLASSES_PROBABILITY * 100)}%, background tint) stand in for FFHQ, and critters (their own yaw, fur luminance, ear length, mouth opening; no glasses; one fixed background) for AFHQ dogs and cats. No parameter of one is tied to the other: any correspondence the child shows has emerged.`,
  `The generator is StyleGAN2's at toy size: z and w of ${G.zDim} dimensions (512 in the paper's models), a ${G.mappingLayers}-layer mapping network trained at lr × ${G.mappingLrMul} with equalised learning rate, a learned 4 × 4 constant, modulated 3 × 3 convolutions with demodulation at 4, 8, 16 and 32 px with ${G.channels.join(', ')} channels, and toRGB skips: ${n(generatorParamCount(G))} parameters.`,
  'Dropped from StyleGAN2: noise inputs, style mixing, path-length regularisation, the [1, 3, 3, 1] resampling filters (bilinear ×2 upsampling, then a 3 × 3 convolution, instead of a transposed convolution) and ADA augmentation.',
  `The discriminator is a small residual one (channels ${D.channels.join(', ')} from 32 px down to 4 px, average pooling instead of blur and stride, minibatch standard deviation over groups of ${D.mbstdGroup}): ${n(discriminatorParamCount(D))} parameters; leaky ReLU is written 0.8·relu(x) + 0.2·x, because tfjs's leaky ReLU has no second-order gradient and R1 needs one.`,
  `Training follows StyleGAN2-ADA's 32 px 'cifar' settings at batch ${DEFAULT_BATCH}: Adam with learning rate ${DEFAULT_LR}, β1 = ${ADAM_BETA1}, β2 = ${ADAM_BETA2}; the non-saturating loss; lazy R1 on the reals every ${R1_INTERVAL} steps with γ = ${DEFAULT_R1_GAMMA}, added to that step's discriminator loss (StyleGAN2 takes a separate optimiser step for it); an EMA of G with a half-life of ${DEFAULT_EMA_KIMG}k images, ramped up over the first ${DEFAULT_EMA_RAMPUP * 100}% of the images seen.`,
  'The child starts from all of the parent\'s G, D and G_ema with a fresh Adam, as a StyleGAN2-ADA run resumed from a pickle does; the official repository has no training script (its README says to fine-tune with --resume), so the length of our fine-tune is our choice.',
  `Attributes are read by our own oracles, small CNNs trained on renders with known parameters, and image quality by fd, a Fréchet distance in an oracle's ${FEATURE_DIM} pooled features against held-out renders: it is not FID (no Inception network) and its values are not comparable with FID values.`,
  `Translation inverts an image into the parent's Z as the official projector_z.py does (z from zero, Adam at learning rate ${P.initialLearningRate} with its ramps, z noise ${P.initialNoiseFactor} fading over the first ${P.noiseRampLength * 100}%, ${P.steps} steps), but the distance is pixel MSE, optionally plus the MSE between a face oracle's pooled features as a perceptual stand-in, instead of LPIPS-VGG (a pretrained VGG network we do not ship); with no noise inputs there is no noise regularisation.`,
  'Morphing lerps the W+ codes and the synthesis weights (constant, affine, convolutions, toRGB; not the mapping) with one t, as the official MergeFace.py does; its endpoints are our generators\' own mappings of z (MergeFace.py\'s --target_is_z variant) or projections, not e4e encoder inversions (we train no encoder).',
];
