import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { Ilqr, type ControlProblem, type Linearization } from './ilqr';
import { GaussianLikelihood, GaussianPrior } from './model';
import { Mgu2Dynamics, mguG, mguGPrime } from './mgu2';
import { ParamLayout } from './params';

const rng = createRng('mgu2-test');

function setup(n: number, m: number) {
  const layout = new ParamLayout();
  const dyn = Mgu2Dynamics.register(layout, n, m);
  const lik = GaussianLikelihood.register(layout, n, 3);
  const prior = GaussianPrior.register(layout, m, dyn.nBeg);
  const theta = new Float64Array(layout.size);
  dyn.init(theta, () => rng.normal());
  for (const b of [dyn.uf, dyn.bf, dyn.uh, dyn.bh]) for (let i = 0; i < b.size; i++) theta[b.offset + i] = 0.5 * rng.normal();
  lik.init(theta, () => rng.normal(), 0.1);
  prior.init(theta);
  dyn.update(theta);
  return { layout, dyn, lik, prior, theta };
}

describe('MGU2 dynamics (lib/dynamics.ml)', () => {
  it('g is the paper\'s nonlinearity and W_h has columns of norm √(n/m)', () => {
    expect(mguG(0)).toBe(0);
    expect(mguGPrime(0)).toBe(0.5);
    expect((mguG(1e-6) - mguG(-1e-6)) / 2e-6).toBeCloseTo(0.5, 8);
    const { dyn } = setup(6, 3);
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < 6; i++) s += dyn.wh[i * 3 + j] ** 2;
      expect(Math.sqrt(s)).toBeCloseTo(Math.SQRT2, 12);
    }
  });

  it('its Jacobians match central finite differences', () => {
    const n = 6;
    const m = 3;
    const { dyn, theta } = setup(n, m);
    const t = dyn.nBeg + 1;
    const xs = new Float64Array((t + 2) * n);
    const us = new Float64Array((t + 1) * m);
    for (let i = 0; i < xs.length; i++) xs[i] = rng.normal();
    for (let i = 0; i < us.length; i++) us[i] = rng.normal();
    const a = new Float64Array(n * n);
    const b = new Float64Array(n * m);
    dyn.jacobians(theta, t, xs, us, a, 0, b, 0);
    const next = (x: Float64Array, u: Float64Array) => {
      const xx = Float64Array.from(x);
      dyn.step(theta, t, xx, u);
      return xx.slice((t + 1) * n, (t + 2) * n);
    };
    const h = 1e-6;
    for (let j = 0; j < n; j++) {
      const xp = Float64Array.from(xs);
      const xm = Float64Array.from(xs);
      xp[t * n + j] += h;
      xm[t * n + j] -= h;
      const fp = next(xp, us);
      const fm = next(xm, us);
      for (let i = 0; i < n; i++) expect(a[i * n + j]).toBeCloseTo((fp[i] - fm[i]) / (2 * h), 7);
    }
    for (let j = 0; j < m; j++) {
      const up = Float64Array.from(us);
      const um = Float64Array.from(us);
      up[t * m + j] += h;
      um[t * m + j] -= h;
      const fp = next(xs, up);
      const fm = next(xs, um);
      for (let i = 0; i < n; i++) expect(b[i * m + j]).toBeCloseTo((fp[i] - fm[i]) / (2 * h), 7);
    }
  });

  it('iLQR infers the inputs of an MGU2 system from a cold start (Gaussian prior and likelihood)', () => {
    const n = 6;
    const m = 3;
    const T = 60;
    const { dyn, lik, prior, theta } = setup(n, m);
    // data from the model itself with random inputs
    const trueU = Float64Array.from({ length: T * m }, () => 0.5 * rng.normal());
    const xs = new Float64Array((T + 1) * n);
    for (let t = 0; t < T; t++) dyn.step(theta, t, xs, trueU);
    const o = new Float64Array(T * 3);
    const mean = new Float64Array(3);
    for (let t = 1; t <= T; t++) {
      lik.mean(theta, xs, t * n, mean, 0);
      for (let i = 0; i < 3; i++) o[(t - 1) * 3 + i] = mean[i] + 0.3 * rng.normal();
    }
    const problem: ControlProblem = {
      n,
      m,
      horizon: T,
      step: (t, x, u) => dyn.step(theta, t, x, u),
      jacobians: (t, x, u, lin: Linearization) => dyn.jacobians(theta, t, x, u, lin.a, t * n * n, lin.b, t * n * m),
      cost: (t, x, u) => (t < T ? prior.negLogp(theta, t, u, t * m) : 0) + (t >= 1 ? lik.negLogp(theta, x, t * n, o, (t - 1) * 3) : 0),
      costDerivatives: (t, x, u, lin) => {
        if (t >= 1) {
          lik.grad(theta, x, t * n, o, (t - 1) * 3, lin.lx, t * n);
          lik.hess(theta, x, t * n, o, (t - 1) * 3, lin.lxx, t * n * n);
        } else {
          lin.lx.fill(0, 0, n);
          lin.lxx.fill(0, 0, n * n);
        }
        if (t < T) {
          prior.grad(theta, t, u, t * m, lin.lu, t * m);
          prior.hess(theta, t, u, t * m, lin.luu, t * m * m);
          lin.lux.fill(0, t * m * n, (t + 1) * m * n);
        }
      },
    };
    const res = new Ilqr(n, m, T).solve(problem);
    expect(res.converged).toBe(true);
    expect(res.iterations).toBeLessThanOrEqual(20);
    expect(res.costs[res.costs.length - 1]).toBeLessThan(res.costs[0]);
    // the MAP inputs have a lower cost than the true ones (they are the optimum)
    const cost = (u: Float64Array) => Ilqr.rollout(problem, new Float64Array((T + 1) * n), u);
    expect(res.cost).toBeLessThanOrEqual(cost(trueU));
  });
});

