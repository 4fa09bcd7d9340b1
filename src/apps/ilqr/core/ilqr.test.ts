import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { Ilqr, type ControlProblem, type Linearization } from './ilqr';
import { solveDense } from './linalg';

const rng = createRng('ilqr-test');

/**
 * x_{t+1} = A x_t + B u_t (+ an optional tanh on the state for a nonlinear variant);
 * ℓ_t = ½ uᵀR u + ½ Σ_i w_i ((C x_t)_i − o_{t,i})² (no observation at t = 0), ℓ_K on x_K only,
 * plus an optional non-convex input term q·Σ(u⁴/4 − u²) that makes Q_uu indefinite near u = 0.
 */
class TestProblem implements ControlProblem {
  constructor(
    readonly n: number,
    readonly m: number,
    readonly horizon: number,
    readonly A: Float64Array,
    readonly B: Float64Array,
    readonly C: Float64Array,
    readonly no: number,
    readonly o: Float64Array,
    readonly r: Float64Array,
    readonly w: Float64Array,
    readonly quartic = 0,
  ) {}
  step(t: number, xs: Float64Array, us: Float64Array) {
    const { n, m, A, B } = this;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += A[i * n + j] * xs[t * n + j];
      for (let j = 0; j < m; j++) s += B[i * m + j] * us[t * m + j];
      xs[(t + 1) * n + i] = s;
    }
  }
  jacobians(t: number, _xs: Float64Array, _us: Float64Array, lin: Linearization) {
    lin.a.set(this.A, t * this.n * this.n);
    lin.b.set(this.B, t * this.n * this.m);
  }
  private resid(t: number, xs: Float64Array, i: number) {
    let s = -this.o[t * this.no + i];
    for (let j = 0; j < this.n; j++) s += this.C[i * this.n + j] * xs[t * this.n + j];
    return s;
  }
  cost(t: number, xs: Float64Array, us: Float64Array) {
    let c = 0;
    if (t > 0) for (let i = 0; i < this.no; i++) c += 0.5 * this.w[i] * this.resid(t, xs, i) ** 2;
    if (t < this.horizon) {
      for (let a = 0; a < this.m; a++) {
        const u = us[t * this.m + a];
        c += 0.5 * this.r[a] * u * u + this.quartic * (u ** 4 / 4 - u * u);
      }
    }
    return c;
  }
  costDerivatives(t: number, xs: Float64Array, us: Float64Array, lin: Linearization) {
    const { n, m, no, C, w } = this;
    lin.lx.fill(0, t * n, (t + 1) * n);
    lin.lxx.fill(0, t * n * n, (t + 1) * n * n);
    if (t > 0) {
      for (let i = 0; i < no; i++) {
        const e = this.resid(t, xs, i);
        for (let j = 0; j < n; j++) {
          lin.lx[t * n + j] += w[i] * e * C[i * n + j];
          for (let k = 0; k < n; k++) lin.lxx[t * n * n + j * n + k] += w[i] * C[i * n + j] * C[i * n + k];
        }
      }
    }
    if (t < this.horizon) {
      lin.luu.fill(0, t * m * m, (t + 1) * m * m);
      lin.lux.fill(0, t * m * n, (t + 1) * m * n);
      for (let a = 0; a < m; a++) {
        const u = us[t * m + a];
        lin.lu[t * m + a] = this.r[a] * u + this.quartic * (u ** 3 - 2 * u);
        lin.luu[t * m * m + a * m + a] = this.r[a] + this.quartic * (3 * u * u - 2);
      }
    }
  }
}

function randomProblem(n: number, m: number, K: number, no: number, quartic = 0): TestProblem {
  const rng = createRng(`problem-${n}-${m}-${K}-${no}-${quartic}`);
  const randn = (k: number, s = 1) => Float64Array.from({ length: k }, () => s * rng.normal());
  const A = randn(n * n, 0.9 / Math.sqrt(n));
  return new TestProblem(n, m, K, A, randn(n * m), randn(no * n), no, randn((K + 1) * no), Float64Array.from({ length: m }, () => 0.5 + rng.next()), Float64Array.from({ length: no }, () => 1 + rng.next()), quartic);
}

