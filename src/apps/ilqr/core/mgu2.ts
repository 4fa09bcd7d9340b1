/**
 * MGU2 dynamics as coded in the official repository (marineschimel/ilqr_vae, lib/dynamics.ml,
 * module MGU2), which differs from the paper's equations S4–S5: the input enters outside the
 * nonlinearity and is gated by f. In column-vector form,
 *   f = σ(b_f + U_f z),   ẑ = g(b_h + U_h (f ⊙ z)) + W_h u,   z′ = (1 − f) ⊙ z + f ⊙ ẑ,
 * with g(x) = (x + √(x² + 4))/2 − 1 (the paper's soft-plus-like nonlinearity, g(0) = 0, g′(0) = ½)
 * and W_h's columns (the code's rows of `wh`, one per input channel) rescaled to norm √(n/m).
 * Pre-trial bins as the linear model (model.ts `preBinMatrix`).
 *
 * Here: the state update, its Jacobians for iLQR, and the two parameter derivatives the ELBO's
 * gradient needs (dynamics.ts): ∂(λᵀf)/∂θ and, for the path through u* (Appendix F), the
 * mixed second derivative ∂/∂θ[λᵀ(A dz + B du)], each checked against finite differences.
 */
import type { VaeDynamics } from './dynamics';
import type { ParamBlock, ParamLayout } from './params';
import { preBinJacobians, preBinMatrix, preBinStep } from './model';
import { sigmoid } from './special';

export const mguG = (x: number): number => (x + Math.sqrt(x * x + 4)) / 2 - 1;
export const mguGPrime = (x: number): number => 0.5 * (1 + x / Math.sqrt(x * x + 4));
/** g″(x) = 2 / (x² + 4)^{3/2} */
export const mguGSecond = (x: number): number => 2 / (x * x + 4) ** 1.5;

