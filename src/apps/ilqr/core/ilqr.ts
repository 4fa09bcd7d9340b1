/**
 * iLQR (iterative linear-quadratic regulator) over a generic differentiable control problem, as
 * iLQR-VAE's recognition model uses it (Schimel et al., ICLR 2022, arXiv 2205.01210, §2.2 and
 * Appendix A, Algorithm 1), plus the one extra LQR pass that differentiates through its solution
 * (Appendix F, after Amos et al. 2018).
 *
 * The problem: states x_0 … x_K (x_0 = 0, fixed), inputs u_0 … u_{K−1},
 *   x_{t+1} = f_t(x_t, u_t),   J(u) = Σ_{t<K} ℓ_t(x_t, u_t) + ℓ_K(x_K).
 * The model supplies f_t with its Jacobians A_t = ∂f/∂x, B_t = ∂f/∂u, and the costs with their
 * gradients and Hessians (the Hessian of the cost is exact; the dynamics enter only through their
 * Jacobians, as in every iLQR).
 *
 * Regularisation follows the official solver tachukao/dilqr (the paper gives none): the
 * Levenberg–Marquardt term μ restarts at 0 on every backward pass; when Q_uu + μBᵀB is not positive
 * definite or its smallest eigenvalue (= smallest singular value) is ≤ 1e-8, δ ← max(2, 2δ),
 * μ ← max(1e-6, μδ) and the whole pass is redone; Q_ux is not regularised. δ also restarts (at 1)
 * with each backward pass, as in dilqr (`backward (1., 0.)` in src/lqr.ml).
 * Line search as the paper's Algorithm 1: α from 1, halving until the cost decreases.
 *
 * Curvature (ours; the official code always uses the exact Hessian): a problem whose exact cost
 * Hessian can be indefinite (the Student-t prior's, for large inputs) can also report the curvature
 * of a quadratic upper bound that touches the cost at the current point, with the same gradient (a
 * majorizer). By default each iteration first tries the exact Hessian with μ = 0, the official step;
 * only when Q_uu is then not positive definite does it take the majorizer, and dilqr's μ schedule
 * after that if still needed. From a cold start with the exact Hessian, Q_uu is indefinite at most
 * iterations and dilqr's μ jumps to about 130 and stays there, so iLQR creeps (median 43 iterations
 * on the shipped Lorenz model's test trials, against 7 with the default: weights/lorenz.cold-start.txt).
 * The minimiser and the stopping rule are the same; only the path to it changes. The final
 * linearisation, which the gradient through u* (Appendix F) uses, is always exact.
 * Stop when the relative cost change falls below `tolerance` (1e-4 by default) or after
 * `maxIterations`.
 */
import { cholesky, cholSolve, symmetricEigenvalues } from './linalg';

/** Arrays of a linearisation, for all times, row-major per time (offsets t·size). */
export interface Linearization {
  /** A_t (n × n), t < K */
  a: Float64Array;
  /** B_t (n × m), t < K */
  b: Float64Array;
  /** ∂ℓ_t/∂x (n), t ≤ K */
  lx: Float64Array;
  /** ∂ℓ_t/∂u (m), t < K */
  lu: Float64Array;
  /** ∂²ℓ_t/∂x² (n × n), t ≤ K */
  lxx: Float64Array;
  /** ∂²ℓ_t/∂u² (m × m), t < K */
  luu: Float64Array;
  /** ∂²ℓ_t/∂u∂x (m × n), t < K */
  lux: Float64Array;
}

/**
 * A differentiable control problem. Trajectories are flat: `xs` holds x_t at t·n ((K+1)·n in all),
 * `us` holds u_t at t·m (K·m). Every method reads x_t, u_t at those offsets.
 */
export interface ControlProblem {
  readonly n: number;
  readonly m: number;
  /** K, the number of inputs. */
  readonly horizon: number;
  /** Writes x_{t+1} = f_t(x_t, u_t) into xs at (t+1)·n. */
  step(t: number, xs: Float64Array, us: Float64Array): void;
  /** Writes A_t into lin.a at t·n² and B_t into lin.b at t·n·m. */
  jacobians(t: number, xs: Float64Array, us: Float64Array, lin: Linearization): void;
  /** ℓ_t(x_t, u_t) for t < K; ℓ_K(x_K) for t = K. */
  cost(t: number, xs: Float64Array, us: Float64Array): number;
  /**
   * Writes (not adds) ℓ_t's gradient and Hessian blocks into lin at time t (only lx, lxx at t = K).
   * With curvature 'majorizer' the Hessian blocks may be replaced by a positive semi-definite
   * curvature of a quadratic upper bound of ℓ_t that touches it at (x_t, u_t); the gradient stays exact.
   */
  costDerivatives(t: number, xs: Float64Array, us: Float64Array, lin: Linearization, curvature?: Curvature): void;
}

