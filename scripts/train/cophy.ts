/**
 * npx tsx scripts/train/cophy.ts --stage derender [--steps N] [--seed N] [--batch N] [--lr X] [--keypoints K] [--object-weight W] [--std-start S --std-anneal N]
 *     [--data-seed N] [--backend wasm|cpu] [--resume] [--out DIR] [--checkpoint FILE] [--checkpoint-minutes M] [--eval-every N] [--keep best|last]
 * npx tsx scripts/train/cophy.ts --stage keypoints [--derender FILE|random|colour] [--stride S] [--examples N] [--data-seed N] [--backend wasm|cpu]
 * npx tsx scripts/train/cophy.ts --stage cody [--derender colour --out DIR] [--steps N] [--seed N] [--batch N] [--lr X] [--lr-schedule constant|plateau] [--cody-size shipped|official] [--horizon H] [--stride S] [--examples N] [--diagnostic-c-velocity]
 *     [--data-seed N] [--backend wasm|cpu] [--resume] [--out DIR] [--checkpoint FILE] [--checkpoint-minutes M] [--eval-every N]
 * Every stage also takes --scenario balls|blocktower|collision (default balls, BallsCF).
 *
 * Trains the Filtered-CoPhy demo's models in Node (arXiv 2202.00368; official code filteredcophy/FilteredCoPhy
 * @151a2fd). Training is two-stage, as in the paper (§4.3): de-rendering first (train_derendering.py), then
 * keypoint extraction (generate_keypoints.py; `--stage keypoints`), then CoDy on the frozen keypoints
 * (train_cody.py; `--stage cody`).
 *
 * `--stage derender` trains src/apps/cophy/core/derendering.ts on (source, target) CD frame pairs of the
 * BallsCF training split (1,000 examples generated from --data-seed, frames rendered on demand) and writes
 *   <out>/derender.bin            float32 little-endian: every parameter, then the batch-norm running statistics
 *   <out>/derender.manifest.json  the dtype, the layout, the model config, every training segment (command,
 *                                 seed, commit, steps, minutes, final losses), the loss curve and the keypoint
 *                                 agreement on the validation split
 * A checkpoint (weights, batch-norm statistics, Adam's moments and step count, the data cursor; the
 * random streams are named by step and epoch, so that is the whole PRNG state) is saved every
 * --checkpoint-minutes (3) and at the end, and on SIGINT/SIGTERM; `--resume` continues from it bit for bit.
 * Every --eval-every steps the keypoints are checked against the balls of 100 validation frames; with
 * `--keep best` (the default) derender.bin holds the weights of the check that tracked best (kept in
 * <checkpoint>.best.bin as the run goes), with `--keep last` those of the last step. Each check also runs
 * the floor test (core/floorTest.ts: inside the targets' balls, is the prediction nearer the target or the
 * empty floor?).
 * Two deviations from the official training, off unless asked: `--object-weight W` weights the target's
 * object pixels (the L-PSNR foreground against the empty floor) W times in the MSE, and `--std-start S
 * --std-anneal N` widens the keypoint Gaussians to std S at first, falling linearly to the model's over N
 * steps. Both go into the checkpoint's name (-w<W>, -std<S>x<N>), so such a run never resumes another.
 *
 * `--scenario blocktower|collision` (issue #14) runs the same three stages on a 3-D scenario: the first
 * --examples training and the 100 validation examples are generated once into
 * .cache/train/cophy3d-<scenario>-<split>-d<data seed>.json (resumable, scripts/train/cophy3dData.ts),
 * frames come from the ray-caster, the keypoint check projects the objects' centres through the camera,
 * checkpoints and caches are named cophy-<scenario>-…, and the weights go to <out> = weights/<scenario>/.
 *
 * `--stage keypoints` runs the trained encoder (--derender, default <out>/derender.bin with its manifest's
 * config; `random` for a smoke test) over every --stride-th frame (default 2) of the AB and CD videos of
 * the first --examples (1,000) training examples and of the 100 validation examples, and writes
 *   .cache/train/cophy-keypoints-<split>-s<stride>.bin   float32: examples × (AB, CD) × frames × K × (C + 3)
 *   .cache/train/cophy-keypoints-<split>-s<stride>.json  what made it and how many examples are done
 * every couple of minutes; run it again and it continues where it stopped (it starts over if the encoder
 * weights, the stride or the data seed changed).
 *
 * `--derender colour` (BallsCF, --stage keypoints and then --stage cody with --out) swaps the trained encoder for
 * the colour-centroid reference (core/referenceModels.ts), whose keypoints are the balls' exact centres: a
 * diagnostic of how much the de-rendering's errors cost CoDy (issue #12's mass probe), not the paper's model.
 * Its caches and checkpoints end in -colour.
 *
 * `--stage cody` trains src/apps/cophy/core/cody.ts on those states (velocities added on loading, as
 * Keypoints_Loaders.py), with checkpoints and --resume as the derender stage, and writes
 *   <out>/cody.bin            float32 little-endian, codyParamSpecs order
 *   <out>/cody.manifest.json  the config, layout, stride, training horizon, every segment, validation losses
 * `--horizon H` trains on rollouts of H steps instead of the whole (strided) video: the stated cut for a
 * slow machine. `--lr-schedule plateau` adds the official schedule (train_cody.py l. 116–117 and 137:
 * ReduceLROnPlateau, factor 0.5, patience 10 epochs, min 1e-5, on the validation loss after every epoch,
 * an epoch being a pass over the --examples training examples); the default `constant` keeps --lr
 * throughout, as the first shipped weights were trained. Its checkpoints are named …-plateau.
 * `--cody-size official` trains CoDy at the official widths (train_cody.py l. 107–113: lifted state 256, GN
 * hidden 64 with 2 extra layers, embedding 128; about 6× the parameters and 3× the time a step) instead of the
 * demo's narrower default; its checkpoints are named …-official. A --examples other than 1,000 adds -n<N>.
 * `--diagnostic-c-velocity` (with --stage cody and --out; issue #12) gives C's state its starting velocity, which
 * the official loader leaves at zero, so that u need not carry it: a diagnostic of whether u takes the masses
 * once the velocities are given, never the paper's model. Its checkpoints end in -cvel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initNodeBackend } from '../../src/shared/tf/node';
import { commit, r6, recordedCommand, ROOT, writeFileAtomic, unparkCheckpoint } from './common';
import { DATASET_SIZES } from '../../src/apps/cophy/core/dataset';
import { DEFAULT_DERENDER_CONFIG, packWeights, paramCount, weightLayout, type DerenderConfig } from '../../src/apps/cophy/core/derendering';
import { DEFAULT_DERENDER_BATCH, DEFAULT_DERENDER_LR, DerenderTrainer, type DerenderCheckpoint } from '../../src/apps/cophy/core/derenderTrainer';
import { DEFAULT_CODY_BATCH, OFFICIAL_CODY_LR } from '../../src/apps/cophy/core/codyTrainer';
import { DEFAULT_KEYPOINT_STRIDE } from '../../src/apps/cophy/core/keypointStates';
import { keypointAgreement, type KeypointAgreement } from '../../src/apps/cophy/core/keypointAgreement';
import { floorTest } from '../../src/apps/cophy/core/floorTest';
import { COLOUR_STATES, physicsResumeProblem, scenarioExamples, scenarioFlag, scenarioPhysics, scenarioPrefix, trainKeypoints, trainCody, type Scenario, type StageArgs } from './cophyStage2';
import { PAPER_SIZES_3D, SCENARIOS_3D, type Scenario3d } from '../../src/apps/cophy/core3d/dataset3d';

const SCRIPT = 'npx tsx scripts/train/cophy.ts';
/** BallsCF's training split in the paper (arXiv 2202.00368, §3: 27.7k / 6.0k / 3.0k). */
const PAPER_BALLS_TRAIN_EXAMPLES = 27_700;

