/**
 * One BallsCF example through a counterfactual model, scored as evaluate_pipeline.py scores it
 * (filteredcophy/FilteredCoPhy @151a2fd, l. 51–80 and 114–151; arXiv 2202.00368 §5):
 *
 *   AB and CD frames → states (the model's encoder) → u from AB → rollout from C's state → D̂ states
 *   → D̂ frames decoded with the features of C → PSNR, L-PSNR against the true D frames, keypoint MSE
 *   against the encoder's keypoints of the true D frames.
 *
 * Beside the model, the same example gives the copying baselines (Copy-B: D̂(t) = AB(t); Copy-C: D̂(t) =
 * C), the rollout with u = 0, and the rollout with a **mass-swapped** u: u abducted from AB′, the run from
 * the same A (same positions and velocities) under the mass combination z′ ≠ z that changes CD the most.
 * Only the masses differ between AB and AB′, so the swap isolates what u knows about masses; a zeroed u
 * also removes what u knows about velocities (C's velocities cannot be seen in one frame).
 */
import type { CounterfactualModel, KeypointStates } from './counterfactualModel';
import { selectFrames, strideTimes } from './counterfactualModel';
import type { Example } from './dataset';
import { framesToFloat } from './derendering';
import { determinedObjects, simulateCandidate, trajectoryDistance } from './filter';
import { probeSamples, type ProbeFeatures, type ProbeSample } from './massProbe';
import { floorBackgrounds, keypointMse, removeBackground, stateMse, videoPixelScores } from './metrics';
import { partColors, renderFrame } from './render';
import { massesOfCombination, simulate, type SimOptions, type Trajectory } from './simulator';
import { BALLS_VIDEO_SOURCE, type VideoPart, type VideoSource } from './videoSource';

/**
 * What the evaluation needs of a scenario beyond the model: its frames (a VideoSource), the mass swap,
 * the empty floors that remove_background compares against, and what the probe and the kept fraction
 * read of an example. BallsCF's is BALLS_EVALUATION; the 3-D scenarios' is in core3d/evaluation3d.ts.
 */
export interface EvaluationKit<E> {
  readonly source: VideoSource<E>;
  /** z′ and its AB frames at the given times (see the file comment) */
  massSwap(example: E, times: readonly number[], size: number): { combination: number; cdDistance: number; abFrames: Float32Array };
  /** the floors' empty images, one per floor index */
  backgrounds(size: number): Uint8Array[];
  masses(example: E): readonly number[];
  consequentialObjects(example: E): readonly number[];
  counterfactualObjects(example: E): readonly number[];
  /** candidates the filter judged for this example (itself and the rejected ones) */
  filterJudged(example: E): number;
  /** objects of A whose mass AB pins down (filter.ts determinedObjects), where the kit can afford to say */
  determinedObjects?(example: E): readonly number[];
  /** what the mass probe reads of u (core/massProbe.ts ProbeFeatures; 'own' when absent) */
  readonly probeFeatures?: ProbeFeatures;
}

/** BallsCF's evaluation kit; `sim` reaches the mass swap's simulations. */
export function ballsEvaluation(sim?: SimOptions): EvaluationKit<Example> {
  return {
    source: BALLS_VIDEO_SOURCE,
    massSwap: (example, times, size) => {
      const swap = massSwapFor(example, sim);
      return { combination: swap.combination, cdDistance: swap.cdDistance, abFrames: trajectoryFrames(swap.ab, partColors(example, 'ab'), example.floor, times, size) };
    },
    backgrounds: (size) => floorBackgrounds(size),
    masses: (e) => e.masses,
    consequentialObjects: (e) => e.consequentialObjects,
    counterfactualObjects: (e) => e.counterfactualObjects,
    filterJudged: (e) => 1 + e.stats.notCounterfactual + e.stats.notIdentifiable,
    // 2^N simulations of A and of C, as the filter ran them when it kept the example
    determinedObjects: (e) => determinedObjects(simulateCandidate(e.a, e.c, e.combination, { sim }).distances),
    // only mass ratios act in BallsCF, so the probe compares a ball's code with the others' (core/massProbe.ts)
    probeFeatures: 'relative',
  };
}

export interface MassSwap {
  /** z′: the combination whose CD is farthest from the true one (the first on ties). */
  combination: number;
  /** Its CD distance to the true CD (the filter's per-object summed error, largest object). */
  cdDistance: number;
  /** AB under z′. */
  ab: Trajectory;
}

/**
 * z′ of the mass swap: among the mass combinations other than the example's, the one whose CD (C's
 * objects under z′'s masses, measured by `cdDistance`) is farthest from the true CD; the first on ties.
 * Combinations that give C's objects the same masses are measured once.
 */
