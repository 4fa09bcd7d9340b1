import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { generateLorenzData, kStepR2, LORENZ_SYSTEM, predictedObservations, trials } from './lorenz';
import { inferTrial, inputNorms, kStepErrors, median, modelFromCheckpoint, nearestDistances, predictFromBin, type LorenzCheckpointFile } from './lorenzViews';
import { LORENZ_BINS, LORENZ_TEST_TRIALS } from './systems';

const file = JSON.parse(readFileSync(new URL('../weights/lorenz.json', import.meta.url), 'utf8')) as LorenzCheckpointFile;

describe('the Lorenz views’ computations', () => {
  const vae = modelFromCheckpoint(file);
  const data = generateLorenzData(file.system, createRng(file.seed).fork('lorenz data'));
  const test = trials(data, 'test');

  it('systems.ts’s constants are the data’s', () => {
    expect(LORENZ_TEST_TRIALS).toBe(LORENZ_SYSTEM.testTrials);
    expect(LORENZ_BINS).toBe(LORENZ_SYSTEM.T);
    expect(file.system.testTrials).toBe(LORENZ_TEST_TRIALS);
  });

  it('refuses a checkpoint whose layout is not this code’s', () => {
    expect(() => modelFromCheckpoint({ ...file, theta: file.theta.slice(1) })).toThrow('parameter layout');
    expect(() => modelFromCheckpoint({ ...file, blocks: file.blocks.slice(1) })).toThrow('parameter layout');
  });

  it('a prediction from bin t, pooled over t as lorenz_analysis.ml does, gives kStepR2 exactly', () => {
    const r = 3;
    const clean = test.clean[r];
    const post = inferTrial(vae, test.observations[r]);
    const kMax = 20;
    const num = new Float64Array(kMax + 1);
    const den = new Float64Array(kMax + 1);
    const mean = [0, 1, 2].map((i) => clean.filter((_, j) => j % 3 === i).reduce((a, v) => a + v, 0) / LORENZ_BINS);
    for (let from = 1; from <= LORENZ_BINS; from++) {
      const prediction = predictFromBin(vae, post.us, from);
      const errors = kStepErrors(prediction, clean, from, 3);
      expect(errors.length).toBe(LORENZ_BINS - from + 1);
      for (let k = 0; k <= kMax && from - 1 + k < LORENZ_BINS; k++) {
        num[k] += errors[k] ** 2;
        for (let i = 0; i < 3; i++) den[k] += (clean[(from - 1 + k) * 3 + i] - mean[i]) ** 2;
      }
    }
    const ours = Array.from(num, (v, k) => 1 - v / den[k]);
    const reference = kStepR2(vae, { clean: [clean], observations: [test.observations[r]] }, kMax).r2;
    for (let k = 0; k <= kMax; k++) expect(ours[k]).toBeCloseTo(reference[k], 9);
  });

  it('a prediction keeps the reconstruction up to bin t and changes after it', () => {
    const post = inferTrial(vae, test.observations[0]);
    const recon = predictedObservations(vae, post.xs);
    const from = 40;
    const p = predictFromBin(vae, post.us, from);
    expect(Array.from(p.subarray(0, from * 3))).toEqual(Array.from(recon.subarray(0, from * 3)));
    expect(p.subarray(from * 3).some((v, i) => v !== recon[from * 3 + i])).toBe(true);
    expect(() => predictFromBin(vae, post.us, 0)).toThrow('bins 1–100');
  });

  it('draws pre-trial inputs at x ≤ 0', () => {
    const us = new Float64Array(vae.K * 5);
    us[0] = 3;
    us[4] = 4;
    const { x, norm } = inputNorms(vae, us);
    expect(x[0]).toBe(1 - vae.dyn.nBeg);
    expect(x[vae.dyn.nBeg - 1]).toBe(0);
    expect(x.at(-1)).toBe(LORENZ_BINS - 1);
    expect(norm[0]).toBe(5);
  });

  it('finds nearest points exactly, near and far', () => {
    const rng = createRng(4);
    const ref = Float64Array.from({ length: 3000 }, () => rng.normal());
    const pts = Float64Array.from({ length: 300 }, (_, i) => rng.normal() * (i < 150 ? 1 : 40));
    const fast = nearestDistances(pts, ref);
    for (let p = 0; p < 100; p++) {
      let best = Infinity;
      for (let r = 0; r < 1000; r++) best = Math.min(best, Math.hypot(ref[r * 3] - pts[p * 3], ref[r * 3 + 1] - pts[p * 3 + 1], ref[r * 3 + 2] - pts[p * 3 + 2]));
      expect(fast[p]).toBeCloseTo(best, 12);
    }
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
