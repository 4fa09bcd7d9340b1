/**
 * The potential function F_θ and its REINFORCE update.
 *
 * Paper Eq. 2 (as quoted in the research notes): a unit e is selected with X_e ~ Bernoulli(φ),
 * φ = σ(−F_θ(f(e))), so a higher potential means a lower chance of being contracted now. The
 * official `agent.py` is an MLP Linear(302→128) → ReLU → Linear(128→2) → softmax, i.e. the same
 * Bernoulli with logit l₁ − l₀; here one output F and φ = σ(−F), the paper's form, over the
 * hand-made features of `features.ts` (hidden size 32 by default: the features are 21-d, not 302-d).
 *
 * Sampling runs in plain JavaScript on a snapshot of the weights (`PotentialParams`), so building a
 * grammar makes no tensors; only the update uses tfjs.
 *
 * REINFORCE (official `main.py`, `learn`): loss = −Σ_grammars Σ_iterations Σ_units
 * log p(a) · γ^(T_last − t) · (R − mean R), returns centred on the batch mean (no std scaling), Adam.
 */
import { restoreTfAdam, saveTfAdam, type TfAdamState } from '../../../shared/tf/tfAdamState';
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../../shared/random';
import { FEATURE_DIM } from './features';

export interface PotentialParams {
  dim: number;
  hidden: number;
  /** dim × hidden, row-major. */
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: number;
  /**
   * Weight of the frequency prior: F_θ(x) = MLP(x) + prior · x[share of molecules with the unit].
   * Learnable like the rest (deviation, see `FREQUENCY_PRIOR`).
   */
  prior: number;
}

/**
 * Initial weight of the frequency prior (ours, a deviation): a unit found in every training molecule
 * starts with a potential 2 LOWER, φ ≈ σ(2) ≈ 0.88 instead of about 0.5, so shared groups (the
 * isocyanate, acrylate, alcohol and amine ends) tend to be contracted first, into rules of their own.
 * With hand-made features in place of the pretrained GIN, an untrained F_θ has no consistent
 * preference: in our development runs (seeds 1–6, 300 draws) an untrained grammar's membership ranged
 * 0.13–0.45 on acrylates and 0.50–0.96 on isocyanates with the prior at 0; at −2 (seeds 1–5, 100
 * distinct samples) 0.51–0.71 and 0.72–0.94, with Div 0.75–0.84; at −3 Div fell to 0.69 on two
 * isocyanate seeds and two seeds stopped at half the samples; at +3 (frequent units last) membership
 * fell to 0.11–0.22 and 0.30–0.61. REINFORCE trains it like every other weight; `experiment.ts` also
 * reports membership with the prior at 0 (`d.membNoPrior`).
 */
export const FREQUENCY_PRIOR = -2;
const SHARE_FEATURE = FEATURE_DIM - 1;

/** Glorot-uniform weights from a seeded stream. */
export function initPotential(rng: Rng, hidden = 32, dim = FEATURE_DIM, prior = FREQUENCY_PRIOR): PotentialParams {
  const l1 = Math.sqrt(6 / (dim + hidden));
  const l2 = Math.sqrt(6 / (hidden + 1));
  const w1 = Float32Array.from({ length: dim * hidden }, () => rng.uniform(-l1, l1));
  const w2 = Float32Array.from({ length: hidden }, () => rng.uniform(-l2, l2));
  return { dim, hidden, w1, b1: new Float32Array(hidden), w2, b2: 0, prior };
}

/** F_θ of `n` feature rows (plain JavaScript). */
export function potentials(p: PotentialParams, rows: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  const h = new Float32Array(p.hidden);
  for (let r = 0; r < n; r++) {
    h.set(p.b1);
    const base = r * p.dim;
    for (let i = 0; i < p.dim; i++) {
      const x = rows[base + i];
      if (x === 0) continue;
      const w = i * p.hidden;
      for (let j = 0; j < p.hidden; j++) h[j] += x * p.w1[w + j];
    }
    let f = p.b2 + p.prior * rows[base + SHARE_FEATURE];
    for (let j = 0; j < p.hidden; j++) if (h[j] > 0) f += h[j] * p.w2[j];
    out[r] = f;
  }
  return out;
}

/** φ = σ(−F): the probability of selecting a unit. */
export function selectProbability(f: number): number {
  return 1 / (1 + Math.exp(f));
}

/** The decisions one grammar's construction made, for the policy gradient. */
export interface DecisionRecord {
  /** Feature rows, `dim` numbers each. */
  rows: Float32Array;
  /** 1 = selected, 0 = skipped, per row. */
  actions: Uint8Array;
  /** Construction iteration of each row. */
  iteration: Int32Array;
}

export function discountWeights(rec: DecisionRecord, gamma: number): Float32Array {
  let last = 0;
  for (const t of rec.iteration) last = Math.max(last, t);
  return Float32Array.from(rec.iteration, (t) => gamma ** (last - t));
}

