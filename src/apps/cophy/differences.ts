/**
 * How this demo differs from Filtered-CoPhy (Janny et al., ICLR 2022, arXiv 2202.00368) and from its
 * official code (filteredcophy/FilteredCoPhy @151a2fd), in plain sentences, for the page's "how this
 * differs" list. `differences.test.ts` checks the numbers written out against the code.
 * So far this covers the BallsCF data (core/): simulator, do-operations, filter, dataset and renderer, and
 * the de-rendering model and its trainer (core/derendering.ts, core/derenderTrainer.ts).
 */
import { DATASET_SIZES, PAPER_SIZES } from './core/dataset';
import { EPSILON } from './core/filter';
import { MAX_SHIFT_TRIALS, REMOVE_PROBABILITY } from './core/interventions';
import { DEFAULT_BALLS, DEFAULT_SUBSTEPS, LINEAR_DAMPING, RESTITUTION_VELOCITY_THRESHOLD } from './core/simulator';
import { IMAGE_SIZE, SUPERSAMPLE } from './core/render';
import { DEFAULT_DERENDER_CONFIG as D, OFFICIAL_DERENDER_WIDTHS as O, mapSizeOf, paramCount } from './core/derendering';
import { DEFAULT_DERENDER_BATCH, DEFAULT_DERENDER_LR, MAX_SOURCE_T, OFFICIAL_BATCH, OFFICIAL_LR, PAIR_OFFSET } from './core/derenderTrainer';

const k = (v: number) => `${(v / 1000).toFixed(1)}k`;

export const DIFFERENCES: string[] = [
  `BallsCF scenes have N = ${DEFAULT_BALLS} balls by default (the paper's BallsCF has 4; 4 is an option): every candidate is simulated under all 2^N mass combinations from A and from C, and with 3 balls that is 16 rollouts instead of 32.`,
  `The physics is our own deterministic 2-D simulator, not PyBullet: ${DEFAULT_SUBSTEPS} sub-steps per 25 fps frame, each colliding pair moved back to its moment of contact before the impulse. The official generator takes one 0.04 s Bullet step per frame (numSubSteps 0, generate_balls.py l. 187) and resolves contacts from overlapping positions, so its collision angles differ slightly from ours. The geometry is the official one: radius 0.5, walls at ±4.3, starts and velocities uniform in (−3, 3)², starts at least 1 apart, friction 0, masses 1 or 10.`,
  'Ball–wall hits are elastic. The official walls are urdf/plane_white/plane.urdf, whose contact block sets restitution 1 (l. 6), and Bullet multiplies the two bodies’ restitutions (the balls set 1, generate_balls.py l. 538), so 1·1 = 1; only the floor sets none (which keeps the balls on it). Our issue expected inelastic walls; we follow the files. We could not check a released video (the dataset is on Zenodo, out of reach here); the simulator’s wallRestitution option gives the other reading.',
  `We keep two PyBullet defaults the generator leaves alone: linear damping ${LINEAR_DAMPING} (speeds fall to 0.96 of themselves each second, 78% after the 6 s of a video) and no bounce for contacts closing slower than ${RESTITUTION_VELOCITY_THRESHOLD} (Bullet's restitution velocity threshold).`,
  `Shifts follow the official sampler (a random ball and axis; amplitudes of at least 0.5 on a 0.1 grid within 90% of the room; at most ${MAX_SHIFT_TRIALS} trials per AB; removal in ${Math.round(REMOVE_PROBABILITY * 100)}% of the examples, one trial), with one fix: the official room is [x − 3.5, 3.5 − x] (generate_balls.py l. 370–371), which for a ball on the negative side allows shifts that start it beyond the wall; we use [−3.5 − x, 3.5 − x].`,
  'A removal drops the last ball, as the official remove_ball does (l. 374–379); the colours are shuffled per example, so which colour disappears is random.',
  'Mass balance: the official generator gives each new example the least-used mass combination and keeps it until a valid example is found (l. 114–124), which amounts to combination i mod 2^N for the i-th example; we use that directly and draw each example from its own random stream, so one example can be regenerated from the seed and its index alone.',
  `Dataset sizes: ${DATASET_SIZES.train.toLocaleString('en-US')} training, ${DATASET_SIZES.val} validation and ${DATASET_SIZES.test} test examples, against the paper's ${k(PAPER_SIZES.train)} / ${k(PAPER_SIZES.val)} / ${k(PAPER_SIZES.test)}. We store trajectories only and render frames when they are needed.`,
  `Filtering is the official one with ε = ${EPSILON} in the official units: per object, the Euclidean position error summed over the 150 frames; trajectories differ when any object's sum exceeds ε. The counterfactuality test comes first, as in the official code. Besides the official list of counterfactual balls (whose mass flip changes CD), each example keeps the balls whose mass changes AB or CD. Our ε sweep is measured on unfiltered BallsCF candidates; the paper's Fig. 7 used BlocktowerCF.`,
  `Frames are ${IMAGE_SIZE} × ${IMAGE_SIZE} RGB (the paper renders at 448² and ships 112²), drawn by our own code with ${SUPERSAMPLE} × ${SUPERSAMPLE} supersampling and Lambert shading, so Node and the browser give the same bytes. The camera is the official one (8 above the floor, 60° field of view, the world turned by 180°), so a ball is about 7 px across; the four floors are procedural stand-ins for the official textures (a blue–white checker, wood, dark tiles, granite), not copies.`,
  `De-rendering has half the official channel widths: encoder ${D.encoder.join(', ')} (official ${O.encoder.join(', ')}), pose branch ${D.poseChannels} (${O.poseChannels}), refiner ${D.decoder.join(', ')} (${O.decoder.join(', ')}); the dense map F keeps the official ${D.featureChannels} channels. The coefficient MLP is ${mapSizeOf(D) ** 2} → ${D.mlpHidden.join(' → ')} → C+1 instead of 784 → ${O.mlpHidden.join(' → ')} → C+1 (about 4.2M weights in the official MLP alone). ${paramCount(D).toLocaleString('en-US')} parameters in all.`,
  `Frames are ${D.imageSize}² and the maps ${mapSizeOf(D)}² (official 112² and 28²). The keypoint Gaussian keeps the official width in grid steps: std 0.1 on the 28² grid is 1.35 steps, so ours is ${D.std.toFixed(2)} in the same [−1, 1] coordinates (exp(−d²/std²), as gaussian_map).`,
  'Convolutions inside conv–batch-norm–ReLU blocks have no bias (batch norm cancels it). Stride-2 convolutions use tfjs "same" padding, which pads one pixel at the bottom and right only where torch pads one on each side, so our maps sit half an input pixel off the official ones; the soft-argmax coordinates are learned, so only the pixel mapping of the keypoints shifts.',
  `De-rendering is trained with Adam at learning rate ${DEFAULT_DERENDER_LR} on batches of ${DEFAULT_DERENDER_BATCH} frame pairs for about 3,000 steps (official: ${OFFICIAL_LR} on batches of ${OFFICIAL_BATCH}, 10 epochs of 27.7k videos, about 4,300 steps): the larger rate makes up for the shorter run. The pairs are as official: CD frames t ∈ [0, ${MAX_SOURCE_T}] and t + ${PAIR_OFFSET}, pixels 2·(v/255) − 1, loss 1e4·MSE + 0.1·Sobel-gradient MSE.`,
];