type Stage = 'derender' | 'keypoints' | 'cody';

interface Args extends StageArgs {
  stage: Stage;
  steps: number;
  seed: number;
  dataSeed: number;
  batch: number;
  lr: number;
  keypoints: number;
  backend: 'wasm' | 'cpu';
  resume: boolean;
  out: string;
  checkpoint: string | null;
  checkpointMinutes: number;
  keep: 'best' | 'last';
  evalEvery: number;
  /** our deviations, off by default: object pixels weighted in the MSE, and a widening of the Gaussians early on */
  objectWeight: number;
  stdStart: number | null;
  stdAnneal: number;
}

function parse(argv: string[]): Args {
  const a: Args = {
    stage: 'derender',
    steps: 3000,
    seed: 1,
    dataSeed: 1,
    batch: DEFAULT_DERENDER_BATCH,
    lr: DEFAULT_DERENDER_LR,
    keypoints: DEFAULT_DERENDER_CONFIG.keypoints,
    backend: 'wasm',
    resume: false,
    out: join(ROOT, 'src/apps/cophy/weights'),
    checkpoint: null,
    checkpointMinutes: 3,
    keep: 'best',
    evalEvery: 250,
    objectWeight: 1,
    stdStart: null,
    stdAnneal: 0,
    derender: null,
    stride: DEFAULT_KEYPOINT_STRIDE,
    examples: DATASET_SIZES.train,
    horizon: null,
    lrSchedule: 'constant',
    codySize: 'shipped',
    scenario: 'balls',
    cVelocity: false,
  };
  let batchGiven = false;
  let lrGiven = false;
  let stepsGiven = false;
  let stageGiven = false;
  let outGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (v: string) => {
      if (!/^\d+$/.test(v)) throw new Error(`${flag} must be a whole number, not "${v}"`);
      return Number(v);
    };
    const positive = (v: string) => {
      const x = Number(v);
      if (!(x > 0)) throw new Error(`${flag} must be a positive number, not "${v}"`);
      return x;
    };
    if (flag === '--stage') {
      const v = next();
      if (v !== 'derender' && v !== 'keypoints' && v !== 'cody') throw new Error(`--stage must be derender, keypoints or cody, not "${v}"`);
      a.stage = v;
      stageGiven = true;
    } else if (flag === '--steps') {
      a.steps = int(next());
      stepsGiven = true;
    }
    else if (flag === '--seed') a.seed = int(next());
    else if (flag === '--data-seed') a.dataSeed = int(next());
    else if (flag === '--batch') {
      a.batch = int(next());
      batchGiven = true;
    } else if (flag === '--lr') {
      a.lr = positive(next());
      lrGiven = true;
    }
    else if (flag === '--keypoints') a.keypoints = int(next());
    else if (flag === '--backend') {
      const v = next();
      if (v !== 'wasm' && v !== 'cpu') throw new Error(`--backend must be wasm or cpu, not "${v}"`);
      a.backend = v;
    } else if (flag === '--resume') a.resume = true;
    else if (flag === '--out') {
      a.out = resolve(next());
      outGiven = true;
    }
    else if (flag === '--checkpoint') a.checkpoint = resolve(next());
    else if (flag === '--checkpoint-minutes') a.checkpointMinutes = positive(next());
    else if (flag === '--eval-every') a.evalEvery = int(next());
    else if (flag === '--object-weight') {
      a.objectWeight = positive(next());
      if (a.objectWeight < 1) throw new Error('--object-weight must be at least 1 (1: the official loss)');
    } else if (flag === '--std-start') a.stdStart = positive(next());
    else if (flag === '--std-anneal') a.stdAnneal = int(next());
    else if (flag === '--keep') {
      const v = next();
      if (v !== 'best' && v !== 'last') throw new Error(`--keep must be best or last, not "${v}"`);
      a.keep = v;
    }
    else if (flag === '--derender') {
      const v = next();
      a.derender = v === 'random' || v === COLOUR_STATES ? v : resolve(v);
    } else if (flag === '--stride') a.stride = int(next());
    else if (flag === '--examples') a.examples = int(next());
    else if (flag === '--horizon') a.horizon = int(next());
    else if (flag === '--lr-schedule') {
      const v = next();
      if (v !== 'constant' && v !== 'plateau') throw new Error(`--lr-schedule must be constant or plateau, not "${v}"`);
      a.lrSchedule = v;
    } else if (flag === '--cody-size') {
      const v = next();
      if (v !== 'shipped' && v !== 'official') throw new Error(`--cody-size must be shipped or official, not "${v}"`);
      a.codySize = v;
    } else if (flag === '--scenario') {
      const v = next();
      if (v !== 'balls' && !SCENARIOS_3D.includes(v as Scenario3d)) throw new Error(`--scenario must be balls, blocktower or collision, not "${v}"`);
      a.scenario = v as Scenario;
    } else if (flag === '--diagnostic-c-velocity') a.cVelocity = true;
    else throw new Error(`unknown flag ${flag} (see the comment at the top of scripts/train/cophy.ts)`);
  }
  if (!stageGiven) throw new Error('--stage is required: derender, then keypoints, then cody');
  if (a.lrSchedule !== 'constant' && a.stage !== 'cody') throw new Error('--lr-schedule is a CoDy option (--stage cody)');
  if (a.codySize !== 'shipped' && a.stage !== 'cody') throw new Error('--cody-size is a CoDy option (--stage cody)');
  if (a.derender === COLOUR_STATES) {
    if (a.stage === 'derender') throw new Error('--derender colour replaces the de-rendering: use it with --stage keypoints or --stage cody');
    // a diagnostic, never the shipped weights
    if (a.stage === 'cody' && !outGiven) throw new Error('--derender colour trains a diagnostic CoDy: give --out DIR (the shipped weights stay as they are)');
  }
  if (a.cVelocity && (a.stage !== 'cody' || !outGiven)) throw new Error('--diagnostic-c-velocity trains a diagnostic CoDy: use it with --stage cody and --out DIR (the shipped weights stay as they are)');
  if (a.stage === 'cody') {
    if (!batchGiven) a.batch = DEFAULT_CODY_BATCH;
    if (!lrGiven) a.lr = OFFICIAL_CODY_LR;
    if (!stepsGiven) a.steps = 2000;
  }
  // each scenario's weights in their own folder: BallsCF's at weights/, the 3-D ones at weights/<scenario>/
  if (!outGiven && a.scenario !== 'balls') a.out = join(a.out, a.scenario);
  if (a.stride < 1) throw new Error('--stride must be at least 1');
  // Example i is the same whatever the count (generated from its own stream), so a run may use more than the
  // demo's 1,000 training examples, up to the paper's split: BallsCF's on the fly, the 3-D scenarios' through
  // their cache of generated records (scripts/train/cophy3dData.ts), which grows to the count asked for.
  const maxExamples = a.scenario === 'balls' ? PAPER_BALLS_TRAIN_EXAMPLES : PAPER_SIZES_3D[a.scenario].train;
  if (a.examples < 1 || a.examples > maxExamples) throw new Error(`--examples must be in [1, ${maxExamples}]`);
  if (a.batch < 1) throw new Error('--batch must be at least 1');
  if (a.keypoints < 1) throw new Error('--keypoints must be at least 1');
  if ((a.stdStart === null) !== (a.stdAnneal === 0)) throw new Error('--std-start S and --std-anneal N go together (the std falls from S to the model\'s over N steps)');
  return a;
}

