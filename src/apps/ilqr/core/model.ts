/**
 * The generative model's pieces (Schimel et al., ICLR 2022, arXiv 2205.01210, §2.1 and
 * Appendix B), each with the derivatives iLQR needs (gradient and Hessian in the state or input)
 * and the parameter derivatives the ELBO's gradient needs, including the "directional" ones of
 * Appendix F: ∂/∂θ [∇ℓ(τ; θ) · dτ] for the extra LQR pass.
 *
 * Conventions: column vectors (z' = A z + B u); the official code (marineschimel/ilqr_vae) uses
 * row vectors (z' = z A + u B), so its A is our Aᵀ — the same family of matrices either way.
 */
import { qrBackward, qrPositive } from './linalg';
import type { ParamBlock, ParamLayout } from './params';
import { digamma, logGamma } from './special';
import type { Curvature } from './ilqr';

const LOG_2PI = Math.log(2 * Math.PI);

// ---------------------------------------------------------------------------------------------
// Priors over the inputs u_t (m-dimensional). Bins k < nBeg are the pre-trial bins that set the
// initial condition: always Gaussian (paper §2.1: "u_{t≤0} is Gaussian").

export interface Prior {
  readonly kind: 'gaussian' | 'student';
  readonly m: number;
  negLogp(theta: Float64Array, k: number, u: Float64Array, uOff: number): number;
  /** Writes ∂ℓ/∂u (m). */
  grad(theta: Float64Array, k: number, u: Float64Array, uOff: number, out: Float64Array, outOff: number): void;
  /**
   * Writes ∂²ℓ/∂u² (m × m); with curvature 'majorizer', a positive definite curvature of a quadratic
   * upper bound of ℓ that touches it at u, where the exact Hessian can be indefinite (core/ilqr.ts).
   */
  hess(theta: Float64Array, k: number, u: Float64Array, uOff: number, out: Float64Array, outOff: number, curvature?: Curvature): void;
  /** Adds scale · ∂ℓ/∂θ to g. */
  gradTheta(theta: Float64Array, k: number, u: Float64Array, uOff: number, scale: number, g: Float64Array): void;
  /** Adds scale · ∂/∂θ [∇_u ℓ · du] to g. */
  gradDirTheta(theta: Float64Array, k: number, u: Float64Array, uOff: number, du: Float64Array, duOff: number, scale: number, g: Float64Array): void;
}

/**
 * Gaussian prior N(0, diag σ²) with σ = s (spatial stds) for k ≥ nBeg and σ = fb·s on the
 * pre-trial bins, as `Priors.Gaussian` in lib/priors.ml (`spatial_stds` above 1e-3, `first_bin`
 * above 1e-5).
 */
export class GaussianPrior implements Prior {
  readonly kind = 'gaussian';
  constructor(
    readonly m: number,
    readonly nBeg: number,
    readonly s: ParamBlock,
    readonly fb: ParamBlock,
  ) {}
  static register(layout: ParamLayout, m: number, nBeg: number): GaussianPrior {
    return new GaussianPrior(m, nBeg, layout.add('prior.s', m, { lower: 1e-3 }), layout.add('prior.firstBin', 1, { lower: 1e-5 }));
  }
  init(theta: Float64Array, s = 1, firstBin = 1): void {
    theta.fill(s, this.s.offset, this.s.offset + this.m);
    theta[this.fb.offset] = firstBin;
  }
  sigma(theta: Float64Array, k: number, i: number): number {
    return theta[this.s.offset + i] * (k < this.nBeg ? theta[this.fb.offset] : 1);
  }
  negLogp(theta: Float64Array, k: number, u: Float64Array, uOff: number): number {
    let c = 0;
    for (let i = 0; i < this.m; i++) {
      const sg = this.sigma(theta, k, i);
      c += 0.5 * (LOG_2PI + 2 * Math.log(sg) + (u[uOff + i] / sg) ** 2);
    }
    return c;
  }
  grad(theta: Float64Array, k: number, u: Float64Array, uOff: number, out: Float64Array, outOff: number): void {
    for (let i = 0; i < this.m; i++) out[outOff + i] = u[uOff + i] / this.sigma(theta, k, i) ** 2;
  }
  hess(theta: Float64Array, k: number, _u: Float64Array, _uOff: number, out: Float64Array, outOff: number): void {
    const m = this.m;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[outOff + i * m + j] = i === j ? 1 / this.sigma(theta, k, i) ** 2 : 0;
  }
  gradTheta(theta: Float64Array, k: number, u: Float64Array, uOff: number, scale: number, g: Float64Array): void {
    // ℓ = Σ log σ_i + u_i²/(2σ_i²) with σ_i = c·s_i: ∂ℓ/∂s_i = (1 − u_i²/σ_i²)/s_i, likewise for fb.
    for (let i = 0; i < this.m; i++) {
      const sg = this.sigma(theta, k, i);
      const v = 1 - (u[uOff + i] / sg) ** 2;
      g[this.s.offset + i] += (scale * v) / theta[this.s.offset + i];
      if (k < this.nBeg) g[this.fb.offset] += (scale * v) / theta[this.fb.offset];
    }
  }
  gradDirTheta(theta: Float64Array, k: number, u: Float64Array, uOff: number, du: Float64Array, duOff: number, scale: number, g: Float64Array): void {
    // φ = Σ u_i du_i / σ_i²: ∂φ/∂s_i = −2 u_i du_i/(σ_i² s_i).
    for (let i = 0; i < this.m; i++) {
      const sg = this.sigma(theta, k, i);
      const v = (-2 * u[uOff + i] * du[duOff + i]) / (sg * sg);
      g[this.s.offset + i] += (scale * v) / theta[this.s.offset + i];
      if (k < this.nBeg) g[this.fb.offset] += (scale * v) / theta[this.fb.offset];
    }
  }
}

