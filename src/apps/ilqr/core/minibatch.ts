/**
 * Minibatch training of an iLQR-VAE with warm starts, shared by the nonlinear systems (Lorenz,
 * core/lorenz.ts; Duffing, core/duffing.ts): per Adam step, a minibatch of trials, iLQR for each
 * warm-started from that trial's previous u*, the one-sample ELBO and its gradient through u*
 * (Appendix F), then Adam at lr = c/(1+√k) (paper §2.3, §3). The official code trains on every
 * trial per step; minibatches are ours, so a step stays under a second.
 */
import { createRng } from '../../../shared/random';
import { Adam } from './adam';
import type { SearchCurvature } from './ilqr';
import type { IlqrVae } from './vae';

export interface MinibatchConfig {
  seed: number;
  /** trials per Adam step */
  batch: number;
  /** c in lr = c/(1+√k) */
  lrScale: number;
  /** iLQR's stopping tolerance and iteration cap for the warm-started solves */
  tolerance: number;
  maxIterations: number;
  /** iLQR's search curvature (core/ilqr.ts; the solver's default when omitted) */
  curvature?: SearchCurvature;
}

export interface MinibatchStep {
  step: number;
  /** the batch mean of −ELBO/(T·n_o) */
  loss: number;
  /** iLQR iterations, mean over the batch */
  iterations: number;
  ms: number;
}

export interface MinibatchCheckpoint {
  step: number;
  theta: number[];
  adam: { k: number; mom1: number[]; mom2: number[] };
  /** warm starts per training trial (null before the trial was first drawn) */
  warm: (number[] | null)[];
}

export class MinibatchTrainer {
  readonly adam: Adam;
  readonly warm: (Float64Array | null)[];
  steps = 0;
  /**
   * `streamLabel` names the random stream of each step (`${streamLabel} ${k}`): the minibatch and
   * the posterior samples are forked by step number, so a resumed run draws exactly what an
   * unbroken one would.
   */
  constructor(
    readonly vae: IlqrVae,
    readonly trials: Float64Array[],
    readonly minibatch: MinibatchConfig,
    private readonly streamLabel: string,
  ) {
    this.adam = new Adam(vae.theta.length, minibatch.lrScale);
    this.warm = trials.map(() => null);
  }

  step(): MinibatchStep {
    const t0 = performance.now();
    const { vae, minibatch: config } = this;
    const rng = createRng(config.seed).fork(`${this.streamLabel} ${this.steps}`);
    const order = Array.from({ length: this.trials.length }, (_, i) => i);
    rng.shuffle(order);
    const batch = order.slice(0, Math.min(config.batch, order.length));
    const grad = new Float64Array(vae.theta.length);
    // each trial's loss comes scaled by 1/batch: their sum is the batch mean
    let loss = 0;
    let iterations = 0;
    for (const r of batch) {
      const post = vae.infer(this.trials[r], this.warm[r] ?? undefined, { tolerance: config.tolerance, maxIterations: config.maxIterations, curvature: config.curvature });
      this.warm[r] = post.us;
      iterations += post.iterations;
      const eps = Float64Array.from({ length: vae.K * vae.config.m }, () => rng.normal());
      loss += vae.lossAndGradient(this.trials[r], post, eps, grad, { scale: 1 / batch.length }).loss;
    }
    vae.layout.maskGradient(grad);
    this.adam.step(vae.theta, grad);
    vae.update();
    this.steps++;
    return { step: this.steps, loss, iterations: iterations / batch.length, ms: performance.now() - t0 };
  }

  checkpoint(): MinibatchCheckpoint {
    const a = this.adam.state();
    return { step: this.steps, theta: Array.from(this.vae.theta), adam: { k: a.k, mom1: Array.from(a.mom1), mom2: Array.from(a.mom2) }, warm: this.warm.map((w) => (w ? Array.from(w) : null)) };
  }

  restore(c: MinibatchCheckpoint): void {
    this.steps = c.step;
    this.vae.theta.set(c.theta);
    this.vae.update();
    this.adam.restore(c.adam);
    c.warm.forEach((w, i) => (this.warm[i] = w ? Float64Array.from(w) : null));
  }
}
