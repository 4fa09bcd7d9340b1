/**
 * npx tsx scripts/train/ilqr.ts [--steps N] [--seed N] [--resume] [--batch N] [--lr-scale C] [--curvature exact|majorizer|exact-else-majorizer] [--out DIR] [--checkpoint FILE]
 * npx tsx scripts/train/ilqr.ts --rescore [--out DIR]
 *
 * Trains the iLQR-VAE's Lorenz model (src/apps/ilqr/core/lorenz.ts: MGU2, n = 20, m = 5, the
 * paper's §3.2 set-up) in Node and writes the weights the demo ships:
 *   <out>/lorenz.json           θ, the model and data settings, the loss curve, R²_k on test trials
 *   <out>/lorenz.manifest.json  every training segment: command, seed, commit, steps, minutes, losses
 * A checkpoint (θ, Adam's moments, the warm starts) is saved every few minutes and at the end;
 * `--resume` continues from it and draws exactly what an unbroken run would (core/lorenz.ts
 * forks the minibatch and sample stream by step number).
 * `--curvature` picks iLQR's search curvature in training (core/ilqr.ts; the solver's default,
 * 'exact-else-majorizer', when omitted); each segment records it.
 * `--rescore` trains nothing: it recomputes the test record of <out>/lorenz.json (R²_k, cold-start
 * iterations) with this commit's evaluation, θ unchanged, and notes that in the manifest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../../src/shared/random';
import { commit, r6, recordedCommand, ROOT, writeFileAtomic, unparkCheckpoint } from './common';
import type { SearchCurvature } from '../../src/apps/ilqr/core/ilqr';
import { DEFAULT_LORENZ_TRAINER, SHIPPED_LORENZ_LR_SCALE, generateLorenzData, kStepR2, LORENZ_MODEL, LORENZ_SYSTEM, LorenzTrainer, trials, type LorenzCheckpoint } from '../../src/apps/ilqr/core/lorenz';

const SCRIPT = 'npx tsx scripts/train/ilqr.ts';
/** JSON through the atomic write of ./common.ts. */
const writeJson = (path: string, value: unknown) => writeFileAtomic(path, JSON.stringify(value));

interface Args {
  steps: number;
  seed: number;
  resume: boolean;
  batch: number;
  out: string;
  checkpoint: string;
  checkpointMinutes: number;
  evalEvery: number;
  /** c in lr = c/(1+√k); SHIPPED_LORENZ_LR_SCALE (0.02) by default, the paper's is 0.004 */
  lrScale: number;
  curvature: SearchCurvature;
  rescore: boolean;
}

const CURVATURES: readonly SearchCurvature[] = ['exact', 'majorizer', 'exact-else-majorizer'];

function parse(argv: string[]): Args {
  const a: Args = {
    steps: 4000,
    seed: 1,
    resume: false,
    batch: DEFAULT_LORENZ_TRAINER.batch,
    out: join(ROOT, 'src/apps/ilqr/weights'),
    checkpoint: join(ROOT, '.cache/train/ilqr-lorenz.checkpoint.json'),
    checkpointMinutes: 3,
    evalEvery: 250,
    lrScale: SHIPPED_LORENZ_LR_SCALE,
    curvature: 'exact-else-majorizer',
    rescore: false,
  };
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
    if (flag === '--steps') a.steps = int(next());
    else if (flag === '--seed') a.seed = int(next());
    else if (flag === '--batch') a.batch = int(next());
    else if (flag === '--resume') a.resume = true;
    else if (flag === '--out') a.out = resolve(next());
    else if (flag === '--checkpoint') a.checkpoint = resolve(next());
    else if (flag === '--checkpoint-minutes') a.checkpointMinutes = Number(next());
    else if (flag === '--eval-every') a.evalEvery = int(next());
    else if (flag === '--lr-scale') a.lrScale = Number(next());
    else if (flag === '--curvature') {
      const v = next();
      if (!(CURVATURES as readonly string[]).includes(v)) throw new Error(`--curvature must be one of ${CURVATURES.join(', ')}, not "${v}"`);
      a.curvature = v as SearchCurvature;
    } else if (flag === '--rescore') a.rescore = true;
    else throw new Error(`unknown flag ${flag} (see the comment at the top of scripts/train/ilqr.ts)`);
  }
  return a;
}

interface Segment {
  command: string;
  seed: number;
  commit: string;
  fromStep: number;
  toStep: number;
  minutes: number;
  finalLoss: number;
  startedAt: string;
  /** iLQR's search curvature in training; segments without it predate the option and used 'exact' */
  curvature?: SearchCurvature;
}