/** Which second derivatives of the cost the search uses (see the file comment). */
export type Curvature = 'exact' | 'majorizer';

/**
 * The curvature of the search (IlqrOptions.curvature): one of the problem's, or
 * 'exact-else-majorizer': the exact Hessian whenever Q_uu is positive definite with it (the official
 * code's step), and the majorizer, instead of a growing μ, at the iterations where it is not.
 */
export type SearchCurvature = Curvature | 'exact-else-majorizer';

export interface IlqrOptions {
  /** Stop when |J_old − J_new| / |J_old| falls below this (paper: 1e-4). */
  tolerance?: number;
  maxIterations?: number;
  /** Halvings of α before the line search gives up (then the solver stops: no descent left). */
  maxHalvings?: number;
  /**
   * How μ grows while Q_uu + μBᵀB is indefinite: 'dilqr' (the official solver's, the default:
   * δ ← max(2, 2δ), μ ← max(1e-6, μδ), so μ is multiplied by 2, 4, 8, …) or 'doubling' (μ ← 2μ
   * from 1e-6; ours, for comparison only: scripts/ilqr-cold-start.ts).
   */
  muSchedule?: 'dilqr' | 'doubling';
  /**
   * The cost curvature of the search's backward passes: 'exact-else-majorizer' (the default; ours),
   * 'exact' (the official code's) or 'majorizer'. scripts/ilqr-cold-start.ts compares them.
   */
  curvature?: SearchCurvature;
  /** Called after every accepted iteration with the current inputs (read them at once; the buffer is reused). */
  onIteration?: (iteration: number, cost: number, us: Float64Array, xs: Float64Array) => void;
}

export interface IlqrResult {
  /** The final inputs (a copy) and states. */
  us: Float64Array;
  xs: Float64Array;
  cost: number;
  /** Accepted iterations (each: one backward pass, one line search). */
  iterations: number;
  /** Cost before the first iteration, then after each accepted one. */
  costs: number[];
  converged: boolean;
  /** The largest μ the backward passes needed (0 when none did). */
  maxMu: number;
  /** Per accepted iteration: the regularisation μ of its backward pass and the step α its line search took. */
  mus: number[];
  alphas: number[];
}

/** tr(M⁻¹) = ‖L⁻¹‖²_F from M's Cholesky factor L (m × m); `work` holds m numbers at least. */
function inverseTraceFromCholesky(l: Float64Array, m: number, work: Float64Array): number {
  let total = 0;
  for (let c = 0; c < m; c++) {
    // column c of L⁻¹ by forward substitution (zero above the diagonal)
    for (let i = 0; i < m; i++) {
      if (i < c) {
        work[i] = 0;
        continue;
      }
      let s = i === c ? 1 : 0;
      for (let p = c; p < i; p++) s -= l[i * m + p] * work[p];
      work[i] = s / l[i * m + i];
      total += work[i] * work[i];
    }
  }
  return total;
}

/** Reusable buffers for one (n, m, K). */
export class Ilqr {
  readonly n: number;
  readonly m: number;
  readonly horizon: number;
  /** The linearisation at the last trajectory (refreshed by `linearize`; left at the solution by `solve`). */
  readonly lin: Linearization;
  private readonly gainK: Float64Array;
  private readonly gainKff: Float64Array;
  private readonly xs: Float64Array;
  private readonly us: Float64Array;
  private readonly xsNew: Float64Array;
  private readonly usNew: Float64Array;
  // scratch
  private readonly vx: Float64Array;
  private readonly vxx: Float64Array;
  private readonly qx: Float64Array;
  private readonly qu: Float64Array;
  private readonly qxx: Float64Array;
  private readonly quu: Float64Array;
  private readonly quuReg: Float64Array;
  private readonly qux: Float64Array;
  private readonly chol: Float64Array;
  private readonly vxxA: Float64Array;
  private readonly vxxB: Float64Array;
  private readonly eig: Float64Array;
  private readonly eigWork: Float64Array;
  private readonly rhs: Float64Array;
  private readonly dx: Float64Array;
  /** Set by each backward pass: the quadratic model's predicted change of J for a full step. */
  private predictedChange = 0;

