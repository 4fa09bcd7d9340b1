/**
 * MGU2 dynamics as coded in the official repository (marineschimel/ilqr_vae, lib/dynamics.ml,
 * module MGU2), which differs from the paper's equations S4–S5: the input enters outside the
 * nonlinearity and is gated by f. In column-vector form,
 *   f = σ(b_f + U_f z),   ẑ = g(b_h + U_h (f ⊙ z)) + W_h u,   z′ = (1 − f) ⊙ z + f ⊙ ẑ,
 * with g(x) = (x + √(x² + 4))/2 − 1 (the paper's soft-plus-like nonlinearity, g(0) = 0, g′(0) = ½)
 * and W_h's columns (the code's rows of `wh`, one per input channel) rescaled to norm √(n/m).
 * Pre-trial bins as the linear model (model.ts `preBinMatrix`).
 *
 * Here: the state update and its Jacobians for iLQR (checked against finite differences). Not
 * here yet: the parameter gradients training would need, including the second-order terms of the
 * path through u* (Appendix F), so the Lorenz system (c) is not trained in this build.
 */
import type { ParamBlock, ParamLayout } from './params';
import { preBinJacobians, preBinMatrix, preBinStep } from './model';
import { sigmoid } from './special';

export const mguG = (x: number): number => (x + Math.sqrt(x * x + 4)) / 2 - 1;
export const mguGPrime = (x: number): number => 0.5 * (1 + x / Math.sqrt(x * x + 4));

export class Mgu2Dynamics {
  readonly nBeg: number;
  readonly preBins: Float64Array[];
  /** W_h after normalisation (n × m) */
  readonly wh: Float64Array;
  private readonly af: Float64Array;
  private readonly f: Float64Array;
  private readonly ah: Float64Array;
  private readonly hhat: Float64Array;
  private readonly s: Float64Array;
  constructor(
    readonly n: number,
    readonly m: number,
    readonly uf: ParamBlock,
    readonly bf: ParamBlock,
    readonly uh: ParamBlock,
    readonly bh: ParamBlock,
    readonly whRaw: ParamBlock,
  ) {
    if (n % m !== 0) throw new RangeError(`n = ${n} must be a multiple of m = ${m}`);
    this.nBeg = n / m;
    this.preBins = Array.from({ length: this.nBeg }, (_, k) => preBinMatrix(n, m, k));
    this.wh = new Float64Array(n * m);
    this.af = new Float64Array(n);
    this.f = new Float64Array(n);
    this.ah = new Float64Array(n);
    this.hhat = new Float64Array(n);
    this.s = new Float64Array(n);
  }
  static register(layout: ParamLayout, n: number, m: number): Mgu2Dynamics {
    return new Mgu2Dynamics(n, m, layout.add('mgu.uf', n * n), layout.add('mgu.bf', n), layout.add('mgu.uh', n * n), layout.add('mgu.bh', n), layout.add('mgu.wh', n * m));
  }
  /** The code's `init`: W_h ~ N(0, 1), everything else 0. */
  init(theta: Float64Array, normal: () => number): void {
    for (const b of [this.uf, this.bf, this.uh, this.bh]) theta.fill(0, b.offset, b.offset + b.size);
    for (let i = 0; i < this.n * this.m; i++) theta[this.whRaw.offset + i] = normal();
  }
  update(theta: Float64Array): void {
    const { n, m } = this;
    const scale = Math.sqrt(n / m);
    for (let j = 0; j < m; j++) {
      let norm = 0;
      for (let i = 0; i < n; i++) norm += theta[this.whRaw.offset + i * m + j] ** 2;
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) this.wh[i * m + j] = (scale * theta[this.whRaw.offset + i * m + j]) / norm;
    }
  }
  /** Fills the gate and candidate caches for state x (at xOff). */
  private gates(theta: Float64Array, x: Float64Array, xOff: number): void {
    const { n } = this;
    for (let i = 0; i < n; i++) {
      let a = theta[this.bf.offset + i];
      for (let j = 0; j < n; j++) a += theta[this.uf.offset + i * n + j] * x[xOff + j];
      this.af[i] = a;
      this.f[i] = sigmoid(a);
    }
    for (let i = 0; i < n; i++) this.s[i] = x[xOff + i] * this.f[i];
    for (let i = 0; i < n; i++) {
      let a = theta[this.bh.offset + i];
      for (let j = 0; j < n; j++) a += theta[this.uh.offset + i * n + j] * this.s[j];
      this.ah[i] = a;
    }
  }
  step(theta: Float64Array, t: number, xs: Float64Array, us: Float64Array): void {
    const { n, m } = this;
    const x0 = t * n;
    const x1 = (t + 1) * n;
    const u0 = t * m;
    if (t < this.nBeg) {
      preBinStep(this.preBins[t], n, m, xs, us, t);
      return;
    }
    this.gates(theta, xs, x0);
    for (let i = 0; i < n; i++) {
      let hh = mguG(this.ah[i]);
      for (let j = 0; j < m; j++) hh += this.wh[i * m + j] * us[u0 + j];
      xs[x1 + i] = xs[x0 + i] + this.f[i] * (hh - xs[x0 + i]);
    }
  }
  /** A_t = ∂z′/∂z (n × n) and B_t = ∂z′/∂u (n × m) at (x_t, u_t). */
  jacobians(theta: Float64Array, t: number, xs: Float64Array, us: Float64Array, a: Float64Array, aOff: number, b: Float64Array, bOff: number): void {
    const { n, m } = this;
    if (t < this.nBeg) {
      preBinJacobians(this.preBins[t], n, m, a, aOff, b, bOff);
      return;
    }
    const x0 = t * n;
    this.gates(theta, xs, x0);
    for (let i = 0; i < n; i++) {
      let hh = mguG(this.ah[i]);
      for (let j = 0; j < m; j++) hh += this.wh[i * m + j] * us[t * m + j];
      this.hhat[i] = hh;
    }
    // ∂f_i/∂z_j = σ'(a_f,i) U_f,ij;  ∂s_k/∂z_j = δ_kj f_k + z_k ∂f_k/∂z_j
    // ∂ẑ_i/∂z_j = g'(a_h,i) Σ_k U_h,ik ∂s_k/∂z_j
    // ∂z′_i/∂z_j = δ_ij + (ẑ_i − z_i) ∂f_i/∂z_j + f_i (∂ẑ_i/∂z_j − δ_ij)
    const dfdz = (k: number, j: number) => this.f[k] * (1 - this.f[k]) * theta[this.uf.offset + k * n + j];
    for (let i = 0; i < n; i++) {
      const gp = mguGPrime(this.ah[i]);
      for (let j = 0; j < n; j++) {
        let dh = 0;
        for (let k = 0; k < n; k++) {
          const dsdz = (k === j ? this.f[k] : 0) + xs[x0 + k] * dfdz(k, j);
          dh += theta[this.uh.offset + i * n + k] * dsdz;
        }
        dh *= gp;
        const delta = i === j ? 1 : 0;
        a[aOff + i * n + j] = delta + (this.hhat[i] - xs[x0 + i]) * dfdz(i, j) + this.f[i] * (dh - delta);
      }
      for (let j = 0; j < m; j++) b[bOff + i * m + j] = this.f[i] * this.wh[i * m + j];
    }
  }
}