interface CheckpointFile {
  seed: number;
  batch: number;
  lrScale: number;
  /** absent in checkpoints made before the option existed: 'exact' */
  curvature?: SearchCurvature;
  totalSteps: number;
  trainer: LorenzCheckpoint;
  history: { step: number[]; loss: number[]; iterations: number[]; r2_30: number[]; r2_50: number[]; evalStep: number[] };
  segments: Segment[];
}

interface Manifest {
  file: string;
  reproduce: string;
  segments: Segment[];
  finalLoss: number | null;
  test: { r2_30: number; r2_50: number };
  /** re-evaluations of the same θ by later code (--rescore) */
  rescored?: { command: string; commit: string; at: string; before: { r2_30: number; r2_50: number }; after: { r2_30: number; r2_50: number } }[];
}

function reproduceCommand(steps: number, seed: number, batch: number, lrScale: number, curvature: SearchCurvature): string {
  return `npx tsx scripts/train/ilqr.ts --steps ${steps} --seed ${seed} --batch ${batch} --lr-scale ${lrScale} --curvature ${curvature} (add --resume to continue a stopped run)`;
}

/** --rescore: the shipped θ, scored again by this code; the manifest keeps the old and new figures. */
function rescore(args: Args, command: string): void {
  const weightsPath = join(args.out, 'lorenz.json');
  const manifestPath = join(args.out, 'lorenz.manifest.json');
  const weights = JSON.parse(readFileSync(weightsPath, 'utf8')) as { seed: number; steps: number; batch: number; lrScale: number; theta: number[]; test: { r2k: number[]; iterations: number[]; converged: number; trials: number } };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const data = generateLorenzData(LORENZ_SYSTEM, createRng(weights.seed).fork('lorenz data'));
  const test = trials(data, 'test');
  const trainer = new LorenzTrainer(trials(data, 'train').observations, { seed: weights.seed, batch: weights.batch, lrScale: weights.lrScale });
  if (trainer.vae.theta.length !== weights.theta.length) throw new Error(`--rescore: ${weightsPath} has ${weights.theta.length} parameters, the model ${trainer.vae.theta.length}`);
  trainer.vae.theta.set(weights.theta);
  trainer.vae.update();
  const final = kStepR2(trainer.vae, test, 50);
  const before = { r2_30: manifest.test.r2_30, r2_50: manifest.test.r2_50 };
  weights.test = { r2k: final.r2.map(r6), iterations: final.iterations, converged: final.converged, trials: test.observations.length };
  for (const seg of manifest.segments) seg.curvature ??= 'exact';
  const curvatures = [...new Set(manifest.segments.map((seg) => seg.curvature!))];
  if (curvatures.length === 1) manifest.reproduce = reproduceCommand(weights.steps, weights.seed, weights.batch, weights.lrScale, curvatures[0]);
  manifest.test = { r2_30: final.r2[30], r2_50: final.r2[50] };
  manifest.rescored = [...(manifest.rescored ?? []), { command, commit: commit('src/apps/ilqr/core'), at: new Date().toISOString(), before, after: manifest.test }];
  writeJson(weightsPath, weights);
  writeJson(manifestPath, manifest);
  console.error(`rescored ${weightsPath}: test R²_30 ${before.r2_30.toFixed(4)} → ${final.r2[30].toFixed(4)}, R²_50 ${before.r2_50.toFixed(4)} → ${final.r2[50].toFixed(4)}; cold-start iterations ${final.iterations.join(',')}`);
}