  constructor(n: number, m: number, horizon: number) {
    this.n = n;
    this.m = m;
    this.horizon = horizon;
    const K = horizon;
    this.lin = {
      a: new Float64Array(K * n * n),
      b: new Float64Array(K * n * m),
      lx: new Float64Array((K + 1) * n),
      lu: new Float64Array(K * m),
      lxx: new Float64Array((K + 1) * n * n),
      luu: new Float64Array(K * m * m),
      lux: new Float64Array(K * m * n),
    };
    this.gainK = new Float64Array(K * m * n);
    this.gainKff = new Float64Array(K * m);
    this.xs = new Float64Array((K + 1) * n);
    this.us = new Float64Array(K * m);
    this.xsNew = new Float64Array((K + 1) * n);
    this.usNew = new Float64Array(K * m);
    this.vx = new Float64Array(n);
    this.vxx = new Float64Array(n * n);
    this.qx = new Float64Array(n);
    this.qu = new Float64Array(m);
    this.qxx = new Float64Array(n * n);
    this.quu = new Float64Array(m * m);
    this.quuReg = new Float64Array(m * m);
    this.qux = new Float64Array(m * n);
    this.chol = new Float64Array(m * m);
    this.vxxA = new Float64Array(n * n);
    this.vxxB = new Float64Array(n * m);
    this.eig = new Float64Array(m);
    this.eigWork = new Float64Array(m * m);
    this.rhs = new Float64Array(m * (n + 1));
    this.dx = new Float64Array(n);
  }

  /** Rolls the dynamics out from x_0 = 0 and returns the total cost. */
  static rollout(problem: ControlProblem, xs: Float64Array, us: Float64Array): number {
    const { n, horizon: K } = problem;
    for (let i = 0; i < n; i++) xs[i] = 0;
    let cost = 0;
    for (let t = 0; t < K; t++) {
      problem.step(t, xs, us);
      cost += problem.cost(t, xs, us);
    }
    return cost + problem.cost(K, xs, us);
  }

  /** Fills `lin` with the Jacobians and cost derivatives along (xs, us). */
  linearize(problem: ControlProblem, xs: Float64Array, us: Float64Array, curvature: Curvature = 'exact'): void {
    const K = this.horizon;
    for (let t = 0; t < K; t++) {
      problem.jacobians(t, xs, us, this.lin);
      problem.costDerivatives(t, xs, us, this.lin, curvature);
    }
    problem.costDerivatives(K, xs, us, this.lin, curvature);
  }

  /** Refreshes only the cost derivatives in `lin` (the Jacobians are kept). */
  private recomputeCost(problem: ControlProblem, xs: Float64Array, us: Float64Array, curvature: Curvature): void {
    const K = this.horizon;
    for (let t = 0; t <= K; t++) problem.costDerivatives(t, xs, us, this.lin, curvature);
  }