interface Segment {
  command: string;
  seed: number;
  commit: string;
  backend: string;
  fromStep: number;
  toStep: number;
  minutes: number;
  /** means over the segment's last 25 steps */
  finalLoss: number;
  finalMse: number;
  finalGradientMse: number;
  msPerStep: number;
  startedAt: string;
}

interface CheckpointFile {
  stage: 'derender';
  dataSeed: number;
  totalSteps: number;
  /** 3-D scenarios: physicsFingerprint() of the frames it trained on (absent in checkpoints made before it) */
  physics?: string | null;
  trainer: DerenderCheckpoint;
  history: {
    step: number[];
    loss: number[];
    mse: number[];
    gradientMse: number[];
    evalStep: number[];
    meanDistancePx: number[];
    withinRadius: number[];
    /** core/floorTest.ts at each check (absent in checkpoints older than it) */
    floorTest?: { step: number; objectMseToTarget: number; objectMseToFloor: number; nearerTarget: number; modelLoss: number; floorOnlyLoss: number }[];
  };
  segments: Segment[];
  /** the validation check that tracked best so far; its weights sit in <checkpoint>.best.bin */
  best?: { step: number; meanDistancePx: number; withinRadius: number };
}

/**
 * Which de-rendering weights to ship. The first full run tracked the balls best at step 2,000 of
 * 3,000 and fell back while its loss kept falling, so the stage keeps the weights of the validation
 * check that tracked best (most balls within a radius; then the smaller mean distance). This selects
 * with ground-truth positions of validation examples, which the paper's training does not use: it is
 * a model selection, not a training signal, and differences.ts says so.
 */