export function farthestCombination(n: number, combination: number, cObjects: readonly number[], cdDistance: (masses: number[]) => number): { combination: number; cdDistance: number } {
  const cache = new Map<string, number>();
  let best = -1;
  let bestDistance = -1;
  for (let z = 0; z < 1 << n; z++) {
    if (z === combination) continue;
    const all = massesOfCombination(z, n);
    const masses = cObjects.map((k) => all[k]);
    const key = masses.join(',');
    let d = cache.get(key);
    if (d === undefined) {
      d = cdDistance(masses);
      cache.set(key, d);
    }
    if (d > bestDistance) {
      bestDistance = d;
      best = z;
    }
  }
  return { combination: best, cdDistance: bestDistance };
}

/** The mass swap of an example (see the file comment). */
export function massSwapFor(example: Pick<Example, 'n' | 'combination' | 'a' | 'c' | 'cd'>, sim?: SimOptions): MassSwap {
  const swap = farthestCombination(example.n, example.combination, example.c.objects, (masses) => trajectoryDistance(simulate(example.c.scene, masses, sim), example.cd));
  return { ...swap, ab: simulate(example.a, massesOfCombination(swap.combination, example.n), sim) };
}

/** Frames of an example's AB or CD at the given times, as one [−1, 1] float buffer. */
export function exampleFrames<E>(source: VideoSource<E>, example: E, part: VideoPart, times: readonly number[], size: number): Float32Array {
  return framesToFloat(times.map((t) => source.render(example, part, t, size)));
}

function trajectoryFrames(trajectory: Trajectory, colors: readonly number[], floor: number, times: readonly number[], size: number): Float32Array {
  return framesToFloat(times.map((t) => renderFrame(trajectory, t, colors, floor, size)));
}

function frameViews(buffer: Float32Array, count: number): Float32Array[] {
  const px = buffer.length / count;
  return Array.from({ length: count }, (_, i) => buffer.subarray(i * px, (i + 1) * px));
}

export interface ExampleEvaluation {
  index: number;
  /** Video frame times of the states compared (the model's time stride). */
  times: number[];
  /** Video frame times of the pixel scores. */
  pixelTimes: number[];
  /** Keypoint MSE (not scaled). */
  kpmse: { ours: number; copyB: number; copyC: number; zeroU: number; massSwap: number };
  /** MSE over keypoints, coefficients and gate. */
  statemse: { ours: number; copyB: number; copyC: number };
  /** Time-averaged PSNR and L-PSNR, and per pixel time. */
  psnr: { ours: number; copyB: number; copyC: number; recon: number };
  lpsnr: { ours: number; copyB: number; copyC: number; recon: number };
  psnrCurve: { ours: number[]; copyB: number[]; copyC: number[]; recon: number[] };
  lpsnrCurve: { ours: number[]; copyB: number[]; copyC: number[]; recon: number[] };
  /** The floor remove_background picked (should be the example's). */
  maskFloor: number;
  massSwap: { combination: number; cdDistance: number };
  /** The balls of A with their matched keypoint's u, for the mass probe. */
  probe: ProbeSample[];
  /** Candidates the filter judged for this example (itself and the rejected ones), for the kept fraction. */
  filterJudged: number;
}

export interface EvaluateOptions {
  /** Score pixels every this many video frames (1: all, as the official code). */
  pixelStride?: number;
  /** Also run the u = 0 and mass-swap rollouts (default true). */
  ablations?: boolean;
  /** BallsCF's simulator options for the mass swap (when no kit is given) */
  sim?: SimOptions;
}

function checkStates(name: string, s: KeypointStates, frames: number, model: CounterfactualModel): void {
  if (s.frames !== frames || s.keypoints !== model.keypoints || s.stateSize !== model.stateSize) {
    throw new Error(`${model.name}: ${name} gave ${s.frames}×${s.keypoints}×${s.stateSize} states, expected ${frames}×${model.keypoints}×${model.stateSize}`);
  }
}

/** The states and u of an AB run (also what the probe needs from a training example). */
export function abductExample(model: CounterfactualModel, example: Example, index: number): { states: KeypointStates; u: Float32Array; probe: ProbeSample[] };
export function abductExample<E>(model: CounterfactualModel, example: E, index: number, kit: EvaluationKit<E>): { states: KeypointStates; u: Float32Array; probe: ProbeSample[] };
export function abductExample<E>(model: CounterfactualModel, example: E, index: number, kit?: EvaluationKit<E>): { states: KeypointStates; u: Float32Array; probe: ProbeSample[] } {
  const k = kit ?? (ballsEvaluation() as unknown as EvaluationKit<E>);
  const size = model.imageSize;
  const times = strideTimes(k.source.frames(example, 'ab'), model.timeStride);
  const states = model.extract(exampleFrames(k.source, example, 'ab', times, size), times.length);
  checkStates('extract', states, times.length, model);
  const u = model.confounder(states);
  if (u.length !== model.keypoints * model.confounderSize) throw new Error(`${model.name}: confounder gave ${u.length} numbers, expected ${model.keypoints} × ${model.confounderSize}`);
  // A's objects at t = 0 in keypoint coordinates: (row, column) in [−1, 1], pixel p ↦ 2p/S − 1
  const objects = k.source.objectPixels(example, 'ab', 0, size).map(([x, y]) => [(2 * y) / size - 1, (2 * x) / size - 1] as [number, number]);
  const labels = {
    masses: k.masses(example),
    consequentialObjects: k.consequentialObjects(example),
    counterfactualObjects: k.counterfactualObjects(example),
    determinedObjects: k.determinedObjects?.(example),
  };
  return { states, u, probe: probeSamples(labels, index, states, u, model.confounderSize, objects) };
}

