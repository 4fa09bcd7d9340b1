/**
 * One DEG run in the worker: RDKit is loaded (the route's own `.wasm`), the training molecules are
 * read, the grammar is built one construction iteration at a time with the untrained F_θ (the
 * step-through trace kept), N molecules are sampled and drawn; then each `step()` is one REINFORCE
 * epoch (5 grammars, mean baseline). `sampleBest` (an extra) samples N from the best grammar so far.
 * Every drawing is an SVG string made here, so the page only inserts them.
 */
import { createRng, type Rng } from '../../../shared/random';
import type { ExtraOptions, PrepareOptions, TrainingSession } from '../../../shared/run/trainingWorker';
import { countMatchesOf, type Chem } from '../core/chem';
import { GrammarBuilder, prepareSet, type PreparedSet } from '../core/construct';
import { datasetSmiles, usesMotifs } from '../core/datasets';
import { evaluateGrammar, trainingReference, type TrainingReference } from '../core/evaluate';
import { describeRule, ruleDepictionSmiles, type Grammar } from '../core/grammar';
import { MEMBERSHIP } from '../core/metrics';
import { initPotential } from '../core/potential';
import { DegTrainer, type DegTrainerState } from '../core/reinforce';
import { settingsProblem } from '../core/settings';
import { readSmilesList, type UserSet } from '../core/userInput';
import type { DataProgress, GrammarView, PrepareTimes, PreparedInfo, SampleView, SessionConfig, StepReport, TraceStep } from './protocol';

/** Molecules whose contraction is drawn step by step (the polymer set has 117). */
export const TRACE_MOLECULES = 12;
const DRAW_BATCH = 20;

type LoadChem = () => Promise<Chem>;
/** RDKit's own load times in the worker (rdkitBrowser.ts) and the warm-up after it (warmUp.ts), when the worker keeps them. */
type LoadTimes = () => {
  startedAt: number;
  downloadMs: number | null;
  readyMs: number | null;
  warmUp: { ms: number; stages: number } | null;
  /** When the worker got the prepare call (it may have waited for RDKit and the warm-up before `create`). */
  askedAt: number;
} | null;

function drawRules(chem: Chem, grammar: Grammar) {
  return grammar.rules.map((r) => ({
    id: r.id,
    lhs: r.lhs,
    start: r.start,
    ending: r.ending,
    count: r.count,
    text: describeRule(r),
    svg: chem.svg(ruleDepictionSmiles(r), { width: 180, height: 140, parse: { sanitize: false } }) ?? '',
  }));
}

export class GrammarSession implements TrainingSession<StepReport, PreparedInfo> {
  readonly info: PreparedInfo;
  private readonly trainer: DegTrainer;

  private constructor(
    private readonly chem: Chem,
    private readonly config: SessionConfig,
    set: PreparedSet,
    private readonly ref: TrainingReference,
    info: PreparedInfo,
  ) {
    this.info = info;
    this.trainer = new DegTrainer(chem, set, ref, { seed: config.seed, samplesPerGrammar: config.rewardSamples });
  }

