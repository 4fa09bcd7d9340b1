/**
 * Adam written out in tfjs ops, with its whole state in plain data, so a training can be checkpointed
 * to JSON and resumed bit for bit (on the same backend). torch.optim.Adam's update (Kingma & Ba 2015,
 * Alg. 1, with ε added to √v̂ as PyTorch and tf.train.AdamOptimizer do), at step k:
 *
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,
 *   bc1 = 1 − β1^k,  bc2 = 1 − β2^k,
 *   θ ← θ − (m / (√v/√bc2 + ε))·(lr/bc1).
 *
 * The bias corrections are computed in float64 from the step count k, not kept as running products of
 * β in tensors (as tf.train.adam does): the state is then just (k, m, v), and a restored optimiser
 * takes exactly the step an unbroken one would. The ops and their order are part of the contract (a
 * different order rounds differently): the cophy and stylealign trainers' resume tests and saved
 * checkpoints rely on them.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Plain data of Adam's state (JSON-safe): step count, first and second moments by parameter name. */
export interface AdamState {
  k: number;
  m: Record<string, number[]>;
  v: Record<string, number[]>;
}

export class Adam {
  private readonly m: Record<string, tf.Variable> = {};
  private readonly v: Record<string, tf.Variable> = {};
  private k = 0;

  /** `params` by name; the moments take the same names (zeros, not trainable). */
  constructor(
    private readonly params: Record<string, tf.Variable>,
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-8,
  ) {
    for (const [name, p] of Object.entries(params)) {
      this.m[name] = tf.tidy(() => tf.variable(tf.zerosLike(p), false));
      this.v[name] = tf.tidy(() => tf.variable(tf.zerosLike(p), false));
    }
  }

  /** Steps taken (k). */
  get steps(): number {
    return this.k;
  }

  /**
   * One step. `grads` keyed by our parameter names (not tf variable names: map those first); a
   * parameter without a gradient keeps its value and moments. The caller disposes `grads`. `learningRate`
   * is this step's rate where a schedule changes it (ReduceLrOnPlateau); the moments do not depend on it.
   */
  apply(grads: Record<string, tf.Tensor>, learningRate = this.learningRate): void {
    for (const name of Object.keys(grads)) if (!(name in this.params)) throw new Error(`Adam.apply: no parameter named ${name}`);
    this.k++;
    const bc1 = 1 - this.beta1 ** this.k;
    const bc2 = 1 - this.beta2 ** this.k;
    const stepSize = learningRate / bc1;
    const sqrtBc2 = Math.sqrt(bc2);
    tf.tidy(() => {
      for (const [name, g] of Object.entries(grads)) {
        const p = this.params[name];
        const m = this.m[name];
        const v = this.v[name];
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        const denom = tf.add(tf.div(tf.sqrt(v), sqrtBc2), this.epsilon);
        p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
      }
    });
  }

  state(): AdamState {
    const read = (vars: Record<string, tf.Variable>) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, Array.from(v.dataSync() as Float32Array)]));
    return { k: this.k, m: read(this.m), v: read(this.v) };
  }

  /** Takes a `state()` (or its JSON round trip); every parameter's moments must be there, with the right size. */
  restore(s: AdamState): void {
    for (const [which, vars, values] of [['m', this.m, s.m], ['v', this.v, s.v]] as const) {
      for (const [name, t] of Object.entries(vars)) {
        const src = values[name] as number[] | undefined;
        if (!src || src.length !== t.size) throw new Error(`Adam.restore: ${which}.${name} has ${src?.length ?? 0} values, expected ${t.size}`);
      }
    }
    tf.tidy(() => {
      for (const [vars, values] of [[this.m, s.m], [this.v, s.v]] as const) {
        for (const [name, t] of Object.entries(vars)) t.assign(tf.tensor(Float32Array.from(values[name]), t.shape));
      }
    });
    this.k = s.k;
  }

  /** Disposes the moments (not the parameters). */
  dispose(): void {
    for (const t of [...Object.values(this.m), ...Object.values(this.v)]) t.dispose();
  }
}

/**
 * `tf.variableGrads` keys its gradients by tf variable name; this re-keys them by our parameter names
 * (same tensors, same order), dropping any variable that is not one of `params`.
 */
export function gradsByParamName(grads: tf.NamedTensorMap, params: Record<string, tf.Variable>): Record<string, tf.Tensor> {
  const byVariable = new Map(Object.entries(params).map(([name, v]) => [v.name, name]));
  const out: Record<string, tf.Tensor> = {};
  for (const [varName, g] of Object.entries(grads)) {
    const name = byVariable.get(varName);
    if (name !== undefined) out[name] = g;
  }
  return out;
}