/**
 * Multivariate Student-t prior on u_t (k ≥ nBeg): u_t = S ε_t √(ν/α_t), α_t ~ χ²_ν shared by the
 * channels (paper §2.1), with the effective scale σ = √((ν−2)/ν)·s so that s is the standard
 * deviation (lib/priors.ml, `get_eff_prms`); pre-trial bins Gaussian with stds s0 (`first_step`).
 * With p = Σ u_i²/s_i²:
 *   ℓ = log Γ(ν/2) − log Γ((ν+m)/2) + (m/2) log(πν) + Σ log σ_i + (ν+m)/2 · log(1 + p/(ν−2)).
 *
 * The Hessian is exact: (ν+m)/(ν−2+p) [diag(1/s²) − 2 (u/s²)(u/s²)ᵀ/(ν−2+p)]. The official
 * code's `neg_hess_t` uses (u/σ)(u/σ)ᵀ in the second term instead of (u/σ²)(u/σ²)ᵀ, which is
 * wrong whenever the effective scale σ is not 1 (core/model.test.ts checks ours against finite
 * differences, and shows the code's formula agreeing only at σ = 1).
 *
 * It is indefinite once p > ν − 2 (along u), which is where inputs are events. With curvature
 * 'majorizer', `hess` gives instead (ν+m)/(ν−2+p) diag(1/s²): log is concave, so
 * log(1 + p/(ν−2)) ≤ log(1 + p₀/(ν−2)) + (p − p₀)/(ν−2+p₀), a quadratic upper bound of ℓ in u that
 * touches it at u₀ with the same gradient; this is the weight of iteratively reweighted least
 * squares for Student-t models (Lange, Little & Taylor, JASA 1989). iLQR's search uses it
 * (scripts/ilqr-cold-start.ts: on the shipped Lorenz model every test trial converges from a cold
 * start in at most 10 iterations, against a median of 43 with the exact Hessian).
 */
