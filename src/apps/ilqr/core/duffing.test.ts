import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import {
  alignPhasePlane,
  chanceTiming,
  DUFFING_SYSTEM,
  duffingEnergy,
  duffingModelFor,
  duffingRates,
  duffingRk4Step,
  duffingTrajectory,
  DuffingTrainer,
  evaluateTiming,
  generateDuffingData,
  inferredPerturbation,
  observedLatents,
  poisson,
  softRelu,
  type DuffingSystemConfig,
} from './duffing';

/** A small version for the tests: fewer trials and neurons, the same oscillator and window. */
const SMALL: DuffingSystemConfig = { ...DUFFING_SYSTEM, trainTrials: 16, testTrials: 6, neurons: 30 };

describe('Duffing oscillator (Appendix I, eq. S43)', () => {
  it('conserves energy without damping or input (RK4 at dt = 0.03)', () => {
    const rng = createRng('duffing-energy');
    for (let k = 0; k < 5; k++) {
      let p: [number, number] = [rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5)];
      const e0 = duffingEnergy(DUFFING_SYSTEM, p);
      let drift = 0;
      // 3000 steps = 90 time units, some 15–20 periods
      for (let i = 0; i < 3000; i++) {
        p = duffingRk4Step(DUFFING_SYSTEM, p);
        drift = Math.max(drift, Math.abs(duffingEnergy(DUFFING_SYSTEM, p) - e0));
      }
      expect(drift).toBeLessThan(1e-5 * Math.max(1, Math.abs(e0)));
    }
  });

  it('loses energy with damping δ > 0 at the rate −δẋ² (dE/dt)', () => {
    const c = { ...DUFFING_SYSTEM, delta: 0.1 };
    let p: [number, number] = [0.3, 1.2];
    for (let i = 0; i < 100; i++) {
      const e0 = duffingEnergy(c, p);
      const q = duffingRk4Step(c, p);
      const rate = (duffingEnergy(c, q) - e0) / c.dt;
      const mid = -c.delta * ((p[1] + q[1]) / 2) ** 2;
      expect(rate).toBeLessThan(0);
      expect(Math.abs(rate - mid)).toBeLessThan(1e-3);
      p = q;
    }
  });

  it('stays in one well below the separatrix (E < 0) and crosses x = 0 above it', () => {
    const inWell = duffingTrajectory(DUFFING_SYSTEM, [1, 0.3], 400);
    const across = duffingTrajectory(DUFFING_SYSTEM, [0.1, 1], 400);
    expect(duffingEnergy(DUFFING_SYSTEM, [1, 0.3])).toBeLessThan(0);
    for (let t = 0; t < 400; t++) expect(inWell[t * 2]).toBeGreaterThan(0);
    expect(across.some((v, i) => i % 2 === 0 && v < -0.5)).toBe(true);
    expect(across.some((v, i) => i % 2 === 0 && v > 0.5)).toBe(true);
  });
});

