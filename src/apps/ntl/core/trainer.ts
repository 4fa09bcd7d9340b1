/**
 * The step-wise trainer: one `step()` is one minibatch (source batch, plus a paired target batch in
 * NTL mode), so a UI runner can interleave steps with drawing. Everything random (init, batch order,
 * dropout) comes from `createRng(seed)` forks, so the same config gives the same numbers on the
 * same backend.
 */
import * as tf from '@tensorflow/tfjs-core';
// tf.variableGrads below needs tfjs-core's gradient functions, which tfjs-core does not register by
// itself: the training worker's src/shared/run/tfHooks.ts does, and src/shared/tf/node.ts in Node.
import { createRng, type Rng, type RngState } from '../../../shared/random';
import { restoreTfAdam, saveTfAdam, type TfAdamState } from '../../../shared/tf/tfAdamState';
import { IMAGE_SIZE, PIXELS, type DigitSet } from './domains';
import { crossEntropy, mmd, ntlObjective, PAPER_LOSS, type NtlLossConfig } from './loss';
import { ewcPenaltyTensor, type EwcPenalty } from './ewc';
import { createCnn, FEATURE_DIM, NUM_CLASSES, PARAM_NAMES, PARAM_SPECS, type CnnWeights, type DigitCnn, type ParamName } from './model';

export type TrainMode = 'sl' | 'ntl';

export interface TrainerConfig {
  /** 'sl': cross-entropy on the source only. 'ntl': the NTL objective with `target`. */
  mode: TrainMode;
  source: DigitSet;
  /** The target (auxiliary) domain; required for 'ntl'. */
  target?: DigitSet;
  seed: number;
  /** Images per domain per step (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 2e-3: a run of a few hundred steps needs a larger step than the paper's 1e-4). */
  learningRate?: number;
  /** Loss form and constants (default: the paper's, α = α′ = 0.1, β = β′ = 1). */
  loss?: NtlLossConfig;
  /** Start from these weights instead of a fresh seeded initialisation. */
  init?: CnnWeights;
  /** SL mode only: add the EWC penalty (λ/2)·Σ F·(θ − θ*)² to the loss (the EWC removal attack). */
  ewc?: EwcPenalty;
}

export interface StepStats {
  /** 1-based index of the step just taken. */
  step: number;
  /** L_S (source cross-entropy). */
  ls: number;
  /** L_T (target cross-entropy); NaN in SL mode. */
  lt: number;
  /** MMD(Φ(x_S), Φ(x_T)); NaN in SL mode. */
  mmd: number;
  /** L_dis = min(β′, α′·MMD); NaN in SL mode. */
  ldis: number;
  /** The minimised objective (L_S in SL mode). */
  total: number;
  /** Wall-clock milliseconds of this step (including the read-back of the stats). */
  ms: number;
}

export interface Prediction {
  /** Argmax class per image. */
  predicted: Uint8Array;
  /** Softmax probabilities, n × 10 row-major. */
  probabilities: Float32Array;
}

export interface Trainer {
  readonly config: Readonly<TrainerConfig>;
  readonly model: DigitCnn;
  /** Steps taken so far. */
  readonly steps: number;
  /** One minibatch of training. */
  step(): StepStats;
  /** Accuracy (0..1) on each named set, on at most `maxPerSet` images each (default all). */
  evaluate(sets: Record<string, DigitSet>, maxPerSet?: number): Record<string, number>;
  /** Predictions for the first `n` images of a set (or the listed indices). */
  predict(set: DigitSet, which: number | number[]): Prediction;
  /** Φ's flattened features of the first `n` images of a set: n × FEATURE_DIM row-major. */
  features(set: DigitSet, n: number): Float32Array;
  /** MMD between Φ of the first `n` images of two sets (no gradient). */
  measureMmd(a: DigitSet, b: DigitSet, n: number): number;
  snapshot(): CnnWeights;
  /** Everything the next step depends on (for a checkpoint a reloaded page resumes from). */
  saveState(): Promise<TrainerState>;
  /** Puts a fresh trainer (same config, no step taken) where `saveState()` found the saved one. */
  restoreState(state: TrainerState): Promise<void>;
  dispose(): void;
}

/** Where an epoch sampler stands: the current pass's order, the position in it, and its stream. */
export interface SamplerState {
  order: number[];
  at: number;
  rng: RngState;
}

/**
 * A trainer's whole state, plain data: resuming from it takes exactly the steps an uninterrupted
 * trainer would (same backend).
 */
export interface TrainerState {
  steps: number;
  weights: CnnWeights;
  adam: TfAdamState;
  samplers: { source: SamplerState; target: SamplerState | null };
  dropout: RngState;
}

