/**
 * The amortised baseline of the paper's Appendix J (an LFADS-like encoder): a bidirectional GRU
 * reads the observations and outputs, for every bin, the mean and log-std of a factorised Gaussian
 * posterior over the inputs; the inputs have an AR(1) Gaussian prior; the generator is the same
 * linear model as the iLQR-VAE's (A = U D^½ Q (D+I)^−½ Uᵀ, B = I, Gaussian likelihood). Trained by
 * the same one-sample ELBO / (T·n_o) with Adam at c/(1+√k); the KL is analytic.
 *
 * The paper's LFADS was hyper-parameter searched and has a generator RNN and controller; this is
 * the small version the issue asks for (16–32 GRU units, the same generator), so the comparison
 * isolates the encoder: amortised network vs. iLQR.
 */
import { createRng, type Rng } from '../../../shared/random';
import { Adam } from './adam';
import { Gru } from './gru';
import { GaussianLikelihood, LinearDynamics } from './model';
import { ParamLayout, type ParamBlock } from './params';
import { eigenvalueError, matrixEigenvalues, regressionR2 } from './metrics';
import type { SparseData } from './sparse';

const LOG_2PI = Math.log(2 * Math.PI);

export interface BaselineConfig {
  n: number;
  no: number;
  T: number;
  hidden: number;
}

export class AmortisedVae {
  readonly config: BaselineConfig;
  readonly layout = new ParamLayout();
  readonly theta: Float64Array;
  readonly dyn: LinearDynamics;
  readonly lik: GaussianLikelihood;
  /** AR(1) coefficient φ = tanh(raw) and stationary std s per input channel */
  readonly arRaw: ParamBlock;
  readonly arStd: ParamBlock;
  readonly fwd: Gru;
  readonly bwd: Gru;
  readonly readout: ParamBlock;

  constructor(config: BaselineConfig) {
    const { n, no, hidden: H } = config;
    this.config = config;
    this.dyn = LinearDynamics.register(this.layout, n, n);
    this.lik = GaussianLikelihood.register(this.layout, n, no);
    this.arRaw = this.layout.add('ar.raw', n);
    this.arStd = this.layout.add('ar.std', n, { lower: 1e-3 });
    const fwdBlock = this.layout.add('enc.fwd', new Gru(no, H, 0).size);
    this.fwd = new Gru(no, H, fwdBlock.offset);
    const bwdBlock = this.layout.add('enc.bwd', new Gru(no, H, 0).size);
    this.bwd = new Gru(no, H, bwdBlock.offset);
    // readout: [μ; log σ] (2n) = W (2n × 2H) [h_fwd; h_bwd] + b
    this.readout = this.layout.add('enc.readout', 2 * n * 2 * H + 2 * n);
    this.theta = new Float64Array(this.layout.size);
  }

  init(rng: Rng): void {
    const { n, hidden: H } = this.config;
    const normal = () => rng.normal();
    this.dyn.init(this.theta, normal);
    this.lik.init(this.theta, normal, 1);
    this.theta.fill(Math.atanh(0.5), this.arRaw.offset, this.arRaw.offset + n);
    this.theta.fill(1, this.arStd.offset, this.arStd.offset + n);
    this.fwd.init(this.theta, () => rng.next());
    this.bwd.init(this.theta, () => rng.next());
    const k = 1 / Math.sqrt(2 * H);
    for (let i = 0; i < 2 * n * 2 * H; i++) this.theta[this.readout.offset + i] = k * rng.normal() * 0.1;
    // start with small posterior stds: log σ bias −2
    for (let i = 0; i < n; i++) this.theta[this.readout.offset + 2 * n * 2 * H + n + i] = -2;
    this.update();
  }

  update(): void {
    this.layout.clampToBounds(this.theta);
    this.dyn.update(this.theta);
  }