describe('Duffing data', () => {
  it('is a function of the seed', () => {
    const a = generateDuffingData(SMALL, createRng(7).fork('duffing data'));
    const b = generateDuffingData(SMALL, createRng(7).fork('duffing data'));
    const c = generateDuffingData(SMALL, createRng(8).fork('duffing data'));
    expect(Array.from(a.readout)).toEqual(Array.from(b.readout));
    for (let i = 0; i < SMALL.trainTrials; i++) {
      expect(Array.from(a.train[i].spikes)).toEqual(Array.from(b.train[i].spikes));
      expect(a.train[i].perturbation).toBe(b.train[i].perturbation);
    }
    expect(Array.from(a.train[0].states)).not.toEqual(Array.from(c.train[0].states));
    // more trials leave the first ones as they were (each trial has its own stream)
    const more = generateDuffingData({ ...SMALL, trainTrials: SMALL.trainTrials + 4 }, createRng(7).fork('duffing data'));
    expect(Array.from(more.train[3].spikes)).toEqual(Array.from(a.train[3].spikes));
  });

  it('follows the oscillator, then jumps once, inside the window, by at least minJump', () => {
    const data = generateDuffingData(SMALL, createRng(3).fork('duffing data'));
    for (const trial of [...data.train, ...data.test]) {
      const p = trial.perturbation;
      expect(p).toBeGreaterThanOrEqual(SMALL.perturbFrom);
      expect(p).toBeLessThanOrEqual(SMALL.perturbTo);
      for (let t = 0; t + 1 < SMALL.T; t++) {
        // one bin = `substeps` RK4 steps
        let q: [number, number] = [trial.states[t * 2], trial.states[t * 2 + 1]];
        for (let s = 0; s < SMALL.substeps; s++) q = duffingRk4Step(SMALL, q);
        const gap = Math.hypot(q[0] - trial.states[(t + 1) * 2], q[1] - trial.states[(t + 1) * 2 + 1]);
        if (t + 1 === p) expect(gap).toBeGreaterThanOrEqual(SMALL.minJump);
        else expect(gap).toBeLessThan(1e-12);
      }
    }
  });

  it('fires at rateScale·φ(c·x + b), φ the soft ReLU of eq. S7 plus one, and spikes have those means', () => {
    expect(softRelu(0)).toBe(1);
    expect(softRelu(-50)).toBeGreaterThan(0);
    expect(softRelu(50)).toBeCloseTo(50, 1);
    const data = generateDuffingData(SMALL, createRng(4).fork('duffing data'));
    const N = SMALL.neurons;
    const trial = data.train[0];
    const rates = duffingRates(SMALL, data.readout, data.bias, trial.states);
    expect(Array.from(rates)).toEqual(Array.from(trial.rates));
    const t = 17;
    const i = 5;
    const a = data.readout[i * 2] * trial.states[t * 2] + data.readout[i * 2 + 1] * trial.states[t * 2 + 1] + data.bias[i];
    expect(trial.rates[t * N + i]).toBeCloseTo(SMALL.rateScale * ((a + Math.sqrt(a * a + 4)) / 2), 12);
    // all trials together: the spike total matches the rate total (Poisson: sd = √total)
    let spikes = 0;
    let expected = 0;
    let minRate = Infinity;
    let counts = true;
    for (const tr of data.train) {
      for (let k = 0; k < tr.rates.length; k++) {
        minRate = Math.min(minRate, tr.rates[k]);
        counts &&= Number.isInteger(tr.spikes[k]) && tr.spikes[k] >= 0;
        spikes += tr.spikes[k];
        expected += tr.rates[k];
      }
    }
    expect(minRate).toBeGreaterThan(0);
    expect(counts).toBe(true);
    expect(Math.abs(spikes - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('draws Poisson counts with the right mean and variance', () => {
    const rng = createRng('poisson');
    for (const rate of [0.2, 1.5, 6, 40]) {
      const draws = Array.from({ length: 20000 }, () => poisson(rate, rng));
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1);
      expect(Math.abs(mean - rate)).toBeLessThan(4 * Math.sqrt(rate / draws.length));
      expect(Math.abs(variance / rate - 1)).toBeLessThan(0.06);
    }
  });
});

describe('timing read-out', () => {
  it('maps the largest input after the pre-trial bins to the bin it first moves', () => {
    // m = 2, nBeg = 2: u_t moves z_{t+1}, observed at bin t + 1 − nBeg
    const us = new Float64Array(12 * 2);
    us[0] = 9; // a pre-trial input is never the perturbation
    us[7 * 2 + 1] = -3;
    us[4 * 2] = 1;
    const { bin, norms } = inferredPerturbation(us, 2, 2);
    expect(bin).toBe(7 + 1 - 2);
    expect(norms.length).toBe(10);
    expect(norms[7 - 2]).toBe(3);
  });

  it('has the exact chance baseline of a uniform guess in the window', () => {
    expect(chanceTiming({ perturbFrom: 10, perturbTo: 10 })).toEqual({ medianError: 0, within2: 1 });
    // brute force over all pairs of a 51-bin window
    const c = { perturbFrom: 25, perturbTo: 75 };
    const d: number[] = [];
    for (let a = 25; a <= 75; a++) for (let b = 25; b <= 75; b++) d.push(Math.abs(a - b));
    d.sort((x, y) => x - y);
    const exact = chanceTiming(c);
    expect(exact.within2).toBeCloseTo(d.filter((x) => x <= 2).length / d.length, 12);
    expect(exact.medianError).toBe(d[Math.floor((d.length - 1) / 2)]);
  });
});

describe('phase-plane alignment', () => {
  it('recovers a trajectory from latents that are an affine image of it (R² = 1), and maps a new trial with the same fit', () => {
    const data = generateDuffingData({ ...SMALL, trainTrials: 0, testTrials: 3 }, createRng(9).fork('duffing data'));
    const states = data.test.map((t) => t.states);
    // n = 4 latents: an invertible mix of (x, ẋ), an offset, and two columns of other signals
    const latentsOf = (s: Float64Array) =>
      Float64Array.from({ length: (s.length / 2) * 4 }, (_, k) => {
        const t = Math.floor(k / 4);
        const [x, v] = [s[t * 2], s[t * 2 + 1]];
        return [2 * x - v + 0.5, 0.3 * x + 1.5 * v, Math.sin(t), x * x][k % 4];
      });
    const a = alignPhasePlane(states.slice(0, 2), states.slice(0, 2).map(latentsOf), 4);
    expect(a.r2).toBeGreaterThan(1 - 1e-9);
    for (let i = 0; i < 2; i++) for (let k = 0; k < states[i].length; k++) expect(a.mapped[i][k]).toBeCloseTo(states[i][k], 6);
    const b = alignPhasePlane([states[2]], [latentsOf(states[2])], 4, a.fit);
    expect(b.fit).toBe(a.fit);
    expect(b.r2).toBeGreaterThan(1 - 1e-9);
    // latents that carry nothing of the state explain nothing
    const noise = createRng('noise');
    const c = alignPhasePlane(states, states.map((s) => Float64Array.from({ length: (s.length / 2) * 4 }, () => noise.normal())), 4);
    expect(c.r2).toBeLessThan(0.1);
  });

  it('takes the observed bins’ latents after the pre-trial states', () => {
    // n = 2, nBeg = 2, T = 3: states z_0 … z_4, observed z_2 … z_4
    const xs = Float64Array.from({ length: 5 * 2 }, (_, k) => k);
    expect(Array.from(observedLatents(xs, 2, 2, 3))).toEqual([4, 5, 6, 7, 8, 9]);
  });
});

describe('Duffing trainer', () => {
  it('resumes exactly from a checkpoint (batches and samples forked by step)', () => {
    const data = generateDuffingData({ ...SMALL, trainTrials: 6, T: 40, perturbFrom: 10, perturbTo: 30 }, createRng(5).fork('duffing data'));
    const spikes = data.train.map((t) => t.spikes);
    const model = duffingModelFor({ ...SMALL, T: 40 });
    const opts = { seed: 5, batch: 3 };
    const straight = new DuffingTrainer(spikes, opts, model);
    for (let k = 0; k < 4; k++) straight.step();
    const first = new DuffingTrainer(spikes, opts, model);
    for (let k = 0; k < 2; k++) first.step();
    const saved = JSON.parse(JSON.stringify(first.checkpoint()));
    const resumed = new DuffingTrainer(spikes, opts, model);
    resumed.restore(saved);
    for (let k = 0; k < 2; k++) resumed.step();
    expect(Array.from(resumed.vae.theta)).toEqual(Array.from(straight.vae.theta));
  });

  it('issue #10: with trained parameters iLQR converges from a cold start in at most 20 iterations on the Poisson problem', () => {
    // trained briefly (80 steps of 8 trials; the experiment trains 400), then cold starts on held-out trials
    const data = generateDuffingData(SMALL, createRng(2).fork('duffing data'));
    const trainer = new DuffingTrainer(
      data.train.map((t) => t.spikes),
      { seed: 2 },
      duffingModelFor(SMALL),
    );
    let first = 0;
    let last = 0;
    for (let k = 1; k <= 80; k++) {
      const s = trainer.step();
      if (k <= 10) first += s.loss / 10;
      if (k > 70) last += s.loss / 10;
    }
    expect(last).toBeLessThan(first);
    const e = evaluateTiming(trainer.vae, data.test, { maxIterations: 100 });
    expect(e.converged).toBe(data.test.length);
    for (const it of e.iterations) expect(it).toBeLessThanOrEqual(20);
    expect(e.rateR2).toBeGreaterThan(0.5);
  });
});