/** Endless shuffled passes over 0..n−1 from a seeded stream. */
class EpochSampler {
  private order: number[] = [];
  private at = 0;
  constructor(
    private readonly n: number,
    private readonly rng: Rng,
  ) {}
  getState(): SamplerState {
    return { order: this.order.slice(), at: this.at, rng: this.rng.getState() };
  }
  setState(s: SamplerState): void {
    if (s.order.length !== 0 && s.order.length !== this.n) throw new Error(`restore: a sampler over ${this.n} images got an order of ${s.order.length}`);
    this.order = s.order.slice();
    this.at = s.at;
    this.rng.setState(s.rng);
  }
  take(k: number): number[] {
    const out: number[] = [];
    while (out.length < k) {
      if (this.at >= this.order.length) {
        this.order = this.rng.shuffle(Array.from({ length: this.n }, (_, i) => i));
        this.at = 0;
      }
      out.push(this.order[this.at++]);
    }
    return out;
  }
}

/** Copies the listed images of a set into a batch tensor and a label tensor. */
export function gatherBatch(set: DigitSet, indices: number[]): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const buf = new Float32Array(indices.length * PIXELS);
  const lab = new Int32Array(indices.length);
  indices.forEach((idx, i) => {
    buf.set(set.images.subarray(idx * PIXELS, (idx + 1) * PIXELS), i * PIXELS);
    lab[i] = set.labels[idx];
  });
  return {
    x: tf.tensor4d(buf, [indices.length, IMAGE_SIZE, IMAGE_SIZE, 3]),
    y: tf.tensor1d(lab, 'int32'),
  };
}

