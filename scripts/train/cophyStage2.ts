/**
 * The keypoint and CoDy stages of scripts/train/cophy.ts (its header says what they write). Kept apart
 * from the de-rendering stage only for length.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initNodeBackend } from '../../src/shared/tf/node';
import { commit, r6, ROOT, writeFileAtomic, unparkCheckpoint } from './common';
import { DATASET_SIZES, generateSplit, type Split } from '../../src/apps/cophy/core/dataset';
import { DEFAULT_DERENDER_CONFIG, DerenderModel, unpackWeights, type DerenderConfig } from '../../src/apps/cophy/core/derendering';
import { extractStates, strideTimes, withVelocities } from '../../src/apps/cophy/core/keypointStates';
import { COLOUR_ENCODER_ID, ColourKeypointRenderer } from '../../src/apps/cophy/core/referenceModels';
import { DerenderStateRenderer } from '../../src/apps/cophy/core/shippedModel';
import type { StateRenderer } from '../../src/apps/cophy/core/counterfactualModel';
import { IMAGE_SIZE } from '../../src/apps/cophy/core/render';
import { DEFAULT_BALLS, FRAMES } from '../../src/apps/cophy/core/simulator';
import {
  DEFAULT_CODY_CONFIG,
  OFFICIAL_CODY_SIZES,
  codyLossTf,
  codyParamCount,
  codyWeightLayout,
  lossTarget,
  packCodyWeights,
  timeMajor,
  type CodyConfig,
} from '../../src/apps/cophy/core/cody';
import { CodyTrainer, type CodyCheckpoint, type CodyExample } from '../../src/apps/cophy/core/codyTrainer';
import { BALLS_VIDEO_SOURCE, type VideoSource } from '../../src/apps/cophy/core/videoSource';
import { PHYSICS_3D, type Scenario3d } from '../../src/apps/cophy/core3d/dataset3d';
import { VIDEO_SOURCE_3D } from '../../src/apps/cophy/core3d/videoSource3d';
import { initPhysics, physicsFingerprint } from '../../src/apps/cophy/core3d/physics';
import { ReduceLrOnPlateau, type ReduceLrOnPlateauState } from '../../src/shared/tf/reduceLrOnPlateau';
import { trainingExamples3d } from './cophy3dData';

const SCRIPT = 'npx tsx scripts/train/cophy.ts';

export interface StageArgs {
  steps: number;
  seed: number;
  dataSeed: number;
  batch: number;
  lr: number;
  backend: 'wasm' | 'cpu';
  resume: boolean;
  out: string;
  checkpoint: string | null;
  checkpointMinutes: number;
  evalEvery: number;
  /**
   * the de-rendering weights (null: <out>/derender.bin), 'random' for a smoke test, or 'colour' for the exact
   * keypoints of the colour-centroid reference (BallsCF only): a diagnostic of what CoDy learns without the
   * de-rendering's errors, with its own keypoint cache and checkpoint names (…-colour), never shipped
   */
  derender: string | null;
  stride: number;
  /** training examples to use (the first N of the split) */
  examples: number;
  /** CoDy's training rollout (null: the whole strided video) */
  horizon: number | null;
  /** CoDy's learning rate: constant (what the first shipped weights used) or the official ReduceLROnPlateau */
  lrSchedule: LrScheduleName;
  /** CoDy's widths: the demo's narrower model (DEFAULT_CODY_CONFIG) or the official ones (OFFICIAL_CODY_SIZES) */
  codySize: CodySizeName;
  /** BallsCF (part 1) or a 3-D scenario (part 2, issue #14) */
  scenario: Scenario;
  /**
   * a diagnostic (issue #12), never shipped: C's state carries its starting velocity (CD's first finite difference,
   * `withStartVelocity`) instead of the official zero, so that u need not carry the velocities from AB
   */
  cVelocity: boolean;
}

export type Scenario = 'balls' | Scenario3d;

export type LrScheduleName = 'constant' | 'plateau';

export type CodySizeName = 'shipped' | 'official';

/** CoDy's config for the extracted states: the demo's widths, or with `official` those of train_cody.py l. 107–113. */
export const codyConfigFor = (size: CodySizeName, keypoints: number, raw: number): CodyConfig => ({
  ...DEFAULT_CODY_CONFIG,
  ...(size === 'official' ? OFFICIAL_CODY_SIZES : {}),
  keypoints,
  stateSize: 2 * raw,
});