function betterTracking(a: { meanDistancePx: number; withinRadius: number }, b: { meanDistancePx: number; withinRadius: number } | undefined): boolean {
  if (!b) return true;
  if (a.withinRadius !== b.withinRadius) return a.withinRadius > b.withinRadius;
  return a.meanDistancePx < b.meanDistancePx;
}

function modelConfig(args: Args): DerenderConfig {
  return { ...DEFAULT_DERENDER_CONFIG, keypoints: args.keypoints };
}

async function trainDerender(args: Args, command: string): Promise<void> {
  await initNodeBackend(args.backend);
  const stdSchedule = args.stdStart !== null ? { start: args.stdStart, steps: args.stdAnneal } : null;
  const deviations = `${args.objectWeight !== 1 ? `-w${args.objectWeight}` : ''}${stdSchedule ? `-std${stdSchedule.start}x${stdSchedule.steps}` : ''}`;
  const checkpointPath = args.checkpoint ?? join(ROOT, `.cache/train/${scenarioPrefix(args.scenario)}-derender-k${args.keypoints}${deviations}.checkpoint.json`);
  const t0 = performance.now();
  const { examples: train, source } = await scenarioExamples(args.scenario, args.dataSeed, 'train', args.examples);
  const { examples: val } = await scenarioExamples(args.scenario, args.dataSeed, 'val', DATASET_SIZES.val);
  // the manifest names the simulation its frames came from (3-D only), so weights trained before a physics change say so
  const physics = await scenarioPhysics(args.scenario);
  console.error(`data (${args.scenario}): ${train.length} training and ${val.length} validation examples (data seed ${args.dataSeed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = modelConfig(args);
  const trainer = new DerenderTrainer(train, { seed: args.seed, batch: args.batch, learningRate: args.lr, config, source, objectWeight: args.objectWeight, stdSchedule });
  console.error(
    `model: ${paramCount(config).toLocaleString('en-US')} parameters, K = ${config.keypoints}, C = ${config.coefficients}, ${config.imageSize}² frames; backend ${args.backend}; batch ${args.batch}, lr ${args.lr}` +
      (args.objectWeight !== 1 ? `; object pixels weighted ×${args.objectWeight} in the MSE` : '') +
      (stdSchedule ? `; Gaussian std ${stdSchedule.start} → ${config.std.toFixed(4)} over ${stdSchedule.steps} steps` : ''),
  );
  let file: CheckpointFile = {
    stage: 'derender',
    dataSeed: args.dataSeed,
    totalSteps: args.steps,
    physics,
    trainer: trainer.checkpoint(),
    history: { step: [], loss: [], mse: [], gradientMse: [], evalStep: [], meanDistancePx: [], withinRadius: [] },
    segments: [],
  };
  if (args.resume) {
    unparkCheckpoint(checkpointPath);
    if (!existsSync(checkpointPath)) throw new Error(`--resume: no checkpoint at ${checkpointPath}; start without --resume`);
    file = JSON.parse(readFileSync(checkpointPath, 'utf8')) as CheckpointFile;
    if (file.dataSeed !== args.dataSeed) throw new Error(`--resume: the checkpoint was made with --data-seed ${file.dataSeed}; pass the same`);
    // the de-rendering renders its frames from the records on the fly, so a physics change would switch data mid-run
    const physicsProblem = physicsResumeProblem(checkpointPath, file.physics, physics);
    if (physicsProblem) throw new Error(physicsProblem);
    trainer.restore(file.trainer);
    console.error(`resumed at step ${trainer.steps} from ${checkpointPath}`);
  }
  const started = Date.now();
  const segment: Segment = {
    command,
    seed: args.seed,
    commit: commit('src/apps/cophy/core'),
    backend: args.backend,
    fromStep: trainer.steps,
    toStep: trainer.steps,
    minutes: 0,
    finalLoss: NaN,
    finalMse: NaN,
    finalGradientMse: NaN,
    msPerStep: NaN,
    startedAt: new Date().toISOString(),
  };
  const save = (why: string) => {
    segment.toStep = trainer.steps;
    segment.minutes = Number(((Date.now() - started) / 60000).toFixed(2));
    file.trainer = trainer.checkpoint();
    const others = file.segments.filter((s) => s.startedAt !== segment.startedAt && s.toStep > s.fromStep);
    file.segments = segment.toStep > segment.fromStep ? [...others, { ...segment }] : others;
    writeFileAtomic(checkpointPath, JSON.stringify(file));
    console.error(`checkpoint at step ${trainer.steps} (${why}) → ${checkpointPath}`);
  };
  let stopRequested: string | null = null;
  const onSignal = (sig: string) => {
    stopRequested = sig;
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const bestPath = checkpointPath.replace(/\.checkpoint\.json$/, '') + '.best.bin';
  const packedWeights = (): Uint8Array => {
    const { params, bn } = trainer.model.snapshot();
    const packed = packWeights(config, params, bn);
    return new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength);
  };
  const window: { loss: number; mse: number; grad: number; ms: number }[] = [];
  const mean = (f: (w: (typeof window)[number]) => number) => window.reduce((a, w) => a + f(w), 0) / Math.max(1, window.length);
  const evaluate = (): KeypointAgreement => {
    const agreement = keypointAgreement(trainer.model, val, undefined, source);
    file.history.evalStep.push(trainer.steps);
    file.history.meanDistancePx.push(r6(agreement.meanDistancePx));
    file.history.withinRadius.push(r6(agreement.withinRadius));
    console.error(`  validation keypoints at step ${trainer.steps}: ${agreement.summary}`);
    const floor = floorTest(trainer.model, val, source);
    if (floor) {
      (file.history.floorTest ??= []).push({ step: trainer.steps, objectMseToTarget: r6(floor.objectMseToTarget), objectMseToFloor: r6(floor.objectMseToFloor), nearerTarget: r6(floor.nearerTarget), modelLoss: r6(floor.modelLoss), floorOnlyLoss: r6(floor.floorOnlyLoss) });
      console.error(`  ${floor.summary}`);
    }
    const scored = { step: trainer.steps, meanDistancePx: r6(agreement.meanDistancePx), withinRadius: r6(agreement.withinRadius) };
    if (betterTracking(scored, file.best)) {
      writeFileAtomic(bestPath, packedWeights());
      file.best = scored;
      console.error(`  the best tracking so far: weights kept in ${bestPath}`);
    }
    return agreement;
  };
  let lastSave = Date.now();
  while (trainer.steps < args.steps) {
    const s = trainer.step();
    window.push({ loss: s.loss, mse: s.mse, grad: s.gradientMse, ms: s.ms });
    if (window.length > 25) window.shift();
    segment.finalLoss = r6(mean((w) => w.loss));
    segment.finalMse = r6(mean((w) => w.mse));
    segment.finalGradientMse = r6(mean((w) => w.grad));
    segment.msPerStep = Math.round(mean((w) => w.ms));
    if (s.step % 25 === 0) {
      file.history.step.push(s.step);
      file.history.loss.push(segment.finalLoss);
      file.history.mse.push(segment.finalMse);
      file.history.gradientMse.push(segment.finalGradientMse);
    }
    if (s.step % 10 === 0 || s.step === segment.fromStep + 1) {
      const eta = ((args.steps - s.step) * segment.msPerStep) / 60000;
      console.error(
        `step ${s.step}/${args.steps}: loss ${segment.finalLoss.toFixed(1)} (1e4·MSE ${(1e4 * segment.finalMse).toFixed(1)}, Sobel MSE ${segment.finalGradientMse.toFixed(3)}; means of ${window.length}), ` +
          `${s.ms.toFixed(0)} ms/step (mean ${segment.msPerStep}), ETA ${eta.toFixed(0)} min`,
      );
    }
    if (args.evalEvery > 0 && s.step % args.evalEvery === 0) evaluate();
    if (Date.now() - lastSave > args.checkpointMinutes * 60000) {
      save('every few minutes');
      lastSave = Date.now();
    }
    // let signals through between steps
    await new Promise((r) => setImmediate(r));
    if (stopRequested) {
      save(stopRequested);
      console.error(`stopped by ${stopRequested} at step ${trainer.steps}; continue with --resume`);
      process.exit(130);
    }
  }
  save('end');
  const agreement = file.history.evalStep.at(-1) === trainer.steps ? null : evaluate();
  const useBest = args.keep === 'best' && file.best !== undefined && file.best.step !== trainer.steps && existsSync(bestPath);
  const packed = useBest ? new Uint8Array(readFileSync(bestPath)) : packedWeights();
  writeFileAtomic(join(args.out, 'derender.bin'), packed);
  const last = (a: number[]) => a.at(-1) ?? null;
  const manifest = {
    file: 'derender.bin',
    scenario: args.scenario,
    dtype: 'float32',
    endianness: 'little',
    bytes: packed.byteLength,
    model: 'Filtered-CoPhy de-rendering (src/apps/cophy/core/derendering.ts), half the official widths',
    config,
    parameters: paramCount(config),
    layout: weightLayout(config).entries,
    selected: useBest
      ? { rule: 'the validation check that tracked the balls best (--keep best)', step: file.best!.step, meanDistancePx: file.best!.meanDistancePx, withinRadius: file.best!.withinRadius }
      : { rule: args.keep === 'best' ? 'the last step, which tracked best (--keep best)' : 'the last step (--keep last)', step: trainer.steps },
    training: { stage: 'derender', steps: trainer.steps, seed: args.seed, dataSeed: args.dataSeed, batch: args.batch, learningRate: args.lr, trainExamples: train.length, objectWeight: args.objectWeight, stdSchedule, ...(physics ? { physics } : {}) },
    reproduce:
      `${SCRIPT}${scenarioFlag(args.scenario)} --stage derender --steps ${args.steps} --seed ${args.seed} --data-seed ${args.dataSeed} --batch ${args.batch} --lr ${args.lr} --keypoints ${args.keypoints}` +
      `${args.examples === DATASET_SIZES.train ? '' : ` --examples ${args.examples}`}${args.objectWeight !== 1 ? ` --object-weight ${args.objectWeight}` : ''}${stdSchedule ? ` --std-start ${stdSchedule.start} --std-anneal ${stdSchedule.steps}` : ''}` +
      ` --eval-every ${args.evalEvery} --keep ${args.keep} (add --resume to continue a stopped run; checkpoints are bitwise on one backend)`,
    segments: file.segments,
    finalLoss: file.segments.at(-1)?.finalLoss ?? null,
    validationKeypoints: useBest
      ? { meanDistancePx: file.best!.meanDistancePx, withinRadius: file.best!.withinRadius, summary: null }
      : { meanDistancePx: last(file.history.meanDistancePx), withinRadius: last(file.history.withinRadius), summary: agreement?.summary ?? null },
    history: file.history,
  };
  writeFileAtomic(join(args.out, 'derender.manifest.json'), JSON.stringify(manifest, null, 1));
  console.error(`done: ${trainer.steps} steps; wrote ${join(args.out, 'derender.bin')} (${(packed.byteLength / 1e6).toFixed(2)} MB float32, the weights of step ${useBest ? file.best!.step : trainer.steps}) and its manifest`);
  trainer.dispose();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parse(argv);
  const command = recordedCommand(SCRIPT, argv);
  if (args.stage === 'keypoints') await trainKeypoints(args);
  else if (args.stage === 'cody') await trainCody(args, command);
  else await trainDerender(args, command);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
