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
import { copyCDynamics } from '../core/referenceModels';
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
});
