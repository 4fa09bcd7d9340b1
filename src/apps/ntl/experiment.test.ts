/**
 * The quick NTL experiment must show the paper's effects (issue #4 thresholds). Runs on the WASM
 * backend; budget: under 5 minutes on a loaded 2-core machine.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../shared/tf/node';
import experiment from './experiment';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

/**
 * The effect must not hinge on one seed: the default seed and one other (NTL_TEST_SEEDS="1,2,3"
 * overrides; the committed reports in results/ cover seeds 1–3).
 */
const SEEDS = (process.env.NTL_TEST_SEEDS ?? process.env.NTL_TEST_SEED ?? '1,2').split(',').map(Number);

describe.each(SEEDS)('NTL quick experiment (seed %i)', (SEED) => {
  it(
    'NTL keeps the source, kills the target, and the patch verifies ownership',
    async () => {
      const before = tf.memory().numTensors;
      const lines: string[] = [];
      const report = await experiment({ quick: true, seed: SEED, log: (l) => lines.push(l) });
      const m = report.metrics;
      // Print the report so a failing run shows its numbers.
      console.log(lines.join('\n'));
      console.log(JSON.stringify(Object.fromEntries(Object.entries(m).filter(([k]) => !k.includes('prune') || k.endsWith('prune50')))));

      // Target-specified NTL, S → T1.
      expect(m['sl.source']).toBeGreaterThanOrEqual(0.95);
      expect(m['sl.target']).toBeGreaterThanOrEqual(0.5);
      expect(Math.abs(m['ntl.source'] - m['sl.source'])).toBeLessThanOrEqual(0.05);
      expect(m['ntl.target']).toBeLessThanOrEqual(0.25);
      // Ownership verification: the patch breaks the NTL model only.
      expect(m['own.ntl.clean']).toBeGreaterThanOrEqual(0.9);
      expect(m['own.ntl.patched']).toBeLessThanOrEqual(0.25);
      expect(Math.abs(m['own.sl.patched'] - m['own.sl.clean'])).toBeLessThanOrEqual(0.1);
      // The keys of issue #9 (the REFIT attacks, source-only NTL on the unseen domains): present, in [0, 1].
      for (const k of [
        'own.ntl.patched.ewc',
        'own.ntl.clean.ewc',
        'own.ntl.patched.au',
        'own.ntl.clean.au',
        'srconly.ntl.T1',
        'srconly.ntl.T2',
        'srconly.ntl.T3',
        'srconly.sl.T1',
        'srconly.sl.T2',
        'srconly.sl.T3',
      ]) {
        expect(m[k], k).toBeGreaterThanOrEqual(0);
        expect(m[k], k).toBeLessThanOrEqual(1);
      }
      // The SL numbers next to source-only NTL are the SL model's own scores on T1–T3.
      expect([m['srconly.sl.T1'], m['srconly.sl.T2'], m['srconly.sl.T3']]).toEqual([m['sl.target'], m['sl.t2'], m['sl.t3']]);
      // The relative drops are computed from them: 1 − NTL/SL.
      for (const d of ['T1', 'T2', 'T3']) expect(m[`srconly.relativeDrop.${d}`]).toBeCloseTo(1 - m[`srconly.ntl.${d}`] / m[`srconly.sl.${d}`], 10);
      // EWC and AU are fine-tuning attacks that keep the model usable on clean data.
      expect(m['own.ntl.clean.ewc']).toBeGreaterThanOrEqual(0.5);
      expect(m['own.ntl.clean.au']).toBeGreaterThanOrEqual(0.5);
      // Every metric is a number, and the run leaked no tensors.
      for (const [k, v] of Object.entries(m)) expect(Number.isFinite(v), k).toBe(true);
      expect(m['leakedTensors']).toBe(0);
      expect(tf.memory().numTensors).toBe(before);
    },
    360_000,
  );
});