export class StudentPrior implements Prior {
  readonly kind = 'student';
  constructor(
    readonly m: number,
    readonly nBeg: number,
    readonly s: ParamBlock,
    readonly nu: ParamBlock,
    readonly s0: ParamBlock,
  ) {}
  static register(layout: ParamLayout, m: number, nBeg: number): StudentPrior {
    return new StudentPrior(
      m,
      nBeg,
      layout.add('prior.s', m, { lower: 1e-3 }),
      layout.add('prior.nu', 1, { lower: 2 + 1e-3 }),
      layout.add('prior.s0', m, { lower: 1e-3 }),
    );
  }
  /** lib/priors.ml `init`: spatial std 1, ν = 10 (the paper: ν initialised at 10–20), first step std = s. */
  init(theta: Float64Array, s = 1, nu = 10): void {
    theta.fill(s, this.s.offset, this.s.offset + this.m);
    theta[this.nu.offset] = nu;
    theta.fill(s, this.s0.offset, this.s0.offset + this.m);
  }
  private p(theta: Float64Array, u: Float64Array, uOff: number): number {
    let p = 0;
    for (let i = 0; i < this.m; i++) p += (u[uOff + i] / theta[this.s.offset + i]) ** 2;
    return p;
  }
  negLogp(theta: Float64Array, k: number, u: Float64Array, uOff: number): number {
    const m = this.m;
    if (k < this.nBeg) {
      let c = 0;
      for (let i = 0; i < m; i++) {
        const s0 = theta[this.s0.offset + i];
        c += 0.5 * (LOG_2PI + 2 * Math.log(s0) + (u[uOff + i] / s0) ** 2);
      }
      return c;
    }
    const nu = theta[this.nu.offset];
    let logS = 0;
    for (let i = 0; i < m; i++) logS += Math.log(theta[this.s.offset + i]);
    const p = this.p(theta, u, uOff);
    return this.nuConstant(nu) + logS + ((nu + m) / 2) * Math.log(1 + p / (nu - 2));
  }
  private cachedNu = NaN;
  private cachedConstant = NaN;
  /** log Γ(ν/2) − log Γ((ν+m)/2) + (m/2) log(πν) + (m/2) log((ν−2)/ν), cached for the last ν (iLQR calls it T times per pass). */
  private nuConstant(nu: number): number {
    if (nu !== this.cachedNu) {
      const m = this.m;
      this.cachedConstant = logGamma(nu / 2) - logGamma((nu + m) / 2) + (m / 2) * Math.log(Math.PI * nu) + (m / 2) * Math.log((nu - 2) / nu);
      this.cachedNu = nu;
    }
    return this.cachedConstant;
  }
  grad(theta: Float64Array, k: number, u: Float64Array, uOff: number, out: Float64Array, outOff: number): void {
    const m = this.m;
    if (k < this.nBeg) {
      for (let i = 0; i < m; i++) out[outOff + i] = u[uOff + i] / theta[this.s0.offset + i] ** 2;
      return;
    }
    const nu = theta[this.nu.offset];
    const f = (nu + m) / (nu - 2 + this.p(theta, u, uOff));
    for (let i = 0; i < m; i++) out[outOff + i] = (f * u[uOff + i]) / theta[this.s.offset + i] ** 2;
  }
  hess(theta: Float64Array, k: number, u: Float64Array, uOff: number, out: Float64Array, outOff: number, curvature: Curvature = 'exact'): void {
    const m = this.m;
    if (k < this.nBeg) {
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[outOff + i * m + j] = i === j ? 1 / theta[this.s0.offset + i] ** 2 : 0;
      return;
    }
    const nu = theta[this.nu.offset];
    const den = nu - 2 + this.p(theta, u, uOff);
    const f = (nu + m) / den;
    if (curvature === 'majorizer') {
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[outOff + i * m + j] = i === j ? f / theta[this.s.offset + i] ** 2 : 0;
      return;
    }
    for (let i = 0; i < m; i++) {
      const wi = u[uOff + i] / theta[this.s.offset + i] ** 2;
      for (let j = 0; j < m; j++) {
        const wj = u[uOff + j] / theta[this.s.offset + j] ** 2;
        out[outOff + i * m + j] = f * ((i === j ? 1 / theta[this.s.offset + i] ** 2 : 0) - (2 * wi * wj) / den);
      }
    }
  }
  gradTheta(theta: Float64Array, k: number, u: Float64Array, uOff: number, scale: number, g: Float64Array): void {
    const m = this.m;
    if (k < this.nBeg) {
      for (let i = 0; i < m; i++) {
        const s0 = theta[this.s0.offset + i];
        g[this.s0.offset + i] += (scale * (1 - (u[uOff + i] / s0) ** 2)) / s0;
      }
      return;
    }
    const nu = theta[this.nu.offset];
    const p = this.p(theta, u, uOff);
    const den = nu - 2 + p;
    // ∂ℓ/∂ν
    const dnu =
      0.5 * digamma(nu / 2) - 0.5 * digamma((nu + m) / 2) + m / (2 * nu) + (m / 2) * (1 / (nu - 2) - 1 / nu) + 0.5 * Math.log(den / (nu - 2)) + ((nu + m) / 2) * (1 / den - 1 / (nu - 2));
    g[this.nu.offset] += scale * dnu;
    // ∂ℓ/∂s_i = 1/s_i + (ν+m)/2 · (∂p/∂s_i)/(ν−2+p), ∂p/∂s_i = −2u_i²/s_i³
    for (let i = 0; i < m; i++) {
      const si = theta[this.s.offset + i];
      g[this.s.offset + i] += scale * (1 / si + (((nu + m) / 2) * (-2 * u[uOff + i] ** 2)) / (si ** 3 * den));
    }
  }
  gradDirTheta(theta: Float64Array, k: number, u: Float64Array, uOff: number, du: Float64Array, duOff: number, scale: number, g: Float64Array): void {
    const m = this.m;
    if (k < this.nBeg) {
      // φ = Σ u_i du_i / s0_i²
      for (let i = 0; i < m; i++) g[this.s0.offset + i] += (scale * -2 * u[uOff + i] * du[duOff + i]) / theta[this.s0.offset + i] ** 3;
      return;
    }
    // φ = (ν+m) w / (ν−2+p), w = Σ u_i du_i / s_i²
    const nu = theta[this.nu.offset];
    const p = this.p(theta, u, uOff);
    let w = 0;
    for (let i = 0; i < m; i++) w += (u[uOff + i] * du[duOff + i]) / theta[this.s.offset + i] ** 2;
    const den = nu - 2 + p;
    g[this.nu.offset] += (scale * w * (p - 2 - m)) / (den * den);
    for (let i = 0; i < m; i++) {
      const si = theta[this.s.offset + i];
      const dw = (-2 * u[uOff + i] * du[duOff + i]) / si ** 3;
      const dp = (-2 * u[uOff + i] ** 2) / si ** 3;
      g[this.s.offset + i] += scale * (nu + m) * (dw / den - (w * dp) / (den * den));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Likelihoods p(o_t | z_t), n-dimensional state, n_o outputs, through a = C z + b.

export interface Likelihood {
  readonly kind: 'gaussian' | 'poisson';
  readonly n: number;
  readonly no: number;
  readonly c: ParamBlock;
  readonly bias: ParamBlock;
  negLogp(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number): number;
  grad(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, out: Float64Array, outOff: number): void;
  hess(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, out: Float64Array, outOff: number): void;
  gradTheta(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, scale: number, g: Float64Array): void;
  gradDirTheta(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, dx: Float64Array, dxOff: number, scale: number, g: Float64Array): void;
  /** The mean observation (Gaussian: C z + b; Poisson: the rate·dt) into out. */
  mean(theta: Float64Array, x: Float64Array, xOff: number, out: Float64Array, outOff: number): void;
}

function affine(theta: Float64Array, c: ParamBlock, bias: ParamBlock, n: number, no: number, x: Float64Array, xOff: number, out: Float64Array): void {
  for (let i = 0; i < no; i++) {
    let s = theta[bias.offset + i];
    for (let j = 0; j < n; j++) s += theta[c.offset + i * n + j] * x[xOff + j];
    out[i] = s;
  }
}

/** out_i = (C dx)_i */
function cTimes(theta: Float64Array, c: ParamBlock, n: number, no: number, dx: Float64Array, dxOff: number, out: Float64Array): void {
  for (let i = 0; i < no; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += theta[c.offset + i * n + j] * dx[dxOff + j];
    out[i] = s;
  }
}

/** Gaussian N(C z + b, diag v), lib/likelihoods.ml `Gaussian` (C ~ N(0, 1/n), variances above 1e-3). */
export class GaussianLikelihood implements Likelihood {
  readonly kind = 'gaussian';
  private readonly a: Float64Array;
  private readonly cdx: Float64Array;
  constructor(
    readonly n: number,
    readonly no: number,
    readonly c: ParamBlock,
    readonly bias: ParamBlock,
    readonly variances: ParamBlock,
  ) {
    this.a = new Float64Array(no);
    this.cdx = new Float64Array(no);
  }
  static register(layout: ParamLayout, n: number, no: number): GaussianLikelihood {
    return new GaussianLikelihood(n, no, layout.add('lik.c', no * n), layout.add('lik.bias', no), layout.add('lik.variances', no, { lower: 1e-3 }));
  }
  init(theta: Float64Array, normal: () => number, variance = 1): void {
    for (let i = 0; i < this.no * this.n; i++) theta[this.c.offset + i] = normal() / Math.sqrt(this.n);
    theta.fill(0, this.bias.offset, this.bias.offset + this.no);
    theta.fill(variance, this.variances.offset, this.variances.offset + this.no);
  }
  negLogp(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number): number {
    affine(theta, this.c, this.bias, this.n, this.no, x, xOff, this.a);
    let s = 0;
    for (let i = 0; i < this.no; i++) {
      const v = theta[this.variances.offset + i];
      s += 0.5 * (LOG_2PI + Math.log(v) + (this.a[i] - o[oOff + i]) ** 2 / v);
    }
    return s;
  }
  grad(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, out: Float64Array, outOff: number): void {
    const { n, no, a } = this;
    affine(theta, this.c, this.bias, n, no, x, xOff, a);
    for (let j = 0; j < n; j++) out[outOff + j] = 0;
    for (let i = 0; i < no; i++) {
      const r = (a[i] - o[oOff + i]) / theta[this.variances.offset + i];
      for (let j = 0; j < n; j++) out[outOff + j] += theta[this.c.offset + i * n + j] * r;
    }
  }
  hess(theta: Float64Array, _x: Float64Array, _xOff: number, _o: Float64Array, _oOff: number, out: Float64Array, outOff: number): void {
    const { n, no } = this;
    for (let j = 0; j < n * n; j++) out[outOff + j] = 0;
    for (let i = 0; i < no; i++) {
      const iv = 1 / theta[this.variances.offset + i];
      const row = this.c.offset + i * n;
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) out[outOff + j * n + k] += theta[row + j] * theta[row + k] * iv;
    }
  }
  gradTheta(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, scale: number, g: Float64Array): void {
    const { n, no, a } = this;
    affine(theta, this.c, this.bias, n, no, x, xOff, a);
    for (let i = 0; i < no; i++) {
      const v = theta[this.variances.offset + i];
      const e = a[i] - o[oOff + i];
      const r = (scale * e) / v;
      for (let j = 0; j < n; j++) g[this.c.offset + i * n + j] += r * x[xOff + j];
      g[this.bias.offset + i] += r;
      g[this.variances.offset + i] += scale * 0.5 * (1 / v - (e * e) / (v * v));
    }
  }
  gradDirTheta(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, dx: Float64Array, dxOff: number, scale: number, g: Float64Array): void {
    // φ = Σ_i e_i (C dx)_i / v_i, e = C x + b − o
    const { n, no, a, cdx } = this;
    affine(theta, this.c, this.bias, n, no, x, xOff, a);
    cTimes(theta, this.c, n, no, dx, dxOff, cdx);
    for (let i = 0; i < no; i++) {
      const v = theta[this.variances.offset + i];
      const e = a[i] - o[oOff + i];
      for (let j = 0; j < n; j++) g[this.c.offset + i * n + j] += (scale * (cdx[i] * x[xOff + j] + e * dx[dxOff + j])) / v;
      g[this.bias.offset + i] += (scale * cdx[i]) / v;
      g[this.variances.offset + i] += (scale * -e * cdx[i]) / (v * v);
    }
  }
  mean(theta: Float64Array, x: Float64Array, xOff: number, out: Float64Array, outOff: number): void {
    affine(theta, this.c, this.bias, this.n, this.no, x, xOff, this.a);
    for (let i = 0; i < this.no; i++) out[outOff + i] = this.a[i];
  }
}

/**
 * Poisson counts with rate dt·gain·(1e-3 + exp(C z + b)) (lib/likelihoods.ml `Poisson`, with the
 * code's safe floor of 1e-3 on the link and exp as the link, as the paper's monkey data).
 */
export class PoissonLikelihood implements Likelihood {
  readonly kind = 'poisson';
  private readonly a: Float64Array;
  private readonly cdx: Float64Array;
  constructor(
    readonly n: number,
    readonly no: number,
    readonly dt: number,
    readonly c: ParamBlock,
    readonly bias: ParamBlock,
    readonly gain: ParamBlock,
  ) {
    this.a = new Float64Array(no);
    this.cdx = new Float64Array(no);
  }
  static register(layout: ParamLayout, n: number, no: number, dt: number): PoissonLikelihood {
    return new PoissonLikelihood(n, no, dt, layout.add('lik.c', no * n), layout.add('lik.bias', no), layout.add('lik.gain', no));
  }
  init(theta: Float64Array, normal: () => number): void {
    for (let i = 0; i < this.no * this.n; i++) theta[this.c.offset + i] = normal() / Math.sqrt(this.n);
    theta.fill(0, this.bias.offset, this.bias.offset + this.no);
    theta.fill(1, this.gain.offset, this.gain.offset + this.no);
  }
  private static logFactorial(k: number): number {
    return logGamma(k + 1);
  }
  negLogp(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number): number {
    affine(theta, this.c, this.bias, this.n, this.no, x, xOff, this.a);
    let s = 0;
    for (let i = 0; i < this.no; i++) {
      const rate = this.dt * theta[this.gain.offset + i] * (1e-3 + Math.exp(this.a[i]));
      const y = o[oOff + i];
      s += rate + PoissonLikelihood.logFactorial(y) - y * Math.log(rate);
    }
    return s;
  }
  /** h_i = ∂ℓ/∂a_i and h'_i = ∂²ℓ/∂a_i² */
  private hAt(theta: Float64Array, i: number, y: number): [number, number] {
    const e = Math.exp(this.a[i]);
    const dg = this.dt * theta[this.gain.offset + i];
    const f = 1e-3 + e;
    return [dg * e - (y * e) / f, dg * e - (y * 1e-3 * e) / (f * f)];
  }
  grad(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, out: Float64Array, outOff: number): void {
    const { n, no } = this;
    affine(theta, this.c, this.bias, n, no, x, xOff, this.a);
    for (let j = 0; j < n; j++) out[outOff + j] = 0;
    for (let i = 0; i < no; i++) {
      const [h] = this.hAt(theta, i, o[oOff + i]);
      for (let j = 0; j < n; j++) out[outOff + j] += theta[this.c.offset + i * n + j] * h;
    }
  }
  hess(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, out: Float64Array, outOff: number): void {
    const { n, no } = this;
    affine(theta, this.c, this.bias, n, no, x, xOff, this.a);
    for (let j = 0; j < n * n; j++) out[outOff + j] = 0;
    for (let i = 0; i < no; i++) {
      const [, h2] = this.hAt(theta, i, o[oOff + i]);
      const row = this.c.offset + i * n;
      for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) out[outOff + j * n + k] += theta[row + j] * theta[row + k] * h2;
    }
  }
  gradTheta(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, scale: number, g: Float64Array): void {
    const { n, no } = this;
    affine(theta, this.c, this.bias, n, no, x, xOff, this.a);
    for (let i = 0; i < no; i++) {
      const y = o[oOff + i];
      const [h] = this.hAt(theta, i, y);
      for (let j = 0; j < n; j++) g[this.c.offset + i * n + j] += scale * h * x[xOff + j];
      g[this.bias.offset + i] += scale * h;
      const gain = theta[this.gain.offset + i];
      g[this.gain.offset + i] += scale * (this.dt * (1e-3 + Math.exp(this.a[i])) - y / gain);
    }
  }
  gradDirTheta(theta: Float64Array, x: Float64Array, xOff: number, o: Float64Array, oOff: number, dx: Float64Array, dxOff: number, scale: number, g: Float64Array): void {
    // φ = Σ_i h_i (C dx)_i
    const { n, no, cdx } = this;
    affine(theta, this.c, this.bias, n, no, x, xOff, this.a);
    cTimes(theta, this.c, n, no, dx, dxOff, cdx);
    for (let i = 0; i < no; i++) {
      const [h, h2] = this.hAt(theta, i, o[oOff + i]);
      for (let j = 0; j < n; j++) g[this.c.offset + i * n + j] += scale * (h2 * x[xOff + j] * cdx[i] + h * dx[dxOff + j]);
      g[this.bias.offset + i] += scale * h2 * cdx[i];
      g[this.gain.offset + i] += scale * this.dt * Math.exp(this.a[i]) * cdx[i];
    }
  }
  mean(theta: Float64Array, x: Float64Array, xOff: number, out: Float64Array, outOff: number): void {
    affine(theta, this.c, this.bias, this.n, this.no, x, xOff, this.a);
    for (let i = 0; i < this.no; i++) out[outOff + i] = this.dt * theta[this.gain.offset + i] * (1e-3 + Math.exp(this.a[i]));
  }
}

// ---------------------------------------------------------------------------------------------
// Pre-trial bins (lib/dynamics.ml, `wrapper`): with n = nBeg·m, bins k < nBeg load the state m
// dimensions at a time, z ← z + E_kᵀ u with (E_k)_{ij} = 1 when ⌊j/nBeg⌋ = k and j mod m = i
// (the code's own indexing); from bin nBeg on the model's dynamics apply. When n = m the code has
// no pre-trial wrapper (B = I, z_1 = A·0 + u_0 = u_0), which is E_0 = I here.
// Note: the code's indexing loads every dimension only when m = nBeg (n = m²): ⌊j/nBeg⌋ runs up to
// m − 1, so with n = 20, m = 5 (nBeg = 4, the paper's Lorenz model) dimensions 16–19 are never
// loaded by a pre-trial bin. We keep the code's matrices.

export function preBinMatrix(n: number, m: number, k: number): Float64Array {
  const nBeg = n / m;
  const e = new Float64Array(m * n);
  if (n === m) {
    for (let i = 0; i < n; i++) e[i * n + i] = 1;
    return e;
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (Math.floor(j / nBeg) === k && j % m === i) e[i * n + j] = 1;
  return e;
}

/** A pre-trial bin's step x_{t+1} = x_t + E_tᵀ u_t (E_t = preBinMatrix(n, m, t), m × n), for every dynamics model. */
export function preBinStep(e: Float64Array, n: number, m: number, xs: Float64Array, us: Float64Array, t: number): void {
  const x0 = t * n;
  const x1 = (t + 1) * n;
  const u0 = t * m;
  for (let j = 0; j < n; j++) {
    let s = xs[x0 + j];
    for (let i = 0; i < m; i++) s += e[i * n + j] * us[u0 + i];
    xs[x1 + j] = s;
  }
}

/** A pre-trial bin's Jacobians: A_t = I and B_t = E_tᵀ, into a (n × n) and b (n × m) at the offsets. */
export function preBinJacobians(e: Float64Array, n: number, m: number, a: Float64Array, aOff: number, b: Float64Array, bOff: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[aOff + i * n + j] = i === j ? 1 : 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) b[bOff + i * m + j] = e[j * n + i];
}

/**
 * Linear dynamics z' = A z + B u with A = U D^½ Q (D+I)^−½ Uᵀ, U and Q the orthogonal factors of
 * unconstrained matrices (QR with a positive diagonal), D ≥ 0 (paper Appendix S3, eq. S3; code
 * `unpack_a` in lib/dynamics.ml, D above 1e-5). A is similar (through U(D+I)^½) to
 * diag(√(d/(1+d)))·Q, whose norm is below 1, so every eigenvalue of A lies inside the unit circle.
 * B = I when n = m; otherwise B's columns are normalised to norm √(n/m) (the code's `wrapper`).
 */
export class LinearDynamics {
  readonly nBeg: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly preBins: Float64Array[];
  private readonly uq: Float64Array;
  private readonly ur: Float64Array;
  private readonly qq: Float64Array;
  private readonly qr: Float64Array;
  private readonly sMat: Float64Array;
  private readonly bNorms: Float64Array;
  constructor(
    readonly n: number,
    readonly m: number,
    readonly uRaw: ParamBlock,
    readonly qRaw: ParamBlock,
    readonly d: ParamBlock,
    readonly bRaw: ParamBlock | null,
  ) {
    if (n % m !== 0) throw new RangeError(`n = ${n} must be a multiple of m = ${m} (pre-trial bins load m dimensions at a time)`);
    this.nBeg = n / m;
    this.a = new Float64Array(n * n);
    this.b = new Float64Array(n * m);
    this.preBins = Array.from({ length: this.nBeg }, (_, k) => preBinMatrix(n, m, k));
    this.uq = new Float64Array(n * n);
    this.ur = new Float64Array(n * n);
    this.qq = new Float64Array(n * n);
    this.qr = new Float64Array(n * n);
    this.sMat = new Float64Array(n * n);
    this.bNorms = new Float64Array(m);
  }
  static register(layout: ParamLayout, n: number, m: number): LinearDynamics {
    return new LinearDynamics(
      n,
      m,
      layout.add('dyn.u', n * n),
      layout.add('dyn.q', n * n),
      layout.add('dyn.d', n, { lower: 1e-5 }),
      n === m ? null : layout.add('dyn.b', n * m),
    );
  }
  /**
   * The code's initialisation (lib/dynamics.ml `Linear.init`): U = I, Q = expm(S − Sᵀ) for a
   * random S (we use the Cayley transform of the same skew matrix, also orthogonal), d set so the
   * singular values of A are exp(−Δt/τ·(1 − α)).
   */
  init(theta: Float64Array, normal: () => number, opts: { dtOverTau?: number; alpha?: number; beta?: number } = {}): void {
    const { n } = this;
    const { dtOverTau = 0.1, alpha = 0.5, beta = 1 } = opts;
    const tmp = Math.exp(-2 * dtOverTau * (1 - alpha));
    theta.fill(tmp / (1 - tmp), this.d.offset, this.d.offset + n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) theta[this.uRaw.offset + i * n + j] = i === j ? 1 : 0;
    const s = Float64Array.from({ length: n * n }, () => (normal() * beta * dtOverTau) / Math.sqrt(2 * n));
    // Cayley: Q = (I − W)⁻¹(I + W), W = S − Sᵀ (skew) — orthogonal, close to I for small W.
    const w = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i * n + j] = 0.5 * (s[i * n + j] - s[j * n + i]);
    const q = cayley(w, n);
    theta.set(q, this.qRaw.offset);
    if (this.bRaw) for (let i = 0; i < n * this.m; i++) theta[this.bRaw.offset + i] = normal();
  }
  /** Recomputes A and B from θ (call after every parameter change). */
  update(theta: Float64Array): void {
    const { n, m } = this;
    if (!qrPositive(this.uq, this.ur, theta.subarray(this.uRaw.offset, this.uRaw.offset + n * n), n)) throw new Error('dyn.u became singular');
    if (!qrPositive(this.qq, this.qr, theta.subarray(this.qRaw.offset, this.qRaw.offset + n * n), n)) throw new Error('dyn.q became singular');
    // S = D^½ Q (D+I)^−½, A = U S Uᵀ
    for (let i = 0; i < n; i++) {
      const di = theta[this.d.offset + i];
      for (let j = 0; j < n; j++) this.sMat[i * n + j] = (Math.sqrt(di) * this.qq[i * n + j]) / Math.sqrt(1 + theta[this.d.offset + j]);
    }
    const us = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += this.uq[i * n + k] * this.sMat[k * n + j];
      us[i * n + j] = s;
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += us[i * n + k] * this.uq[j * n + k];
      this.a[i * n + j] = s;
    }
    if (!this.bRaw) {
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) this.b[i * m + j] = i === j ? 1 : 0;
    } else {
      const scale = Math.sqrt(n / m);
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += theta[this.bRaw.offset + i * m + j] ** 2;
        this.bNorms[j] = Math.sqrt(s);
        for (let i = 0; i < n; i++) this.b[i * m + j] = (scale * theta[this.bRaw.offset + i * m + j]) / this.bNorms[j];
      }
    }
  }
  /** x_{t+1} from x_t, u_t (flat trajectories, see ControlProblem). */
  step(t: number, xs: Float64Array, us: Float64Array): void {
    const { n, m } = this;
    const x0 = t * n;
    const x1 = (t + 1) * n;
    const u0 = t * m;
    if (t < this.nBeg) {
      preBinStep(this.preBins[t], n, m, xs, us, t);
      return;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += this.a[i * n + j] * xs[x0 + j];
      for (let j = 0; j < m; j++) s += this.b[i * m + j] * us[u0 + j];
      xs[x1 + i] = s;
    }
  }
  /** A_t, B_t into a (n × n) and b (n × m) at the offsets. */
  jacobians(t: number, a: Float64Array, aOff: number, b: Float64Array, bOff: number): void {
    const { n, m } = this;
    if (t < this.nBeg) {
      preBinJacobians(this.preBins[t], n, m, a, aOff, b, bOff);
      return;
    }
    a.set(this.a, aOff);
    b.set(this.b, bOff);
  }
  /** Adds scale · dL/dθ to g given dL/dA (n × n) and dL/dB (n × m, ignored when B is fixed). */
  backward(theta: Float64Array, aBar: Float64Array, bBar: Float64Array | null, scale: number, g: Float64Array): void {
    const { n, m } = this;
    const U = this.uq;
    const S = this.sMat;
    // A = U S Uᵀ: Ū = Ā U Sᵀ + Āᵀ U S, S̄ = Uᵀ Ā U
    const au = new Float64Array(n * n);
    const atu = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s1 = 0;
      let s2 = 0;
      for (let k = 0; k < n; k++) {
        s1 += aBar[i * n + k] * U[k * n + j];
        s2 += aBar[k * n + i] * U[k * n + j];
      }
      au[i * n + j] = s1;
      atu[i * n + j] = s2;
    }
    const uBar = new Float64Array(n * n);
    const sBar = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += au[i * n + k] * S[j * n + k] + atu[i * n + k] * S[k * n + j];
      uBar[i * n + j] = s;
      let t = 0;
      for (let k = 0; k < n; k++) t += U[k * n + i] * au[k * n + j];
      sBar[i * n + j] = t;
    }
    // S_ij = √d_i Q_ij (1+d_j)^−½
    const qBar = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const di = theta[this.d.offset + i];
      for (let j = 0; j < n; j++) {
        const dj = theta[this.d.offset + j];
        const q = this.qq[i * n + j];
        qBar[i * n + j] = (sBar[i * n + j] * Math.sqrt(di)) / Math.sqrt(1 + dj);
        g[this.d.offset + i] += (scale * sBar[i * n + j] * q) / (2 * Math.sqrt(di) * Math.sqrt(1 + dj));
        g[this.d.offset + j] += scale * sBar[i * n + j] * -0.5 * Math.sqrt(di) * q * (1 + dj) ** -1.5;
      }
    }
    const uRawBar = qrBackward(uBar, this.uq, this.ur, n);
    const qRawBar = qrBackward(qBar, this.qq, this.qr, n);
    for (let i = 0; i < n * n; i++) {
      g[this.uRaw.offset + i] += scale * uRawBar[i];
      g[this.qRaw.offset + i] += scale * qRawBar[i];
    }
    if (this.bRaw && bBar) {
      // B_ij = √(n/m) R_ij / ‖R_:j‖
      const c = Math.sqrt(n / m);
      for (let j = 0; j < m; j++) {
        const nr = this.bNorms[j];
        let dot = 0;
        for (let i = 0; i < n; i++) dot += bBar[i * m + j] * theta[this.bRaw.offset + i * m + j];
        for (let i = 0; i < n; i++) {
          const r = theta[this.bRaw.offset + i * m + j];
          g[this.bRaw.offset + i * m + j] += scale * c * (bBar[i * m + j] / nr - (r * dot) / nr ** 3);
        }
      }
    }
  }
}

