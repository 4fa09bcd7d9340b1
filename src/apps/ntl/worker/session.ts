/**
 * One live training session of the NTL demo, React-free and DOM-free: it generates the seeded data
 * of the chosen experiment, holds the NTL model (and an SL reference trained on the same data and
 * seed), takes one step at a time, evaluates at checkpoints, and runs the removal attacks. The Web
 * Worker (`train.worker.ts`) wraps it; Vitest drives it directly in Node.
 *
 * Everything it returns is plain data (numbers, typed arrays): no tensor ever leaves the session,
 * and `dispose()` frees every tensor it made.
 */
import {
  auConfig,
  concatSets,
  createTrainer,
  ewcConfig,
  fisherSquaredSums,
  normaliseFisher,
  evaluateWeights,
  ftalConfig,
  generateDomain,
  generateNeighbours,
  headSet,
  imageAt,
  OWNER_PATCH,
  ATTACKER_PATCH,
  overwriteConfig,
  patchSet,
  predictionGrid,
  projectFeatures,
  pruneByMagnitude,
  rtalConfig,
  type CnnWeights,
  type DigitSet,
  type Trainer,
  type TrainerConfig,
  type TrainerState,
} from '../core';
import { domainName as nameOf, settingsProblem, sourceFixedToS, type Domain } from '../core/settings';
import { formatCount } from '../../../shared/formatCount';
import {
  EVAL_KEYS,
  type AttackKind,
  type AttackReport,
  type Checkpoint,
  type DataProgress,
  type EvalKey,
  type PreparedInfo,
  type Projection,
  type SampleRow,
  type SessionConfig,
  type SessionSizes,
  type StepReport,
} from './protocol';

/** Sized so the default run (200 steps with the SL reference) ends well inside 3 minutes on WASM. */
export const DEFAULT_SIZES: SessionSizes = {
  trainPerDomain: 1500,
  testPerDomain: 300,
  neighboursPerCell: 50,
  neighboursTestPerCell: 10,
  liveEvalPerSet: 150,
  projectionPerSet: 100,
  gridPerRow: 12,
  attackerShare: 0.1,
  fineTuneSteps: 60,
  overwriteSteps: 100,
  fisherSamples: 150,
};

/** Checkpoint steps of a run: about eight during training plus the last step. */
export function checkpointSteps(total: number): Set<number> {
  const every = Math.max(5, Math.ceil(total / 8));
  const out = new Set<number>();
  for (let s = every; s < total; s += every) out.add(s);
  out.add(total);
  return out;
}

/** Yields a macrotask so a worker can receive a cancel message between chunks of work. */
export type Yielder = () => Promise<void>;
const noYield: Yielder = () => Promise.resolve();

export class NtlSession {
  readonly config: SessionConfig;
  readonly sizes: SessionSizes;
  readonly info: PreparedInfo;
  private readonly main: Trainer;
  private readonly reference: Trainer | null;
  private readonly evalSets: Partial<Record<EvalKey, DigitSet>>;
  private readonly trainSource: DigitSet;
  private readonly rowSets: [DigitSet, DigitSet];
  private readonly projectionSets: Record<string, DigitSet>;
  private readonly checkpoints: Set<number>;
  private disposed = false;

  private constructor(
    config: SessionConfig,
    sizes: SessionSizes,
    parts: {
      info: PreparedInfo;
      main: TrainerConfig;
      reference: TrainerConfig | null;
      evalSets: Partial<Record<EvalKey, DigitSet>>;
      trainSource: DigitSet;
      rowSets: [DigitSet, DigitSet];
      projection: Record<string, DigitSet>;
    },
  ) {
    this.config = config;
    this.sizes = sizes;
    this.info = parts.info;
    this.evalSets = parts.evalSets;
    this.trainSource = parts.trainSource;
    this.rowSets = parts.rowSets;
    this.projectionSets = parts.projection;
    this.main = createTrainer(parts.main);
    this.reference = parts.reference ? createTrainer(parts.reference) : null;
    this.checkpoints = checkpointSteps(config.steps);
  }

