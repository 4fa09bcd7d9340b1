/**
 * npx tsx scripts/train/stylealign.ts --stage parent|child|scratch|oracles [--steps N] [--seed N] [--data-seed N]
 *     [--batch N] [--gamma X] [--backend wasm|cpu] [--resume] [--out DIR (default src/apps/stylealign/weights)] [--checkpoint FILE] [--parent FILE]
 *     [--checkpoint-minutes M] [--eval-every N] [--eval-count N] [--keep critters,domain]
 *
 * Trains the StyleAlign demo's models in Node (Wu et al., ICLR 2022, arXiv 2110.11323, OpenReview
 * Qg2vi4ZbHM9; official code betterze/StyleAlign @4e75a75, which has no training script: its README
 * says to train a parent StyleGAN2(-ADA) and fine-tune it on the child domain with --resume). Stages:
 *   oracles  the attribute regressors for faces and critters and the domain classifier
 *            (src/apps/stylealign/core/oracle.ts), --steps each (default 1500)      → oracles.bin
 *   parent   a GAN on faces from random initialisation (default 15000 steps)        → parent.bin (G_ema, G, D)
 *   child    the parent's G and D fine-tuned on critters (default 3000 steps)       → child.bin (G_ema) and
 *            child-step<k>.bin for k in 0, 250, 500, 1000, 2000, 3000 (the fine-tune scrubber); with
 *            --seed k other than 1, child-seed<k>.bin only (the full experiment's other fine-tune seeds)
 *   scratch  a GAN on critters from random initialisation, the control (default 15000) → scratch.bin (G_ema)
 * `--keep KINDS` (oracles only): take the named oracles from the existing <out>/oracles.bin (and their
 * held-out quality from its manifest) instead of retraining them; the manifest records which were kept.
 * The child starts from <out>/parent.bin (or --parent FILE, a parent.bin written by this script).
 * Each stage writes <out>/<stage>.manifest.json: the layout, the configs, every training segment
 * (command, seed, commit, steps, minutes, final losses), the evaluation history (fd against real renders
 * in the domain oracle's feature space when <out>/oracles.bin exists; for the child also the domain
 * classifier's critter fraction) and the command that reproduces the file.
 * A checkpoint (.cache/train/stylealign-<stage>-s<seed>.checkpoint.json: weights, Adam moments and step
 * counts, step and data cursor, which are the whole PRNG state) is written every --checkpoint-minutes (3),
 * at the end and on SIGINT/SIGTERM; `--resume` continues bit for bit on the same backend.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../src/shared/tf/node';
import { commit, r6, recordedCommand, ROOT, writeFileAtomic, unparkCheckpoint } from './common';
import { renderBatch, type DomainId } from '../../src/apps/stylealign/core/domains';
import { defaultGanOptions, GanTrainer, generatorWeightChange, type GanCheckpoint, type GanOptions } from '../../src/apps/stylealign/core/ganTrainer';
import { generatorParamCount, generatorSpecs } from '../../src/apps/stylealign/core/generator';
import { discriminatorParamCount, discriminatorSpecs } from '../../src/apps/stylealign/core/discriminator';
import { critterFraction, fd, Oracle, SEPARATE_BRANCHES, ORACLE_DATA_SEED_OFFSET, ORACLE_KINDS, oracleParamCount, oracleQuality, oracleSpecs, OracleTrainer, type OracleCheckpoint, type OracleKind } from '../../src/apps/stylealign/core/oracle';
import { packWeights, unpackWeights, type LayoutEntry } from '../../src/apps/stylealign/core/weightsFile';
import { childFileStem, SHIPPED_CHILD_SEED } from '../../src/apps/stylealign/core/shipped';
import { toArrays, toFloat32, type FlatParams } from '../../src/apps/stylealign/core/nn';

const SCRIPT = 'npx tsx scripts/train/stylealign.ts';
const MODEL_PATHS = 'src/apps/stylealign/core';

type Stage = 'parent' | 'child' | 'scratch' | 'oracles';
const STAGES: readonly Stage[] = ['parent', 'child', 'scratch', 'oracles'];
const DEFAULT_STEPS: Record<Stage, number> = { parent: 15000, child: 3000, scratch: 15000, oracles: 1500 };
const DOMAIN: Record<Exclude<Stage, 'oracles'>, DomainId> = { parent: 'faces', child: 'critters', scratch: 'critters' };
/** fine-tune steps whose G_ema is kept for the scrubber */
export const CHILD_SNAPSHOTS = [0, 250, 500, 1000, 2000, 3000];
/** held-out reals for fd come from their own data seed */
const EVAL_DATA_SEED_OFFSET = 500;