  /** The encoder's posterior means and log-stds (T × n each) and what its backward pass needs. */
  encode(o: Float64Array) {
    const { n, T, hidden: H } = this.config;
    const f = this.fwd.forward(this.theta, o, T, false);
    const b = this.bwd.forward(this.theta, o, T, true);
    const mu = new Float64Array(T * n);
    const logSd = new Float64Array(T * n);
    const w = this.readout.offset;
    const bias = w + 2 * n * 2 * H;
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < 2 * n; r++) {
        let s = this.theta[bias + r];
        for (let j = 0; j < H; j++) s += this.theta[w + r * 2 * H + j] * f.h[t * H + j] + this.theta[w + r * 2 * H + H + j] * b.h[t * H + j];
        if (r < n) mu[t * n + r] = s;
        else logSd[t * n + r - n] = s;
      }
    }
    return { mu, logSd, f, b };
  }

  /** −ELBO/(T·n_o) for one trial with noise eps (T × n), and its gradient added into grad. */
  lossAndGradient(o: Float64Array, eps: Float64Array, grad?: Float64Array): { loss: number; mu: Float64Array } {
    const { n, no, T, hidden: H } = this.config;
    const { theta, dyn, lik } = this;
    const scale = 1 / (T * no);
    const enc = this.encode(o);
    const { mu, logSd } = enc;
    const us = new Float64Array(T * n);
    for (let i = 0; i < us.length; i++) us[i] = mu[i] + Math.exp(logSd[i]) * eps[i];
    const xs = new Float64Array((T + 1) * n);
    for (let t = 0; t < T; t++) dyn.step(t, xs, us);
    let nll = 0;
    for (let t = 1; t <= T; t++) nll += lik.negLogp(theta, xs, t * n, o, (t - 1) * no);
    // KL(q ‖ p) = −H(q) − E_q log p(u), analytic for a factorised q and the AR(1) prior:
    // u_0 ~ N(0, 1) (the initial condition), u_1 ~ N(0, s²), u_t | u_{t−1} ~ N(φ u_{t−1}, s²(1 − φ²)).
    let kl = 0;
    const muBar = new Float64Array(T * n);
    const lsBar = new Float64Array(T * n);
    const phiBar = new Float64Array(n);
    const sBar = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const phi = Math.tanh(theta[this.arRaw.offset + i]);
      const s = theta[this.arStd.offset + i];
      const v = s * s * (1 - phi * phi);
      for (let t = 0; t < T; t++) {
        const k = t * n + i;
        const sd2 = Math.exp(2 * logSd[k]);
        kl -= 0.5 * (1 + LOG_2PI) + logSd[k];
        lsBar[k] -= 1;
        if (t === 0) {
          kl += 0.5 * (LOG_2PI + mu[k] ** 2 + sd2);
          muBar[k] += mu[k];
          lsBar[k] += sd2;
        } else if (t === 1) {
          kl += 0.5 * (LOG_2PI + 2 * Math.log(s) + (mu[k] ** 2 + sd2) / (s * s));
          muBar[k] += mu[k] / (s * s);
          lsBar[k] += sd2 / (s * s);
          sBar[i] += 1 / s - (mu[k] ** 2 + sd2) / s ** 3;
        } else {
          const kp = k - n;
          const sdp2 = Math.exp(2 * logSd[kp]);
          const e = mu[k] - phi * mu[kp];
          const q = e * e + sd2 + phi * phi * sdp2;
          kl += 0.5 * (LOG_2PI + Math.log(v) + q / v);
          muBar[k] += e / v;
          muBar[kp] -= (phi * e) / v;
          lsBar[k] += sd2 / v;
          lsBar[kp] += (phi * phi * sdp2) / v;
          // ∂/∂φ: via q (−2eμ_{t−1} + 2φσ²_{t−1}) and v = s²(1 − φ²)
          const dv = -2 * phi * s * s;
          phiBar[i] += (0.5 * (-2 * e * mu[kp] + 2 * phi * sdp2)) / v + 0.5 * (1 / v - q / (v * v)) * dv;
          sBar[i] += 0.5 * (1 / v - q / (v * v)) * 2 * s * (1 - phi * phi);
        }
      }
    }
    const loss = (nll + kl) * scale;
    if (!grad) return { loss, mu };

    // the sample's adjoint ū through the generator (as in vae.ts)
    const uBar = new Float64Array(T * n);
    const aBar = new Float64Array(n * n);
    const adj = new Float64Array(n);
    const gx = new Float64Array(n);
    for (let t = T; t >= 1; t--) {
      lik.grad(theta, xs, t * n, o, (t - 1) * no, gx, 0);
      lik.gradTheta(theta, xs, t * n, o, (t - 1) * no, scale, grad);
      if (t < T && t >= dyn.nBeg) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let p = 0; p < n; p++) s += dyn.a[p * n + i] * adj[p];
          gx[i] += s;
        }
      } else if (t < T) {
        for (let i = 0; i < n; i++) gx[i] += adj[i];
      }
      adj.set(gx);
      const k = t - 1;
      // B = I (n = m) on every bin, including the pre-trial one
      for (let j = 0; j < n; j++) uBar[k * n + j] += adj[j];
      if (k >= dyn.nBeg) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) aBar[i * n + j] += adj[i] * xs[k * n + j];
    }
    dyn.backward(theta, aBar, null, scale, grad);
    for (let i = 0; i < n; i++) {
      const phi = Math.tanh(theta[this.arRaw.offset + i]);
      grad[this.arRaw.offset + i] += scale * phiBar[i] * (1 - phi * phi);
      grad[this.arStd.offset + i] += scale * sBar[i];
    }
    // u = μ + e^{log σ} ε
    for (let k = 0; k < T * n; k++) {
      muBar[k] += uBar[k];
      lsBar[k] += uBar[k] * Math.exp(logSd[k]) * eps[k];
    }
    // readout and the two GRUs
    const w = this.readout.offset;
    const bias = w + 2 * n * 2 * H;
    const hfBar = new Float64Array(T * H);
    const hbBar = new Float64Array(T * H);
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < 2 * n; r++) {
        const d = scale * (r < n ? muBar[t * n + r] : lsBar[t * n + r - n]);
        if (d === 0) continue;
        grad[bias + r] += d;
        for (let j = 0; j < H; j++) {
          grad[w + r * 2 * H + j] += d * enc.f.h[t * H + j];
          grad[w + r * 2 * H + H + j] += d * enc.b.h[t * H + j];
          hfBar[t * H + j] += d * theta[w + r * 2 * H + j];
          hbBar[t * H + j] += d * theta[w + r * 2 * H + H + j];
        }
      }
    }
    this.fwd.backward(theta, o, T, false, enc.f.h, enc.f.cache, hfBar, grad);
    this.bwd.backward(theta, o, T, true, enc.b.h, enc.b.cache, hbBar, grad);
    return { loss, mu };
  }
}