  /**
   * Generates the data of the experiment (reporting each set as it is made) and builds the models.
   * Throws with a message naming the fix when the settings make no sense.
   */
  static async create(
    config: SessionConfig,
    opts: { sizes?: Partial<SessionSizes>; onProgress?: (p: DataProgress) => void; yieldNow?: Yielder; cancelled?: () => boolean } = {},
  ): Promise<NtlSession> {
    const sizes = { ...DEFAULT_SIZES, ...opts.sizes };
    const yieldNow = opts.yieldNow ?? noYield;
    const t0 = performance.now();
    const { mode, seed } = config;
    const problem = settingsProblem(config);
    if (problem) throw new Error(problem);
    const src: Domain = sourceFixedToS(mode) ? 'S' : config.source;
    const needNeighbours = sourceFixedToS(mode); // the neighbour grid is made from S
    const needTargetTrain = mode === 'target';

    type Task = { label: string; make: () => DigitSet };
    const made = new Map<string, DigitSet>();
    const tasks: { key: string; task: Task }[] = [];
    const add = (key: string, label: string, make: () => DigitSet) => tasks.push({ key, task: { label, make } });
    const fmt = formatCount;
    add('train/src', `${src} train (${fmt(sizes.trainPerDomain)} images)`, () =>
      generateDomain(src, { n: sizes.trainPerDomain, seed, split: 'train' }),
    );
    if (needTargetTrain) {
      add('train/tgt', `${config.target} train (${fmt(sizes.trainPerDomain)} images)`, () =>
        generateDomain(config.target, { n: sizes.trainPerDomain, seed, split: 'train' }),
      );
    }
    for (const d of ['S', 'T1', 'T2', 'T3'] as const) {
      add(`test/${d}`, `${d} test (${fmt(sizes.testPerDomain)} images)`, () => generateDomain(d, { n: sizes.testPerDomain, seed, split: 'test' }));
    }
    if (needNeighbours) {
      add('train/N', `neighbours train (20 cells × ${sizes.neighboursPerCell})`, () =>
        generateNeighbours({ perCell: sizes.neighboursPerCell, seed, split: 'train' }),
      );
      add('test/N', `neighbours test (20 cells × ${sizes.neighboursTestPerCell})`, () =>
        generateNeighbours({ perCell: sizes.neighboursTestPerCell, seed, split: 'test' }),
      );
    }
    for (let i = 0; i < tasks.length; i++) {
      opts.onProgress?.({ phase: 'data', label: tasks[i].task.label, done: i, total: tasks.length });
      await yieldNow();
      if (opts.cancelled?.()) throw new CancelledError();
      made.set(tasks[i].key, tasks[i].task.make());
    }
    opts.onProgress?.({ phase: 'data', label: 'models', done: tasks.length, total: tasks.length });
    const get = (k: string): DigitSet => {
      const s = made.get(k);
      if (!s) throw new Error(`internal: set ${k} was not generated`);
      return s;
    };

    const testSrc = get(`test/${src}`);
    const testSrcPatched = patchSet(testSrc, OWNER_PATCH);
    const evalSets: Partial<Record<EvalKey, DigitSet>> = {
      S: get('test/S'),
      T1: get('test/T1'),
      T2: get('test/T2'),
      T3: get('test/T3'),
      'src+patch': testSrcPatched,
    };
    if (needNeighbours) {
      evalSets.N = get('test/N');
      if (mode === 'authorization') evalSets['N+patch'] = patchSet(get('test/N'), OWNER_PATCH);
    }

    const loss = { variant: config.loss, alpha: config.alpha, beta: config.beta, alphaDis: 0.1, betaDis: 1 } as const;
    const trainSrcClean = get('train/src');
    let source = trainSrcClean;
    let target: DigitSet | undefined;
    let sourceName = nameOf(src);
    let targetName = '—';
    let roles: PreparedInfo['roles'] = { source: src, target: config.target };
    let projection: Record<string, DigitSet> = { [`${src} (source)`]: testSrc, [`${config.target} (target)`]: get(`test/${config.target}`) };
    let rowSets: [DigitSet, DigitSet] = [testSrc, get(`test/${config.target}`)];
    let rowTitles: [string, string] = [`source ${src}, test`, `target ${config.target}, test`];
    switch (mode) {
      case 'sl':
        targetName = 'none (SL trains on the source only)';
        roles = { source: src, target: config.target };
        break;
      case 'target':
        target = get('train/tgt');
        targetName = nameOf(config.target);
        break;
      case 'ownership':
        target = patchSet(trainSrcClean, OWNER_PATCH);
        targetName = `${src} + ownership patch`;
        roles = { source: src, target: 'src+patch' };
        projection = { [`${src} (clean)`]: testSrc, [`${src} + patch`]: testSrcPatched };
        rowSets = [testSrc, testSrcPatched];
        rowTitles = [`clean ${src}, test`, `${src} + patch, test`];
        break;
      case 'sourceOnly':
        target = get('train/N');
        targetName = 'procedural neighbours of S (5 distances × 4 directions)';
        roles = { source: 'S', target: 'N' };
        projection = { 'S (source)': testSrc, 'neighbours (target)': get('test/N') };
        rowSets = [testSrc, get('test/N')];
        rowTitles = ['source S, test', 'neighbours, test'];
        break;
      case 'authorization': {
        const n = get('train/N');
        source = patchSet(trainSrcClean, OWNER_PATCH);
        target = concatSets('auth/T', [trainSrcClean, n, patchSet(n, OWNER_PATCH)]);
        sourceName = 'S + patch (authorized)';
        targetName = 'clean S ∪ neighbours ∪ patched neighbours';
        roles = { source: 'src+patch', target: 'S' };
        projection = { 'S + patch (authorized)': testSrcPatched, 'clean S': testSrc, neighbours: get('test/N') };
        rowSets = [testSrcPatched, testSrc];
        rowTitles = ['S + patch (authorized), test', 'clean S (unauthorized), test'];
        break;
      }
    }
    const common = { seed, batchSize: config.batch, learningRate: config.lr };
    const mainCfg: TrainerConfig = mode === 'sl' ? { mode: 'sl', source, ...common } : { mode: 'ntl', source, target, loss, ...common };
    const referenceCfg: TrainerConfig | null = mode !== 'sl' && config.baseline ? { mode: 'sl', source, ...common } : null;
    const g = sizes.gridPerRow;
    const row = (set: DigitSet, title: string): SampleRow => {
      const m = Math.min(g, set.n);
      return { title, images: Array.from({ length: m }, (_, i) => imageAt(set, i)), labels: Array.from(set.labels.subarray(0, m)) };
    };
    const info: PreparedInfo = {
      seconds: (performance.now() - t0) / 1000,
      counts: { source: source.n, target: target?.n ?? 0, test: sizes.testPerDomain },
      sourceName,
      targetName,
      evalKeys: EVAL_KEYS.filter((k) => evalSets[k]),
      roles,
      rows: [row(rowSets[0], rowTitles[0]), row(rowSets[1], rowTitles[1])],
      patchSample: imageAt(testSrc, 0),
      projectionNames: Object.keys(projection),
    };
    return new NtlSession(config, sizes, { info, main: mainCfg, reference: referenceCfg, evalSets, trainSource: trainSrcClean, rowSets, projection });
  }