/** (I − W)⁻¹ (I + W) for a skew-symmetric W: an orthogonal matrix. */
function cayley(w: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  // Solve (I − W) X = (I + W) column by column by Gaussian elimination.
  const lhs = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lhs[i * n + j] = (i === j ? 1 : 0) - w[i * n + j];
  for (let col = 0; col < n; col++) {
    const m = Float64Array.from(lhs);
    const rhs = Float64Array.from({ length: n }, (_, i) => (i === col ? 1 : 0) + w[i * n + col]);
    for (let p = 0; p < n; p++) {
      let piv = p;
      for (let r = p + 1; r < n; r++) if (Math.abs(m[r * n + p]) > Math.abs(m[piv * n + p])) piv = r;
      for (let c = 0; c < n; c++) [m[p * n + c], m[piv * n + c]] = [m[piv * n + c], m[p * n + c]];
      [rhs[p], rhs[piv]] = [rhs[piv], rhs[p]];
      for (let r = p + 1; r < n; r++) {
        const f = m[r * n + p] / m[p * n + p];
        for (let c = p; c < n; c++) m[r * n + c] -= f * m[p * n + c];
        rhs[r] -= f * rhs[p];
      }
    }
    for (let r = n - 1; r >= 0; r--) {
      let s = rhs[r];
      for (let c = r + 1; c < n; c++) s -= m[r * n + c] * out[c * n + col];
      out[r * n + col] = s / m[r * n + r];
    }
  }
  return out;
}
