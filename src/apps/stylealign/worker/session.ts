/**
 * The live fine-tune, in the training worker (train.worker.ts, the kit's handlers and runner): the
 * child starts from the shipped parent's G, D and G_ema (`GanTrainer.fineTune`, as
 * scripts/train/stylealign.ts --stage child does with more steps) and trains on critters one step per
 * runner step. At a few checkpoints it renders the child's G_ema for fixed latents (beside the
 * parent's images of the same latents) and, when the oracles ship, measures the alignment live: Pearson
 * r of each pre-declared attribute pair between the parent oracle on G_p(z) and the child oracle on
 * G_c(z) over `alignCount` latents, and the domain classifier's critter fraction.
 * React- and DOM-free: Vitest drives it in Node (session.test.ts).
 */
import { GanTrainer, defaultGanOptions, generateInChunks, type GanCheckpoint } from '../core/ganTrainer';
import { sampleLatents, type Generator } from '../core/generator';
import { ATTRIBUTES } from '../core/domains';
import { critterFraction, Oracle, ORACLE_KINDS, pearson, type OracleKind } from '../core/oracle';
import { toArrays } from '../core/nn';
import { unpackWeights, type LayoutEntry } from '../core/weightsFile';
import type { PrepareOptions, TrainingSession } from '../../../shared/run/trainingWorker';
import type { FineTuneCheckpoint, FineTuneConfig, FineTuneInfo, FineTuneProgress, FineTuneSizes, FineTuneStep, PairR } from './protocol';
import { readGan, readJson, trainCommand, urlReader, type FileReader } from './sessionWeights';
import { toRgba } from './sessionExplorer';

/** The attribute pairs whose correspondence the alignment is scored on (declared before any run, as the issue asks). */
export const ALIGN_PAIRS: readonly (readonly [string, string])[] = [
  ['yaw', 'yaw'],
  ['hairLuminance', 'furLuminance'],
  ['hairLength', 'earLength'],
  ['smile', 'mouthOpening'],
];

export const DEFAULT_SIZES: FineTuneSizes = { show: 6, alignCount: 128, checkpoints: 6 };
export const DEFAULT_BATCH = 8;

export const MISSING_PARENT =
  `The live fine-tune starts from the shipped parent, and this build has no parent.bin (with parent.manifest.json): ` +
  `train it with \`${trainCommand('parent')}\` (it writes src/apps/stylealign/weights/parent.bin), then rebuild.`;

export class MissingParentError extends Error {
  constructor() {
    super(MISSING_PARENT);
    this.name = 'MissingParentError';
  }
}

/** The oracles of oracles.bin; null (with the reason) when it does not ship or does not fit this build's oracle networks. */
async function readOracles(read: FileReader): Promise<{ oracles: Record<OracleKind, Oracle> | null; problem: string | null }> {
  const [manifest, bytes] = await Promise.all([readJson<{ layout: LayoutEntry[] }>(read, 'oracles.manifest.json'), read('oracles.bin')]);
  if (!manifest || !bytes) return { oracles: null, problem: `oracles.bin is not shipped in this build (train it with ${trainCommand('oracles')})` };
  const groups = unpackWeights(bytes, manifest.layout);
  const made: Oracle[] = [];
  try {
    for (const k of ORACLE_KINDS) made.push(new Oracle(k, groups[k] ?? {}));
  } catch (e) {
    for (const o of made) o.dispose();
    return { oracles: null, problem: `oracles.bin does not fit this build's oracle networks (${e instanceof Error ? e.message : String(e)}): retrain it with ${trainCommand('oracles')}` };
  }
  return { oracles: Object.fromEntries(ORACLE_KINDS.map((k, i) => [k, made[i]])) as Record<OracleKind, Oracle>, problem: null };
}

export class FineTuneSession implements TrainingSession<FineTuneStep, FineTuneInfo> {
  private constructor(
    private readonly trainer: GanTrainer,
    private readonly oracles: Record<OracleKind, Oracle> | null,
    private readonly showZ: Float32Array,
    private readonly alignZ: Float32Array,
    private readonly parentAttributes: Float32Array | null,
    private readonly every: number,
    readonly info: FineTuneInfo,
  ) {}