  get steps(): number {
    return this.main.steps;
  }

  get done(): boolean {
    return this.main.steps >= this.config.steps;
  }

  /** One training step of the NTL model (and of the SL reference), plus a checkpoint when one is due. */
  step(): StepReport {
    this.assertLive();
    const ntl = this.main.step();
    const sl = this.reference?.step();
    const report: StepReport = { step: ntl.step, ntl, ...(sl ? { sl } : {}) };
    if (this.checkpoints.has(ntl.step)) report.checkpoint = this.checkpoint(ntl.step >= this.config.steps);
    return report;
  }

  /**
   * The models' whole training state (weights, Adam, batch order, dropout stream), plain data: a
   * page saves it to IndexedDB, and `restoreState` on a fresh session of the same settings resumes
   * from it bit for bit (same backend).
   */
  async saveState(): Promise<NtlSavedState> {
    this.assertLive();
    return { version: 1, main: await this.main.saveState(), reference: this.reference ? await this.reference.saveState() : null };
  }

  async restoreState(state: NtlSavedState): Promise<void> {
    this.assertLive();
    if (state?.version !== 1) throw new Error('This saved run was made by another version of the demo: start a new run.');
    if ((state.reference === null) !== (this.reference === null)) throw new Error('The saved run was trained with other settings (the SL reference differs): start a new run.');
    if (state.main.steps > this.config.steps) throw new Error(`The saved run is at step ${state.main.steps}, past this run's ${this.config.steps} steps: start a new run.`);
    await this.main.restoreState(state.main);
    if (this.reference && state.reference) await this.reference.restoreState(state.reference);
  }

  /** Scores both models, projects their features and predicts the sample rows. */
  checkpoint(final: boolean): Checkpoint {
    this.assertLive();
    const perSet = final ? this.sizes.testPerDomain : this.sizes.liveEvalPerSet;
    const sets = this.evalSets as Record<string, DigitSet>;
    const roleSrc = this.evalSets[this.info.roles.source] as DigitSet;
    const roleTgt = this.evalSets[this.info.roles.target] as DigitSet;
    const project = (t: Trainer): Projection => {
      const p = projectFeatures(t, this.projectionSets, this.sizes.projectionPerSet, this.config.seed);
      return { names: p.names, points: p.points, setIndex: p.setIndex, explained: p.explained };
    };
    const grid = (set: DigitSet) => Array.from(predictionGrid(this.main, set, this.sizes.gridPerRow).predicted);
    const cp: Checkpoint = {
      step: this.main.steps,
      perSet,
      ntl: this.main.evaluate(sets, perSet),
      mmd: { ntl: this.main.measureMmd(roleSrc, roleTgt, 128) },
      projection: { ntl: project(this.main) },
      predicted: [grid(this.rowSets[0]), grid(this.rowSets[1])],
    };
    if (this.reference) {
      cp.sl = this.reference.evaluate(sets, perSet);
      cp.mmd.sl = this.reference.measureMmd(roleSrc, roleTgt, 128);
      cp.projection.sl = project(this.reference);
    }
    return cp;
  }

