/**
 * Adam (Kingma & Ba 2015) with the paper's decaying learning rate lr_k = c / (1 + √k)
 * (Schimel et al., ICLR 2022, §3: c = 0.04 for the linear toy, 0.004 for Lorenz), on a flat
 * Float64Array of parameters.
 */
export class Adam {
  private readonly mom1: Float64Array;
  private readonly mom2: Float64Array;
  /** Steps taken (k in the learning-rate schedule). */
  k = 0;
  constructor(
    size: number,
    readonly c: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-8,
  ) {
    this.mom1 = new Float64Array(size);
    this.mom2 = new Float64Array(size);
  }
  learningRate(k = this.k): number {
    return this.c / (1 + Math.sqrt(k));
  }
  /** One descent step on `params` along `grad` (the gradient of the loss to minimise). */
  step(params: Float64Array, grad: Float64Array): void {
    const lr = this.learningRate();
    this.k++;
    const b1 = 1 - this.beta1 ** this.k;
    const b2 = 1 - this.beta2 ** this.k;
    for (let i = 0; i < params.length; i++) {
      const g = grad[i];
      if (g === 0 && this.mom1[i] === 0 && this.mom2[i] === 0) continue;
      this.mom1[i] = this.beta1 * this.mom1[i] + (1 - this.beta1) * g;
      this.mom2[i] = this.beta2 * this.mom2[i] + (1 - this.beta2) * g * g;
      params[i] -= (lr * (this.mom1[i] / b1)) / (Math.sqrt(this.mom2[i] / b2) + this.epsilon);
    }
  }
  /** Plain-data state, for checkpoints. */
  state(): { k: number; mom1: Float64Array; mom2: Float64Array } {
    return { k: this.k, mom1: Float64Array.from(this.mom1), mom2: Float64Array.from(this.mom2) };
  }
  restore(s: { k: number; mom1: ArrayLike<number>; mom2: ArrayLike<number> }): void {
    this.k = s.k;
    this.mom1.set(s.mom1);
    this.mom2.set(s.mom2);
  }
}
