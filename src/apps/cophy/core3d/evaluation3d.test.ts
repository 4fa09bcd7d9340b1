/**
 * The 3-D evaluation kit through core/evaluate.ts with a toy model whose answers are known: its
 * encoder gives every frame the same states and its decoder returns C, so "ours" must equal Copy-C in
 * pixels and every keypoint MSE is 0; what is left to check is the scenario's part: the ray-caster's
 * floors (remove_background must find the example's floor), the mass swap through Rapier (a z′ ≠ z
 * whose CD moves more than ε) and the probe's objects (one sample per object of A).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { composeModel, makeStates, type StateRenderer } from '../core/counterfactualModel';
import { evaluateExample } from '../core/evaluate';
import { EPSILON } from '../core/filter';
import { ColourKeypointRenderer, copyCDynamics } from '../core/referenceModels';
import experiment, { trainCommands3d } from '../experiment';
import { initNodeBackend } from '../../../shared/tf/node';
import { generateExample3d } from './dataset3d';
import { evaluation3d } from './evaluation3d';
import { initPhysics } from './physics';

const still: StateRenderer = {
  name: 'still',
  imageSize: 64,
  keypoints: 2,
  stateSize: 3,
  extract: (_frames, count) => makeStates(count, 2, 3),
  decode: (states, source) => {
    const out = new Float32Array(states.frames * source.length);
    for (let t = 0; t < states.frames; t++) out.set(source, t * source.length);
    return out;
  },
  dispose() {},
};

beforeAll(async () => {
  await initPhysics();
  await initNodeBackend('cpu');
});

describe('the 3-D evaluation kit', () => {
  it('scores a CollisionCF example: the right floor, a mass swap beyond ε, C copied exactly', () => {
    const example = generateExample3d('collision', 1, 'test', 2);
    const model = composeModel(still, copyCDynamics(3));
    const ev = evaluateExample(model, example, 0, { pixelStride: 15 }, evaluation3d());
    expect(ev.maskFloor).toBe(example.floor);
    expect(ev.massSwap.combination).not.toBe(example.combination);
    expect(ev.massSwap.cdDistance).toBeGreaterThan(EPSILON);
    expect(ev.kpmse).toEqual({ ours: 0, copyB: 0, copyC: 0, zeroU: 0, massSwap: 0 });
    expect(ev.lpsnr.ours).toBe(ev.lpsnr.copyC);
    expect(ev.psnr.ours).toBe(ev.psnr.copyC);
    expect(Number.isFinite(ev.lpsnr.copyB)).toBe(true);
    expect(ev.pixelTimes).toEqual([0, 15, 30, 45, 60]);
    expect(ev.probe).toHaveLength(example.n);
    expect(ev.filterJudged).toBe(1 + example.stats.notCounterfactual + example.stats.notIdentifiable);
  });

  it('the experiment scores a trained 3-D scenario under its prefix and names the commands for an untrained one', async () => {
    const tiny = { testExamples: 3, probeTrainExamples: 3, pixelStride: 25, bootstrapResamples: 50 };
    const report = await experiment({
      quick: true,
      seed: 2,
      model: composeModel(new ColourKeypointRenderer(64, 3), copyCDynamics(3)),
      sizes: tiny,
      scenarios3d: ['collision', 'blocktower'],
      models3d: { collision: composeModel(still, copyCDynamics(3)) },
      sizes3d: { collision: tiny },
      read3d: () => async () => null,
    });
    const m = report.metrics;
    for (const k of ['kpmse.ours', 'kpmse.copyB', 'kpmse.copyC', 'lpsnr.ours', 'lpsnr.copyC', 'psnr.ours', 'filter.keptFraction', 'massProbe.accuracy']) {
      expect(m[`collision.${k}`], k).toBeDefined();
      expect(m[`balls.${k}`], k).toBeDefined();
    }
    expect(m['collision.lpsnr.ours']).toBe(m['collision.lpsnr.copyC']);
    expect(m['collision.maskFloorAgreement']).toBe(1);
    expect(Object.keys(m).some((k) => k.startsWith('blocktower.'))).toBe(false);
    const s3 = report.scenarios3d as Record<string, { trained: boolean; train?: string }>;
    expect(s3.collision.trained).toBe(true);
    expect(s3.blocktower).toEqual({ trained: false, metrics: {}, train: trainCommands3d('blocktower') });
    expect(s3.blocktower.train).toContain('scripts/train/cophy.ts --scenario blocktower --stage derender');
  });

  it('--part runs one 3-D scenario alone, without BallsCF, and rejects a part it does not have', async () => {
    const tiny = { testExamples: 2, probeTrainExamples: 2, pixelStride: 25, bootstrapResamples: 20 };
    const report = await experiment({ quick: true, seed: 2, part: 'collision', models3d: { collision: composeModel(still, copyCDynamics(3)) }, sizes3d: { collision: tiny } });
    expect(report.metrics['collision.testExamples']).toBe(2);
    expect(Object.keys(report.metrics).some((k) => k.startsWith('balls.') || k.startsWith('blocktower.'))).toBe(false);
    await expect(experiment({ quick: true, seed: 2, part: 'towers' })).rejects.toThrow(/no part "towers": use balls, blocktower or collision/);
  });
});