  /**
   * A removal attack on the trained model (ownership mode): the attacker holds a small clean share
   * of the source training data. Training attacks step with `yieldNow` between steps so they can
   * report progress and be cancelled. EWC first estimates the Fisher on the attacker's data (one
   * gradient per image, counted in the progress), AU first labels its augmented pool with the
   * stolen model.
   */
  async attack(
    kind: AttackKind,
    opts: { fraction?: number; onProgress?: (done: number, total: number) => void; yieldNow?: Yielder; cancelled?: () => boolean } = {},
  ): Promise<AttackReport> {
    this.assertLive();
    if (this.config.mode !== 'ownership') throw new Error('Attacks need an ownership-verification model: choose the mode "Ownership verification" and train it first.');
    const t0 = performance.now();
    // In ownership mode the first sample row is the clean source test set.
    const verify = { clean: this.rowSets[0], patched: this.evalSets['src+patch'] as DigitSet };
    const stolen = this.main.snapshot();
    const before = evaluateWeights(stolen, verify) as { clean: number; patched: number };
    const attacker = headSet(this.trainSource, Math.max(this.config.batch, Math.round(this.sizes.attackerShare * this.trainSource.n)), 'attacker');
    const attackOpts = { seed: this.config.seed + 101, batchSize: this.config.batch };
    const yieldNow = opts.yieldNow ?? noYield;
    let weights: CnnWeights;
    let steps = 0;
    let sparsity: number | undefined;
    if (kind === 'prune') {
      const fraction = opts.fraction ?? 0.5;
      const pruned = pruneByMagnitude(stolen, fraction, 'global');
      weights = pruned.weights;
      sparsity = pruned.sparsity;
    } else {
      steps = kind === 'overwrite' ? this.sizes.overwriteSteps : this.sizes.fineTuneSteps;
      // EWC's Fisher: one per-example gradient per attacker image, in chunks between yields.
      const fisherN = kind === 'ewc' ? Math.min(this.sizes.fisherSamples, attacker.n) : 0;
      const total = fisherN + steps;
      let fisher: CnnWeights | undefined;
      if (kind === 'ewc') {
        const chunk = 10;
        const parts: CnnWeights[] = [];
        for (let at = 0; at < fisherN; at += chunk) {
          const m = Math.min(chunk, fisherN - at);
          parts.push(fisherSquaredSums(stolen, attacker, at, m));
          opts.onProgress?.(at + m, total);
          await yieldNow();
          if (opts.cancelled?.()) throw new CancelledError();
        }
        fisher = normaliseFisher(parts);
      }
      const cfg =
        kind === 'ftal'
          ? ftalConfig(stolen, attacker, attackOpts)
          : kind === 'rtal'
            ? rtalConfig(stolen, attacker, attackOpts)
            : kind === 'ewc'
              ? ewcConfig(stolen, attacker, { ...attackOpts, fisher })
              : kind === 'au'
                ? auConfig(stolen, attacker, attackOpts)
                : overwriteConfig(stolen, attacker, { ...attackOpts, patch: ATTACKER_PATCH });
      const t = createTrainer(cfg);
      try {
        for (let i = 0; i < steps; i++) {
          t.step();
          opts.onProgress?.(fisherN + i + 1, total);
          await yieldNow();
          if (opts.cancelled?.()) throw new CancelledError();
        }
        weights = t.snapshot();
      } finally {
        t.dispose();
      }
    }
    const after = evaluateWeights(weights, verify) as { clean: number; patched: number };
    const report: AttackReport = { kind, steps, before, after, seconds: (performance.now() - t0) / 1000 };
    if (kind === 'prune') {
      report.fraction = opts.fraction ?? 0.5;
      report.sparsity = sparsity;
    }
    if (kind === 'overwrite') report.attackerPatched = evaluateWeights(weights, { p: patchSet(verify.clean, ATTACKER_PATCH) }).p;
    return report;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.main.dispose();
    this.reference?.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('This training session was reset; press Run to start a new one.');
  }
}

/** A session's saved training state (see `NtlSession.saveState`). */
export interface NtlSavedState {
  version: 1;
  main: TrainerState;
  reference: TrainerState | null;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
