/**
 * iLQR-VAE's headline comparison at browser scale (Schimel et al., ICLR 2022, §3.3, Fig. 3,
 * Table S1): sparse inputs to a linear system (n = m = 3, n_o = 10, one trial of T = 1000,
 * Bernoulli(0.03) input events). The iLQR-VAE (Student-t prior) and the amortised baseline
 * (bidirectional GRU encoder, AR(1) prior, the same linear generator; Appendix J) are trained on
 * the same data; both are scored by the pooled R² of a regression of the true inputs (and latents)
 * on the inferred ones, and by the error of the learned eigenvalues.
 *
 * System (d), Appendix I's Duffing oscillator seen through Poisson neurons (core/duffing.ts), runs
 * after it: an MGU2 iLQR-VAE is trained on spike trains whose latent state jumps once mid-trial,
 * and is scored by where its inferred input peaks against the true jump (and against chance).
 *
 * `quick`: one seed, sized to run in well under 3 minutes in Node. Full: 5 seeds for the
 * iLQR-VAE and 3 for the baseline (as the paper), reported as mean and `.sd`; 3 seeds of Duffing.
 * No tfjs: the core is plain TypeScript on Float64Array.
 */
import { createRng } from '../../shared/random';
import { BaselineTrainer } from './core/baseline';
import { generateLorenzData, kStepR2, trials, type KStepResult } from './core/lorenz';
import { modelFromCheckpoint, type LorenzCheckpointFile } from './core/lorenzViews';
import { chanceTiming, DEFAULT_DUFFING_TRAINER, DUFFING_SYSTEM, DuffingTrainer, duffingModelFor, evaluateTiming, generateDuffingData } from './core/duffing';
import { generateSparseData, SPARSE_SYSTEM, type SparseData } from './core/sparse';
import { IlqrVaeTrainer, type TrainerConfig } from './core/trainer';

export interface IlqrExperimentOptions {
  quick: boolean;
  seed: number;
  log?: (line: string) => void;
}

export interface RunSizes {
  /** Adam steps of the iLQR-VAE and of the baseline */
  ilqrSteps: number;
  baselineSteps: number;
  /** evaluate the input R² every this many steps (for the steps-to-0.8 count and the curves) */
  evalEvery: number;
  baselineHidden: number;
  /** held-out trials for the cold-start iteration count */
  heldOutTrials: number;
  ilqrSeeds: number;
  baselineSeeds: number;
  /** seeds of the same iLQR-VAE with a Gaussian prior instead of the Student-t (the paper: Student wins on sparse inputs) */
  gaussianSeeds: number;
  /** system (d), the Duffing oscillator: Adam steps, seeds, held-out trials, evaluate every this many steps */
  duffingSteps: number;
  duffingSeeds: number;
  duffingTestTrials: number;
  duffingEvalEvery: number;
}

export const QUICK_SIZES: RunSizes = {
  ilqrSteps: 3000,
  baselineSteps: 1000,
  evalEvery: 100,
  baselineHidden: 16,
  heldOutTrials: 2,
  ilqrSeeds: 1,
  baselineSeeds: 1,
  gaussianSeeds: 0,
  duffingSteps: 400,
  duffingSeeds: 1,
  duffingTestTrials: 32,
  duffingEvalEvery: 100,
};
/** Full: Duffing with the paper's 112 held-out trials (Appendix I). */
export const FULL_SIZES: RunSizes = {
  ilqrSteps: 4000,
  baselineSteps: 3000,
  evalEvery: 100,
  baselineHidden: 24,
  heldOutTrials: 4,
  ilqrSeeds: 5,
  baselineSeeds: 3,
  gaussianSeeds: 1,
  duffingSteps: 2000,
  duffingSeeds: 3,
  duffingTestTrials: 112,
  duffingEvalEvery: 200,
};

/** Iteration cap of the cold-start solves after training (training's warm-started solves cap at 50). */
export const COLD_MAX_ITERATIONS = 100;

/** The iLQR-VAE's training settings for the sparse system (c = 0.04 as the paper's linear toy). */
export const SPARSE_TRAINER: Partial<TrainerConfig> = { prior: 'student', lrScale: 0.04, timeBand: 20, pcaInit: true, posteriorStd: 0.1 };