describe('MGU2 parameter derivatives (dynamics.ts) match central finite differences', () => {
  const n = 6;
  const m = 3;
  function stateAt() {
    const s = setup(n, m);
    const t = s.dyn.nBeg + 1;
    const xs = Float64Array.from({ length: (t + 2) * n }, () => rng.normal());
    const us = Float64Array.from({ length: (t + 1) * m }, () => rng.normal());
    const lam = Float64Array.from({ length: n }, () => rng.normal());
    const dz = Float64Array.from({ length: n }, () => rng.normal());
    const du = Float64Array.from({ length: m }, () => rng.normal());
    return { ...s, t, xs, us, lam, dz, du };
  }
  function check(analytic: Float64Array, phi: (theta: Float64Array) => number, theta: Float64Array, dyn: Mgu2Dynamics) {
    const h = 1e-6;
    let worst = 0;
    for (const b of [dyn.uf, dyn.bf, dyn.uh, dyn.bh, dyn.whRaw]) {
      for (let i = 0; i < b.size; i++) {
        const p = b.offset + i;
        const tp = Float64Array.from(theta);
        const tm = Float64Array.from(theta);
        tp[p] += h;
        tm[p] -= h;
        const numeric = (phi(tp) - phi(tm)) / (2 * h);
        worst = Math.max(worst, Math.abs(analytic[p] - numeric) / Math.max(Math.abs(numeric), 1e-3));
      }
    }
    return worst;
  }

  it('∂(λᵀ f)/∂θ (addVjp), including W_h through its normalisation', () => {
    const { dyn, theta, t, xs, us, lam } = stateAt();
    const g = new Float64Array(theta.length);
    dyn.beginGradient();
    dyn.addVjp(theta, t, xs, us, lam, 0, 1, g);
    dyn.endGradient(theta, g);
    const phi = (th: Float64Array) => {
      dyn.update(th);
      const xx = Float64Array.from(xs);
      dyn.step(th, t, xx, us);
      let s = 0;
      for (let i = 0; i < n; i++) s += lam[i] * xx[(t + 1) * n + i];
      return s;
    };
    const worst = check(g, phi, theta, dyn);
    dyn.update(theta);
    expect(worst).toBeLessThan(1e-6);
  });

  it('∂/∂θ [λᵀ(A dz + B du)] (addDirVjp), the mixed second derivative of the path through u*', () => {
    const { dyn, theta, t, xs, us, lam, dz, du } = stateAt();
    const g = new Float64Array(theta.length);
    dyn.beginGradient();
    dyn.addDirVjp(theta, t, xs, us, lam, 0, dz, 0, du, 0, 1, g);
    dyn.endGradient(theta, g);
    const a = new Float64Array(n * n);
    const b = new Float64Array(n * m);
    const phi = (th: Float64Array) => {
      dyn.update(th);
      dyn.jacobians(th, t, xs, us, a, 0, b, 0);
      let s = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += a[i * n + j] * dz[j];
        for (let j = 0; j < m; j++) v += b[i * m + j] * du[j];
        s += lam[i] * v;
      }
      return s;
    };
    const worst = check(g, phi, theta, dyn);
    dyn.update(theta);
    expect(worst).toBeLessThan(1e-6);
  });
});