/**
 * train_cody.py l. 116–117 and 137: ReduceLROnPlateau(factor 0.5, patience 10, min_lr 1e-5), stepped after every
 * epoch on the validation loss. Our epochs are passes over our (smaller) training set, so 10 epochs of patience are
 * fewer steps than the official ones.
 */
export const OFFICIAL_CODY_PLATEAU = { factor: 0.5, patience: 10, minLr: 1e-5 } as const;

/** The flag to repeat in a command for this scenario ('' for BallsCF, the default). */
export const scenarioFlag = (scenario: Scenario) => (scenario === 'balls' ? '' : ` --scenario ${scenario}`);

/** Checkpoint and cache names: BallsCF's as they were before the 3-D scenarios, the others prefixed. */
export const scenarioPrefix = (scenario: Scenario) => (scenario === 'balls' ? 'cophy' : `cophy-${scenario}`);

/** Frames per video of the scenario (150; CollisionCF 75). */
export const scenarioFrames = (scenario: Scenario) => (scenario === 'balls' ? FRAMES : PHYSICS_3D[scenario].frames);

/** The first `count` examples of a split with the source that draws them. */
export async function scenarioExamples(scenario: Scenario, dataSeed: number, split: Split, count: number): Promise<{ examples: readonly unknown[]; source: VideoSource<unknown> }> {
  if (scenario === 'balls') {
    // Example i is the same whatever the count (dataset.ts generateExample), so --examples may go past the
    // demo's 1,000 training examples (the paper has 27.7k) without changing the first 1,000.
    const examples = generateSplit(dataSeed, split, count).examples;
    return { examples, source: BALLS_VIDEO_SOURCE as VideoSource<unknown> };
  }
  return { examples: await trainingExamples3d(scenario, split, dataSeed, count), source: VIDEO_SOURCE_3D as VideoSource<unknown> };
}

interface KeypointFileInfo {
  split: Split;
  dataSeed: number;
  stride: number;
  frames: number;
  keypoints: number;
  raw: number;
  /** sha256 of the de-rendering weights (or 'random/<seed>') */
  encoder: string;
  examples: number;
  done: number;
  msPerFrame: number | null;
  /** 3-D scenarios: physicsFingerprint() of the simulations the frames came from (null for BallsCF) */
  physics?: string | null;
}

/**
 * What a cache of the scenario's keypoints depends on besides the encoder: the physics that simulated its frames
 * (physicsFingerprint) for a 3-D scenario, whose frames come from simulating its records; null for BallsCF.
 */
export async function scenarioPhysics(scenario: Scenario): Promise<string | null> {
  if (scenario === 'balls') return null;
  await initPhysics();
  return physicsFingerprint();
}

/**
 * Why a checkpoint cannot be resumed under the physics in use now (null when it can): its frames were simulated
 * with `saved` (absent in checkpoints made before the fingerprint), and continuing would mix two simulations'
 * frames in one run. Both training stages of a 3-D scenario check it; BallsCF's physics is null on both sides.
 */
export function physicsResumeProblem(checkpointPath: string, saved: string | null | undefined, now: string | null): string | null {
  if ((saved ?? null) === now) return null;
  return `--resume: ${checkpointPath} was trained on frames simulated with other physics (${saved ?? 'before the fingerprint'}, now ${now}); start without --resume`;
}

/** `--derender colour`: CoDy on the colour-centroid reference's exact keypoints instead of a trained encoder's. */
export const COLOUR_STATES = 'colour';

/** The suffix that keeps the colour diagnostic's caches and checkpoints apart from the de-rendering's. */
const statesTag = (args: Pick<StageArgs, 'derender'>) => (args.derender === COLOUR_STATES ? '-colour' : '');

/** The flag to repeat in a command for the colour diagnostic ('' for a trained encoder's keypoints). */
const statesFlag = (args: Pick<StageArgs, 'derender'>) => (args.derender === COLOUR_STATES ? ` --derender ${COLOUR_STATES}` : '');

const keypointPath = (scenario: Scenario, split: Split, stride: number, tag: string) => join(ROOT, `.cache/train/${scenarioPrefix(scenario)}-keypoints-${split}-s${stride}${tag}`);

/** Keypoint extraction runs the encoder on this many frames at a time. */
const EXTRACT_CHUNK = 20;

