import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { IlqrVae, type VaeConfig } from './vae';

const TIGHT = { tolerance: 1e-14, maxIterations: 200 };

function setup(cfg: VaeConfig, label: string) {
  const rng = createRng(label);
  const vae = new IlqrVae(cfg);
  vae.init(rng, { posteriorStd: 0.3 });
  // perturb every parameter so no derivative sits at a special point
  const { theta, layout } = vae;
  for (const b of layout.blocks) {
    for (let i = 0; i < b.size; i++) {
      if (b.frozen?.(i)) continue;
      theta[b.offset + i] += 0.1 * rng.normal();
    }
  }
  if (cfg.likelihood === 'gaussian') {
    const v = layout.get('lik.variances');
    for (let i = 0; i < v.size; i++) theta[v.offset + i] = 0.3 + rng.next();
  }
  const s = layout.get('prior.s');
  for (let i = 0; i < s.size; i++) theta[s.offset + i] = 0.6 + rng.next();
  vae.update();
  const { T, no, m } = cfg;
  const o = Float64Array.from({ length: T * no }, () => (cfg.likelihood === 'poisson' ? rng.int(4) : rng.normal()));
  const eps = Float64Array.from({ length: vae.K * m }, () => rng.normal());
  return { vae, o, eps };
}

/** The whole pipeline as a function of θ: iLQR for u*(θ), then the one-sample loss. */
function lossAt(vae: IlqrVae, o: Float64Array, eps: Float64Array, theta: Float64Array): number {
  const saved = Float64Array.from(vae.theta);
  vae.theta.set(theta);
  vae.dyn.update(vae.theta);
  const post = vae.infer(o, undefined, TIGHT);
  const { loss } = vae.lossAndGradient(o, post, eps);
  vae.theta.set(saved);
  vae.dyn.update(vae.theta);
  return loss;
}

function gradientCheck(cfg: VaeConfig, label: string) {
  const { vae, o, eps } = setup(cfg, label);
  const post = vae.infer(o, undefined, TIGHT);
  expect(post.converged).toBe(true);
  const grad = new Float64Array(vae.theta.length);
  vae.lossAndGradient(o, post, eps, grad);
  const noImplicit = new Float64Array(vae.theta.length);
  vae.infer(o, undefined, TIGHT);
  vae.lossAndGradient(o, post, eps, noImplicit, { implicit: false });
  // h = 1e-4: smaller steps drown in the rounding of the iLQR solves (1e-14 relative in the cost).
  const h = 1e-4;
  // Relative error against max(|numeric|, 1e-3·‖grad‖∞): entries whose true derivative is 0 (e.g.
  // U's or Q's last raw column, which does not move the orthogonal factor) are compared at the
  // gradient's own scale, where the solves' rounding (~4e-8 here) lives.
  const floor = 1e-3 * grad.reduce((mx, v) => Math.max(mx, Math.abs(v)), 0);
  let worst = 0;
  let worstNoImplicit = 0;
  for (const b of vae.layout.blocks) {
    for (let i = 0; i < b.size; i++) {
      const p = b.offset + i;
      if (b.frozen?.(i)) {
        expect(grad[p]).toBe(0);
        continue;
      }
      const tp = Float64Array.from(vae.theta);
      const tm = Float64Array.from(vae.theta);
      tp[p] += h;
      tm[p] -= h;
      const numeric = (lossAt(vae, o, eps, tp) - lossAt(vae, o, eps, tm)) / (2 * h);
      const denom = Math.max(Math.abs(numeric), floor);
      const rel = Math.abs(grad[p] - numeric) / denom;
      if (rel > 1e-4) throw new Error(`${b.name}[${i}]: analytic ${grad[p]}, numeric ${numeric} (relative error ${rel.toExponential(2)})`);
      worst = Math.max(worst, rel);
      worstNoImplicit = Math.max(worstNoImplicit, Math.abs(noImplicit[p] - numeric) / denom);
    }
  }
  expect(worst).toBeLessThan(1e-4);
  // The path through u* matters: without it the gradient is plainly wrong.
  expect(worstNoImplicit).toBeGreaterThan(1e-2);
}

describe('the ELBO gradient, including the path through u* (Appendix F), matches central finite differences', () => {
  it('Gaussian prior, Gaussian likelihood (analytic KL)', () => {
    gradientCheck({ n: 2, m: 2, no: 3, T: 8, prior: 'gaussian', likelihood: 'gaussian' }, 'grad-gauss');
  });
  it('Student-t prior, Gaussian likelihood (sampled prior term), banded Σt factor', () => {
    gradientCheck({ n: 3, m: 3, no: 4, T: 7, prior: 'student', likelihood: 'gaussian', timeBand: 3 }, 'grad-student');
  });
  it('Student-t prior, Poisson likelihood, m < n (pre-trial bins and a learned B)', () => {
    gradientCheck({ n: 4, m: 2, no: 5, T: 7, prior: 'student', likelihood: 'poisson', poissonDt: 0.5 }, 'grad-poisson');
  });
});