export interface BaselineEvaluation {
  inputR2: number;
  latentR2: number;
  eigenError: number;
}

/** One Adam step per `step()` on all trials, as IlqrVaeTrainer. */
export class BaselineTrainer {
  readonly model: AmortisedVae;
  readonly adam: Adam;
  private readonly noise: Rng;
  steps = 0;
  constructor(
    readonly data: SparseData,
    opts: { seed: number; hidden: number; lrScale: number },
  ) {
    const { n, no, T } = data.config;
    this.model = new AmortisedVae({ n, no, T, hidden: opts.hidden });
    this.model.init(createRng(opts.seed).fork('baseline init'));
    this.noise = createRng(opts.seed).fork('baseline samples');
    this.adam = new Adam(this.model.theta.length, opts.lrScale);
  }
  step(): { step: number; loss: number } {
    const { model, data } = this;
    const { n, T } = data.config;
    const grad = new Float64Array(model.theta.length);
    let loss = 0;
    for (const o of data.observations) {
      const eps = Float64Array.from({ length: T * n }, () => this.noise.normal());
      loss += model.lossAndGradient(o, eps, grad).loss / data.observations.length;
    }
    for (let i = 0; i < grad.length; i++) grad[i] /= data.observations.length;
    this.adam.step(model.theta, grad);
    model.update();
    this.steps++;
    return { step: this.steps, loss };
  }
  evaluateEigenvalues(): [number, number][] {
    return matrixEigenvalues(this.model.dyn.a, this.data.config.n);
  }

  /** Scores the posterior means μ (inputs) and their rollout (latents), as the iLQR-VAE's. */
  evaluate(): BaselineEvaluation {
    const { model, data } = this;
    const { n, T } = data.config;
    const trials = data.observations.length;
    const trueU = new Float64Array(trials * (T - 1) * n);
    const infU = new Float64Array(trials * (T - 1) * n);
    const trueZ = new Float64Array(trials * T * n);
    const infZ = new Float64Array(trials * T * n);
    data.observations.forEach((o, r) => {
      const { mu } = model.encode(o);
      const xs = new Float64Array((T + 1) * n);
      for (let t = 0; t < T; t++) model.dyn.step(t, xs, mu);
      trueU.set(data.inputs[r].subarray(n), r * (T - 1) * n);
      infU.set(mu.subarray(n), r * (T - 1) * n);
      trueZ.set(data.latents[r].subarray(n), r * T * n);
      infZ.set(xs.subarray(n), r * T * n);
    });
    return {
      inputR2: regressionR2(trueU, n, infU, n, trials * (T - 1)),
      latentR2: regressionR2(trueZ, n, infZ, n, trials * T),
      eigenError: eigenvalueError(matrixEigenvalues(model.dyn.a, n), data.trueEigenvalues),
    };
  }
}
