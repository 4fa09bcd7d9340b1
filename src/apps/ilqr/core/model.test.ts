import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { GaussianLikelihood, GaussianPrior, LinearDynamics, PoissonLikelihood, StudentPrior, type Likelihood, type Prior } from './model';
import { eigenvalues, matMulAtB } from './linalg';
import { ParamLayout } from './params';

const rng = createRng('model-test');
const randn = (k: number, s = 1) => Float64Array.from({ length: k }, () => s * rng.normal());
const H = 1e-5;

/** Central difference of f at x along coordinate i. */
function fd(f: (x: Float64Array) => number, x: Float64Array, i: number, h = H): number {
  const xp = Float64Array.from(x);
  const xm = Float64Array.from(x);
  xp[i] += h;
  xm[i] -= h;
  return (f(xp) - f(xm)) / (2 * h);
}

function expectClose(actual: number, expected: number, rel = 1e-6, abs = 1e-7) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(abs + rel * Math.abs(expected));
}

function checkPrior(prior: Prior, theta: Float64Array, k: number, u: Float64Array) {
  const m = prior.m;
  const g = new Float64Array(m);
  prior.grad(theta, k, u, 0, g, 0);
  const hess = new Float64Array(m * m);
  prior.hess(theta, k, u, 0, hess, 0);
  for (let i = 0; i < m; i++) {
    expectClose(g[i], fd((v) => prior.negLogp(theta, k, v, 0), u, i));
    for (let j = 0; j < m; j++) {
      expectClose(hess[i * m + j], fd((v) => {
        const gg = new Float64Array(m);
        prior.grad(theta, k, v, 0, gg, 0);
        return gg[i];
      }, u, j));
    }
  }
  // θ-gradients: of ℓ, and of the directional derivative ∇_uℓ · du
  const du = randn(m);
  const gt = new Float64Array(theta.length);
  prior.gradTheta(theta, k, u, 0, 1, gt);
  const gd = new Float64Array(theta.length);
  prior.gradDirTheta(theta, k, u, 0, du, 0, 1, gd);
  const dir = (th: Float64Array) => {
    const gg = new Float64Array(m);
    prior.grad(th, k, u, 0, gg, 0);
    return gg.reduce((s, v, i) => s + v * du[i], 0);
  };
  for (let p = 0; p < theta.length; p++) {
    expectClose(gt[p], fd((th) => prior.negLogp(th, k, u, 0), theta, p));
    expectClose(gd[p], fd(dir, theta, p));
  }
}

function checkLikelihood(lik: Likelihood, theta: Float64Array, x: Float64Array, o: Float64Array) {
  const n = lik.n;
  const g = new Float64Array(n);
  lik.grad(theta, x, 0, o, 0, g, 0);
  const hess = new Float64Array(n * n);
  lik.hess(theta, x, 0, o, 0, hess, 0);
  for (let i = 0; i < n; i++) {
    expectClose(g[i], fd((v) => lik.negLogp(theta, v, 0, o, 0), x, i));
    for (let j = 0; j < n; j++) {
      expectClose(hess[i * n + j], fd((v) => {
        const gg = new Float64Array(n);
        lik.grad(theta, v, 0, o, 0, gg, 0);
        return gg[i];
      }, x, j));
    }
  }
  const dx = randn(n);
  const gt = new Float64Array(theta.length);
  lik.gradTheta(theta, x, 0, o, 0, 1, gt);
  const gd = new Float64Array(theta.length);
  lik.gradDirTheta(theta, x, 0, o, 0, dx, 0, 1, gd);
  const dir = (th: Float64Array) => {
    const gg = new Float64Array(n);
    lik.grad(th, x, 0, o, 0, gg, 0);
    return gg.reduce((s, v, i) => s + v * dx[i], 0);
  };
  for (let p = 0; p < theta.length; p++) {
    expectClose(gt[p], fd((th) => lik.negLogp(th, x, 0, o, 0), theta, p));
    expectClose(gd[p], fd(dir, theta, p));
  }
}