interface Curve {
  step: number[];
  inputR2: number[];
  loss: number[];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

function dataFor(seed: number): { train: SparseData; heldOut: (trials: number) => SparseData } {
  return {
    train: generateSparseData(SPARSE_SYSTEM, createRng(seed).fork('data')),
    // the same system with more trials; trial 0 is the training trial, so drop it
    heldOut: (trials) => {
      const base = generateSparseData({ ...SPARSE_SYSTEM, trials: trials + 1 }, createRng(seed).fork('data'));
      return { ...base, inputs: base.inputs.slice(1), latents: base.latents.slice(1), observations: base.observations.slice(1) };
    },
  };
}

function runIlqrVae(seed: number, sizes: RunSizes, log: (line: string) => void, prior: 'student' | 'gaussian' = 'student') {
  const t0 = performance.now();
  const { train, heldOut } = dataFor(seed);
  const trainer = new IlqrVaeTrainer(train, { ...SPARSE_TRAINER, prior, seed });
  const curve: Curve = { step: [], inputR2: [], loss: [] };
  let stepsTo08 = NaN;
  let msTotal = 0;
  const warmIterations: number[] = [];
  for (let k = 1; k <= sizes.ilqrSteps; k++) {
    const s = trainer.step();
    msTotal += s.ms;
    if (k > sizes.ilqrSteps * 0.9) warmIterations.push(s.iterations);
    if (k % sizes.evalEvery === 0 || k === sizes.ilqrSteps) {
      const e = trainer.evaluate();
      curve.step.push(k);
      curve.inputR2.push(r4(e.inputR2));
      curve.loss.push(r4(s.loss));
      if (Number.isNaN(stepsTo08) && e.inputR2 >= 0.8) stepsTo08 = k;
      if (k % (sizes.evalEvery * 5) === 0) log(`[seed ${seed}] iLQR-VAE (${prior} prior) step ${k}: −ELBO/(T·n_o) ${s.loss.toFixed(3)}, input R² ${e.inputR2.toFixed(3)}, eigenvalue error ${e.eigenError.toFixed(3)}`);
    }
  }
  const final = trainer.evaluate();
  // Iterations to converge from a cold start with the trained model: the training trial and held-out trials.
  // (With the learned heavy-tailed prior the MAP problem is far from quadratic, and iLQR from zero
  // inputs needs many more iterations than the warm-started solves of training.)
  const cold: number[] = [];
  let coldConverged = 0;
  const { tolerance } = trainer.config;
  const maxIterations = COLD_MAX_ITERATIONS;
  const test = heldOut(sizes.heldOutTrials);
  for (const o of [train.observations[0], ...test.observations]) {
    const res = trainer.vae.infer(o, undefined, { tolerance, maxIterations });
    cold.push(res.iterations);
    if (res.converged) coldConverged++;
  }
  // Held-out input R²: the trained model's iLQR (from a cold start) on trials it never saw.
  const heldTrainer = new IlqrVaeTrainer(test, { ...SPARSE_TRAINER, prior, seed, maxIterations });
  heldTrainer.vae.theta.set(trainer.vae.theta.subarray(0, trainer.vae.layout.get('recog.lt').offset));
  heldTrainer.vae.update();
  const held = heldTrainer.evaluate();
  const metrics = {
    inputR2: final.inputR2,
    latentR2: final.latentR2,
    eigenError: final.eigenError,
    heldOutInputR2: held.inputR2,
    iterations: median(cold),
    coldConvergedFraction: coldConverged / cold.length,
    warmIterations: warmIterations.reduce((a, v) => a + v, 0) / warmIterations.length,
    stepsTo08,
    msPerStep: msTotal / sizes.ilqrSteps,
    seconds: (performance.now() - t0) / 1000,
  };
  log(
    `[seed ${seed}] iLQR-VAE (${prior} prior): input R² ${final.inputR2.toFixed(3)} (held-out ${held.inputR2.toFixed(3)}), latent R² ${final.latentR2.toFixed(3)}, ` +
      `eigenvalue error ${final.eigenError.toFixed(3)}, R² ≥ 0.8 from step ${stepsTo08}, cold-start iterations ${cold.join(',')} ` +
      `(warm-started in training: ${metrics.warmIterations.toFixed(2)}), ` +
      `${metrics.msPerStep.toFixed(1)} ms/step`,
  );
  return { metrics, curve, learnedEigenvalues: final.learnedEigenvalues.map(([re, im]) => [r4(re), r4(im)]), trueEigenvalues: train.trueEigenvalues.map(([re, im]) => [r4(re), r4(im)]) };
}

function runBaseline(seed: number, sizes: RunSizes, log: (line: string) => void) {
  const t0 = performance.now();
  const { train } = dataFor(seed);
  const trainer = new BaselineTrainer(train, { seed, hidden: sizes.baselineHidden, lrScale: 0.04 });
  const curve: Curve = { step: [], inputR2: [], loss: [] };
  for (let k = 1; k <= sizes.baselineSteps; k++) {
    const s = trainer.step();
    if (k % sizes.evalEvery === 0 || k === sizes.baselineSteps) {
      const e = trainer.evaluate();
      curve.step.push(k);
      curve.inputR2.push(r4(e.inputR2));
      curve.loss.push(r4(s.loss));
      if (k % (sizes.evalEvery * 5) === 0) log(`[seed ${seed}] baseline step ${k}: −ELBO/(T·n_o) ${s.loss.toFixed(3)}, input R² ${e.inputR2.toFixed(3)}`);
    }
  }
  const e = trainer.evaluate();
  const seconds = (performance.now() - t0) / 1000;
  log(`[seed ${seed}] baseline (biGRU ${sizes.baselineHidden} units): input R² ${e.inputR2.toFixed(3)}, latent R² ${e.latentR2.toFixed(3)}, eigenvalue error ${e.eigenError.toFixed(3)}, ${seconds.toFixed(1)} s`);
  return { metrics: { inputR2: e.inputR2, latentR2: e.latentR2, eigenError: e.eigenError, msPerStep: (seconds * 1000) / sizes.baselineSteps }, curve };
}

/**
 * System (d): train the MGU2 iLQR-VAE on the Duffing spike trains, then, on held-out trials and
 * from a cold start, compare the bin of the largest inferred input with the true perturbation
 * (Appendix I, Fig. S3B bottom) and count iLQR's iterations. The same held-out trials are also
 * scored with the untrained model, to show what the training adds.
 */
function runDuffing(seed: number, sizes: RunSizes, log: (line: string) => void) {
  const t0 = performance.now();
  const system = { ...DUFFING_SYSTEM, testTrials: sizes.duffingTestTrials };
  const data = generateDuffingData(system, createRng(seed).fork('duffing data'));
  const trainer = new DuffingTrainer(data.train.map((t) => t.spikes), { ...DEFAULT_DUFFING_TRAINER, seed }, duffingModelFor(system));
  const maxIterations = COLD_MAX_ITERATIONS;
  const { tolerance } = trainer.config;
  const untrained = evaluateTiming(trainer.vae, data.test, { tolerance, maxIterations });
  const curve: { step: number[]; loss: number[]; timingErrorBins: number[]; timingWithin2: number[] } = { step: [], loss: [], timingErrorBins: [], timingWithin2: [] };
  let msTotal = 0;
  let lastLoss = NaN;
  const warmIterations: number[] = [];
  for (let k = 1; k <= sizes.duffingSteps; k++) {
    const s = trainer.step();
    msTotal += s.ms;
    lastLoss = s.loss;
    if (k > sizes.duffingSteps * 0.9) warmIterations.push(s.iterations);
    if (k % sizes.duffingEvalEvery === 0 && k < sizes.duffingSteps) {
      const e = evaluateTiming(trainer.vae, data.test, { tolerance, maxIterations });
      curve.step.push(k);
      curve.loss.push(r4(s.loss));
      curve.timingErrorBins.push(e.medianError);
      curve.timingWithin2.push(r4(e.within2));
      log(`[seed ${seed}] Duffing step ${k}: −ELBO/(T·n_o) ${s.loss.toFixed(4)}, timing error ${e.medianError} bins (median), within ±2 bins ${e.within2.toFixed(2)}`);
    }
  }
  const final = evaluateTiming(trainer.vae, data.test, { tolerance, maxIterations });
  curve.step.push(sizes.duffingSteps);
  curve.loss.push(r4(lastLoss));
  curve.timingErrorBins.push(final.medianError);
  curve.timingWithin2.push(r4(final.within2));
  const metrics = {
    timingErrorBins: final.medianError,
    timingWithin2: final.within2,
    iterations: median(final.iterations),
    coldConvergedFraction: final.converged / final.iterations.length,
    rateR2: final.rateR2,
    untrainedTimingErrorBins: untrained.medianError,
    untrainedTimingWithin2: untrained.within2,
    warmIterations: warmIterations.reduce((a, v) => a + v, 0) / warmIterations.length,
    msPerStep: msTotal / sizes.duffingSteps,
    seconds: (performance.now() - t0) / 1000,
  };
  log(
    `[seed ${seed}] Duffing (MGU2 n = ${trainer.vae.config.n}, m = ${trainer.vae.config.m}, ${system.neurons} Poisson neurons, ${sizes.duffingSteps} steps): ` +
      `timing error ${final.medianError} bins (median; untrained ${untrained.medianError}), within ±2 bins ${final.within2.toFixed(2)} (untrained ${untrained.within2.toFixed(2)}), ` +
      `rate R² ${final.rateR2.toFixed(3)}, cold-start iterations median ${metrics.iterations} (max ${Math.max(...final.iterations)}), ${metrics.msPerStep.toFixed(1)} ms/step`,
  );
  return { metrics, curve, bins: { true: final.trueBins, inferred: final.inferredBins } };
}

function meanSd(values: number[]): { mean: number; sd: number } {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { mean: NaN, sd: NaN };
  const mean = finite.reduce((a, v) => a + v, 0) / finite.length;
  const sd = finite.length > 1 ? Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (finite.length - 1)) : 0;
  return { mean, sd };
}

