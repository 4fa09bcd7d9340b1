/**
 * Optimising θ by REINFORCE (official `main.py`, `learn`; paper Sec. 4): each epoch draws
 * `grammarsPerEpoch` (official `MCMC_size` = 5) grammars with the current F_θ, samples each (official:
 * 100 distinct molecules), scores it with R = Div + 2 × (synthesizability), centres the rewards on
 * their mean, and takes one Adam step (lr 1e-2, γ = 0.99) on −Σ log p(a)·γ^(T−t)·(R − mean R).
 *
 * The synthesizability term is our training-fragment coverage proxy (`metrics.ts`) over the N samples
 * requested (`evaluate.ts`, `reward`), not Retro*'s RS.
 *
 * `DegTrainer.epoch()` is one runner step for the demo's worker (plain numbers out, no tensors);
 * `epochAsync` yields between grammars and honours cancellation. The best grammar seen is kept.
 */
import { createRng, type Rng } from '../../../shared/random';
import type { Chem } from './chem';
import { buildGrammar, type PreparedSet } from './construct';
import { evaluateGrammar, reward, type GrammarMetrics, type TrainingReference } from './evaluate';
import { Grammar } from './grammar';
import { initPotential, PotentialTrainer, type DecisionRecord } from './potential';

export interface TrainerConfig {
  seed: number;
  grammarsPerEpoch?: number;
  /** Distinct samples per grammar for the reward. */
  samplesPerGrammar?: number;
  learningRate?: number;
  gamma?: number;
  hidden?: number;
}

export interface EpochReport {
  epoch: number;
  rewards: number[];
  meanReward: number;
  /** Mean over the epoch's grammars. */
  mean: GrammarMetrics;
  loss: number;
  seconds: number;
}

export const TRAINER_DEFAULTS = { grammarsPerEpoch: 5, samplesPerGrammar: 100, learningRate: 1e-2, gamma: 0.99, hidden: 32 } as const;

/** A DEG trainer's saved state (see `DegTrainer.saveState`). */
export interface DegTrainerState {
  epochs: number;
  potential: Awaited<ReturnType<PotentialTrainer['saveState']>>;
  best: { reward: number; grammar: ReturnType<Grammar['toJSON']>; metrics: GrammarMetrics; epoch: number } | null;
  history: EpochReport[];
}

export class DegTrainer {
  readonly config: Required<TrainerConfig>;
  private readonly potential: PotentialTrainer;
  private readonly rng: Rng;
  epochs = 0;
  best: { reward: number; grammar: Grammar; metrics: GrammarMetrics; epoch: number } | null = null;
  readonly history: EpochReport[] = [];
  private readonly canonicalCache = new Map<string, string | null>();

  constructor(
    private readonly chem: Chem,
    private readonly set: PreparedSet,
    private readonly ref: TrainingReference,
    config: TrainerConfig,
  ) {
    this.config = { ...TRAINER_DEFAULTS, ...config };
    this.rng = createRng(config.seed);
    this.potential = new PotentialTrainer(initPotential(this.rng.fork('theta'), this.config.hidden), this.config.learningRate);
  }

  /** The current weights (plain arrays). */
  params() {
    return this.potential.params();
  }

  /**
   * What the next epoch depends on: the potential's weights and Adam, the epoch count (each epoch's
   * streams are forked from the seed by number) and the best grammar so far; the history goes too.
   * The canonical-SMILES cache is a cache: the same answers without it.
   */
  async saveState(): Promise<DegTrainerState> {
    const best = this.best ? { reward: this.best.reward, grammar: this.best.grammar.toJSON(), metrics: { ...this.best.metrics }, epoch: this.best.epoch } : null;
    return { epochs: this.epochs, potential: await this.potential.saveState(), best: structuredClone(best), history: structuredClone(this.history) };
  }

  /** Into a fresh trainer (same data and config). */
  async restoreState(s: DegTrainerState): Promise<void> {
    if (this.epochs !== 0) throw new Error('restoreState: only a fresh trainer can be restored');
    await this.potential.restoreState(s.potential);
    this.best = s.best ? { reward: s.best.reward, grammar: Grammar.fromJSON(s.best.grammar), metrics: s.best.metrics, epoch: s.best.epoch } : null;
    this.history.splice(0, this.history.length, ...s.history);
    this.epochs = s.epochs;
  }

  private grammarAndScore(params: ReturnType<PotentialTrainer['params']>, k: number): { record: DecisionRecord; metrics: GrammarMetrics; grammar: Grammar } {
    const stream = this.rng.fork(`epoch ${this.epochs} grammar ${k}`);
    const builder = buildGrammar(this.chem, this.set, params, stream.fork('build'));
    const { metrics } = evaluateGrammar(this.chem, builder.grammar, this.ref, stream.fork('sample'), { target: this.config.samplesPerGrammar, cache: this.canonicalCache });
    return { record: builder.decisions(), metrics, grammar: builder.grammar };
  }

  private finish(results: { record: DecisionRecord; metrics: GrammarMetrics; grammar: Grammar }[], t0: number): EpochReport {
    const rewards = results.map((r) => reward(r.metrics));
    const loss = this.potential.update(
      results.map((r) => r.record),
      rewards,
      this.config.gamma,
    );
    results.forEach((r, k) => {
      if (!this.best || rewards[k] > this.best.reward) this.best = { reward: rewards[k], grammar: r.grammar, metrics: r.metrics, epoch: this.epochs };
    });
    const keys = Object.keys(results[0].metrics) as (keyof GrammarMetrics)[];
    const mean = Object.fromEntries(keys.map((key) => [key, results.reduce((a, r) => a + r.metrics[key], 0) / results.length])) as unknown as GrammarMetrics;
    const report: EpochReport = { epoch: this.epochs, rewards, meanReward: rewards.reduce((a, b) => a + b, 0) / rewards.length, mean, loss, seconds: (performance.now() - t0) / 1000 };
    this.history.push(report);
    this.epochs++;
    // Canonical SMILES of assembled strings repeat across epochs; keep the cache bounded.
    if (this.canonicalCache.size > 200_000) this.canonicalCache.clear();
    return report;
  }

  /** One epoch: grammarsPerEpoch grammars, their rewards, one policy-gradient step. */
  epoch(): EpochReport {
    const t0 = performance.now();
    const params = this.potential.params();
    const results = Array.from({ length: this.config.grammarsPerEpoch }, (_, k) => this.grammarAndScore(params, k));
    return this.finish(results, t0);
  }

  /** The same epoch, yielding after each grammar; throws `Error('cancelled')` when `cancelled()` turns true. */
  async epochAsync(opts: { yieldNow?: () => Promise<void>; cancelled?: () => boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<EpochReport> {
    const t0 = performance.now();
    const params = this.potential.params();
    const results = [];
    for (let k = 0; k < this.config.grammarsPerEpoch; k++) {
      if (opts.cancelled?.()) throw new Error('cancelled');
      results.push(this.grammarAndScore(params, k));
      opts.onProgress?.(k + 1, this.config.grammarsPerEpoch);
      await opts.yieldNow?.();
    }
    return this.finish(results, t0);
  }

  dispose(): void {
    this.potential.dispose();
  }
}