export function evaluateExample(model: CounterfactualModel, example: Example, index: number, opts?: EvaluateOptions): ExampleEvaluation;
export function evaluateExample<E>(model: CounterfactualModel, example: E, index: number, opts: EvaluateOptions, kit: EvaluationKit<E>): ExampleEvaluation;
export function evaluateExample<E>(model: CounterfactualModel, example: E, index: number, opts: EvaluateOptions = {}, kit?: EvaluationKit<E>): ExampleEvaluation {
  const k = kit ?? (ballsEvaluation(opts.sim) as unknown as EvaluationKit<E>);
  const size = model.imageSize;
  const pixelStride = opts.pixelStride ?? 1;
  const ablations = opts.ablations ?? true;
  const times = strideTimes(k.source.frames(example, 'cd'), model.timeStride);
  const steps = times.length - 1;

  const ab = abductExample(model, example, index, k);
  const cdFrames = exampleFrames(k.source, example, 'cd', times, size);
  const cd = model.extract(cdFrames, times.length);
  checkStates('extract', cd, times.length, model);
  const c = selectFrames(cd, [0]);

  const rollout = (u: Float32Array) => {
    const states = model.rollout(c, u, steps);
    checkStates('rollout', states, times.length, model);
    return states;
  };
  const ours = rollout(ab.u);
  const copyB = ab.states;
  const copyC = selectFrames(cd, new Array<number>(times.length).fill(0));

  let zeroU = NaN;
  let massSwapMse = NaN;
  let swapInfo = { combination: -1, cdDistance: NaN };
  if (ablations) {
    zeroU = keypointMse(cd, rollout(new Float32Array(ab.u.length)));
    const swap = k.massSwap(example, times, size);
    swapInfo = { combination: swap.combination, cdDistance: swap.cdDistance };
    const swapStates = model.extract(swap.abFrames, times.length);
    massSwapMse = keypointMse(cd, rollout(model.confounder(swapStates)));
  }

  // Pixels: the model's times that fall on the pixel stride.
  const pixelIndex = times.map((t, i) => (t % pixelStride === 0 ? i : -1)).filter((i) => i >= 0);
  const cdViews = frameViews(cdFrames, times.length);
  const abFrames = exampleFrames(k.source, example, 'ab', pixelIndex.map((i) => times[i]), size);
  const truth = pixelIndex.map((i) => cdViews[i]);
  const { floor, masks: allMasks } = removeBackground(cdViews, size, k.backgrounds(size));
  const masks = pixelIndex.map((i) => allMasks[i]);
  const decoded = frameViews(model.decode(selectFrames(ours, pixelIndex), cdViews[0]), pixelIndex.length);
  const videoFrames = k.source.frames(example, 'cd');
  const sOurs = videoPixelScores(truth, decoded, masks, { videoFrames });
  const sCopyB = videoPixelScores(truth, frameViews(abFrames, pixelIndex.length), masks, { videoFrames });
  const sCopyC = videoPixelScores(truth, truth.map(() => cdViews[0]), masks, { videoFrames });
  // The decoder's ceiling: D decoded from the encoder's own keypoints of the true D, with C's features
  // (evaluate_pipeline.py l. 77 and 142, its GT_PSNR; the official code scores it without the mask, we do both). Ours cannot beat it by more than chance.
  const recon = frameViews(model.decode(selectFrames(cd, pixelIndex), cdViews[0]), pixelIndex.length);
  const sRecon = videoPixelScores(truth, recon, masks, { videoFrames });

  return {
    index,
    times,
    pixelTimes: pixelIndex.map((i) => times[i]),
    kpmse: { ours: keypointMse(cd, ours), copyB: keypointMse(cd, copyB), copyC: keypointMse(cd, copyC), zeroU, massSwap: massSwapMse },
    statemse: { ours: stateMse(cd, ours), copyB: stateMse(cd, copyB), copyC: stateMse(cd, copyC) },
    psnr: { ours: sOurs.meanPsnr, copyB: sCopyB.meanPsnr, copyC: sCopyC.meanPsnr, recon: sRecon.meanPsnr },
    lpsnr: { ours: sOurs.meanLpsnr, copyB: sCopyB.meanLpsnr, copyC: sCopyC.meanLpsnr, recon: sRecon.meanLpsnr },
    psnrCurve: { ours: sOurs.psnr, copyB: sCopyB.psnr, copyC: sCopyC.psnr, recon: sRecon.psnr },
    lpsnrCurve: { ours: sOurs.lpsnr, copyB: sCopyB.lpsnr, copyC: sCopyC.lpsnr, recon: sRecon.lpsnr },
    maskFloor: floor,
    massSwap: swapInfo,
    probe: ab.probe,
    filterJudged: k.filterJudged(example),
  };
}