  /**
   * The backward pass with regularisation μ: fills the feedback gains K_t and feed-forward terms
   * k_t from `lin` with the linear terms (gx, gu) (the cost gradients for iLQR; other vectors for
   * the adjoint LQR). Returns false when Q_uu + μBᵀB is not safely positive definite at some t.
   */
  private backward(mu: number, gx: Float64Array, gu: Float64Array): boolean {
    const { n, m, horizon: K, lin, vx, vxx, qx, qu, qxx, quu, quuReg, qux, chol, vxxA, vxxB, rhs } = this;
    this.predictedChange = 0;
    for (let i = 0; i < n; i++) vx[i] = gx[K * n + i];
    for (let i = 0; i < n * n; i++) vxx[i] = lin.lxx[K * n * n + i];
    for (let t = K - 1; t >= 0; t--) {
      const aOff = t * n * n;
      const bOff = t * n * m;
      // V_xx A (n × n) and V_xx B (n × m); the loops run i, p, j so the innermost is contiguous
      // (row-major a, b, vxxA), which matters for the MGU2's n = 20
      const a = lin.a;
      const b = lin.b;
      vxxA.fill(0);
      vxxB.fill(0);
      for (let i = 0; i < n; i++) {
        const ri = i * n;
        const rb = i * m;
        for (let p = 0; p < n; p++) {
          const v = vxx[ri + p];
          if (v === 0) continue;
          const ap = aOff + p * n;
          for (let j = 0; j < n; j++) vxxA[ri + j] += v * a[ap + j];
          const bp = bOff + p * m;
          for (let j = 0; j < m; j++) vxxB[rb + j] += v * b[bp + j];
        }
      }
      // Q_x = ℓ_x + Aᵀ V_x, Q_xx = ℓ_xx + Aᵀ V_xx A
      for (let i = 0; i < n; i++) {
        let s = gx[t * n + i];
        for (let p = 0; p < n; p++) s += a[aOff + p * n + i] * vx[p];
        qx[i] = s;
        const ri = i * n;
        const li = t * n * n + ri;
        for (let j = 0; j < n; j++) qxx[ri + j] = lin.lxx[li + j];
        for (let p = 0; p < n; p++) {
          const v = a[aOff + p * n + i];
          if (v === 0) continue;
          const rp = p * n;
          for (let j = 0; j < n; j++) qxx[ri + j] += v * vxxA[rp + j];
        }
      }
      // Q_u = ℓ_u + Bᵀ V_x, Q_uu = ℓ_uu + Bᵀ V_xx B, Q_ux = ℓ_ux + Bᵀ V_xx A
      for (let i = 0; i < m; i++) {
        let s = gu[t * m + i];
        for (let p = 0; p < n; p++) s += lin.b[bOff + p * m + i] * vx[p];
        qu[i] = s;
        for (let j = 0; j < m; j++) {
          let h = lin.luu[t * m * m + i * m + j];
          for (let p = 0; p < n; p++) h += lin.b[bOff + p * m + i] * vxxB[p * m + j];
          quu[i * m + j] = h;
          // μ BᵀB, the Levenberg–Marquardt term on the inputs only (dilqr).
          let bb = 0;
          if (mu > 0) for (let p = 0; p < n; p++) bb += lin.b[bOff + p * m + i] * lin.b[bOff + p * m + j];
          quuReg[i * m + j] = h + mu * bb;
        }
        for (let j = 0; j < n; j++) {
          let h = lin.lux[t * m * n + i * n + j];
          for (let p = 0; p < n; p++) h += lin.b[bOff + p * m + i] * vxxA[p * n + j];
          qux[i * n + j] = h;
        }
      }
      // symmetrise Q_uu + μBᵀB against round-off before factorising
      for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) quuReg[i * m + j] = quuReg[j * m + i] = 0.5 * (quuReg[i * m + j] + quuReg[j * m + i]);
      if (!cholesky(chol, quuReg, m)) return false;
      // dilqr's test is λ_min > 1e-8. Fast path: λ_min ≥ 1/tr(M⁻¹) = 1/‖L⁻¹‖²_F, so the exact
      // eigenvalues are needed only when that bound is not already above 1e-8.
      if (!(1 / inverseTraceFromCholesky(chol, m, this.eigWork) > 1e-8)) {
        symmetricEigenvalues(this.eig, quuReg, m, this.eigWork);
        if (!(this.eig[0] > 1e-8)) return false;
      }
      // [k | K] = −(Q_uu + μBᵀB)⁻¹ [Q_u | Q_ux]
      const w = n + 1;
      for (let i = 0; i < m; i++) {
        rhs[i * w] = -qu[i];
        for (let j = 0; j < n; j++) rhs[i * w + 1 + j] = -qux[i * n + j];
      }
      cholSolve(chol, rhs, m, w);
      const kOff = t * m;
      const KOff = t * m * n;
      for (let i = 0; i < m; i++) {
        this.gainKff[kOff + i] = rhs[i * w];
        for (let j = 0; j < n; j++) this.gainK[KOff + i * n + j] = rhs[i * w + 1 + j];
      }
      // the local model's predicted change of J for α = 1: Σ kᵀQ_u + ½ kᵀQ_uu k
      for (let a = 0; a < m; a++) {
        const ka = rhs[a * w];
        this.predictedChange += ka * qu[a];
        for (let b = 0; b < m; b++) this.predictedChange += 0.5 * ka * quu[a * m + b] * rhs[b * w];
      }
      // V_x = Q_x + Kᵀ Q_u, V_xx = Q_xx + Q_uxᵀ K (symmetrised), as dilqr's backward pass (src/lqr.ml):
      // with μ > 0 this keeps V_xx = Q_xx − Q_uxᵀ(Q_uu + μBᵀB)⁻¹Q_ux from turning indefinite.
      const G = this.gainK;
      for (let i = 0; i < n; i++) {
        let s = qx[i];
        for (let a = 0; a < m; a++) s += G[KOff + a * n + i] * qu[a];
        vx[i] = s;
      }
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          let s = qxx[i * n + j];
          let s2 = qxx[j * n + i];
          for (let a = 0; a < m; a++) {
            s += qux[a * n + i] * G[KOff + a * n + j];
            s2 += qux[a * n + j] * G[KOff + a * n + i];
          }
          vxx[i * n + j] = vxx[j * n + i] = 0.5 * (s + s2);
        }
      }
    }
    return true;
  }

  /** Backward pass with dilqr's regularisation schedule; returns the μ it needed. */
  private regularisedBackward(gx: Float64Array, gu: Float64Array, schedule: 'dilqr' | 'doubling' = 'dilqr'): number {
    let mu = 0;
    let delta = 1;
    for (let attempt = 0; attempt < 60; attempt++) {
      if (this.backward(mu, gx, gu)) return mu;
      if (schedule === 'doubling') {
        mu = mu === 0 ? 1e-6 : 2 * mu;
        continue;
      }
      delta = Math.max(2, 2 * delta);
      mu = Math.max(1e-6, mu * delta);
    }
    throw new Error('iLQR: Q_uu stayed indefinite after 60 increases of the regularisation μ');
  }

  /** Forward pass û_t = u_t + K_t(x̂_t − x_t) + α k_t into (xsNew, usNew); returns the new cost. */
  private forward(problem: ControlProblem, alpha: number): number {
    const { n, m, horizon: K, xs, us, xsNew, usNew, gainK, gainKff, dx } = this;
    for (let i = 0; i < n; i++) xsNew[i] = 0;
    let cost = 0;
    for (let t = 0; t < K; t++) {
      for (let i = 0; i < n; i++) dx[i] = xsNew[t * n + i] - xs[t * n + i];
      for (let a = 0; a < m; a++) {
        let s = us[t * m + a] + alpha * gainKff[t * m + a];
        for (let j = 0; j < n; j++) s += gainK[t * m * n + a * n + j] * dx[j];
        usNew[t * m + a] = s;
      }
      problem.step(t, xsNew, usNew);
      cost += problem.cost(t, xsNew, usNew);
    }
    return cost + problem.cost(K, xsNew, usNew);
  }

  /** Minimises J from the inputs `init` (a warm start; zeros when omitted). */
  solve(problem: ControlProblem, init?: Float64Array, opts: IlqrOptions = {}): IlqrResult {
    const { tolerance = 1e-4, maxIterations = 50, maxHalvings = 30, onIteration, muSchedule = 'dilqr', curvature = 'exact-else-majorizer' } = opts;
    if (problem.n !== this.n || problem.m !== this.m || problem.horizon !== this.horizon) {
      throw new RangeError(`iLQR workspace is ${this.n}/${this.m}/${this.horizon}, the problem ${problem.n}/${problem.m}/${problem.horizon}`);
    }
    if (init) this.us.set(init);
    else this.us.fill(0);
    let cost = Ilqr.rollout(problem, this.xs, this.us);
    if (!Number.isFinite(cost)) throw new Error('iLQR: the initial inputs give a non-finite cost');
    const costs = [cost];
    let iterations = 0;
    let converged = false;
    let maxMu = 0;
    const mus: number[] = [];
    const alphas: number[] = [];
    while (iterations < maxIterations) {
      let mu: number;
      if (curvature === 'exact-else-majorizer') {
        this.linearize(problem, this.xs, this.us, 'exact');
        if (this.backward(0, this.lin.lx, this.lin.lu)) mu = 0;
        else {
          this.recomputeCost(problem, this.xs, this.us, 'majorizer');
          mu = this.regularisedBackward(this.lin.lx, this.lin.lu, muSchedule);
        }
      } else {
        this.linearize(problem, this.xs, this.us, curvature);
        mu = this.regularisedBackward(this.lin.lx, this.lin.lu, muSchedule);
      }
      maxMu = Math.max(maxMu, mu);
      // When even a full step is predicted to change J by less than the stopping tolerance we are
      // done: this spares the line search halving 30 times at an exact optimum (linear-Gaussian
      // problems are solved by the first step).
      if (Math.abs(this.predictedChange) < tolerance * Math.abs(cost) * 1e-3) {
        converged = true;
        break;
      }
      let alpha = 1;
      let accepted = false;
      let newCost = Infinity;
      for (let h = 0; h <= maxHalvings; h++) {
        newCost = this.forward(problem, alpha);
        if (newCost < cost) {
          accepted = true;
          break;
        }
        alpha /= 2;
      }
      if (!accepted) {
        // No step decreases the cost: we are at a minimum to machine precision.
        converged = true;
        break;
      }
      iterations++;
      mus.push(mu);
      alphas.push(alpha);
      this.xs.set(this.xsNew);
      this.us.set(this.usNew);
      const change = Math.abs(cost - newCost) / Math.max(Math.abs(cost), 1e-300);
      cost = newCost;
      costs.push(cost);
      onIteration?.(iterations, cost, this.us, this.xs);
      if (change < tolerance) {
        converged = true;
        break;
      }
    }
    this.linearize(problem, this.xs, this.us);
    return { us: Float64Array.from(this.us), xs: Float64Array.from(this.xs), cost, iterations, costs, converged, maxMu, mus, alphas };
  }

  /**
   * The costates λ_t at the current linearisation (Lagrange multipliers of x_{t+1} = f_t(x_t, u_t)
   * in ℒ = J + Σ λ_{t+1}ᵀ(f_t − x_{t+1})): λ_K = ∂ℓ_K/∂x, λ_t = ∂ℓ_t/∂x + A_tᵀ λ_{t+1}.
   * Returns (K+1)·n numbers (λ_0 included, unused).
   */
  costates(): Float64Array {
    const { n, horizon: K, lin } = this;
    const lam = new Float64Array((K + 1) * n);
    for (let i = 0; i < n; i++) lam[K * n + i] = lin.lx[K * n + i];
    for (let t = K - 1; t >= 0; t--) {
      for (let i = 0; i < n; i++) {
        let s = lin.lx[t * n + i];
        for (let p = 0; p < n; p++) s += lin.a[t * n * n + p * n + i] * lam[(t + 1) * n + p];
        lam[t * n + i] = s;
      }
    }
    return lam;
  }

  /**
   * The extra LQR pass of Appendix F: with the cost Hessians and dynamics Jacobians of the current
   * linearisation and the linear cost terms (gx, gu), solves
   *   min Σ ½ dτ_tᵀ C_t dτ_t + g_tᵀ dτ_t   s.t.   dx_{t+1} = A_t dx_t + B_t du_t,  dx_0 = 0,
   * and returns dτ = (dx, du) with its multipliers dλ (dλ_t = C_xx dx_t + C_xu du_t + g_x,t + A_tᵀ dλ_{t+1}).
   * With g = −∂Λ/∂τ this is the KKT solve of implicit differentiation (Amos et al. 2018, eq. 8).
   */
  solveLqr(gx: Float64Array, gu: Float64Array): { dx: Float64Array; du: Float64Array; dlam: Float64Array } {
    const { n, m, horizon: K, lin } = this;
    if (!this.backward(0, gx, gu)) this.regularisedBackward(gx, gu);
    const dx = new Float64Array((K + 1) * n);
    const du = new Float64Array(K * m);
    for (let t = 0; t < K; t++) {
      for (let a = 0; a < m; a++) {
        let s = this.gainKff[t * m + a];
        for (let j = 0; j < n; j++) s += this.gainK[t * m * n + a * n + j] * dx[t * n + j];
        du[t * m + a] = s;
      }
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += lin.a[t * n * n + i * n + j] * dx[t * n + j];
        for (let j = 0; j < m; j++) s += lin.b[t * n * m + i * m + j] * du[t * m + j];
        dx[(t + 1) * n + i] = s;
      }
    }
    const dlam = new Float64Array((K + 1) * n);
    for (let i = 0; i < n; i++) {
      let s = gx[K * n + i];
      for (let j = 0; j < n; j++) s += lin.lxx[K * n * n + i * n + j] * dx[K * n + j];
      dlam[K * n + i] = s;
    }
    for (let t = K - 1; t >= 0; t--) {
      for (let i = 0; i < n; i++) {
        let s = gx[t * n + i];
        for (let j = 0; j < n; j++) s += lin.lxx[t * n * n + i * n + j] * dx[t * n + j];
        for (let a = 0; a < m; a++) s += lin.lux[t * m * n + a * n + i] * du[t * m + a];
        for (let p = 0; p < n; p++) s += lin.a[t * n * n + p * n + i] * dlam[(t + 1) * n + p];
        dlam[t * n + i] = s;
      }
    }
    return { dx, du, dlam };
  }
}