/**
 * System (c), the Lorenz attractor (§3.2): training takes about an hour here, so the experiment
 * scores the checkpoint that scripts/train/ilqr.ts shipped, on its 16 test trials (regenerated from
 * its seed): R²_k as examples/lorenz_analysis.ml and the cold-start iLQR iterations.
 */
async function evaluateShippedLorenz(log: (line: string) => void): Promise<{ result: KStepResult; weights: LorenzCheckpointFile }> {
  const t0 = performance.now();
  // imported here, not at the top: differences.ts imports this module's sizes for the page, and the
  // weights must not ride along into that chunk
  const lorenzWeights = (await import('./weights/lorenz.json')).default as LorenzCheckpointFile;
  const vae = modelFromCheckpoint(lorenzWeights);
  const data = generateLorenzData(lorenzWeights.system, createRng(lorenzWeights.seed).fork('lorenz data'));
  const result = kStepR2(vae, trials(data, 'test'), 50, { maxIterations: COLD_MAX_ITERATIONS });
  log(
    `Lorenz (shipped checkpoint, ${lorenzWeights.steps} steps): test R²_30 ${result.r2[30].toFixed(4)}, R²_50 ${result.r2[50].toFixed(4)}; ` +
      `cold-start iterations ${result.iterations.join(',')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return { result, weights: lorenzWeights };
}

export default async function experiment(opts: IlqrExperimentOptions): Promise<{ metrics: Record<string, number>; [k: string]: unknown }> {
  const log = opts.log ?? (() => {});
  const sizes = opts.quick ? QUICK_SIZES : FULL_SIZES;
  const t0 = performance.now();
  log(`iLQR-VAE sparse-input experiment (${opts.quick ? 'quick' : 'full'}): T = ${SPARSE_SYSTEM.T}, n = m = ${SPARSE_SYSTEM.n}, n_o = ${SPARSE_SYSTEM.no}, ` +
    `${sizes.ilqrSteps} iLQR-VAE steps × ${sizes.ilqrSeeds} seed(s), ${sizes.baselineSteps} baseline steps × ${sizes.baselineSeeds} seed(s)`);
  const ilqrRuns = [];
  for (let i = 0; i < sizes.ilqrSeeds; i++) {
    ilqrRuns.push({ seed: opts.seed + i, ...runIlqrVae(opts.seed + i, sizes, log) });
    await Promise.resolve();
  }
  const gaussianRuns = [];
  for (let i = 0; i < sizes.gaussianSeeds; i++) {
    gaussianRuns.push({ seed: opts.seed + i, ...runIlqrVae(opts.seed + i, sizes, log, 'gaussian') });
    await Promise.resolve();
  }
  const baselineRuns = [];
  for (let i = 0; i < sizes.baselineSeeds; i++) {
    baselineRuns.push({ seed: opts.seed + i, ...runBaseline(opts.seed + i, sizes, log) });
    await Promise.resolve();
  }
  log(`Duffing oscillator with a mid-trial perturbation (Appendix I, scaled down): ${DUFFING_SYSTEM.trainTrials} training trials of T = ${DUFFING_SYSTEM.T} bins, ` +
    `${DUFFING_SYSTEM.neurons} Poisson neurons, ${sizes.duffingSteps} Adam steps × ${sizes.duffingSeeds} seed(s), ${sizes.duffingTestTrials} held-out trials`);
  const duffingRuns = [];
  for (let i = 0; i < sizes.duffingSeeds; i++) {
    duffingRuns.push({ seed: opts.seed + i, ...runDuffing(opts.seed + i, sizes, log) });
    await Promise.resolve();
  }
  const { result: lorenz, weights: lorenzWeights } = await evaluateShippedLorenz(log);
  const metrics: Record<string, number> = {};
  const put = (name: string, values: number[]) => {
    const { mean, sd } = meanSd(values);
    metrics[name] = mean;
    if (values.length > 1) metrics[`${name}.sd`] = sd;
  };
  put('sparse.inputR2', ilqrRuns.map((r) => r.metrics.inputR2));
  put('sparse.latentR2', ilqrRuns.map((r) => r.metrics.latentR2));
  put('sparse.eigenError', ilqrRuns.map((r) => r.metrics.eigenError));
  put('sparse.heldOutInputR2', ilqrRuns.map((r) => r.metrics.heldOutInputR2));
  put('sparse.stepsTo08', ilqrRuns.map((r) => r.metrics.stepsTo08));
  put('sparse.baselineInputR2', baselineRuns.map((r) => r.metrics.inputR2));
  put('sparse.baselineLatentR2', baselineRuns.map((r) => r.metrics.latentR2));
  put('sparse.baselineEigenError', baselineRuns.map((r) => r.metrics.eigenError));
  if (gaussianRuns.length) {
    put('sparse.gaussianPriorInputR2', gaussianRuns.map((r) => r.metrics.inputR2));
    put('sparse.gaussianPriorEigenError', gaussianRuns.map((r) => r.metrics.eigenError));
  }
  metrics['ilqr.iterations'] = median(ilqrRuns.map((r) => r.metrics.iterations));
  metrics['ilqr.warmIterations'] = meanSd(ilqrRuns.map((r) => r.metrics.warmIterations)).mean;
  metrics['ilqr.coldConvergedFraction'] = meanSd(ilqrRuns.map((r) => r.metrics.coldConvergedFraction)).mean;
  metrics['ilqr.msPerStep'] = meanSd(ilqrRuns.map((r) => r.metrics.msPerStep)).mean;
  metrics['baseline.msPerStep'] = meanSd(baselineRuns.map((r) => r.metrics.msPerStep)).mean;
  put('duffing.timingErrorBins', duffingRuns.map((r) => r.metrics.timingErrorBins));
  put('duffing.timingWithin2', duffingRuns.map((r) => r.metrics.timingWithin2));
  put('duffing.rateR2', duffingRuns.map((r) => r.metrics.rateR2));
  put('duffing.untrainedTimingErrorBins', duffingRuns.map((r) => r.metrics.untrainedTimingErrorBins));
  put('duffing.untrainedTimingWithin2', duffingRuns.map((r) => r.metrics.untrainedTimingWithin2));
  const chance = chanceTiming(DUFFING_SYSTEM);
  metrics['duffing.chanceErrorBins'] = chance.medianError;
  metrics['duffing.chanceWithin2'] = chance.within2;
  metrics['duffing.iterations'] = median(duffingRuns.map((r) => r.metrics.iterations));
  metrics['duffing.coldConvergedFraction'] = meanSd(duffingRuns.map((r) => r.metrics.coldConvergedFraction)).mean;
  metrics['duffing.warmIterations'] = meanSd(duffingRuns.map((r) => r.metrics.warmIterations)).mean;
  metrics['duffing.msPerStep'] = meanSd(duffingRuns.map((r) => r.metrics.msPerStep)).mean;
  metrics['lorenz.r2_30'] = lorenz.r2[30];
  metrics['lorenz.r2_50'] = lorenz.r2[50];
  metrics['lorenz.r2_1'] = lorenz.r2[1];
  metrics['lorenz.iterations'] = median(lorenz.iterations);
  metrics['lorenz.maxIterations'] = Math.max(...lorenz.iterations);
  metrics['lorenz.within20'] = lorenz.iterations.filter((k) => k <= 20).length / lorenz.iterations.length;
  metrics['lorenz.steps'] = lorenzWeights.steps;
  // The run never reaching 0.8 would make stepsTo08 NaN, which a report cannot hold: say so with −1.
  for (const k of Object.keys(metrics)) if (Number.isNaN(metrics[k])) metrics[k] = -1;
  metrics['totalSeconds'] = (performance.now() - t0) / 1000;
  return {
    metrics,
    mode: opts.quick ? 'quick' : 'full',
    /** the iLQR-VAE's seeds (the baseline used the first `sizes.baselineSeeds` of them) */
    seeds: ilqrRuns.map((r) => r.seed),
    backend: 'none: plain TypeScript on Float64Array (no tfjs)',
    system: SPARSE_SYSTEM,
    trainer: SPARSE_TRAINER,
    duffing: { system: { ...DUFFING_SYSTEM, testTrials: sizes.duffingTestTrials }, model: duffingModelFor(DUFFING_SYSTEM), trainer: DEFAULT_DUFFING_TRAINER },
    sizes,
    lorenz: { checkpoint: 'src/apps/ilqr/weights/lorenz.json', steps: lorenzWeights.steps, seed: lorenzWeights.seed, r2k: lorenz.r2, iterations: lorenz.iterations },
    perSeed: {
      ilqr: ilqrRuns.map((r) => ({ seed: r.seed, metrics: r.metrics, learnedEigenvalues: r.learnedEigenvalues, trueEigenvalues: r.trueEigenvalues })),
      baseline: baselineRuns.map((r) => ({ seed: r.seed, metrics: r.metrics })),
      gaussianPrior: gaussianRuns.map((r) => ({ seed: r.seed, metrics: r.metrics })),
      duffing: duffingRuns.map((r) => ({ seed: r.seed, metrics: r.metrics, bins: r.bins })),
    },
    curves: { ilqr: ilqrRuns[0].curve, baseline: baselineRuns[0].curve, ...(gaussianRuns.length ? { gaussianPrior: gaussianRuns[0].curve } : {}), duffing: duffingRuns[0].curve },
    notes: [
      'Input R² and latent R²: pooled R² of the least-squares regression (with intercept) of the true inputs (bins 1…T−1) or latents on the inferred ones (paper Appendix J).',
      'Eigenvalue error: mean |λ_learned − λ_true| after the best matching of learned to true eigenvalues.',
      "sparse.stepsTo08: the first evaluated Adam step (every evalEvery steps) with input R² ≥ 0.8 (−1: never).",
      `ilqr.iterations: median iLQR iterations to converge (relative cost change < 1e-4) from a cold start (zero inputs, at most ${COLD_MAX_ITERATIONS}) with the trained model, on the training trial and held-out trials; ilqr.warmIterations: mean iterations per training step, warm-started from the previous u*, over the last 10% of training.`,
      'The true A (eigenvalues 0.97e^{±0.15i}, 0.93), C ~ N(0, 1/n), σ = 0.1 and c = 0.04 are our choices: the paper does not state them.',
      "duffing.timingErrorBins: median over held-out trials of |inferred − true| perturbation bin, the inferred bin being where ‖u*_t‖ is largest after the pre-trial bins (u* from a cold start); duffing.timingWithin2: the share of trials within ±2 bins; duffing.chance*: the same for a guess drawn uniformly from the perturbation window (exact); duffing.untrained*: the same model before training; duffing.rateR2: pooled R² of the true firing rates by the posterior-mean rates.",
      `duffing.iterations: median iLQR iterations from a cold start (at most ${COLD_MAX_ITERATIONS}) with the trained model on the held-out trials; duffing.warmIterations: mean iterations per training trial, warm-started, over the last 10% of training.`,
    ],
  };
}