function loadEncoder(args: StageArgs): { model: StateRenderer; id: string } {
  if (args.derender === COLOUR_STATES) {
    if (args.scenario !== 'balls') throw new Error('--derender colour is a BallsCF diagnostic (the colour-centroid reference reads the 2-D palette)');
    return { model: new ColourKeypointRenderer(IMAGE_SIZE, DEFAULT_BALLS), id: COLOUR_ENCODER_ID };
  }
  if (args.derender === 'random') return { model: new DerenderStateRenderer(DerenderModel.create(DEFAULT_DERENDER_CONFIG, args.seed), EXTRACT_CHUNK), id: `random/${args.seed}` };
  const bin = args.derender ?? join(args.out, 'derender.bin');
  const manifestPath = bin.replace(/\.bin$/, '.manifest.json');
  if (!existsSync(bin) || !existsSync(manifestPath)) throw new Error(`--stage keypoints needs trained de-rendering weights: ${bin} and its manifest (train --stage derender first, or pass --derender FILE)`);
  const bytes = readFileSync(bin);
  const config = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { config: DerenderConfig }).config;
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const { params, bn } = unpackWeights(config, data);
  return { model: new DerenderStateRenderer(new DerenderModel(config, params, bn), EXTRACT_CHUNK), id: createHash('sha256').update(bytes).digest('hex') };
}

/** --stage keypoints: encoder states of the training (first --examples) and validation examples, resumable. */
export async function trainKeypoints(args: StageArgs): Promise<void> {
  await initNodeBackend(args.backend);
  const { model, id } = loadEncoder(args);
  const k = model.keypoints;
  const raw = model.stateSize;
  const frames = strideTimes(scenarioFrames(args.scenario), args.stride).length;
  const per = 2 * frames * k * raw;
  const physics = await scenarioPhysics(args.scenario);
  for (const [split, count] of [
    ['val', DATASET_SIZES.val],
    ['train', args.examples],
  ] as const) {
    const path = keypointPath(args.scenario, split, args.stride, statesTag(args));
    const info: KeypointFileInfo = { split, dataSeed: args.dataSeed, stride: args.stride, frames, keypoints: k, raw, encoder: id, examples: count, done: 0, msPerFrame: null, physics };
    let values = new Float32Array(count * per);
    if (existsSync(`${path}.json`) && existsSync(`${path}.bin`)) {
      const old = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as KeypointFileInfo;
      if (old.encoder === id && old.dataSeed === args.dataSeed && old.stride === args.stride && old.keypoints === k && old.raw === raw && (old.physics ?? null) === physics) {
        const bytes = readFileSync(`${path}.bin`);
        const prev = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        info.done = Math.min(old.done, count);
        values.set(prev.subarray(0, info.done * per));
        if (info.done >= count) {
          values = values.subarray(0, count * per);
          console.error(`${split}: ${info.done} examples already extracted in ${path}.bin`);
          if (old.examples === count) continue;
        }
        if (info.done > 0) console.error(`${split}: continuing after ${info.done} examples`);
      } else console.error(`${split}: ${path}.json was made with another encoder, stride, data seed or physics; starting over`);
    }
    const t0 = performance.now();
    const { examples, source } = await scenarioExamples(args.scenario, args.dataSeed, split, count);
    console.error(`${split}: ${examples.length} examples generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${frames} frames per video (stride ${args.stride}), K = ${k}`);
    const save = () => {
      writeFileAtomic(`${path}.bin`, new Uint8Array(values.buffer, 0, info.done * per * 4));
      writeFileAtomic(`${path}.json`, JSON.stringify(info, null, 1));
    };
    let lastSave = Date.now();
    const started = performance.now();
    const first = info.done;
    const chunk = 10;
    while (info.done < count) {
      const part = examples.slice(info.done, Math.min(count, info.done + chunk));
      const states = extractStates(model, part, { stride: args.stride, chunk: EXTRACT_CHUNK, source });
      states.forEach((st, i) => {
        values.set(st.ab, (info.done + i) * per);
        values.set(st.cd, (info.done + i) * per + per / 2);
      });
      info.done += part.length;
      const elapsed = performance.now() - started;
      info.msPerFrame = r6(elapsed / ((info.done - first) * 2 * frames));
      const eta = ((count - info.done) * 2 * frames * info.msPerFrame) / 60000;
      console.error(`${split}: ${info.done}/${count} examples, ${info.msPerFrame.toFixed(2)} ms a frame, ETA ${eta.toFixed(1)} min`);
      if (Date.now() - lastSave > 120_000) {
        save();
        lastSave = Date.now();
      }
      await new Promise((r) => setImmediate(r));
    }
    save();
    console.error(`${split}: wrote ${path}.bin`);
  }
  model.dispose();
}