/** The exact minimiser of the quadratic problem: x = G u stacked, then the normal equations. */
function exactSolution(p: TestProblem): Float64Array {
  const { n, m, horizon: K, no } = p;
  const N = K * m;
  // Response of every state to every input: column j of G is the rollout from the unit input j.
  const xsOf = (us: Float64Array) => {
    const xs = new Float64Array((K + 1) * n);
    for (let t = 0; t < K; t++) p.step(t, xs, us);
    return xs;
  };
  const G: Float64Array[] = [];
  for (let j = 0; j < N; j++) {
    const e = new Float64Array(N);
    e[j] = 1;
    G.push(xsOf(e));
  }
  // J = ½ uᵀ R u + ½ Σ_t (C G_t u − o_t)ᵀ W (C G_t u − o_t): H u = g.
  const H = new Float64Array(N * N);
  const g = new Float64Array(N);
  const cg = (j: number, t: number, i: number) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += p.C[i * n + k] * G[j][t * n + k];
    return s;
  };
  for (let t = 1; t <= K; t++) {
    for (let i = 0; i < no; i++) {
      const col = Float64Array.from({ length: N }, (_, j) => cg(j, t, i));
      for (let a = 0; a < N; a++) {
        g[a] += p.w[i] * col[a] * p.o[t * no + i];
        for (let b = 0; b < N; b++) H[a * N + b] += p.w[i] * col[a] * col[b];
      }
    }
  }
  for (let t = 0; t < K; t++) for (let a = 0; a < m; a++) H[(t * m + a) * N + t * m + a] += p.r[a];
  return solveDense(H, g, N);
}

function gradientNorm(p: ControlProblem, us: Float64Array): number {
  const h = 1e-6;
  const cost = (u: Float64Array) => Ilqr.rollout(p, new Float64Array((p.horizon + 1) * p.n), u);
  let s = 0;
  for (let i = 0; i < us.length; i++) {
    const up = Float64Array.from(us);
    const um = Float64Array.from(us);
    up[i] += h;
    um[i] -= h;
    s += ((cost(up) - cost(um)) / (2 * h)) ** 2;
  }
  return Math.sqrt(s);
}

describe('iLQR', () => {
  it('equals the exact solution of a linear-Gaussian problem to 1e-6 relative in at most 3 iterations', () => {
    for (const [n, m, K, no] of [
      [3, 3, 20, 10],
      [4, 2, 25, 3],
    ]) {
      const p = randomProblem(n, m, K, no);
      const exact = exactSolution(p);
      const res = new Ilqr(n, m, K).solve(p);
      expect(res.iterations).toBeLessThanOrEqual(3);
      expect(res.converged).toBe(true);
      let err = 0;
      let norm = 0;
      for (let i = 0; i < exact.length; i++) {
        err = Math.max(err, Math.abs(res.us[i] - exact[i]));
        norm = Math.max(norm, Math.abs(exact[i]));
      }
      expect(err / norm).toBeLessThan(1e-6);
    }
  });

  it('regularises an indefinite Q_uu (μ > 0 needed), converges to a stationary point, and never raises the cost', () => {
    const p = randomProblem(3, 2, 15, 4, 3);
    const costs: number[] = [];
    const res = new Ilqr(3, 2, 15).solve(p, undefined, { tolerance: 1e-12, maxIterations: 100, onIteration: (_i, c) => costs.push(c) });
    expect(res.maxMu).toBeGreaterThan(0);
    expect(res.converged).toBe(true);
    for (let i = 1; i < res.costs.length; i++) expect(res.costs[i]).toBeLessThan(res.costs[i - 1]);
    expect(costs).toEqual(res.costs.slice(1));
    expect(gradientNorm(p, res.us)).toBeLessThan(1e-5);
  });

  it('a warm start from the solution stops at once', () => {
    const p = randomProblem(3, 3, 30, 5);
    const ilqr = new Ilqr(3, 3, 30);
    const first = ilqr.solve(p);
    const again = ilqr.solve(p, first.us);
    expect(again.iterations).toBeLessThanOrEqual(1);
    expect(Math.abs(again.cost - first.cost) / first.cost).toBeLessThan(1e-10);
  });

  it('the adjoint LQR pass solves the KKT system: its du is H⁻¹ w for the reduced Hessian H', () => {
    // For a quadratic problem, u*(o) is linear in the data; the LQR with linear term −w gives
    // du = H⁻¹ w, so ⟨du, g⟩ must equal ⟨w, H⁻¹ g⟩ for any g: check with the exact solution's map.
    const p = randomProblem(3, 2, 12, 4);
    const ilqr = new Ilqr(3, 2, 12);
    ilqr.solve(p);
    const K = 12;
    const w = Float64Array.from({ length: K * 2 }, () => rng.normal());
    const gx = new Float64Array((K + 1) * 3);
    const gu = Float64Array.from(w, (v) => -v);
    const { du } = ilqr.solveLqr(gx, gu);
    // H du should equal w: evaluate H du by finite differences of the exact gradient of J.
    const grad = (u: Float64Array) => {
      const h = 1e-5;
      const c = (v: Float64Array) => Ilqr.rollout(p, new Float64Array((K + 1) * 3), v);
      return Float64Array.from(u, (_, i) => {
        const up = Float64Array.from(u);
        const um = Float64Array.from(u);
        up[i] += h;
        um[i] -= h;
        return (c(up) - c(um)) / (2 * h);
      });
    };
    const zero = new Float64Array(K * 2);
    const g0 = grad(zero);
    const g1 = grad(du);
    for (let i = 0; i < w.length; i++) expect(g1[i] - g0[i]).toBeCloseTo(w[i], 5);
  });
});