  static async create(args: { config: FineTuneConfig; sizes?: Partial<FineTuneSizes> }, opts: PrepareOptions<FineTuneProgress> & { read?: FileReader }): Promise<FineTuneSession> {
    const t0 = performance.now();
    const { config } = args;
    const sizes = { ...DEFAULT_SIZES, ...args.sizes };
    const read = opts.read ?? urlReader(config.files);
    opts.onProgress({ label: 'reading parent.bin (G, D and G_ema of the parent)', done: 0, total: 3 });
    const parent = await readGan(read, 'parent');
    if (!parent) throw new MissingParentError();
    if (!parent.groups.g || !parent.groups.d) throw new Error('parent.bin has no G or D (only G_ema): the live fine-tune needs all three; retrain it with ' + trainCommand('parent'));
    if (opts.cancelled()) throw new Error('cancelled');
    const ckpt: GanCheckpoint = {
      version: 1,
      options: parent.manifest.options,
      origin: { kind: 'scratch' },
      step: parent.manifest.training.steps,
      realCursor: 0,
      weights: { g: toArrays(parent.groups.g), d: toArrays(parent.groups.d), gEma: toArrays(parent.groups.gEma), wAvg: Array.from(parent.wAvg) },
      adamG: { k: 0, m: {}, v: {} },
      adamD: { k: 0, m: {}, v: {} },
    };
    const options = defaultGanOptions('critters', config.seed, { batch: config.batch, generator: parent.config, discriminator: parent.discriminator });
    opts.onProgress({ label: 'reading oracles.bin (the attribute oracles)', done: 1, total: 3 });
    await opts.yieldNow();
    const trainer = GanTrainer.fineTune(ckpt, options);
    let oracles: Record<OracleKind, Oracle> | null = null;
    try {
      const read32 = trainer.Gema.imageSize === 32 ? await readOracles(read) : { oracles: null, problem: 'the oracles read 32 px images only' };
      oracles = read32.oracles;
      opts.onProgress({ label: 'rendering the parent and measuring the start', done: 2, total: 3 });
      await opts.yieldNow();
      if (opts.cancelled()) throw new Error('cancelled');
      const zDim = parent.config.zDim;
      const showZ = sampleLatents(config.seed, 'stylealign/finetune/show', sizes.show, zDim);
      const alignZ = sampleLatents(config.seed, 'stylealign/finetune/align', sizes.alignCount, zDim);
      const parentImages = toRgba(generateInChunks(trainer.Gema, showZ, sizes.show, 32));
      const parentAttributes = oracles ? oracles.faces.evaluate(generateInChunks(trainer.Gema, alignZ, sizes.alignCount, 64), sizes.alignCount).outputs : null;
      const every = Math.max(1, Math.ceil(config.steps / sizes.checkpoints));
      const info: FineTuneInfo = {
        parentSteps: parent.manifest.training.steps,
        batch: config.batch,
        totalSteps: config.steps,
        show: sizes.show,
        alignCount: sizes.alignCount,
        parentImages,
        start: null as unknown as FineTuneCheckpoint,
        alignmentProblem: read32.problem,
        seconds: 0,
      };
      const session = new FineTuneSession(trainer, oracles, showZ, alignZ, parentAttributes, every, info);
      info.start = session.evaluate();
      info.seconds = (performance.now() - t0) / 1000;
      return session;
    } catch (e) {
      trainer.dispose();
      if (oracles) for (const o of Object.values(oracles)) o.dispose();
      throw e;
    }
  }

  get steps(): number {
    return this.trainer.steps;
  }

  /** The child's images of the shown latents and the live alignment, now. */
  evaluate(): FineTuneCheckpoint {
    const g: Generator = this.trainer.Gema;
    const images = toRgba(generateInChunks(g, this.showZ, this.info.show, 32));
    if (!this.oracles || !this.parentAttributes) return { step: this.steps, images, pairs: null, meanAbsR: null, critterFraction: null };
    const n = this.info.alignCount;
    const childImages = generateInChunks(g, this.alignZ, n, 64);
    const child = this.oracles.critters.evaluate(childImages, n).outputs;
    const fa = ATTRIBUTES.faces;
    const ca = ATTRIBUTES.critters;
    const pairs: PairR[] = ALIGN_PAIRS.map(([p, c]) => {
      const i = fa.indexOf(p);
      const j = ca.indexOf(c);
      const a = Float64Array.from({ length: n }, (_, k) => this.parentAttributes![k * fa.length + i]);
      const b = Float64Array.from({ length: n }, (_, k) => child[k * ca.length + j]);
      return { parent: p, child: c, r: pearson(a, b) };
    });
    const meanAbsR = pairs.reduce((s, q) => s + Math.abs(q.r), 0) / pairs.length;
    return { step: this.steps, images, pairs, meanAbsR, critterFraction: critterFraction(this.oracles.domain, childImages, n) };
  }

  /**
   * The fine-tune's whole state (G, D, G_ema, w_avg, both Adams, the step and the real-image cursor;
   * its latents are drawn per step from the seed), for a reloaded page. The trainer's checkpoint
   * holds number lists (JSON for the training script); float32 arrays here halve what IndexedDB
   * keeps and hold the same values.
   */
  saveState(): GanCheckpoint {
    return packFloat32(this.trainer.checkpoint());
  }

  restoreState(state: GanCheckpoint): void {
    if (this.trainer.steps !== 0) throw new Error('A saved run can only be restored into a fresh session.');
    if (state.step > this.info.totalSteps) throw new Error(`The saved run is at step ${state.step}, past this run's ${this.info.totalSteps} steps: start a new run.`);
    this.trainer.restore(state);
  }

  step(): FineTuneStep {
    const s = this.trainer.step();
    const report: FineTuneStep = { step: s.step, lossG: s.lossG, lossD: s.lossD, ms: s.ms };
    if (s.step % this.every === 0 || s.step === this.info.totalSteps) report.checkpoint = this.evaluate();
    return report;
  }

  dispose(): void {
    this.trainer.dispose();
    if (this.oracles) for (const o of Object.values(this.oracles)) o.dispose();
  }
}

/** Every long number list in `value` as a Float32Array (the lists hold float32 values read from tensors). */
function packFloat32<T>(value: T): T {
  if (Array.isArray(value)) return (value.length > 16 && value.every((v) => typeof v === 'number') ? Float32Array.from(value as number[]) : value.map(packFloat32)) as T;
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, packFloat32(v)])) as T;
  return value;
}