export class Mgu2Dynamics implements VaeDynamics {
  readonly kind = 'mgu2';
  readonly nBeg: number;
  readonly preBins: Float64Array[];
  /** W_h after normalisation (n × m) */
  readonly wh: Float64Array;
  private readonly af: Float64Array;
  private readonly f: Float64Array;
  private readonly ah: Float64Array;
  private readonly hhat: Float64Array;
  private readonly s: Float64Array;
  /** adjoint of the normalised W_h, chained through the normalisation in `endGradient` */
  private readonly whBar: Float64Array;
  private readonly whNorms: Float64Array;
  // scratch for the derivatives
  private readonly v1: Float64Array;
  private readonly v2: Float64Array;
  private readonly v3: Float64Array;
  private readonly v4: Float64Array;
  private readonly v5: Float64Array;
  private readonly v6: Float64Array;
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
    this.whBar = new Float64Array(n * m);
    this.whNorms = new Float64Array(m);
    this.v1 = new Float64Array(n);
    this.v2 = new Float64Array(n);
    this.v3 = new Float64Array(n);
    this.v4 = new Float64Array(n);
    this.v5 = new Float64Array(n);
    this.v6 = new Float64Array(n);
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
      this.whNorms[j] = norm;
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
    // ∂ẑ_i/∂z_j = g'(a_h,i) [U_h,ij f_j + Σ_k U_h,ik z_k σ'_k U_f,kj]
    // ∂z′_i/∂z_j = δ_ij + (ẑ_i − z_i) ∂f_i/∂z_j + f_i (∂ẑ_i/∂z_j − δ_ij)
    // (the n³ term as a row-major product, the inner loop over j contiguous)
    const w = this.v1;
    for (let k = 0; k < n; k++) w[k] = xs[x0 + k] * this.f[k] * (1 - this.f[k]);
    const uf = this.uf.offset;
    const uh = this.uh.offset;
    for (let i = 0; i < n; i++) {
      const row = aOff + i * n;
      const fi = this.f[i];
      const c1 = (this.hhat[i] - xs[x0 + i]) * fi * (1 - fi);
      const c2 = fi * mguGPrime(this.ah[i]);
      for (let j = 0; j < n; j++) a[row + j] = c1 * theta[uf + i * n + j] + c2 * theta[uh + i * n + j] * this.f[j];
      for (let k = 0; k < n; k++) {
        const coef = c2 * theta[uh + i * n + k] * w[k];
        if (coef === 0) continue;
        const ufRow = uf + k * n;
        for (let j = 0; j < n; j++) a[row + j] += coef * theta[ufRow + j];
      }
      a[row + i] += 1 - fi;
      for (let j = 0; j < m; j++) b[bOff + i * m + j] = this.f[i] * this.wh[i * m + j];
    }
  }

  beginGradient(): void {
    this.whBar.fill(0);
  }

  /** ĥ_i = g(a_h,i) + (W_h u)_i into hhat, after `gates`. */
  private candidate(us: Float64Array, uOff: number): void {
    const { n, m } = this;
    for (let i = 0; i < n; i++) {
      let hh = mguG(this.ah[i]);
      for (let j = 0; j < m; j++) hh += this.wh[i * m + j] * us[uOff + j];
      this.hhat[i] = hh;
    }
  }

  /**
   * Reverse mode through the step with the primal adjoints ĥ̄ (in v1, of ĥ) and f̄ (in v2, of f)
   * already seeded by the caller: ā_h = ĥ̄ ⊙ g′ (+ extra ā_h in v3), then s, f, a_f, into θ.
   */
  private backPrimal(theta: Float64Array, z: Float64Array, zOff: number, u: Float64Array, uOff: number, scale: number, g: Float64Array): void {
    const { n, m } = this;
    const hBar = this.v1;
    const fBar = this.v2;
    const ahBar = this.v3;
    for (let i = 0; i < n; i++) {
      ahBar[i] += hBar[i] * mguGPrime(this.ah[i]);
      for (let j = 0; j < m; j++) this.whBar[i * m + j] += scale * hBar[i] * u[uOff + j];
    }
    // a_h = b_h + U_h s
    for (let i = 0; i < n; i++) {
      const a = scale * ahBar[i];
      g[this.bh.offset + i] += a;
      const row = this.uh.offset + i * n;
      for (let k = 0; k < n; k++) g[row + k] += a * this.s[k];
    }
    // s = f ⊙ z: f̄ += (U_hᵀ ā_h) ⊙ z
    for (let k = 0; k < n; k++) {
      let sb = 0;
      for (let i = 0; i < n; i++) sb += theta[this.uh.offset + i * n + k] * ahBar[i];
      fBar[k] += sb * z[zOff + k];
    }
    // f = σ(a_f), a_f = b_f + U_f z
    for (let i = 0; i < n; i++) {
      const a = scale * fBar[i] * this.f[i] * (1 - this.f[i]);
      g[this.bf.offset + i] += a;
      const row = this.uf.offset + i * n;
      for (let k = 0; k < n; k++) g[row + k] += a * z[zOff + k];
    }
  }

  addVjp(theta: Float64Array, t: number, xs: Float64Array, us: Float64Array, lam: Float64Array, lamOff: number, scale: number, g: Float64Array): void {
    if (t < this.nBeg) return;
    const { n, m } = this;
    const zOff = t * n;
    this.gates(theta, xs, zOff);
    this.candidate(us, t * m);
    // z′ = z + f ⊙ (ĥ − z): ĥ̄ = λ ⊙ f, f̄ = λ ⊙ (ĥ − z)
    for (let i = 0; i < n; i++) {
      const l = lam[lamOff + i];
      this.v1[i] = l * this.f[i];
      this.v2[i] = l * (this.hhat[i] - xs[zOff + i]);
      this.v3[i] = 0;
    }
    this.backPrimal(theta, xs, zOff, us, t * m, scale, g);
  }

  /**
   * φ = λᵀ ż′ with the tangent of the step in the direction (dz, du):
   *   ȧ_f = U_f dz, ḟ = σ′(a_f) ȧ_f, ṡ = ḟ ⊙ z + f ⊙ dz, ȧ_h = U_h ṡ,
   *   ĥ̇ = g′(a_h) ȧ_h + W_h du, ż′ = dz + ḟ ⊙ (ĥ − z) + f ⊙ (ĥ̇ − dz);
   * reverse mode through both the tangent and the primal quantities it reads.
   */
  addDirVjp(
    theta: Float64Array,
    t: number,
    xs: Float64Array,
    us: Float64Array,
    lam: Float64Array,
    lamOff: number,
    dz: Float64Array,
    dzOff: number,
    du: Float64Array,
    duOff: number,
    scale: number,
    g: Float64Array,
  ): void {
    if (t < this.nBeg) return;
    const { n, m } = this;
    const zOff = t * n;
    const uOff = t * m;
    this.gates(theta, xs, zOff);
    this.candidate(us, uOff);
    const { f, ah, hhat } = this;
    // forward tangents
    const afDot = this.v4;
    const fDot = this.v5;
    const sDot = this.v6;
    for (let i = 0; i < n; i++) {
      let a = 0;
      for (let k = 0; k < n; k++) a += theta[this.uf.offset + i * n + k] * dz[dzOff + k];
      afDot[i] = a;
      fDot[i] = f[i] * (1 - f[i]) * a;
    }
    for (let i = 0; i < n; i++) sDot[i] = fDot[i] * xs[zOff + i] + f[i] * dz[dzOff + i];
    const ahDot = new Float64Array(n);
    const hDot = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let a = 0;
      for (let k = 0; k < n; k++) a += theta[this.uh.offset + i * n + k] * sDot[k];
      ahDot[i] = a;
      let h = mguGPrime(ah[i]) * a;
      for (let j = 0; j < m; j++) h += this.wh[i * m + j] * du[duOff + j];
      hDot[i] = h;
    }
    // reverse: adjoint of ż′ is λ
    const hBar = this.v1; // primal ĥ
    const fBar = this.v2; // primal f
    const ahBar = this.v3; // primal a_h (extra terms)
    const fDotBar = new Float64Array(n);
    const ahDotBar = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const l = lam[lamOff + i];
      fDotBar[i] = l * (hhat[i] - xs[zOff + i]);
      hBar[i] = l * fDot[i];
      fBar[i] = l * (hDot[i] - dz[dzOff + i]);
      const hDotBar = l * f[i];
      // ĥ̇ = g′(a_h) ȧ_h + W_h du
      ahDotBar[i] = hDotBar * mguGPrime(ah[i]);
      ahBar[i] = hDotBar * ahDot[i] * mguGSecond(ah[i]);
      for (let j = 0; j < m; j++) this.whBar[i * m + j] += scale * hDotBar * du[duOff + j];
    }
    // ȧ_h = U_h ṡ: Ū_h += ȧ_h̄ ṡᵀ, ṡ̄ = U_hᵀ ȧ_h̄
    for (let i = 0; i < n; i++) {
      const a = scale * ahDotBar[i];
      const row = this.uh.offset + i * n;
      for (let k = 0; k < n; k++) g[row + k] += a * sDot[k];
    }
    for (let k = 0; k < n; k++) {
      let sb = 0;
      for (let i = 0; i < n; i++) sb += theta[this.uh.offset + i * n + k] * ahDotBar[i];
      // ṡ = ḟ ⊙ z + f ⊙ dz
      fDotBar[k] += sb * xs[zOff + k];
      fBar[k] += sb * dz[dzOff + k];
    }
    // ḟ = σ′(a_f) ȧ_f, σ″ = σ′(1 − 2σ); ȧ_f = U_f dz
    for (let i = 0; i < n; i++) {
      const sp = f[i] * (1 - f[i]);
      const afDotBar = fDotBar[i] * sp;
      const a = scale * afDotBar;
      const row = this.uf.offset + i * n;
      for (let k = 0; k < n; k++) g[row + k] += a * dz[dzOff + k];
      // the primal a_f gets ḟ̄ ȧ_f σ″ = ḟ̄ ȧ_f σ′(1 − 2σ): added to f̄, which backPrimal multiplies by σ′
      fBar[i] += fDotBar[i] * afDot[i] * (1 - 2 * f[i]);
    }
    this.backPrimal(theta, xs, zOff, us, uOff, scale, g);
  }

  endGradient(theta: Float64Array, g: Float64Array): void {
    // W_h,ij = √(n/m) R_ij / ‖R_:j‖
    const { n, m } = this;
    const c = Math.sqrt(n / m);
    for (let j = 0; j < m; j++) {
      const nr = this.whNorms[j];
      let dot = 0;
      for (let i = 0; i < n; i++) dot += this.whBar[i * m + j] * theta[this.whRaw.offset + i * m + j];
      for (let i = 0; i < n; i++) {
        const r = theta[this.whRaw.offset + i * m + j];
        g[this.whRaw.offset + i * m + j] += c * (this.whBar[i * m + j] / nr - (r * dot) / nr ** 3);
      }
    }
  }
}