interface Args {
  stage: Stage;
  steps: number;
  seed: number;
  dataSeed: number;
  batch: number;
  gamma: number | null;
  backend: 'wasm' | 'cpu';
  resume: boolean;
  out: string;
  checkpoint: string | null;
  parent: string | null;
  checkpointMinutes: number;
  evalEvery: number;
  evalCount: number;
  keep: OracleKind[];
}

function parse(argv: string[]): Args {
  const a: Args = {
    stage: 'parent',
    steps: NaN,
    seed: 1,
    dataSeed: 1,
    batch: 16,
    gamma: null,
    backend: 'wasm',
    resume: false,
    out: join(ROOT, 'src/apps/stylealign/weights'),
    checkpoint: null,
    parent: null,
    checkpointMinutes: 3,
    evalEvery: NaN,
    evalCount: 500,
    keep: [],
  };
  let stageGiven = false;
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
      if (!STAGES.includes(v as Stage)) throw new Error(`--stage must be one of ${STAGES.join(', ')}, not "${v}"`);
      a.stage = v as Stage;
      stageGiven = true;
    } else if (flag === '--steps') a.steps = int(next());
    else if (flag === '--seed') a.seed = int(next());
    else if (flag === '--data-seed') a.dataSeed = int(next());
    else if (flag === '--batch') a.batch = int(next());
    else if (flag === '--gamma') a.gamma = positive(next());
    else if (flag === '--backend') {
      const v = next();
      if (v !== 'wasm' && v !== 'cpu') throw new Error(`--backend must be wasm or cpu, not "${v}"`);
      a.backend = v;
    } else if (flag === '--resume') a.resume = true;
    else if (flag === '--out') a.out = resolve(next());
    else if (flag === '--checkpoint') a.checkpoint = resolve(next());
    else if (flag === '--parent') a.parent = resolve(next());
    else if (flag === '--checkpoint-minutes') a.checkpointMinutes = positive(next());
    else if (flag === '--eval-every') a.evalEvery = int(next());
    else if (flag === '--eval-count') a.evalCount = int(next());
    else if (flag === '--keep') {
      const kinds = next().split(',');
      for (const k of kinds) if (!ORACLE_KINDS.includes(k as OracleKind)) throw new Error(`--keep takes oracle kinds (${ORACLE_KINDS.join(', ')}), not "${k}"`);
      a.keep = kinds as OracleKind[];
    }
    else throw new Error(`unknown flag ${flag} (see the comment at the top of scripts/train/stylealign.ts)`);
  }
  if (!stageGiven) throw new Error(`--stage is required: ${STAGES.join(', ')}`);
  if (Number.isNaN(a.steps)) a.steps = DEFAULT_STEPS[a.stage];
  if (Number.isNaN(a.evalEvery)) a.evalEvery = a.stage === 'child' ? 250 : 1000;
  if (a.batch < 4 || a.batch % 4 !== 0) throw new Error('--batch must be a multiple of 4 (the minibatch-std group)');
  if (a.evalCount < 2) throw new Error('--eval-count must be at least 2');
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
  /** means over the segment's last 50 steps (r1: over its last R1 steps) */
  finalLosses: Record<string, number>;
  msPerStep: number;
  startedAt: string;
}

interface Evaluation {
  step: number;
  fd: number | null;
  critterFraction: number | null;
}

interface GanCheckpointFile {
  stage: Exclude<Stage, 'oracles'>;
  totalSteps: number;
  trainer: GanCheckpoint;
  history: { step: number[]; lossG: number[]; lossD: number[]; r1Step: number[]; r1: number[] };
  evaluations: Evaluation[];
  snapshots: Record<string, Record<string, number[]>>;
  segments: Segment[];
}