function main(): void {
  const args = parse(process.argv.slice(2));
  const command = recordedCommand(SCRIPT, process.argv.slice(2));
  if (args.rescore) {
    rescore(args, command);
    return;
  }
  const data = generateLorenzData(LORENZ_SYSTEM, createRng(args.seed).fork('lorenz data'));
  const train = trials(data, 'train');
  const test = trials(data, 'test');
  const trainer = new LorenzTrainer(train.observations, { seed: args.seed, batch: args.batch, lrScale: args.lrScale, curvature: args.curvature });
  let file: CheckpointFile = {
    seed: args.seed,
    batch: args.batch,
    lrScale: args.lrScale,
    curvature: args.curvature,
    totalSteps: args.steps,
    trainer: trainer.checkpoint(),
    history: { step: [], loss: [], iterations: [], r2_30: [], r2_50: [], evalStep: [] },
    segments: [],
  };
  if (args.resume) {
    unparkCheckpoint(args.checkpoint);
    if (!existsSync(args.checkpoint)) throw new Error(`--resume: no checkpoint at ${args.checkpoint}; start without --resume`);
    file = JSON.parse(readFileSync(args.checkpoint, 'utf8')) as CheckpointFile;
    const fileCurvature = file.curvature ?? 'exact';
    if (file.seed !== args.seed || file.batch !== args.batch || file.lrScale !== args.lrScale || fileCurvature !== args.curvature) {
      throw new Error(`--resume: the checkpoint was made with --seed ${file.seed} --batch ${file.batch} --lr-scale ${file.lrScale} --curvature ${fileCurvature}; pass the same`);
    }
    trainer.restore(file.trainer);
    for (const seg of file.segments) seg.command = recordedCommand(SCRIPT, seg.command.replace(/^npx tsx scripts\/train\/ilqr\.ts\s*/, '').split(/\s+/).filter(Boolean));
    console.error(`resumed at step ${trainer.steps} from ${args.checkpoint}`);
  }
  const started = Date.now();
  const segment: Segment = { command, seed: args.seed, commit: commit('src/apps/ilqr/core'), fromStep: trainer.steps, toStep: trainer.steps, minutes: 0, finalLoss: NaN, startedAt: new Date().toISOString(), curvature: args.curvature };
  let lastSave = Date.now();
  const save = () => {
    segment.toStep = trainer.steps;
    segment.minutes = Number(((Date.now() - started) / 60000).toFixed(2));
    file.trainer = trainer.checkpoint();
    // a resume that trains no further (it only writes the weights) adds no segment
    const others = file.segments.filter((s) => s.startedAt !== segment.startedAt && s.toStep > s.fromStep);
    file.segments = segment.toStep > segment.fromStep ? [...others, { ...segment }] : others;
    writeJson(args.checkpoint, file);
    lastSave = Date.now();
  };
  const window: number[] = [];
  while (trainer.steps < args.steps) {
    const s = trainer.step();
    window.push(s.loss);
    if (window.length > 25) window.shift();
    segment.finalLoss = window.reduce((a, v) => a + v, 0) / window.length;
    if (s.step % 25 === 0) {
      file.history.step.push(s.step);
      file.history.loss.push(r6(segment.finalLoss));
      file.history.iterations.push(r6(s.iterations));
      console.error(`step ${s.step}: −ELBO/(T·n_o) ${segment.finalLoss.toFixed(4)} (mean of 25), iLQR iterations ${s.iterations.toFixed(2)}, ${s.ms.toFixed(0)} ms, lr ${trainer.adam.learningRate().toExponential(2)}`);
    }
    if (s.step % args.evalEvery === 0 || s.step === args.steps) {
      const r = kStepR2(trainer.vae, test, 50);
      file.history.evalStep.push(s.step);
      file.history.r2_30.push(r6(r.r2[30]));
      file.history.r2_50.push(r6(r.r2[50]));
      console.error(`  test R²_0 ${r.r2[0].toFixed(4)}, R²_30 ${r.r2[30].toFixed(4)}, R²_50 ${r.r2[50].toFixed(4)}; cold-start iterations ${r.iterations.join(',')}`);
    }
    if (Date.now() - lastSave > args.checkpointMinutes * 60000) save();
  }
  save();
  // the shipped weights
  const final = kStepR2(trainer.vae, test, 50);
  const weights = {
    kind: 'ilqr-vae lorenz',
    model: LORENZ_MODEL,
    system: LORENZ_SYSTEM,
    seed: args.seed,
    steps: trainer.steps,
    batch: args.batch,
    lrScale: trainer.config.lrScale,
    theta: Array.from(trainer.vae.theta),
    blocks: trainer.vae.layout.blocks.map((b) => ({ name: b.name, offset: b.offset, size: b.size })),
    history: file.history,
    test: { r2k: final.r2.map(r6), iterations: final.iterations, converged: final.converged, trials: test.observations.length },
  };
  writeJson(join(args.out, 'lorenz.json'), weights);
  const manifest: Manifest = {
    file: 'lorenz.json',
    reproduce: reproduceCommand(args.steps, args.seed, args.batch, args.lrScale, args.curvature),
    segments: file.segments,
    finalLoss: file.segments.at(-1)?.finalLoss ?? null,
    test: { r2_30: final.r2[30], r2_50: final.r2[50] },
  };
  writeJson(join(args.out, 'lorenz.manifest.json'), manifest);
  console.error(`done: ${trainer.steps} steps; test R²_30 ${final.r2[30].toFixed(4)}, R²_50 ${final.r2[50].toFixed(4)}; wrote ${join(args.out, 'lorenz.json')}`);
}

main();