  static async create(config: SessionConfig, opts: PrepareOptions<DataProgress>, loadChem: LoadChem, loadTimes?: LoadTimes): Promise<GrammarSession> {
    const problem = settingsProblem({ ...config, pasted: config.pasted !== null });
    if (problem) throw new Error(problem);
    const t0 = performance.now();
    const phases: PrepareTimes['phases'] = { rdkit: 0, read: 0, build: 0, sample: 0, draw: 0, rules: 0 };
    let mark = t0;
    const lap = (phase: keyof PrepareTimes['phases']) => {
      const now = performance.now();
      phases[phase] += now - mark;
      mark = now;
    };
    const check = async () => {
      await opts.yieldNow();
      if (opts.cancelled()) throw new Error('cancelled');
    };
    opts.onProgress({ phase: 'rdkit', label: 'RDKit (WebAssembly)', done: 0, total: 1, starting: true });
    const chem = await loadChem();
    await check();
    lap('rdkit');

    // The training molecules.
    let user: UserSet | null = null;
    let smiles: string[];
    if (config.pasted !== null) {
      user = readSmilesList(chem, config.pasted);
      if (user.smiles.length === 0) {
        const lines = user.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ');
        throw new Error(`No usable molecule in the pasted list${lines ? ` (${lines}${user.errors.length > 5 ? '; …' : ''})` : ''}.`);
      }
      smiles = user.smiles;
    } else smiles = datasetSmiles(config.dataset);
    const id = config.pasted !== null ? 'user' : config.dataset;
    opts.onProgress({ phase: 'read', label: `${smiles.length} training molecules`, done: 0, total: smiles.length });
    const set = prepareSet(chem, smiles, { motif: config.pasted === null && usesMotifs(config.dataset) });
    const ref = trainingReference(chem, set, id);
    const molecules = [];
    for (let i = 0; i < set.molecules.length; i++) {
      molecules.push({ smiles: set.molecules[i].canonical, svg: chem.svg(set.molecules[i].smiles, { width: 200, height: 160 }) ?? '' });
      if (i % DRAW_BATCH === DRAW_BATCH - 1) {
        opts.onProgress({ phase: 'read', label: `${smiles.length} training molecules`, done: i + 1, total: smiles.length });
        await check();
      }
    }

    lap('read');
    // Build the grammar with the untrained F_θ, keeping the step-through.
    const rng = createRng(config.seed);
    const tb = performance.now();
    const builder = new GrammarBuilder(chem, set, initPotential(rng.fork('theta')), rng.fork('build'), { trace: true });
    const traceMolecules = Math.min(TRACE_MOLECULES, set.molecules.length);
    const trace: TraceStep[] = [];
    while (!builder.done) {
      opts.onProgress({ phase: 'build', label: `building the grammar: iteration ${builder.iteration + 1}`, done: builder.iteration, total: builder.iteration + 1 });
      await check();
      builder.step();
      for (const s of builder.trace.at(-1) ?? []) {
        if (s.molecule >= traceMolecules) continue;
        const atoms = [...new Set(s.contractions.flatMap((c) => c.atoms))];
        trace.push({
          molecule: s.molecule,
          iteration: builder.iteration,
          units: s.units.length,
          selected: s.selected.filter(Boolean).length,
          maxPhi: s.probabilities ? Math.max(...s.probabilities) : null,
          contracted: s.contractions.length,
          newRules: s.contractions.filter((c) => c.newRule).map((c) => c.ruleId),
          ruleIds: s.contractions.map((c) => c.ruleId),
          svg: chem.svg(set.molecules[s.molecule].smiles, { width: 220, height: 170, highlightAtoms: atoms }) ?? '',
        });
      }
    }
    const buildSeconds = (performance.now() - tb) / 1000;
    const trainingDerivations = set.molecules.map((_, m) => builder.derivationOf(m).map((s) => s.rule));
    lap('build');

    const grammar = await sampleAndDraw(chem, builder.grammar, ref, rng.fork('sample'), config.n, 0, opts, check, { stream: true, times: phases });
    mark = performance.now();
    const rdkit = loadTimes?.();
    // Time the worker spent waiting for RDKit (and the warm-up's current stage) before this call began.
    if (rdkit) phases.rdkit += Math.max(0, t0 - rdkit.askedAt);
    const info: PreparedInfo = {
      source: config.pasted !== null ? { kind: 'pasted' } : { kind: 'dataset', id: config.dataset },
      problems: user?.errors ?? [],
      notes: user?.notes ?? [],
      molecules,
      trace,
      traceMolecules,
      iterations: builder.iteration,
      trainingDerivations,
      grammar,
      buildSeconds,
      seconds: (performance.now() - t0) / 1000,
      times: {
        phases,
        rdkitLoad: rdkit ? { downloadMs: rdkit.downloadMs, readyMs: rdkit.readyMs, startedBeforePrepareMs: rdkit.askedAt - rdkit.startedAt, warmUp: rdkit.warmUp } : null,
      },
    };
    return new GrammarSession(chem, config, set, ref, info);
  }

  get steps(): number {
    return this.trainer.epochs;
  }