interface OracleCheckpointFile {
  stage: 'oracles';
  stepsEach: number;
  done: Partial<Record<OracleKind, { params: Record<string, number[]>; finalLoss: number; quality: Record<string, number> }>>;
  current: OracleCheckpoint | null;
  segments: Segment[];
}

function shapesOf(specs: readonly { name: string; shape: number[] }[]): Record<string, number[]> {
  return Object.fromEntries(specs.map((s) => [s.name, s.shape]));
}

function readWeightsFile(binPath: string): { groups: Record<string, FlatParams>; manifest: { layout: LayoutEntry[]; [k: string]: unknown } } {
  const manifestPath = binPath.replace(/\.bin$/, '.manifest.json');
  if (!existsSync(binPath) || !existsSync(manifestPath)) throw new Error(`no weights at ${binPath} (with ${manifestPath})`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { layout: LayoutEntry[] };
  return { groups: unpackWeights(new Uint8Array(readFileSync(binPath)), manifest.layout), manifest };
}

function loadOracles(out: string): Record<OracleKind, Oracle> | null {
  const path = join(out, 'oracles.bin');
  if (!existsSync(path)) return null;
  const { groups } = readWeightsFile(path);
  return Object.fromEntries(ORACLE_KINDS.map((k) => [k, new Oracle(k, groups[k])])) as Record<OracleKind, Oracle>;
}

function signalWatcher(): { stop: () => string | null } {
  let requested: string | null = null;
  process.on('SIGINT', () => (requested = 'SIGINT'));
  process.on('SIGTERM', () => (requested = 'SIGTERM'));
  return { stop: () => requested };
}

function newSegment(command: string, args: Args, fromStep: number): Segment {
  return {
    command,
    seed: args.seed,
    commit: commit(MODEL_PATHS),
    backend: args.backend,
    fromStep,
    toStep: fromStep,
    minutes: 0,
    finalLosses: {},
    msPerStep: NaN,
    startedAt: new Date().toISOString(),
  };
}

function ganOptions(args: Args): GanOptions {
  const domain = DOMAIN[args.stage as Exclude<Stage, 'oracles'>];
  return defaultGanOptions(domain, args.seed, { dataSeed: args.dataSeed, batch: args.batch, ...(args.gamma !== null ? { r1Gamma: args.gamma } : {}) });
}

function parentCheckpointFrom(path: string, args: Args): GanCheckpoint {
  const { groups, manifest } = readWeightsFile(path);
  const m = manifest as unknown as { options: GanOptions; training: { steps: number } };
  const toLists = (f: FlatParams) => toArrays(f);
  const child = ganOptions(args);
  if (JSON.stringify(m.options.generator) !== JSON.stringify(child.generator)) throw new Error(`${path}: its generator config differs from this script's`);
  return {
    version: 1,
    options: m.options,
    origin: { kind: 'scratch' },
    step: m.training.steps,
    realCursor: 0,
    weights: { g: toLists(groups.g), d: toLists(groups.d), gEma: toLists(groups.gEma), wAvg: Array.from(groups.wAvg.wAvg) },
    adamG: { k: 0, m: {}, v: {} },
    adamD: { k: 0, m: {}, v: {} },
  };
}

async function trainGan(args: Args, command: string): Promise<void> {
  const stage = args.stage as Exclude<Stage, 'oracles'>;
  const checkpointPath = args.checkpoint ?? join(ROOT, `.cache/train/stylealign-${stage}-s${args.seed}.checkpoint.json`);
  const options = ganOptions(args);
  const oracles = loadOracles(args.out);
  if (!oracles) console.error(`note: no ${join(args.out, 'oracles.bin')} yet, so no fd (train --stage oracles first)`);
  let parentWeights: GanCheckpoint | null = null;
  if (stage === 'child') parentWeights = parentCheckpointFrom(args.parent ?? join(args.out, 'parent.bin'), args);

  let file: GanCheckpointFile;
  let trainer: GanTrainer;
  if (args.resume) {
    unparkCheckpoint(checkpointPath);
    if (!existsSync(checkpointPath)) throw new Error(`--resume: no checkpoint at ${checkpointPath}; start without --resume`);
    file = JSON.parse(readFileSync(checkpointPath, 'utf8')) as GanCheckpointFile;
    if (JSON.stringify(file.trainer.options) !== JSON.stringify(options)) throw new Error('--resume: the checkpoint was made with other options (seed, data seed, batch, gamma); pass the same');
    trainer = GanTrainer.fromCheckpoint(file.trainer);
    console.error(`resumed at step ${trainer.steps} from ${checkpointPath}`);
  } else {
    trainer = parentWeights ? GanTrainer.fineTune(parentWeights, options) : GanTrainer.scratch(options);
    file = { stage, totalSteps: args.steps, trainer: trainer.checkpoint(), history: { step: [], lossG: [], lossD: [], r1Step: [], r1: [] }, evaluations: [], snapshots: {}, segments: [] };
  }
  const gCount = generatorParamCount(options.generator);
  const dCount = discriminatorParamCount(options.discriminator);
  console.error(
    `${stage}: ${DOMAIN[stage]}, ${trainer.origin.kind === 'finetune' ? `fine-tuned from the parent (${trainer.origin.parentSteps} steps)` : 'from random initialisation'}; ` +
      `G ${gCount.toLocaleString('en-US')} + D ${dCount.toLocaleString('en-US')} = ${(gCount + dCount).toLocaleString('en-US')} parameters; batch ${options.batch}, lr ${options.learningRate}, γ ${options.r1Gamma} every ${options.r1Interval}; backend ${args.backend}`,
  );

  const evalReals = oracles ? renderBatch(DOMAIN[stage], args.dataSeed + EVAL_DATA_SEED_OFFSET, 0, args.evalCount).images : null;
  const evaluate = () => {
    const t0 = performance.now();
    const fake = trainer.sample(args.evalCount, 'stylealign/eval');
    const e: Evaluation = { step: trainer.steps, fd: null, critterFraction: null };
    if (oracles && evalReals) {
      e.fd = r6(fd(oracles[DOMAIN[stage]], evalReals, args.evalCount, fake, args.evalCount));
      e.critterFraction = r6(critterFraction(oracles.domain, fake, args.evalCount));
    }
    file.evaluations = [...file.evaluations.filter((x) => x.step !== e.step), e];
    console.error(`  eval at step ${e.step}: fd ${e.fd ?? '—'} (${args.evalCount} G_ema samples vs held-out renders, ${DOMAIN[stage]} oracle features), critter fraction ${e.critterFraction ?? '—'} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const snapshot = () => {
    if (stage === 'child' && args.seed === SHIPPED_CHILD_SEED && CHILD_SNAPSHOTS.includes(trainer.steps)) file.snapshots[String(trainer.steps)] = toArrays(trainer.Gema.values());
  };
  if (trainer.steps === 0) {
    evaluate();
    snapshot();
  }

  const started = Date.now();
  const segment = newSegment(command, args, trainer.steps);
  const window: { lossG: number; lossD: number; ms: number }[] = [];
  const r1Window: number[] = [];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const save = (why: string) => {
    segment.toStep = trainer.steps;
    segment.minutes = Number(((Date.now() - started) / 60000).toFixed(2));
    file.trainer = trainer.checkpoint();
    const others = file.segments.filter((s) => s.startedAt !== segment.startedAt && s.toStep > s.fromStep);
    file.segments = segment.toStep > segment.fromStep ? [...others, { ...segment, finalLosses: { ...segment.finalLosses } }] : others;
    writeFileAtomic(checkpointPath, JSON.stringify(file));
    console.error(`checkpoint at step ${trainer.steps} (${why}) → ${checkpointPath}`);
  };
  const signals = signalWatcher();
  let lastSave = Date.now();
  while (trainer.steps < args.steps) {
    const s = trainer.step();
    window.push({ lossG: s.lossG, lossD: s.lossD, ms: s.ms });
    if (window.length > 50) window.shift();
    if (Number.isFinite(s.r1)) {
      r1Window.push(s.r1);
      if (r1Window.length > 10) r1Window.shift();
      file.history.r1Step.push(s.step - 1);
      file.history.r1.push(r6(s.r1));
    }
    segment.finalLosses = { lossG: r6(mean(window.map((w) => w.lossG))), lossD: r6(mean(window.map((w) => w.lossD))), r1: r6(mean(r1Window)) };
    segment.msPerStep = Math.round(mean(window.map((w) => w.ms)));
    if (s.step % 25 === 0) {
      file.history.step.push(s.step);
      file.history.lossG.push(segment.finalLosses.lossG);
      file.history.lossD.push(segment.finalLosses.lossD);
    }
    if (s.step % 10 === 0 || s.step === segment.fromStep + 1) {
      const eta = ((args.steps - s.step) * segment.msPerStep) / 60000;
      console.error(
        `step ${s.step}/${args.steps}: G ${segment.finalLosses.lossG.toFixed(3)}, D ${segment.finalLosses.lossD.toFixed(3)}, R1 ${segment.finalLosses.r1.toFixed(4)} (means of ${window.length}); ` +
          `D(real) ${s.realScore.toFixed(2)}, D(fake) ${s.fakeScore.toFixed(2)}; ${s.ms.toFixed(0)} ms/step (mean ${segment.msPerStep}), ETA ${eta.toFixed(0)} min`,
      );
    }
    snapshot();
    if (args.evalEvery > 0 && s.step % args.evalEvery === 0) evaluate();
    if (Date.now() - lastSave > args.checkpointMinutes * 60000) {
      save('every few minutes');
      lastSave = Date.now();
    }
    await new Promise((r) => setImmediate(r)); // let signals through between steps
    const sig = signals.stop();
    if (sig) {
      save(sig);
      console.error(`stopped by ${sig} at step ${trainer.steps}; continue with --resume`);
      process.exit(130);
    }
  }
  if (file.evaluations.at(-1)?.step !== trainer.steps) evaluate();
  save('end');
  writeGanOutputs(args, stage, trainer, file, parentWeights);
  trainer.dispose();
  if (oracles) for (const o of Object.values(oracles)) o.dispose();
}

function writeGanOutputs(args: Args, stage: Exclude<Stage, 'oracles'>, trainer: GanTrainer, file: GanCheckpointFile, parent: GanCheckpoint | null): void {
  const options = trainer.options;
  const gShapes = shapesOf(generatorSpecs(options.generator));
  const dShapes = shapesOf(discriminatorSpecs(options.discriminator));
  const w = trainer.weights();
  const groups: Record<string, FlatParams> = { gEma: toFloat32(w.gEma), wAvg: { wAvg: Float32Array.from(w.wAvg) } };
  // the parent ships G and D too: the child (here and live in the browser) fine-tunes all of them
  if (stage === 'parent') {
    groups.g = toFloat32(w.g);
    groups.d = toFloat32(w.d);
  }
  const shapes = { gEma: gShapes, g: gShapes, d: dShapes, wAvg: { wAvg: [options.generator.wDim] } };
  const { bytes, layout } = packWeights(groups, shapes);
  const stem = stage === 'child' ? childFileStem(args.seed) : stage;
  writeFileAtomic(join(args.out, `${stem}.bin`), bytes);
  const snapshots: { step: number; file: string; bytes: number }[] = [];
  if (stage === 'child') {
    for (const [step, values] of Object.entries(file.snapshots)) {
      const p = packWeights({ gEma: toFloat32(values) }, { gEma: gShapes });
      const name = `child-step${step}.bin`;
      writeFileAtomic(join(args.out, name), p.bytes);
      snapshots.push({ step: Number(step), file: name, bytes: p.bytes.byteLength });
    }
  }
  const change = parent ? generatorWeightChange(options.generator, toFloat32(parent.weights.gEma), toFloat32(w.gEma)) : null;
  const defaultsFor = DEFAULT_STEPS[stage];
  const manifest = {
    file: `${stem}.bin`,
    dtype: 'float32',
    endianness: 'little',
    bytes: bytes.byteLength,
    model: `StyleAlign ${stage} (${DOMAIN[stage]}): StyleGAN2-style G (src/apps/stylealign/core/generator.ts) and residual D (discriminator.ts)`,
    options,
    origin: trainer.origin,
    parameters: { generator: generatorParamCount(options.generator), discriminator: discriminatorParamCount(options.discriminator) },
    layout,
    snapshots,
    training: { stage, domain: DOMAIN[stage], steps: trainer.steps, seed: args.seed, dataSeed: args.dataSeed, batch: options.batch, learningRate: options.learningRate, r1Gamma: options.r1Gamma },
    reproduce:
      `${SCRIPT} --stage ${stage}` +
      (trainer.steps !== defaultsFor ? ` --steps ${trainer.steps}` : '') +
      ` --seed ${args.seed} --data-seed ${args.dataSeed} --batch ${options.batch}` +
      (args.gamma !== null ? ` --gamma ${args.gamma}` : '') +
      (stage === 'child' ? ' (from the parent.bin of its manifest)' : '') +
      ' (add --resume to continue a stopped run; checkpoints are bitwise on one backend)',
    segments: file.segments,
    finalLosses: file.segments.at(-1)?.finalLosses ?? null,
    evaluations: file.evaluations,
    generatorWeightChangeFromParent: change,
    history: file.history,
  };
  writeFileAtomic(join(args.out, `${stem}.manifest.json`), JSON.stringify(manifest, null, 1));
  console.error(`done: ${trainer.steps} steps; wrote ${join(args.out, `${stem}.bin`)} (${(bytes.byteLength / 1e6).toFixed(2)} MB float32)${snapshots.length ? ` and ${snapshots.length} child snapshots` : ''} and its manifest`);
  if (change) console.error(`  |Δθ|/|θ_parent| of G_ema: ${Object.entries(change).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ')}`);
}

async function trainOracles(args: Args, command: string): Promise<void> {
  const checkpointPath = args.checkpoint ?? join(ROOT, `.cache/train/stylealign-oracles-s${args.seed}.checkpoint.json`);
  let file: OracleCheckpointFile = { stage: 'oracles', stepsEach: args.steps, done: {}, current: null, segments: [] };
  if (args.resume) {
    unparkCheckpoint(checkpointPath);
    if (!existsSync(checkpointPath)) throw new Error(`--resume: no checkpoint at ${checkpointPath}; start without --resume`);
    file = JSON.parse(readFileSync(checkpointPath, 'utf8')) as OracleCheckpointFile;
    if (file.stepsEach !== args.steps) throw new Error(`--resume: the checkpoint trains ${file.stepsEach} steps per oracle; pass --steps ${file.stepsEach}`);
    console.error(`resumed from ${checkpointPath}: done ${Object.keys(file.done).join(', ') || 'none'}`);
  }
  const kept: Partial<Record<OracleKind, string>> = {};
  if (args.keep.length) {
    const old = readWeightsFile(join(args.out, 'oracles.bin'));
    const oldManifest = old.manifest as unknown as { heldOutQuality: Record<string, Record<string, number>>; finalLosses: Record<string, number>; segments: Segment[] };
    for (const k of args.keep) {
      if (JSON.stringify(Object.keys(old.groups[k] ?? {})) !== JSON.stringify(oracleSpecs(k).map((s) => s.name))) throw new Error(`--keep ${k}: the existing oracles.bin holds another architecture for it; retrain it`);
      file.done[k] = { params: toArrays(old.groups[k]), finalLoss: oldManifest.finalLosses[k], quality: oldManifest.heldOutQuality[k] };
      kept[k] = `kept from the previous oracles.bin (its segments: ${oldManifest.segments.map((s) => `${s.command} at ${s.commit}`).join('; ')})`;
      console.error(`oracle ${k}: ${kept[k]}`);
    }
  }
  const started = Date.now();
  const segment = newSegment(command, args, 0);
  let trainer: OracleTrainer | null = null;
  const save = (why: string) => {
    segment.minutes = Number(((Date.now() - started) / 60000).toFixed(2));
    file.current = trainer ? trainer.checkpoint() : null;
    const others = file.segments.filter((s) => s.startedAt !== segment.startedAt);
    file.segments = [...others, { ...segment }];
    writeFileAtomic(checkpointPath, JSON.stringify(file));
    console.error(`checkpoint (${why}) → ${checkpointPath}`);
  };
  const signals = signalWatcher();
  let lastSave = Date.now();
  for (const kind of ORACLE_KINDS) {
    if (file.done[kind]) continue;
    trainer = new OracleTrainer(kind, args.seed);
    if (file.current?.kind === kind) trainer.restore(file.current);
    console.error(`oracle ${kind}: ${oracleParamCount(kind).toLocaleString('en-US')} parameters, from step ${trainer.steps}`);
    const window: number[] = [];
    const ms: number[] = [];
    while (trainer.steps < args.steps) {
      const t0 = performance.now();
      const s = trainer.step();
      ms.push(performance.now() - t0);
      window.push(s.loss);
      if (window.length > 50) window.shift();
      if (s.step % 50 === 0) console.error(`  ${kind} step ${s.step}/${args.steps}: loss ${(window.reduce((a, b) => a + b, 0) / window.length).toFixed(4)} (mean of ${window.length}), ${(ms.slice(-50).reduce((a, b) => a + b, 0) / Math.min(50, ms.length)).toFixed(0)} ms/step`);
      if (Date.now() - lastSave > args.checkpointMinutes * 60000) {
        save('every few minutes');
        lastSave = Date.now();
      }
      await new Promise((r) => setImmediate(r));
      const sig = signals.stop();
      if (sig) {
        save(sig);
        console.error(`stopped by ${sig}; continue with --resume`);
        process.exit(130);
      }
    }
    const quality = oracleQuality(trainer.oracle, ORACLE_DATA_SEED_OFFSET + args.seed + EVAL_DATA_SEED_OFFSET);
    console.error(`  ${kind} on 500 held-out renders: ${Object.entries(quality).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
    file.done[kind] = { params: toArrays(trainer.oracle.values()), finalLoss: r6(window.reduce((a, b) => a + b, 0) / window.length), quality: Object.fromEntries(Object.entries(quality).map(([k, v]) => [k, r6(v)])) };
    segment.finalLosses[kind] = file.done[kind].finalLoss;
    segment.toStep += args.steps;
    trainer.dispose();
    trainer = null;
    save(`${kind} done`);
  }
  const groups = Object.fromEntries(ORACLE_KINDS.map((k) => [k, toFloat32(file.done[k]!.params)]));
  const shapes = Object.fromEntries(ORACLE_KINDS.map((k) => [k, shapesOf(oracleSpecs(k))]));
  const { bytes, layout } = packWeights(groups, shapes);
  writeFileAtomic(join(args.out, 'oracles.bin'), bytes);
  const manifest = {
    file: 'oracles.bin',
    dtype: 'float32',
    endianness: 'little',
    bytes: bytes.byteLength,
    model: 'StyleAlign oracles (src/apps/stylealign/core/oracle.ts): attribute regressors for faces and critters, and a face/critter classifier',
    parameters: Object.fromEntries(ORACLE_KINDS.map((k) => [k, oracleParamCount(k)])),
    layout,
    training: { stepsEach: args.steps, seed: args.seed, dataSeed: ORACLE_DATA_SEED_OFFSET + args.seed },
    reproduce: `${SCRIPT} --stage oracles${args.steps !== DEFAULT_STEPS.oracles ? ` --steps ${args.steps}` : ''} --seed ${args.seed} (add --resume to continue a stopped run)`,
    segments: file.segments,
    finalLosses: Object.fromEntries(ORACLE_KINDS.map((k) => [k, file.done[k]!.finalLoss])),
    heldOutQuality: Object.fromEntries(ORACLE_KINDS.map((k) => [k, file.done[k]!.quality])),
    kept,
    separateBranches: SEPARATE_BRANCHES,
  };
  writeFileAtomic(join(args.out, 'oracles.manifest.json'), JSON.stringify(manifest, null, 1));
  console.error(`done: wrote ${join(args.out, 'oracles.bin')} (${(bytes.byteLength / 1e6).toFixed(2)} MB) and its manifest`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parse(argv);
  // --parent names a file on this machine, like --out and --checkpoint
  const command = recordedCommand(SCRIPT, argv).replace(/--parent \S+/, '--parent <file>');
  await initNodeBackend(args.backend);
  if (args.stage === 'oracles') await trainOracles(args, command);
  else await trainGan(args, command);
  if (tf.memory().numTensors > 0) console.error(`note: ${tf.memory().numTensors} tensors alive at exit`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