/** How the metrics, the baselines and the mass probe differ (core/metrics.ts, core/evaluate.ts, core/massProbe.ts, experiment.ts). */
export const METRIC_DIFFERENCES: string[] = [
  'PSNR and L-PSNR are computed as the official evaluate_pipeline.py computes them (per frame, data range 2, 1e-4 added to the prediction, averaged over time with t = 0 included), and the L-PSNR mask as background_substraction.py (squared RGB difference to the floor above 0.1, then a closing with the 3 × 3 cross). The background images are our renderer’s empty floors instead of the official PNGs, and the quick run scores pixels on every 5th frame only (the full run on all 150).',
  'Keypoint MSE is what the code computes (keypoints only, against the encoder’s keypoints of the true D, ×10⁻³ as the paper prints it); the paper’s Table 2 caption says keypoints + coefficients, which we report beside it as the state MSE (keypoints, coefficients and gate).',
  'Copy-B and Copy-C are also scored in pixels, which the paper calls unusable (a copy is perfect on the static background); note too that L-PSNR only looks inside the true frame’s mask, so Copy-B is nearly perfect under it after a removal whose ball never touched the others.',
  'The mass-swap ablation takes u from the same start A simulated under the mass combination that changes CD the most, so only the masses differ; the issue’s wording (u from another example with different masses) would also change the velocities u carries.',
  'The mass probe is a linear (L2 logistic) probe from each ball’s matched u_k to its mass, trained on training-split examples and scored on the test balls whose mass flip changes AB or CD (the paper’s “corrected accuracy”, Table 6a, was a supervised graph network on ground-truth BlocktowerCF states). Balls are matched to keypoints at t = 0 by the assignment with the smallest total distance, through the renderer’s camera.',
  'Every metric carries a percentile bootstrap 95% interval over test examples (the paper reports none).',
];
DIFFERENCES.push(...METRIC_DIFFERENCES);
