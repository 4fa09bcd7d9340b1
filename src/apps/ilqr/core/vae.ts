/**
 * iLQR-VAE (Schimel et al., ICLR 2022, arXiv 2205.01210) with a linear or an MGU2 generative model:
 * - generative: z_{t+1} = f(z_t, u_t) (pre-trial bins set the initial state), o_t ~ p(o | z_t), u ~ prior;
 * - recognition: q(u | o) = N(u*, Σs ⊗ Σt), u* = argmin_u −Σ_t [log p(o_t|z_t) + log p(u_t)]
 *   found by iLQR with the generative parameters themselves (tied, as examples/lorenz.ml does),
 *   Σs and Σt learned Cholesky factors shared by all trials, Σs's diagonal pinned to 1 (§2.2);
 * - loss: −ELBO with one sample, divided by T·n_o (§2.3); the Gaussian prior's KL is analytic, the
 *   Student-t's expected log-prior is sampled;
 * - gradient with respect to every parameter, including the path through u* by implicit
 *   differentiation: one extra LQR pass (Appendix F, eqs. S37–S39; Amos et al. 2018).
 *
 * Time layout of one trial with nBeg = n/m pre-trial bins and T observed bins: K = T + nBeg − 1
 * inputs u_0 … u_{K−1}; states z_1 … z_K, z_{t+1} = f_t(z_t, u_t) from z_0 = 0; the first nBeg
 * inputs load the initial state z_nBeg, and the observations o_1 … o_T sit on z_nBeg … z_K (row
 * t − nBeg of `o` for state t), as lib/dynamics.ml's `wrapper` puts the pre-trial bins before the
 * trial. With n = m (one pre-trial bin) K = T and z_1 = u_0 is observed as o_1.
 *
 * With a nonlinear model (MGU2) the path through u* is the paper's: the local LQR at u* uses the
 * dynamics' Jacobians only (no λᵀ∇²f term), so it is exact for the linear model and a Gauss–Newton
 * approximation for MGU2 (core/vae.test.ts measures how close).
 */
import type { Rng } from '../../../shared/random';
import { Ilqr, type ControlProblem, type Curvature, type IlqrOptions, type IlqrResult, type Linearization } from './ilqr';
import { LinearVaeDynamics, type VaeDynamics } from './dynamics';
import { Mgu2Dynamics } from './mgu2';
import { GaussianLikelihood, GaussianPrior, LinearDynamics, PoissonLikelihood, StudentPrior, type Likelihood, type Prior } from './model';
import { symmetricEigenvalues } from './linalg';
import { ParamLayout, type ParamBlock } from './params';

export interface VaeConfig {
  /** latent dimension n */
  n: number;
  /** input dimension m (n must be a multiple of m) */
  m: number;
  /** observed dimension n_o */
  no: number;
  /** observed time bins per trial (the model has T + n/m − 1 input bins, see the time layout above) */
  T: number;
  /** generative dynamics (default linear) */
  dynamics?: 'linear' | 'mgu2';
  prior: 'gaussian' | 'student';
  likelihood: 'gaussian' | 'poisson';
  /** Poisson bin width (rate = dt·gain·(1e-3 + exp(Cz + b))). */
  poissonDt?: number;
  /**
   * Bandwidth of Σt's Cholesky factor: Lt_{ts} is learned for 0 ≤ t − s < band (default T: the full
   * lower triangle, as the official code). See `recog.lt` below for why the demo bands it.
   */
  timeBand?: number;
}

export interface LossParts {
  /** −ELBO / (T·n_o) */
  loss: number;
  /** −log p(o | z(u)) of the sample, unscaled */
  nll: number;
  /** KL (Gaussian prior, analytic) or its one-sample estimate −log p(u) − H(q) (Student), unscaled */
  kl: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

export class IlqrVae {
  readonly config: VaeConfig;
  readonly layout = new ParamLayout();
  readonly theta: Float64Array;
  readonly dyn: VaeDynamics;
  /** the linear model's A and B (null for MGU2) */
  readonly linear: LinearDynamics | null;
  /** input bins per trial: T + nBeg − 1 */
  readonly K: number;
  readonly prior: Prior;
  readonly lik: Likelihood;
  /** Σs's Cholesky factor (m × m, lower, unit diagonal) */
  readonly ls: ParamBlock;
  /**
   * Σt's Cholesky factor, banded: entry (t, s), 0 ≤ t − s < band, at t·band + (t − s); the diagonal
   * (t − s = 0) kept above 1e-4 (lib/covariance.ml: `d` above 1e-4).
   */
  readonly lt: ParamBlock;
  readonly band: number;
  readonly ilqr: Ilqr;