  /** One REINFORCE epoch (async inside: `trainingHandlers` awaits it). */
  async step(): Promise<StepReport> {
    const r = await this.trainer.epochAsync({ yieldNow: () => Promise.resolve() });
    const best = this.trainer.best;
    return {
      // The trainer counts epochs from 0; the page from 1 (the runner's steps).
      epoch: r.epoch + 1,
      meanReward: r.meanReward,
      rewards: r.rewards,
      memb: r.mean.memb,
      div: r.mean.div,
      unique: r.mean.unique,
      proxy: r.mean.proxy,
      bestReward: best?.reward ?? Number.NaN,
      bestEpoch: best ? best.epoch + 1 : 0,
      seconds: r.seconds,
    };
  }

  /** The trainer's state (weights, Adam, epoch count, best grammar, history), for a reloaded page. */
  saveState(): Promise<DegTrainerState> {
    return this.trainer.saveState();
  }

  async restoreState(state: DegTrainerState): Promise<void> {
    if (state.epochs > this.config.epochs) throw new Error(`The saved run is at epoch ${state.epochs}, past this run's ${this.config.epochs} epochs: start a new run.`);
    await this.trainer.restoreState(state);
  }

  /** N samples from the best-reward grammar so far (after at least one epoch). */
  async sampleBest(opts: ExtraOptions): Promise<GrammarView> {
    const best = this.trainer.best;
    if (!best) throw new Error('Train at least one epoch first (Step or Run).');
    const rng = createRng(this.config.seed).fork(`best ${best.epoch}`);
    return sampleAndDraw(this.chem, best.grammar, this.ref, rng, this.config.n, best.epoch + 1, {
      onProgress: (p) => opts.onProgress(p.done, p.total),
    }, async () => {
      await opts.yieldNow();
      if (opts.cancelled()) throw new Error('cancelled');
    });
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

/** DEG's evaluate(): N distinct molecules (or 10 idle draws in a row), measured, each drawn with its badges. */
async function sampleAndDraw(
  chem: Chem,
  grammar: Grammar,
  ref: TrainingReference,
  rng: Rng,
  n: number,
  epoch: number,
  opts: { onProgress: (p: DataProgress) => void },
  check: () => Promise<void>,
  /** `stream`: send the drawn samples with the progress, in batches, instead of in the result; `times`: add ms per phase there. */
  { stream = false, times }: { stream?: boolean; times?: Pick<PrepareTimes['phases'], 'sample' | 'draw' | 'rules'> } = {},
): Promise<GrammarView> {
  opts.onProgress({ phase: 'sample', label: `sampling ${n} molecules`, done: 0, total: n });
  await check();
  const t0 = performance.now();
  const { metrics, sampling } = evaluateGrammar(chem, grammar, ref, rng, { target: n });
  const t1 = performance.now();
  const pattern = ref.id === 'user' || ref.id === 'polymers' ? null : MEMBERSHIP[ref.id];
  const samples: SampleView[] = [];
  // One parse per sample for its drawing and its class badge; the class query is parsed once.
  const query = pattern ? chem.query(pattern.smarts) : null;
  const draw = (smiles: string, rules: number[]): SampleView => {
    const drawn = chem.withMol(smiles, (m) => ({ svg: m.get_svg(160, 130), member: query && pattern ? countMatchesOf(m, query) >= pattern.minMatches : null }));
    return { smiles, svg: drawn?.svg ?? '', member: drawn?.member ?? (pattern ? false : null), novel: !ref.canonical.has(smiles), rules };
  };
  try {
    let batch: SampleView[] = [];
    for (let i = 0; i < sampling.samples.length; i++) {
      const s = sampling.samples[i];
      const view = draw(s.smiles, s.steps.map((st) => st.rule));
      if (stream) batch.push(view);
      else samples.push(view);
      if (i % DRAW_BATCH === DRAW_BATCH - 1 || i === sampling.samples.length - 1) {
        opts.onProgress({ phase: 'draw', label: `drawing ${sampling.samples.length} molecules`, done: i + 1, total: sampling.samples.length, ...(stream ? { samples: batch } : {}) });
        batch = [];
        await check();
      }
    }
  } finally {
    chem.release(query);
  }
  const t2 = performance.now();
  const rules = drawRules(chem, grammar);
  if (times) {
    times.sample += t1 - t0;
    times.draw += t2 - t1;
    times.rules += performance.now() - t2;
  }
  return {
    rules,
    samples,
    metrics,
    stoppedBy: sampling.stoppedBy,
    draws: sampling.draws,
    sampleSeconds: (t2 - t0) / 1000,
    epoch,
  };
}