/**
 * `--diagnostic-c-velocity`: gives frame 0 of a velocity-augmented video (frames × keypoints × stateSize, the
 * velocities in the second half of each state) the velocities of frame 1, in place. The official loader sets
 * them to zero (Keypoints_Loaders.py l. 24–25), so C = CD[0] (train_cody.py l. 126) has no velocity and CoDy
 * must take each ball's starting velocity from u; with this, C's state holds it and u is left the masses.
 */
export function withStartVelocity(states: Float32Array, keypoints: number, stateSize: number): Float32Array {
  const raw = stateSize / 2;
  const frame = keypoints * stateSize;
  if (states.length < 2 * frame) throw new RangeError('withStartVelocity: a video needs at least 2 frames');
  for (let p = 0; p < keypoints; p++) {
    for (let q = raw; q < stateSize; q++) states[p * stateSize + q] = states[frame + p * stateSize + q];
  }
  return states;
}

/** The extracted states of a split as CoDy examples (velocities added as Keypoints_Loaders.py l. 24–29). */
function loadStates(split: Split, args: StageArgs, limit: number, physics: string | null): { info: KeypointFileInfo; examples: CodyExample[] } {
  const path = keypointPath(args.scenario, split, args.stride, statesTag(args));
  if (!existsSync(`${path}.json`)) throw new Error(`no keypoints at ${path}.json: run --stage keypoints --stride ${args.stride}${scenarioFlag(args.scenario)}${statesFlag(args)} first`);
  const info = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as KeypointFileInfo;
  if (info.dataSeed !== args.dataSeed) throw new Error(`${path} was made with --data-seed ${info.dataSeed}`);
  if ((info.physics ?? null) !== physics) throw new Error(`${path} holds frames simulated with other physics (${info.physics ?? 'before the fingerprint'}, now ${physics}): run --stage keypoints${scenarioFlag(args.scenario)} --stride ${args.stride} again`);
  if (info.done < Math.min(limit, info.examples)) throw new Error(`${path} holds ${info.done} of ${info.examples} examples: finish --stage keypoints first`);
  const bytes = readFileSync(`${path}.bin`);
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const video = info.frames * info.keypoints * info.raw;
  const n = Math.min(limit, info.done);
  const examples: CodyExample[] = [];
  for (let e = 0; e < n; e++) {
    const ab = values.subarray(2 * e * video, (2 * e + 1) * video);
    const cd = values.subarray((2 * e + 1) * video, (2 * e + 2) * video);
    const cdStates = withVelocities(cd, info.frames, info.keypoints, info.raw);
    if (args.cVelocity) withStartVelocity(cdStates, info.keypoints, 2 * info.raw);
    examples.push({ ab: withVelocities(ab, info.frames, info.keypoints, info.raw), cd: cdStates });
  }
  return { info, examples };
}

interface CodySegment {
  command: string;
  seed: number;
  commit: string;
  backend: string;
  fromStep: number;
  toStep: number;
  minutes: number;
  /** means over the segment's last 25 steps */
  finalLoss: number;
  finalPredictionMse: number;
  finalAutoencodeMse: number;
  msPerStep: number;
  startedAt: string;
}

interface CodyCheckpointFile {
  stage: 'cody';
  dataSeed: number;
  stride: number;
  encoder: string;
  /** 3-D scenarios: the physics of the keypoints' frames (physicsFingerprint; absent in checkpoints made before it) */
  physics?: string | null;
  trainer: CodyCheckpoint;
  history: { step: number[]; loss: number[]; evalStep: number[]; valPredictionMse: number[]; valAutoencodeMse: number[] };
  segments: CodySegment[];
  /** the ReduceLROnPlateau state with --lr-schedule plateau (absent: a constant rate) */
  schedule?: ReduceLrOnPlateauState;
  /** with --lr-schedule plateau: the learning rate after each epoch's validation */
  lrHistory?: { epoch: number[]; step: number[]; lr: number[] };
}