  constructor(config: VaeConfig) {
    const { n, m, no } = config;
    this.config = config;
    if ((config.dynamics ?? 'linear') === 'linear') {
      this.linear = LinearDynamics.register(this.layout, n, m);
      this.dyn = new LinearVaeDynamics(this.linear);
    } else {
      this.linear = null;
      this.dyn = Mgu2Dynamics.register(this.layout, n, m);
    }
    const T = config.T + this.dyn.nBeg - 1;
    this.K = T;
    this.lik = config.likelihood === 'gaussian' ? GaussianLikelihood.register(this.layout, n, no) : PoissonLikelihood.register(this.layout, n, no, config.poissonDt ?? 1);
    this.prior = config.prior === 'gaussian' ? GaussianPrior.register(this.layout, m, this.dyn.nBeg) : StudentPrior.register(this.layout, m, this.dyn.nBeg);
    this.ls = this.layout.add('recog.ls', m * m, { frozen: (i) => Math.floor(i / m) <= i % m });
    const band = Math.min(T, config.timeBand ?? T);
    this.band = band;
    this.lt = this.layout.add('recog.lt', T * band, { frozen: (i) => i % band > Math.floor(i / band) });
    this.theta = new Float64Array(this.layout.size);
    this.ilqr = new Ilqr(n, m, T);
  }

  /** The official code's initialisations (see each piece), Σt = σ_q² I and Σs = I. */
  init(rng: Rng, opts: { posteriorStd?: number; observationVariance?: number } = {}): void {
    const { m } = this.config;
    const T = this.K;
    const normal = () => rng.normal();
    this.dyn.init(this.theta, normal);
    if (this.lik instanceof GaussianLikelihood) this.lik.init(this.theta, normal, opts.observationVariance ?? 1);
    else if (this.lik instanceof PoissonLikelihood) this.lik.init(this.theta, normal);
    if (this.prior instanceof GaussianPrior) this.prior.init(this.theta);
    else if (this.prior instanceof StudentPrior) this.prior.init(this.theta);
    for (let i = 0; i < m; i++) this.theta[this.ls.offset + i * m + i] = 1;
    const sq = opts.posteriorStd ?? 1;
    for (let t = 0; t < T; t++) this.theta[this.lt.offset + t * this.band] = sq;
    this.update();
  }

  /** Row of `o` observed on state t (t ≥ nBeg), or −1 for a pre-trial state. */
  obsRow(t: number): number {
    return t >= this.dyn.nBeg ? t - this.dyn.nBeg : -1;
  }

  /**
   * Data-driven start for the Gaussian likelihood (ours; the official code draws C ~ N(0, 1/n)):
   * C = the top-n principal axes of the observations scaled by their standard deviations, the
   * bias = the observations' mean, each channel's variance = what those n axes leave unexplained.
   */
  initFromData(observations: Float64Array[]): void {
    if (!(this.lik instanceof GaussianLikelihood)) throw new Error('initFromData: Gaussian likelihood only');
    const { n, no } = this.config;
    const mean = new Float64Array(no);
    let rows = 0;
    for (const o of observations) {
      const r = o.length / no;
      rows += r;
      for (let t = 0; t < r; t++) for (let i = 0; i < no; i++) mean[i] += o[t * no + i];
    }
    for (let i = 0; i < no; i++) mean[i] /= rows;
    const cov = new Float64Array(no * no);
    for (const o of observations) {
      const r = o.length / no;
      for (let t = 0; t < r; t++) for (let i = 0; i < no; i++) for (let j = 0; j < no; j++) cov[i * no + j] += ((o[t * no + i] - mean[i]) * (o[t * no + j] - mean[j])) / rows;
    }
    const vals = new Float64Array(no);
    const vecs = new Float64Array(no * no);
    symmetricEigenvalues(vals, cov, no, new Float64Array(no * no), 0, vecs);
    const lik = this.lik;
    for (let i = 0; i < no; i++) {
      let explained = 0;
      for (let k = 0; k < n; k++) {
        const col = no - 1 - k;
        const c = vecs[i * no + col] * Math.sqrt(Math.max(vals[col], 0));
        this.theta[lik.c.offset + i * n + k] = c;
        explained += c * c;
      }
      this.theta[lik.bias.offset + i] = mean[i];
      this.theta[lik.variances.offset + i] = Math.max(cov[i * no + i] - explained, 1e-3);
    }
    this.update();
  }