/** F_θ as tfjs variables with an Adam optimiser. `dispose()` frees every tensor it made. */
export class PotentialTrainer {
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;
  private readonly prior: tf.Variable;
  private readonly optimizer: tf.AdamOptimizer;

  constructor(
    init: PotentialParams,
    readonly learningRate = 1e-2,
  ) {
    // tidy: the initial tensors go, the variables (which share their data) stay.
    this.w1 = tf.tidy(() => tf.variable(tf.tensor2d(init.w1, [init.dim, init.hidden])));
    this.b1 = tf.tidy(() => tf.variable(tf.tensor1d(init.b1)));
    this.w2 = tf.tidy(() => tf.variable(tf.tensor2d(init.w2, [init.hidden, 1])));
    this.b2 = tf.tidy(() => tf.variable(tf.scalar(init.b2)));
    this.prior = tf.tidy(() => tf.variable(tf.scalar(init.prior)));
    this.optimizer = tf.train.adam(learningRate);
  }

  /** A plain copy of the current weights, for sampling. */
  params(): PotentialParams {
    const [dim, hidden] = this.w1.shape;
    return {
      dim,
      hidden,
      w1: this.w1.dataSync() as Float32Array,
      b1: this.b1.dataSync() as Float32Array,
      w2: this.w2.dataSync() as Float32Array,
      b2: (this.b2.dataSync() as Float32Array)[0],
      prior: (this.prior.dataSync() as Float32Array)[0],
    };
  }

  /**
   * One REINFORCE step over the decisions of several grammars with their rewards:
   * loss = −Σ_g (R_g − mean R) Σ_rows γ^(T_g − t) log p(a). Returns the loss before the step.
   */
  update(records: readonly DecisionRecord[], rewards: readonly number[], gamma = 0.99): number {
    if (records.length !== rewards.length) throw new Error('one reward per grammar');
    const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
    const dim = this.w1.shape[0];
    const total = records.reduce((a, r) => a + r.actions.length, 0);
    if (total === 0) return 0;
    const rows = new Float32Array(total * dim);
    const actions = new Float32Array(total);
    const weights = new Float32Array(total);
    let k = 0;
    records.forEach((rec, g) => {
      const w = discountWeights(rec, gamma);
      rows.set(rec.rows, k * dim);
      for (let i = 0; i < rec.actions.length; i++) {
        actions[k + i] = rec.actions[i];
        weights[k + i] = w[i] * (rewards[g] - mean);
      }
      k += rec.actions.length;
    });
    const x = tf.tensor2d(rows, [total, dim]);
    const a = tf.tensor1d(actions);
    const wt = tf.tensor1d(weights);
    let lossValue = 0;
    const cost = this.optimizer.minimize(
      () =>
        tf.tidy(() => {
          const h = tf.relu(tf.add(tf.matMul(x, this.w1), this.b1));
          const share = tf.reshape(tf.slice(x, [0, SHARE_FEATURE], [total, 1]), [total]);
          const f = tf.add(tf.add(tf.reshape(tf.matMul(h, this.w2), [total]), this.b2), tf.mul(share, this.prior));
          // log σ(−F) = −softplus(F) for a selected unit; log σ(F) = −softplus(−F) for a skipped one.
          const logp = tf.neg(tf.add(tf.mul(a, tf.softplus(f)), tf.mul(tf.sub(1, a), tf.softplus(tf.neg(f)))));
          return tf.neg(tf.sum(tf.mul(wt, logp))) as tf.Scalar;
        }),
      true,
    );
    if (cost) {
      lossValue = (cost.dataSync() as Float32Array)[0];
      cost.dispose();
    }
    x.dispose();
    a.dispose();
    wt.dispose();
    return lossValue;
  }

  /** Weights and Adam, for a run that resumes after a reload. */
  async saveState(): Promise<{ params: PotentialParams; adam: TfAdamState }> {
    const p = this.params();
    return { params: { ...p, w1: p.w1.slice(), b1: p.b1.slice(), w2: p.w2.slice() }, adam: await saveTfAdam(this.optimizer) };
  }

  /** Into a trainer that has taken no step. */
  async restoreState(s: { params: PotentialParams; adam: TfAdamState }): Promise<void> {
    const [dim, hidden] = this.w1.shape;
    if (s.params.dim !== dim || s.params.hidden !== hidden) throw new Error(`restoreState: the saved potential is ${s.params.dim}×${s.params.hidden}, this one ${dim}×${hidden}`);
    tf.tidy(() => {
      this.w1.assign(tf.tensor2d(s.params.w1, [dim, hidden]));
      this.b1.assign(tf.tensor1d(s.params.b1));
      this.w2.assign(tf.tensor2d(s.params.w2, [hidden, 1]));
      this.b2.assign(tf.scalar(s.params.b2));
      this.prior.assign(tf.scalar(s.params.prior));
    });
    await restoreTfAdam(this.optimizer, s.adam);
  }

  dispose(): void {
    this.w1.dispose();
    this.b1.dispose();
    this.w2.dispose();
    this.b2.dispose();
    this.prior.dispose();
    this.optimizer.dispose();
  }
}