/** Validation MSEs (prediction, autoencoding) of the full-length rollout, in batches; plain numbers out. */
function validate(config: CodyConfig, trainer: CodyTrainer, examples: readonly CodyExample[], frames: number): [number, number] {
  const { keypoints: k, stateSize: s } = config;
  const per = frames * k * s;
  let pred = 0;
  let auto = 0;
  for (let start = 0; start < examples.length; start += 16) {
    const part = examples.slice(start, start + 16);
    const b = part.length;
    const ab = new Float32Array(b * per);
    const cd = new Float32Array(b * per);
    part.forEach((e, i) => {
      ab.set(e.ab, i * per);
      cd.set(e.cd, i * per);
    });
    const v = tf.tidy(() => {
      const out = codyLossTf(
        config,
        trainer.params,
        tf.tensor4d(timeMajor(ab, b, frames, k, s), [frames, b, k, s]),
        tf.tensor4d(timeMajor(cd, b, frames, k, s), [frames, b, k, s]),
        tf.tensor4d(lossTarget(cd, b, frames, k, s), [frames, 2 * b, k, s]),
      );
      return tf.stack([out[1], out[2]]).dataSync();
    });
    pred += v[0] * b;
    auto += v[1] * b;
  }
  return [pred / examples.length, auto / examples.length];
}