function rangeIndices(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

const EVAL_BATCH = 250;

export function createTrainer(config: TrainerConfig): Trainer {
  if (config.mode === 'ntl' && !config.target) throw new Error("createTrainer: mode 'ntl' needs a target set");
  const batchSize = config.batchSize ?? 32;
  const lossCfg = config.loss ?? PAPER_LOSS;
  const root = createRng(config.seed).fork('ntl/trainer');
  const model = createCnn(config.seed, config.init);
  const optimizer = tf.train.adam(config.learningRate ?? 2e-3);
  const sourceSampler = new EpochSampler(config.source.n, root.fork('source-batches'));
  const targetSampler = config.target ? new EpochSampler(config.target.n, root.fork('target-batches')) : null;
  const dropoutRng = root.fork('dropout');
  const varList = Object.values(model.variables);
  const ewc = config.ewc;
  const constants = (w: CnnWeights) => Object.fromEntries(PARAM_NAMES.map((n) => [n, tf.tensor(w[n], [...PARAM_SPECS[n]])])) as Record<ParamName, tf.Tensor>;
  const ewcTensors = ewc ? { anchor: constants(ewc.anchor), fisher: constants(ewc.fisher) } : null;
  let steps = 0;

  const step = (): StepStats => {
    const t0 = performance.now();
    const dropoutSeed = dropoutRng.uint32();
    const src = gatherBatch(config.source, sourceSampler.take(batchSize));
    const tgt = config.mode === 'ntl' && targetSampler && config.target ? gatherBatch(config.target, targetSampler.take(batchSize)) : null;
    let parts: tf.Tensor | null = null;
    const { value, grads } = tf.variableGrads(() => {
      if (!tgt) {
        const { logits } = model.forward(src.x, { training: true, dropoutSeed });
        const ls = crossEntropy(logits, src.y);
        const total = ewc && ewcTensors ? tf.add(ls, ewcPenaltyTensor(model.variables, ewcTensors.anchor, ewcTensors.fisher, ewc.lambda)) : ls;
        parts = tf.keep(tf.stack([ls, total]));
        return total as tf.Scalar;
      }
      // One forward pass over [x_S; x_T] so both halves share dropout draws' shape and the conv work is batched.
      const { features, logits } = model.forward(tf.concat([src.x, tgt.x], 0) as tf.Tensor4D, { training: true, dropoutSeed });
      const b = src.x.shape[0];
      const fs = tf.slice(features, [0, 0], [b, FEATURE_DIM]) as tf.Tensor2D;
      const ft = tf.slice(features, [b, 0], [b, FEATURE_DIM]) as tf.Tensor2D;
      const ls = crossEntropy(tf.slice(logits, [0, 0], [b, NUM_CLASSES]) as tf.Tensor2D, src.y);
      const lt = crossEntropy(tf.slice(logits, [b, 0], [b, NUM_CLASSES]) as tf.Tensor2D, tgt.y);
      const m = mmd(fs, ft);
      const { total, ldis } = ntlObjective({ ls, lt, mmd: m }, lossCfg);
      parts = tf.keep(tf.stack([ls, lt, m, ldis, total]));
      return total;
    }, varList);
    optimizer.applyGradients(Object.keys(grads).map((name) => ({ name, tensor: grads[name] })));
    const values = (parts as tf.Tensor | null)?.dataSync() ?? new Float32Array(5);
    tf.dispose([value, parts as tf.Tensor | null, src.x, src.y, tgt?.x, tgt?.y].filter((t): t is tf.Tensor => t != null));
    tf.dispose(Object.values(grads));
    steps++;
    const ms = performance.now() - t0;
    if (!tgt) return { step: steps, ls: values[0], lt: NaN, mmd: NaN, ldis: NaN, total: values[1], ms };
    return { step: steps, ls: values[0], lt: values[1], mmd: values[2], ldis: values[3], total: values[4], ms };
  };

  const forEachBatch = (set: DigitSet, indices: number[], fn: (x: tf.Tensor4D, offset: number) => void): void => {
    for (let i = 0; i < indices.length; i += EVAL_BATCH) {
      const chunk = indices.slice(i, i + EVAL_BATCH);
      const { x, y } = gatherBatch(set, chunk);
      try {
        fn(x, i);
      } finally {
        x.dispose();
        y.dispose();
      }
    }
  };

  const predict = (set: DigitSet, which: number | number[]): Prediction => {
    const indices = typeof which === 'number' ? rangeIndices(0, Math.min(which, set.n)) : which;
    const predicted = new Uint8Array(indices.length);
    const probabilities = new Float32Array(indices.length * NUM_CLASSES);
    forEachBatch(set, indices, (x, offset) => {
      const [p, a] = tf.tidy(() => {
        const probs = tf.softmax(model.forward(x).logits);
        return [probs, tf.argMax(probs, 1)];
      });
      probabilities.set(p.dataSync(), offset * NUM_CLASSES);
      predicted.set(a.dataSync(), offset);
      tf.dispose([p, a]);
    });
    return { predicted, probabilities };
  };

  const features = (set: DigitSet, n: number): Float32Array => {
    const indices = rangeIndices(0, Math.min(n, set.n));
    const out = new Float32Array(indices.length * FEATURE_DIM);
    forEachBatch(set, indices, (x, offset) => {
      const f = tf.tidy(() => model.forward(x).features);
      out.set(f.dataSync(), offset * FEATURE_DIM);
      f.dispose();
    });
    return out;
  };

  return {
    config,
    model,
    get steps() {
      return steps;
    },
    step,
    evaluate(sets, maxPerSet) {
      const out: Record<string, number> = {};
      for (const [name, set] of Object.entries(sets)) {
        const n = Math.min(set.n, maxPerSet ?? set.n);
        const { predicted } = predict(set, n);
        let hit = 0;
        for (let i = 0; i < n; i++) if (predicted[i] === set.labels[i]) hit++;
        out[name] = n > 0 ? hit / n : NaN;
      }
      return out;
    },
    predict,
    features,
    measureMmd(a, b, n) {
      const m = Math.min(n, a.n, b.n);
      const fa = features(a, m);
      const fb = features(b, m);
      return tf.tidy(() => mmd(tf.tensor2d(fa, [m, FEATURE_DIM]), tf.tensor2d(fb, [m, FEATURE_DIM])).dataSync()[0]);
    },
    snapshot: () => model.snapshot(),
    async saveState() {
      return {
        steps,
        weights: model.snapshot(),
        adam: await saveTfAdam(optimizer),
        samplers: { source: sourceSampler.getState(), target: targetSampler?.getState() ?? null },
        dropout: dropoutRng.getState(),
      };
    },
    async restoreState(state) {
      if (steps !== 0) throw new Error('restoreState: only a fresh trainer can be restored');
      if ((state.samplers.target === null) !== (targetSampler === null)) throw new Error('restoreState: the saved run and this one differ in mode');
      model.load(state.weights);
      await restoreTfAdam(optimizer, state.adam);
      sourceSampler.setState(state.samplers.source);
      if (targetSampler && state.samplers.target) targetSampler.setState(state.samplers.target);
      dropoutRng.setState(state.dropout);
      steps = state.steps;
    },
    dispose() {
      model.dispose();
      optimizer.dispose();
      if (ewcTensors) tf.dispose([...Object.values(ewcTensors.anchor), ...Object.values(ewcTensors.fisher)]);
    },
  };
}