describe('iLQR on the Poisson problem with the true parameters (issue #10: at most 20 iterations from a cold start)', () => {
  it.each(['gaussian', 'student'] as const)('%s prior, 20 Poisson neurons, T = 200', (prior) => {
    const rng = createRng(`poisson-cold-${prior}`);
    const T = 200;
    const vae = new IlqrVae({ n: 3, m: 3, no: 20, T, prior, likelihood: 'poisson', poissonDt: 0.05 });
    vae.init(rng);
    const { theta, layout } = vae;
    const c = layout.get('lik.c');
    for (let i = 0; i < c.size; i++) theta[c.offset + i] = (0.7 * rng.normal()) / Math.sqrt(3);
    theta.fill(Math.log(20), layout.get('lik.bias').offset, layout.get('lik.bias').offset + 20);
    const s = layout.get('prior.s');
    theta.fill(0.5, s.offset, s.offset + 3);
    if (prior === 'student') theta[layout.get('prior.nu').offset] = 5;
    vae.update();
    // sparse inputs through the model's own dynamics, spikes from its own rates
    const us = new Float64Array(T * 3);
    for (let i = 0; i < 3; i++) us[i] = rng.normal();
    for (let t = 1; t < T; t++) if (rng.next() < 0.05) for (let i = 0; i < 3; i++) us[t * 3 + i] = rng.normal();
    const xs = vae.rollout(us);
    const o = new Float64Array(T * 20);
    const rate = new Float64Array(20);
    for (let t = 1; t <= T; t++) {
      vae.lik.mean(theta, xs, t * 3, rate, 0);
      for (let i = 0; i < 20; i++) {
        // Knuth's Poisson sampler (rates here are a few spikes per bin at most)
        const limit = Math.exp(-rate[i]);
        let k = 0;
        let p = rng.next();
        while (p > limit) {
          k++;
          p *= rng.next();
        }
        o[(t - 1) * 20 + i] = k;
      }
    }
    const res = vae.infer(o);
    expect(res.converged).toBe(true);
    expect(res.iterations).toBeLessThanOrEqual(20);
  });
});

describe('MGU2 generative model (the Lorenz model, scaled down)', () => {
  const cfg: VaeConfig = { n: 4, m: 2, no: 3, T: 10, prior: 'student', likelihood: 'gaussian', dynamics: 'mgu2', timeBand: 4 };
  function mguSetup(label: string) {
    const s = setup(cfg, label);
    const rng = createRng(`${label}-mgu`);
    for (const name of ['mgu.uf', 'mgu.bf', 'mgu.uh', 'mgu.bh']) {
      const b = s.vae.layout.get(name);
      for (let i = 0; i < b.size; i++) s.vae.theta[b.offset + i] = 0.2 * rng.normal();
    }
    s.vae.update();
    return s;
  }
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));

  it('the gradient with u* held fixed (backpropagation through the MGU2 rollout) matches finite differences', () => {
    const { vae, o, eps } = mguSetup('mgu-direct');
    const post = vae.infer(o, undefined, TIGHT);
    const grad = new Float64Array(vae.theta.length);
    vae.lossAndGradient(o, post, eps, grad, { implicit: false });
    const saved = Float64Array.from(vae.theta);
    const lossFixed = (th: Float64Array) => {
      vae.theta.set(th);
      vae.dyn.update(vae.theta);
      const l = vae.lossAndGradient(o, post, eps).loss;
      vae.theta.set(saved);
      vae.dyn.update(vae.theta);
      return l;
    };
    const h = 1e-6;
    const floor = 1e-4 * grad.reduce((mx, v) => Math.max(mx, Math.abs(v)), 0);
    for (const b of vae.layout.blocks) {
      for (let i = 0; i < b.size; i++) {
        if (b.frozen?.(i)) continue;
        const p = b.offset + i;
        const tp = Float64Array.from(saved);
        const tm = Float64Array.from(saved);
        tp[p] += h;
        tm[p] -= h;
        const numeric = (lossFixed(tp) - lossFixed(tm)) / (2 * h);
        const rel = Math.abs(grad[p] - numeric) / Math.max(Math.abs(numeric), floor);
        if (rel > 1e-5) throw new Error(`${b.name}[${i}]: analytic ${grad[p]}, numeric ${numeric}`);
      }
    }
  });

  it('the path through u* (the paper’s Gauss–Newton LQR, Appendix F) brings the gradient close to the true one', () => {
    const { vae, o, eps } = mguSetup('mgu-implicit');
    const post = vae.infer(o, undefined, TIGHT);
    expect(post.converged).toBe(true);
    const grad = new Float64Array(vae.theta.length);
    vae.lossAndGradient(o, post, eps, grad);
    const direct = new Float64Array(vae.theta.length);
    vae.infer(o, undefined, TIGHT);
    vae.lossAndGradient(o, post, eps, direct, { implicit: false });
    const numeric = new Float64Array(vae.theta.length);
    const h = 1e-5;
    for (const b of vae.layout.blocks) {
      for (let i = 0; i < b.size; i++) {
        if (b.frozen?.(i)) continue;
        const p = b.offset + i;
        const tp = Float64Array.from(vae.theta);
        const tm = Float64Array.from(vae.theta);
        tp[p] += h;
        tm[p] -= h;
        numeric[p] = (lossAt(vae, o, eps, tp) - lossAt(vae, o, eps, tm)) / (2 * h);
      }
    }
    const err = (g: Float64Array) => norm(g.map((v, i) => v - numeric[i])) / norm(numeric);
    const withPath = err(grad);
    const withoutPath = err(direct);
    // The local LQR omits λᵀ∇²f, so the MGU2 gradient is approximate. Measured on this problem:
    // 4.3e-2 with the path, 5.8e-1 without; with weights ~N(0, 0.05²) 1.0e-2 vs 4.6e-1, with
    // N(0, 0.6²) 2.4e-1 (the error grows with the curvature of f, as an omitted second-order
    // term should). Each dynamics derivative is exact on its own (mgu2.test.ts).
    expect(withPath).toBeLessThan(0.25 * withoutPath);
    expect(withPath).toBeLessThan(0.1);
    console.log(`MGU2 gradient relative error: with the path through u* ${withPath.toExponential(2)}, without ${withoutPath.toExponential(2)}`);
  });
});