/** --stage cody: CoDy on the frozen keypoint states; checkpoints, --resume, the weight file and its manifest. */
export async function trainCody(args: StageArgs, command: string): Promise<void> {
  await initNodeBackend(args.backend);
  const physics = await scenarioPhysics(args.scenario);
  const { info, examples: train } = loadStates('train', args, args.examples, physics);
  const { examples: val } = loadStates('val', args, DATASET_SIZES.val, physics);
  const config = codyConfigFor(args.codySize, info.keypoints, info.raw);
  const horizon = args.horizon ?? info.frames - 1;
  const trainer = new CodyTrainer(train, { seed: args.seed, frames: info.frames, batch: args.batch, learningRate: args.lr, config, horizon });
  console.error(
    `CoDy: ${codyParamCount(config).toLocaleString('en-US')} parameters, K = ${config.keypoints}, z = ${config.liftSize}; ${train.length} training and ${val.length} validation examples, ` +
      `${info.frames} frames (stride ${info.stride}), training rollout ${horizon} steps; backend ${args.backend}; batch ${args.batch}, lr ${args.lr}`,
  );
  // the schedule is part of the name, so a plateau run never resumes a constant-rate one (or the other way round)
  // and so are the official widths and a training set other than the default size (CodyTrainer.restore refuses
  // either mismatch; the name keeps such runs from meeting at all)
  const scheduleTag = args.lrSchedule === 'plateau' ? '-plateau' : '';
  const sizeTag = args.codySize === 'official' ? '-official' : '';
  const examplesTag = args.examples === DATASET_SIZES.train ? '' : `-n${args.examples}`;
  const cVelocityTag = args.cVelocity ? '-cvel' : '';
  const checkpointPath =
    args.checkpoint ??
    join(ROOT, `.cache/train/${scenarioPrefix(args.scenario)}-cody-s${args.stride}-h${horizon}${scheduleTag}${sizeTag}${examplesTag}${statesTag(args)}${cVelocityTag}.checkpoint.json`);
  const schedule = args.lrSchedule === 'plateau' ? new ReduceLrOnPlateau(args.lr, OFFICIAL_CODY_PLATEAU) : null;
  let file: CodyCheckpointFile = {
    stage: 'cody',
    dataSeed: args.dataSeed,
    stride: info.stride,
    encoder: info.encoder,
    physics,
    trainer: trainer.checkpoint(),
    history: { step: [], loss: [], evalStep: [], valPredictionMse: [], valAutoencodeMse: [] },
    segments: [],
    ...(schedule ? { schedule: schedule.state(), lrHistory: { epoch: [], step: [], lr: [] } } : {}),
  };
  if (args.resume) {
    unparkCheckpoint(checkpointPath);
    if (!existsSync(checkpointPath)) throw new Error(`--resume: no checkpoint at ${checkpointPath}; start without --resume`);
    file = JSON.parse(readFileSync(checkpointPath, 'utf8')) as CodyCheckpointFile;
    if (file.encoder !== info.encoder) throw new Error('--resume: the keypoints were re-extracted with another encoder since this checkpoint; start without --resume');
    const physicsProblem = physicsResumeProblem(checkpointPath, file.physics, physics);
    if (physicsProblem) throw new Error(physicsProblem);
    if ((file.schedule !== undefined) !== (schedule !== null)) {
      throw new Error(`--resume: ${checkpointPath} was trained with ${file.schedule ? '--lr-schedule plateau' : 'a constant rate'}, not --lr-schedule ${args.lrSchedule}`);
    }
    trainer.restore(file.trainer);
    if (schedule && file.schedule) schedule.restore(file.schedule);
    console.error(`resumed at step ${trainer.steps} from ${checkpointPath}${schedule ? ` (learning rate ${trainer.currentLearningRate})` : ''}`);
  }
  const started = Date.now();
  const segment: CodySegment = {
    command,
    seed: args.seed,
    commit: commit('src/apps/cophy/core'),
    backend: args.backend,
    fromStep: trainer.steps,
    toStep: trainer.steps,
    minutes: 0,
    finalLoss: NaN,
    finalPredictionMse: NaN,
    finalAutoencodeMse: NaN,
    msPerStep: NaN,
    startedAt: new Date().toISOString(),
  };
  const save = (why: string) => {
    segment.toStep = trainer.steps;
    segment.minutes = Number(((Date.now() - started) / 60000).toFixed(2));
    file.trainer = trainer.checkpoint();
    if (schedule) file.schedule = schedule.state();
    const others = file.segments.filter((s) => s.startedAt !== segment.startedAt && s.toStep > s.fromStep);
    file.segments = segment.toStep > segment.fromStep ? [...others, { ...segment }] : others;
    writeFileAtomic(checkpointPath, JSON.stringify(file));
    console.error(`checkpoint at step ${trainer.steps} (${why}) → ${checkpointPath}`);
  };
  let stopRequested: string | null = null;
  process.on('SIGINT', () => (stopRequested = 'SIGINT'));
  process.on('SIGTERM', () => (stopRequested = 'SIGTERM'));
  // the last validation's step and loss, so an epoch that ends on an --eval-every step does not validate twice
  let lastValidation = { step: -1, loss: NaN };
  const evaluate = () => {
    const [p, a] = validate(config, trainer, val, info.frames);
    file.history.evalStep.push(trainer.steps);
    file.history.valPredictionMse.push(r6(p));
    file.history.valAutoencodeMse.push(r6(a));
    console.error(`  validation at step ${trainer.steps}: prediction MSE ${p.toExponential(3)} (rollout of ${info.frames - 1} steps), autoencoding MSE ${a.toExponential(3)}`);
    lastValidation = { step: trainer.steps, loss: p + a };
    return lastValidation.loss;
  };
  // With the official schedule, the validation loss after every epoch steps ReduceLROnPlateau (train_cody.py
  // l. 136–137: the loss is 1e3·(prediction + autoencoding MSE), and the threshold is relative, so the sum serves).
  const endOfEpoch = (epochsBefore: number) => {
    if (!schedule || trainer.epochsCompleted === epochsBefore) return;
    const loss = lastValidation.step === trainer.steps ? lastValidation.loss : evaluate();
    const lowered = schedule.step(loss);
    trainer.setLearningRate(schedule.lr);
    file.lrHistory?.epoch.push(trainer.epochsCompleted);
    file.lrHistory?.step.push(trainer.steps);
    file.lrHistory?.lr.push(schedule.lr);
    if (lowered) console.error(`  epoch ${trainer.epochsCompleted}: no relative improvement for ${OFFICIAL_CODY_PLATEAU.patience + 1} epochs; learning rate now ${schedule.lr}`);
  };
  const window: { loss: number; p: number; a: number; ms: number }[] = [];
  const mean = (f: (w: (typeof window)[number]) => number) => window.reduce((x, w) => x + f(w), 0) / Math.max(1, window.length);
  let lastSave = Date.now();
  while (trainer.steps < args.steps) {
    const epochsBefore = trainer.epochsCompleted;
    const st = trainer.step();
    window.push({ loss: st.loss, p: st.predictionMse, a: st.autoencodeMse, ms: st.ms });
    if (window.length > 25) window.shift();
    segment.finalLoss = r6(mean((w) => w.loss));
    segment.finalPredictionMse = r6(mean((w) => w.p));
    segment.finalAutoencodeMse = r6(mean((w) => w.a));
    segment.msPerStep = Math.round(mean((w) => w.ms));
    if (st.step % 25 === 0) {
      file.history.step.push(st.step);
      file.history.loss.push(segment.finalLoss);
    }
    if (st.step % 10 === 0 || st.step === segment.fromStep + 1) {
      const eta = ((args.steps - st.step) * segment.msPerStep) / 60000;
      console.error(`step ${st.step}/${args.steps}: loss ${segment.finalLoss.toFixed(2)} (means of ${window.length}), ${st.ms.toFixed(0)} ms/step (mean ${segment.msPerStep}), ETA ${eta.toFixed(0)} min`);
    }
    if (args.evalEvery > 0 && st.step % args.evalEvery === 0) evaluate();
    endOfEpoch(epochsBefore);
    if (Date.now() - lastSave > args.checkpointMinutes * 60000) {
      save('every few minutes');
      lastSave = Date.now();
    }
    await new Promise((r) => setImmediate(r));
    if (stopRequested) {
      save(stopRequested);
      console.error(`stopped by ${stopRequested} at step ${trainer.steps}; continue with --resume`);
      process.exit(130);
    }
  }
  if (file.history.evalStep.at(-1) !== trainer.steps) evaluate();
  save('end');
  const packed = packCodyWeights(config, trainer.snapshot());
  writeFileAtomic(join(args.out, 'cody.bin'), new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
  const manifest = {
    file: 'cody.bin',
    scenario: args.scenario,
    dtype: 'float32',
    endianness: 'little',
    bytes: packed.byteLength,
    model: `Filtered-CoPhy CoDy (src/apps/cophy/core/cody.ts), ${args.codySize === 'official' ? 'the official widths' : `lifted state ${config.liftSize} (official ${OFFICIAL_CODY_SIZES.liftSize})`}`,
    config,
    parameters: codyParamCount(config),
    layout: codyWeightLayout(config),
    // which simulation the training frames came from (3-D only): weights trained before a physics change say so
    keypoints: { stride: info.stride, frames: info.frames, encoder: info.encoder, trainExamples: train.length, ...(physics ? { physics } : {}) },
    training: {
      stage: 'cody',
      steps: trainer.steps,
      seed: args.seed,
      dataSeed: args.dataSeed,
      batch: args.batch,
      learningRate: args.lr,
      ...(schedule ? { lrSchedule: { name: 'ReduceLROnPlateau (train_cody.py l. 116–117)', ...OFFICIAL_CODY_PLATEAU, finalLearningRate: trainer.currentLearningRate, history: file.lrHistory } } : {}),
      horizon,
      ...(args.cVelocity ? { diagnostic: 'C carries its starting velocity (--diagnostic-c-velocity): not the paper\'s model' } : {}),
    },
    reproduce:
      `${SCRIPT}${scenarioFlag(args.scenario)} --stage keypoints${args.derender === 'random' ? ' --derender random' : statesFlag(args)} --stride ${info.stride} --examples ${args.examples} --data-seed ${args.dataSeed} && ` +
      `${SCRIPT}${scenarioFlag(args.scenario)} --stage cody${statesFlag(args)} --steps ${args.steps} --seed ${args.seed} --data-seed ${args.dataSeed} --batch ${args.batch} --lr ${args.lr} --stride ${info.stride} --examples ${args.examples} --horizon ${horizon}${schedule ? ' --lr-schedule plateau' : ''}${args.codySize === 'official' ? ' --cody-size official' : ''}${args.cVelocity ? ' --diagnostic-c-velocity' : ''} ` +
      '(add --resume to continue a stopped run; checkpoints are bitwise on one backend)',
    segments: file.segments,
    finalLoss: file.segments.at(-1)?.finalLoss ?? null,
    validation: { predictionMse: file.history.valPredictionMse.at(-1) ?? null, autoencodeMse: file.history.valAutoencodeMse.at(-1) ?? null, rolloutSteps: info.frames - 1 },
    history: file.history,
  };
  writeFileAtomic(join(args.out, 'cody.manifest.json'), JSON.stringify(manifest, null, 1));
  console.error(`done: ${trainer.steps} steps; wrote ${join(args.out, 'cody.bin')} (${(packed.byteLength / 1e6).toFixed(2)} MB float32) and its manifest`);
  trainer.dispose();
}
