import { describe, expect, it } from 'vitest';
import type { VerdictInfo } from '../worker/protocol';
import type { Setup3d } from '../worker/intervention3d';
import { cophy3dHeadline } from './headline3d';

const tower: Setup3d = { scenario: 'blocktower', colors: [0, 1, 2, 3] };
const arena: Setup3d = { scenario: 'collision', colors: [0, 1] };
const example = { n: 4, masses: [1, 10, 1, 10], frames: 150 };

const kept: VerdictInfo = {
  epsilon: 100,
  kept: true,
  reason: 'kept',
  counterfactual: [1],
  consequential: [1, 2],
  confusable: [3],
  ambiguous: [],
  flipChange: [12, 340, 80, null],
  abFlipChange: [5, 400, 150, 0],
};

describe('the 3-D headline', () => {
  it('waits for the example, then says what C does to the tower and what the filter decides', () => {
    expect(cophy3dHeadline({ example: null, setup: null, what: null, evaluation: null, scenarioName: 'BlocktowerCF' }).state).toBe('waiting');
    const h = cophy3dHeadline({ example, setup: tower, what: 'Removing the top cube', evaluation: { problem: null, verdict: kept, cStable: false }, scenarioName: 'BlocktowerCF' });
    expect(h.state).toBe('done');
    expect(h.sentence).toMatch(/^Removing the top cube leaves a tower that falls: the filter keeps this C — the masses can be read off AB, and the hidden mass of the \w+ cube changes D\.$/);
    const byId = Object.fromEntries(h.figures.map((f) => [f.id, f]));
    expect(byId.tower.text).toBe('falls');
    expect(byId.flip.value).toBe(340);
    expect(byId.confusable.text).toBe('1 of 15');
    expect(byId['model-keypoints']).toBeUndefined();
  });

  it('names a rejection with the scenario’s objects, and a problem as it is', () => {
    const rejected: VerdictInfo = { ...kept, kept: false, reason: 'not-counterfactual', counterfactual: [], flipChange: [20, 60] };
    const h = cophy3dHeadline({ example: { n: 2, masses: [1, 10], frames: 75 }, setup: arena, what: 'Flipping the resting cylinder (standing → lying)', evaluation: { problem: null, verdict: rejected, cStable: null }, scenarioName: 'CollisionCF' });
    expect(h.sentence).toBe(
      "Flipping the resting cylinder (standing → lying): the filter rejects this C — no single object's hidden mass changes D by more than ε (the largest change is 60), so D could be predicted without inferring the masses.",
    );
    expect(h.figures.map((f) => f.id)).not.toContain('tower');
    const p = cophy3dHeadline({ example, setup: tower, what: 'Moving the red cube to (3.00, 0.00)', evaluation: { problem: 'the cube would sit inside another', verdict: null, cStable: null }, scenarioName: 'BlocktowerCF' });
    expect(p.sentence).toBe('Moving the red cube to (3.00, 0.00) cannot be simulated: the cube would sit inside another');
  });

  it('adds the model’s figure once its D is decoded, and not while a C is dragged', () => {
    const frames = 3;
    const k = 2;
    const truth = new Float32Array(frames * k * 2).map((_, i) => (i % 4) * 0.1);
    const positions = truth.map((v) => v + 0.05);
    const curves = { psnr: new Float64Array([20, 21, 22]), lpsnr: new Float64Array([25, 26, NaN]) };
    const prediction = { status: 'done', size: 64, keypoints: k, positions, truthPositions: truth, ours: curves, copyC: { psnr: curves.psnr, lpsnr: new Float64Array([24, 24, 24]) } };
    const input = { example: { n: 2, masses: [1, 10], frames: 75 }, setup: arena, what: 'Flipping the resting cylinder (standing → lying)', evaluation: { problem: null, verdict: kept, cStable: null }, scenarioName: 'CollisionCF', prediction };
    const model = cophy3dHeadline(input).figures.find((f) => f.id === 'model-keypoints')!;
    // every keypoint 0.05·√2 from its truth, in keypoint units spanning 64 px over 2
    expect(model.value).toBeCloseTo(0.05 * Math.SQRT2 * 32, 3);
    expect(model.detail).toContain('L-PSNR 25.5 vs 24.0 dB');
    const dragging = cophy3dHeadline({ ...input, dragging: true });
    expect(dragging.state).toBe('running');
    expect(dragging.figures.find((f) => f.id === 'model-keypoints')).toBeUndefined();
  });
});