describe('priors: gradients, Hessians and parameter derivatives match finite differences', () => {
  it('Gaussian (pre-trial and trial bins)', () => {
    const layout = new ParamLayout();
    const prior = GaussianPrior.register(layout, 3, 1);
    const theta = new Float64Array(layout.size);
    prior.init(theta, 1, 1);
    theta.set([0.7, 1.3, 2.1], prior.s.offset);
    theta[prior.fb.offset] = 1.7;
    for (const k of [0, 4]) checkPrior(prior, theta, k, randn(3));
  });

  it('Student-t with scales ≠ 1, and the official Hessian formula is wrong there', () => {
    const layout = new ParamLayout();
    const prior = StudentPrior.register(layout, 3, 1);
    const theta = new Float64Array(layout.size);
    prior.init(theta);
    theta.set([0.5, 1.4, 2.2], prior.s.offset);
    theta[prior.nu.offset] = 5.5;
    theta.set([0.8, 1.1, 1.9], prior.s0.offset);
    for (const k of [0, 3]) checkPrior(prior, theta, k, randn(3, 1.5));

    // lib/priors.ml `neg_hess_t` (Student): cst·(diag(τ/σ²) − 2(u/σ)(u/σ)ᵀ/ν), τ = 1 + |u/σ|²/ν,
    // cst = (ν+m)/(ν τ²), σ = √((ν−2)/ν)·s. Equal to ours only when every σ_i = 1.
    const codeHessian = (u: Float64Array) => {
      const nu = theta[prior.nu.offset];
      const sig = [0, 1, 2].map((i) => Math.sqrt((nu - 2) / nu) * theta[prior.s.offset + i]);
      const us = [0, 1, 2].map((i) => u[i] / sig[i]);
      const tau = 1 + us.reduce((s, v) => s + v * v, 0) / nu;
      const cst = (nu + 3) / nu / (tau * tau);
      return Float64Array.from({ length: 9 }, (_, ij) => {
        const i = Math.floor(ij / 3);
        const j = ij % 3;
        return cst * ((i === j ? tau / sig[i] ** 2 : 0) - (2 * us[i] * us[j]) / nu);
      });
    };
    const u = Float64Array.from([0.9, -1.2, 0.4]);
    const ours = new Float64Array(9);
    prior.hess(theta, 3, u, 0, ours, 0);
    const theirs = codeHessian(u);
    const diff = ours.reduce((s, v, i) => Math.max(s, Math.abs(v - theirs[i])), 0);
    expect(diff).toBeGreaterThan(1e-2);
    theta.fill(Math.sqrt(5.5 / 3.5), prior.s.offset, prior.s.offset + 3);
    prior.hess(theta, 3, u, 0, ours, 0);
    const same = codeHessian(u);
    expect(ours.reduce((s, v, i) => Math.max(s, Math.abs(v - same[i])), 0)).toBeLessThan(1e-12);
  });
});

describe('likelihoods: gradients, Hessians and parameter derivatives match finite differences', () => {
  it('Gaussian', () => {
    const layout = new ParamLayout();
    const lik = GaussianLikelihood.register(layout, 3, 5);
    const theta = new Float64Array(layout.size);
    lik.init(theta, () => rng.normal(), 1);
    theta.set(randn(5, 0.3), lik.bias.offset);
    theta.set([0.5, 0.9, 1.2, 2, 0.3], lik.variances.offset);
    checkLikelihood(lik, theta, randn(3), randn(5));
  });

  it('Poisson', () => {
    const layout = new ParamLayout();
    const lik = PoissonLikelihood.register(layout, 3, 4, 0.1);
    const theta = new Float64Array(layout.size);
    lik.init(theta, () => rng.normal());
    theta.set([0.5, 1.5, 2, 0.8], lik.gain.offset);
    checkLikelihood(lik, theta, randn(3), Float64Array.from([0, 1, 3, 2]));
  });
});

describe('linear dynamics A = U D^½ Q (D+I)^−½ Uᵀ', () => {
  it('is stable for any parameters, and its parameter gradient matches finite differences', () => {
    const layout = new ParamLayout();
    const dyn = LinearDynamics.register(layout, 3, 3);
    const theta = randn(layout.size);
    for (let i = 0; i < 3; i++) theta[dyn.d.offset + i] = 0.5 + 5 * rng.next();
    dyn.update(theta);
    for (const [re, im] of eigenvalues(dyn.a, 3)) expect(Math.hypot(re, im)).toBeLessThan(1);
    // A need not be a contraction (only similar to one): ‖A‖₂ can exceed 1 while every |λ| < 1.
    const ata = matMulAtB(new Float64Array(9), dyn.a, dyn.a, 3, 3, 3);
    expect(Math.max(...eigenvalues(ata, 3).map(([re]) => re))).toBeGreaterThan(0);
    const gA = randn(9);
    const loss = (th: Float64Array) => {
      dyn.update(th);
      return dyn.a.reduce((s, v, i) => s + v * gA[i], 0);
    };
    dyn.update(theta);
    const g = new Float64Array(layout.size);
    dyn.backward(theta, gA, null, 1, g);
    for (let p = 0; p < layout.size; p++) expectClose(g[p], fd(loss, theta, p), 1e-5, 1e-7);
  });

  it('with m < n: pre-trial bins load the state, B has columns of norm √(n/m), and B̄ flows to its parameters', () => {
    const layout = new ParamLayout();
    const dyn = LinearDynamics.register(layout, 4, 2);
    const theta = randn(layout.size);
    for (let i = 0; i < 4; i++) theta[dyn.d.offset + i] = 1;
    dyn.update(theta);
    for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let i = 0; i < 4; i++) s += dyn.b[i * 2 + j] ** 2;
      expect(Math.sqrt(s)).toBeCloseTo(Math.SQRT2, 12);
    }
    // two pre-trial bins fill all four state dimensions from zero
    const xs = new Float64Array(3 * 4);
    const us = Float64Array.from([1, 2, 3, 4]);
    dyn.step(0, xs, us);
    dyn.step(1, xs, us);
    expect(Array.from(xs.subarray(8)).sort()).toEqual([1, 2, 3, 4]);
    const gB = randn(8);
    const loss = (th: Float64Array) => {
      dyn.update(th);
      return dyn.b.reduce((s, v, i) => s + v * gB[i], 0);
    };
    dyn.update(theta);
    const g = new Float64Array(layout.size);
    dyn.backward(theta, new Float64Array(16), gB, 1, g);
    for (let i = 0; i < 8; i++) expectClose(g[dyn.bRaw!.offset + i], fd(loss, theta, dyn.bRaw!.offset + i), 1e-5, 1e-7);
  });
});