  /** Call after any change of θ. */
  update(): void {
    this.layout.clampToBounds(this.theta);
    const { m } = this.config;
    const T = this.K;
    for (let i = 0; i < m; i++) this.theta[this.ls.offset + i * m + i] = 1;
    for (let t = 0; t < T; t++) {
      const k = this.lt.offset + t * this.band;
      if (!(this.theta[k] >= 1e-4)) this.theta[k] = 1e-4;
    }
    this.dyn.update(this.theta);
  }

  /** The MAP-input problem for one trial's observations (T × n_o), for iLQR. */
  problem(o: Float64Array): ControlProblem {
    const { n, m, no } = this.config;
    const T = this.K;
    const { theta, dyn, prior, lik } = this;
    return {
      n,
      m,
      horizon: T,
      step: (t, xs, us) => dyn.step(theta, t, xs, us),
      jacobians: (t, xs, us, lin: Linearization) => dyn.jacobians(theta, t, xs, us, lin.a, t * n * n, lin.b, t * n * m),
      cost: (t, xs, us) => {
        const row = this.obsRow(t);
        return (t < T ? prior.negLogp(theta, t, us, t * m) : 0) + (row >= 0 ? lik.negLogp(theta, xs, t * n, o, row * no) : 0);
      },
      costDerivatives: (t, xs, us, lin: Linearization, curvature: Curvature = 'exact') => {
        const row = this.obsRow(t);
        if (row >= 0) {
          lik.grad(theta, xs, t * n, o, row * no, lin.lx, t * n);
          lik.hess(theta, xs, t * n, o, row * no, lin.lxx, t * n * n);
        } else {
          lin.lx.fill(0, t * n, (t + 1) * n);
          lin.lxx.fill(0, t * n * n, (t + 1) * n * n);
        }
        if (t < T) {
          prior.grad(theta, t, us, t * m, lin.lu, t * m);
          prior.hess(theta, t, us, t * m, lin.luu, t * m * m, curvature);
          lin.lux.fill(0, t * m * n, (t + 1) * m * n);
        }
      },
    };
  }

  /** iLQR for the posterior mean u* of one trial (warm start from `init`). */
  infer(o: Float64Array, init?: Float64Array, opts?: IlqrOptions): IlqrResult {
    return this.ilqr.solve(this.problem(o), init, opts);
  }

  /** States z_0 … z_K (flat, (K+1)·n) from the inputs. */
  rollout(us: Float64Array): Float64Array {
    const { n } = this.config;
    const K = this.K;
    const xs = new Float64Array((K + 1) * n);
    for (let t = 0; t < K; t++) this.dyn.step(this.theta, t, xs, us);
    return xs;
  }

