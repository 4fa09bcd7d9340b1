/**
 * What the iLQR-VAE needs from a generative dynamics model z_{t+1} = f_t(z_t, u_t; θ), linear or
 * MGU2, in one interface: the step, its Jacobians for iLQR, and two parameter derivatives for the
 * ELBO's gradient (Schimel et al., ICLR 2022, arXiv 2205.01210, Appendix F):
 *
 * - `addVjp`: ∂(λᵀ f_t(z_t, u_t))/∂θ — the direct path of the reparameterised sample (back-
 *   propagation through time) and the affine part of the local LQR (f̄_t = dλ_{t+1});
 * - `addDirVjp`: ∂/∂θ [λᵀ (A_t dz + B_t du)] at fixed (z_t, u_t) — the Jacobians' own dependence
 *   on θ (F̄_t = λ_{t+1} dτ_tᵀ, chained into θ).
 *
 * Together they are the parameter adjoint of Appendix F step 3: F̄_t = dλ_{t+1} τ*ᵀ + λ_{t+1} dτᵀ
 * and f̄_t = dλ_{t+1} on the residual f_t − F_t τ*, whose dλ τ*ᵀ terms cancel, leaving
 * ∂/∂θ[dλᵀ f_t(τ*)] + ∂/∂θ[λᵀ F_t dτ].
 */
import type { LinearDynamics } from './model';

export interface VaeDynamics {
  readonly kind: 'linear' | 'mgu2';
  readonly n: number;
  readonly m: number;
  /** pre-trial bins (n/m) that load the initial state */
  readonly nBeg: number;
  init(theta: Float64Array, normal: () => number): void;
  /** Call after every change of θ. */
  update(theta: Float64Array): void;
  step(theta: Float64Array, t: number, xs: Float64Array, us: Float64Array): void;
  jacobians(theta: Float64Array, t: number, xs: Float64Array, us: Float64Array, a: Float64Array, aOff: number, b: Float64Array, bOff: number): void;
  /** Starts a gradient accumulation (buffers of `addVjp`/`addDirVjp` cleared). */
  beginGradient(): void;
  /** g += scale · ∂(λᵀ f_t(z_t, u_t))/∂θ, λ at lam[lamOff…]. */
  addVjp(theta: Float64Array, t: number, xs: Float64Array, us: Float64Array, lam: Float64Array, lamOff: number, scale: number, g: Float64Array): void;
  /** g += scale · ∂/∂θ [λᵀ (A_t dz + B_t du)] at (z_t, u_t). */
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
  ): void;
  /** Ends the accumulation (a model that collects matrix adjoints chains them into g here). */
  endGradient(theta: Float64Array, g: Float64Array): void;
}

/**
 * The linear model behind the interface: A and B do not depend on (z, u), so every derivative is
 * a matrix adjoint Ā, B̄ collected over time and chained into θ once (LinearDynamics.backward).
 */
export class LinearVaeDynamics implements VaeDynamics {
  readonly kind = 'linear';
  readonly n: number;
  readonly m: number;
  readonly nBeg: number;
  private readonly aBar: Float64Array;
  private readonly bBar: Float64Array;
  constructor(
    readonly linear: LinearDynamics,
    private readonly initOpts: { dtOverTau?: number; alpha?: number; beta?: number } = {},
  ) {
    this.n = linear.n;
    this.m = linear.m;
    this.nBeg = linear.nBeg;
    this.aBar = new Float64Array(this.n * this.n);
    this.bBar = new Float64Array(this.n * this.m);
  }
  init(theta: Float64Array, normal: () => number): void {
    this.linear.init(theta, normal, this.initOpts);
  }
  update(theta: Float64Array): void {
    this.linear.update(theta);
  }
  step(_theta: Float64Array, t: number, xs: Float64Array, us: Float64Array): void {
    this.linear.step(t, xs, us);
  }
  jacobians(_theta: Float64Array, t: number, _xs: Float64Array, _us: Float64Array, a: Float64Array, aOff: number, b: Float64Array, bOff: number): void {
    this.linear.jacobians(t, a, aOff, b, bOff);
  }
  beginGradient(): void {
    this.aBar.fill(0);
    this.bBar.fill(0);
  }
  addVjp(_theta: Float64Array, t: number, xs: Float64Array, us: Float64Array, lam: Float64Array, lamOff: number, scale: number): void {
    this.outer(t, lam, lamOff, xs, t * this.n, us, t * this.m, scale);
  }
  addDirVjp(_theta: Float64Array, t: number, _xs: Float64Array, _us: Float64Array, lam: Float64Array, lamOff: number, dz: Float64Array, dzOff: number, du: Float64Array, duOff: number, scale: number): void {
    this.outer(t, lam, lamOff, dz, dzOff, du, duOff, scale);
  }
  /** Ā += scale·λ zᵀ, B̄ += scale·λ uᵀ (pre-trial bins have no parameters). */
  private outer(t: number, lam: Float64Array, lamOff: number, z: Float64Array, zOff: number, u: Float64Array, uOff: number, scale: number): void {
    if (t < this.nBeg) return;
    const { n, m } = this;
    for (let i = 0; i < n; i++) {
      const l = scale * lam[lamOff + i];
      if (l === 0) continue;
      for (let j = 0; j < n; j++) this.aBar[i * n + j] += l * z[zOff + j];
      for (let j = 0; j < m; j++) this.bBar[i * m + j] += l * u[uOff + j];
    }
  }
  endGradient(theta: Float64Array, g: Float64Array): void {
    this.linear.backward(theta, this.aBar, this.bBar, 1, g);
  }
}