  /** η = Lt E Lsᵀ (K × m) for a standard-normal E (K × m), and Q = Lt E. */
  private sampleNoise(eps: Float64Array): { eta: Float64Array; q: Float64Array } {
    const { m } = this.config;
    const T = this.K;
    const th = this.theta;
    const lt = this.lt.offset;
    const ls = this.ls.offset;
    const W = this.band;
    const q = new Float64Array(T * m);
    for (let t = 0; t < T; t++) {
      const row = lt + t * W + t;
      for (let s = Math.max(0, t - W + 1); s <= t; s++) {
        const l = th[row - s];
        if (l === 0) continue;
        for (let j = 0; j < m; j++) q[t * m + j] += l * eps[s * m + j];
      }
    }
    const eta = new Float64Array(T * m);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < m; i++) {
        let s = q[t * m + i];
        for (let j = 0; j < i; j++) s += th[ls + i * m + j] * q[t * m + j];
        eta[t * m + i] = s;
      }
    }
    return { eta, q };
  }

  /**
   * −ELBO/(T·n_o) of one trial for the sample u = u* + Lt E Lsᵀ, and (when `grad` is given) its
   * gradient added into `grad`. `post` must be the iLQR solution for this trial and the current θ
   * (its linearisation still in `this.ilqr`); `implicit: false` drops the path through u*.
   */
  lossAndGradient(o: Float64Array, post: IlqrResult, eps: Float64Array, grad?: Float64Array, opts: { implicit?: boolean; scale?: number } = {}): LossParts {
    const { n, m, no } = this.config;
    const { theta, dyn, prior, lik } = this;
    const implicit = opts.implicit ?? true;
    const scale = (opts.scale ?? 1) / (this.config.T * no);
    // from here T counts the input bins (K)
    const T = this.K;
    const uStar = post.us;
    const { eta, q } = this.sampleNoise(eps);
    const us = new Float64Array(T * m);
    for (let i = 0; i < us.length; i++) us[i] = uStar[i] + eta[i];
    const xs = this.rollout(us);
    let nll = 0;
    for (let t = dyn.nBeg; t <= T; t++) nll += lik.negLogp(theta, xs, t * n, o, this.obsRow(t) * no);
    let kl = 0;
    const isGaussianPrior = prior instanceof GaussianPrior;
    const ltOff = this.lt.offset;
    const lsOff = this.ls.offset;
    // Σt_tt and Σs_ii (diagonals of the posterior covariance factors)
    const sigT = new Float64Array(T);
    const W = this.band;
    const ltAt = (t: number, s: number) => ltOff + t * W + (t - s);
    for (let t = 0; t < T; t++) for (let s = Math.max(0, t - W + 1); s <= t; s++) sigT[t] += theta[ltAt(t, s)] ** 2;
    const sigS = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      sigS[i] = 1;
      for (let j = 0; j < i; j++) sigS[i] += theta[lsOff + i * m + j] ** 2;
    }
    let logDetLt = 0;
    for (let t = 0; t < T; t++) logDetLt += Math.log(theta[ltAt(t, t)]);
    const nBeg = dyn.nBeg;
    let trS = 0;
    let trT = 0;
    if (isGaussianPrior) {
      // KL(N(u*, Σs⊗Σt) ‖ N(0, diag(s²) ⊗ diag(ℓ²))), ℓ_t = fb on the pre-trial bins, else 1
      // (lib/priors.ml, Gaussian `kl_to_gaussian`).
      const gp = prior as GaussianPrior;
      const fb = theta[gp.fb.offset];
      const ell = (t: number) => (t < nBeg ? fb : 1);
      let quad = 0;
      let logDetP = 0;
      for (let i = 0; i < m; i++) {
        const si = theta[gp.s.offset + i];
        trS += sigS[i] / (si * si);
        logDetP += 2 * T * Math.log(si);
      }
      for (let t = 0; t < T; t++) {
        trT += sigT[t] / ell(t) ** 2;
        logDetP += 2 * m * Math.log(ell(t));
        for (let i = 0; i < m; i++) quad += (uStar[t * m + i] / (ell(t) * theta[gp.s.offset + i])) ** 2;
      }
      kl = 0.5 * (trS * trT + logDetP - 2 * m * logDetLt + quad - m * T);
    } else {
      // one-sample −log p(u) − H(q), H(q) = ½ mT(1 + log 2π) + m Σ log Lt_tt (+ T Σ log Ls_ii = 0)
      for (let t = 0; t < T; t++) kl += prior.negLogp(theta, t, us, t * m);
      kl -= 0.5 * m * T * (1 + LOG_2PI) + m * logDetLt;
    }
    const loss = (nll + kl) * scale;
    if (!grad) return { loss, nll, kl };

    // ---- direct gradient (every term scaled by 1/(T·n_o) as it is added) ----
    const g0 = grad;
    dyn.beginGradient();
    const uBar = new Float64Array(T * m);
    const adj = new Float64Array(n);
    const gx = new Float64Array(n);
    const lin = { a: new Float64Array(n * n), b: new Float64Array(n * m) };
    // adjoint of the states: adj_t = ∇ℓ_t + A_tᵀ adj_{t+1}, walking back from t = T
    for (let t = T; t >= 1; t--) {
      const row = this.obsRow(t);
      if (row >= 0) {
        lik.grad(theta, xs, t * n, o, row * no, gx, 0);
        lik.gradTheta(theta, xs, t * n, o, row * no, scale, g0);
      } else gx.fill(0);
      // gx += A_tᵀ adj (adj holds adj_{t+1}); then u_t's and A's adjoints from adj_{t+1} when t < T
      if (t < T) {
        dyn.jacobians(theta, t, xs, us, lin.a, 0, lin.b, 0);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let p = 0; p < n; p++) s += lin.a[p * n + i] * adj[p];
          gx[i] += s;
        }
      }
      adj.set(gx);
      // step t−1 maps (z_{t−1}, u_{t−1}) → z_t: u_{t−1} gets B_{t−1}ᵀ adj_t, A gets adj_t z_{t−1}ᵀ
      const k = t - 1;
      dyn.jacobians(theta, k, xs, us, lin.a, 0, lin.b, 0);
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = 0; p < n; p++) s += lin.b[p * m + j] * adj[p];
        uBar[k * m + j] += s;
      }
      dyn.addVjp(theta, k, xs, us, adj, 0, scale, g0);
    }
    const w = new Float64Array(T * m);
    const ltBar = new Float64Array(T * W);
    if (isGaussianPrior) {
      const gp = prior as GaussianPrior;
      const fb = theta[gp.fb.offset];
      const ell = (t: number) => (t < nBeg ? fb : 1);
      let dFb = 0;
      for (let i = 0; i < m; i++) {
        const si = theta[gp.s.offset + i];
        let dS = -trT * sigS[i] / si ** 3 + T / si;
        for (let t = 0; t < T; t++) dS -= uStar[t * m + i] ** 2 / (ell(t) ** 2 * si ** 3);
        g0[gp.s.offset + i] += scale * dS;
        for (let j = 0; j < i; j++) g0[lsOff + i * m + j] += (scale * trT * theta[lsOff + i * m + j]) / (si * si);
      }
      for (let t = 0; t < T; t++) {
        const e2 = ell(t) ** 2;
        for (let i = 0; i < m; i++) w[t * m + i] = uStar[t * m + i] / (e2 * theta[gp.s.offset + i] ** 2);
        for (let s = Math.max(0, t - W + 1); s <= t; s++) ltBar[t * W + (t - s)] += (trS * theta[ltAt(t, s)]) / e2;
        ltBar[t * W] -= m / theta[ltAt(t, t)];
        if (t < nBeg) {
          dFb += -trS * sigT[t] / fb ** 3 + m / fb;
          for (let i = 0; i < m; i++) dFb -= uStar[t * m + i] ** 2 / (fb ** 3 * theta[gp.s.offset + i] ** 2);
        }
      }
      g0[gp.fb.offset] += scale * dFb;
    } else {
      const pg = new Float64Array(m);
      for (let t = 0; t < T; t++) {
        prior.grad(theta, t, us, t * m, pg, 0);
        for (let i = 0; i < m; i++) uBar[t * m + i] += pg[i];
        prior.gradTheta(theta, t, us, t * m, scale, g0);
        ltBar[t * W] -= m / theta[ltAt(t, t)];
      }
    }
    // u = u* + η: the sample's adjoint ū reaches u* (w) and the noise η = Lt E Lsᵀ
    for (let i = 0; i < w.length; i++) w[i] += uBar[i];
    // η_t = Ls Q_t with Q = Lt E: Ls̄ = Σ_t ū_t Q_tᵀ (strict lower), Q̄_t = Lsᵀ ū_t, Lt̄ = Q̄ Eᵀ (lower)
    const qBar = new Float64Array(T * m);
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < m; j++) {
        let s = uBar[t * m + j];
        for (let i = j + 1; i < m; i++) s += theta[lsOff + i * m + j] * uBar[t * m + i];
        qBar[t * m + j] = s;
      }
      for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) g0[lsOff + i * m + j] += scale * uBar[t * m + i] * q[t * m + j];
    }
    for (let t = 0; t < T; t++) {
      for (let s = Math.max(0, t - W + 1); s <= t; s++) {
        let v = 0;
        for (let j = 0; j < m; j++) v += qBar[t * m + j] * eps[s * m + j];
        g0[ltAt(t, s)] += scale * (ltBar[t * W + (t - s)] + v);
      }
    }

    // ---- the path through u* (Appendix F) ----
    if (implicit) {
      const { dx, du, dlam } = this.ilqr.solveLqr(new Float64Array((T + 1) * n), Float64Array.from(w, (v) => -v));
      const lam = this.ilqr.costates();
      const xStar = post.xs;
      // −∂/∂θ Σ_t [∇ℓ_t·dτ_t + λ_{t+1}ᵀ(A_t dx_t + B_t du_t) + dλ_{t+1}ᵀ f_t(x*_t, u*_t)]
      for (let t = nBeg; t < T; t++) {
        dyn.addDirVjp(theta, t, xStar, uStar, lam, (t + 1) * n, dx, t * n, du, t * m, -scale, g0);
        dyn.addVjp(theta, t, xStar, uStar, dlam, (t + 1) * n, -scale, g0);
      }
      for (let t = nBeg; t <= T; t++) lik.gradDirTheta(theta, xStar, t * n, o, this.obsRow(t) * no, dx, t * n, -scale, g0);
      for (let t = 0; t < T; t++) prior.gradDirTheta(theta, t, uStar, t * m, du, t * m, -scale, g0);
    }
    dyn.endGradient(theta, g0);
    return { loss, nll, kl };
  }
}
