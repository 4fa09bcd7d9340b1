import { describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { makeStates } from './counterfactualModel';
import { generateExample } from './dataset';
import { framesToFloat } from './derendering';
import { BALLS_VIDEO_SOURCE } from './videoSource';
import {
  ballObjects,
  fitLinearProbe,
  keypointCodes,
  majorityAccuracy,
  matchObjectsToKeypoints,
  objectKeypoint,
  probeAccuracy,
  probeCountsByExample,
  probeSamples,
  sampleFeatures,
  selectSamples,
  withFeatures,
  type ProbeSample,
} from './massProbe';
import { ColourKeypointRenderer } from './referenceModels';
import { renderExampleFrame } from './render';

function sample(features: number[], heavy: 0 | 1, example = 0, flags: Partial<ProbeSample> = {}): ProbeSample {
  const code = Float32Array.from(features);
  return { example, ball: 0, keypoint: 0, distance: 0, features: code, ownCode: code, othersCode: new Float32Array(code.length), heavy, consequential: true, counterfactual: true, determined: null, ...flags };
}

describe('matching keypoints to balls', () => {
  it('finds the assignment with the smallest total distance, not the greedy one', () => {
    // greedy (object 0 first) would take keypoint 0 (distance 0.1) and leave object 1 with keypoint 1 (far)
    const objects: [number, number][] = [
      [0, 0],
      [0, 0.2],
    ];
    const keypoints: [number, number][] = [
      [0, 0.1],
      [0, -0.05],
      [0.9, 0.9],
    ];
    expect(matchObjectsToKeypoints(objects, keypoints)).toEqual([1, 0]);
    expect(() => matchObjectsToKeypoints(objects, keypoints.slice(0, 1))).toThrow(/cannot match/);
  });

  it('the projection puts a ball on its colour keypoint: balls of rendered frames match within a pixel', () => {
    const renderer = new ColourKeypointRenderer(64, 3);
    for (let i = 0; i < 6; i++) {
      const ex = generateExample(4, 'test', i);
      const ab = renderer.extract(framesToFloat([renderExampleFrame(ex, 'ab', 0)]), 1);
      const u = new Float32Array(3 * 2);
      const samples = probeSamples(ex, 0, ab, u, 2, ballObjects(ex, 64));
      expect(samples).toHaveLength(ex.n);
      for (const s of samples) {
        // the colour renderer's keypoint k is palette colour k; ball b has colour ex.colors[b]
        expect(s.keypoint).toBe(ex.colors[s.ball]);
        expect(s.distance).toBeLessThan(2 / 64); // one pixel in [−1, 1] units
        expect(s.heavy).toBe(ex.masses[s.ball] === 10 ? 1 : 0);
        expect(s.consequential).toBe(ex.consequentialObjects.includes(s.ball));
      }
      const [row, col] = objectKeypoint(0, 0, 64);
      expect([row, col]).toEqual([0, 0]);
      // what the evaluation reads through the video source is the same: A's balls are AB's frame 0
      const viaSource = BALLS_VIDEO_SOURCE.objectPixels(ex, 'ab', 0, 64).map(([x, y]) => [(2 * y) / 64 - 1, (2 * x) / 64 - 1]);
      expect(viaSource).toEqual(ballObjects(ex, 64));
    }
  });
});

describe('the linear mass probe', () => {
  it('learns a mass written linearly into u, and stays near chance on noise', () => {
    const rng = createRng(5);
    const make = (n: number, informative: boolean) =>
      Array.from({ length: n }, (_, i) => {
        const heavy = (rng.next() < 0.5 ? 1 : 0) as 0 | 1;
        const f = Array.from({ length: 32 }, () => rng.normal());
        if (informative) f[3] += heavy ? 1.5 : -1.5;
        return sample(f, heavy, i);
      });
    const probe = fitLinearProbe(make(200, true));
    expect(probeAccuracy(probe, make(300, true)).accuracy).toBeGreaterThan(0.85);
    const noise = fitLinearProbe(make(200, false));
    const acc = probeAccuracy(noise, make(300, false)).accuracy;
    expect(acc).toBeGreaterThan(0.35);
    expect(acc).toBeLessThan(0.65);
    // deterministic: the same samples give the same weights
    const fixed = make(50, true);
    expect(Array.from(fitLinearProbe(fixed).weights)).toEqual(Array.from(fitLinearProbe(fixed).weights));
  });

  it('stays finite on separable data and on constant features', () => {
    const train = [sample([0, 1], 0), sample([0, 2], 0), sample([0, 3], 1), sample([0, 4], 1)];
    const probe = fitLinearProbe(train);
    expect(Number.isFinite(probe.bias)).toBe(true);
    expect(Array.from(probe.weights).every(Number.isFinite)).toBe(true);
    expect(probe.trainAccuracy).toBe(1);
  });

  it('counts only the chosen objects, per example, and the majority floor', () => {
    const samples = [
      sample([1], 1, 0, { consequential: true, counterfactual: false }),
      sample([-1], 0, 0, { consequential: false, counterfactual: false }),
      sample([1], 1, 1, { consequential: true, counterfactual: true, determined: true }),
    ];
    expect(selectSamples(samples, 'consequential')).toHaveLength(2);
    // 'determined' keeps the consequential balls whose mass AB pins down, and never an unknown one
    expect(selectSamples(samples, 'determined').map((s) => s.example)).toEqual([1]);
    expect(selectSamples(samples, 'counterfactual')).toHaveLength(1);
    expect(selectSamples(samples, 'all')).toHaveLength(3);
    const probe = fitLinearProbe(samples);
    const counts = probeCountsByExample(probe, selectSamples(samples, 'consequential'), 2);
    expect(Array.from(counts.total)).toEqual([1, 1]);
    expect(Array.from(counts.correct)).toEqual([1, 1]);
    expect(majorityAccuracy(samples, samples)).toBeCloseTo(2 / 3, 12);
    expect(() => probeSamples(generateExample(1, 'test', 0), 0, makeStates(1, 3, 3), new Float32Array(5), 2, ballObjects(generateExample(1, 'test', 0), 64))).toThrow(/u has 5 values/);
  });
});

describe('what the probe reads of u', () => {
  it('splits u into the ball’s own code and the mean of the other keypoints’ codes', () => {
    const u = Float32Array.from([1, 2, 3, 5, 10, 20]); // 3 keypoints × 2
    const c = keypointCodes(u, 1, 3, 2);
    expect(Array.from(c.ownCode)).toEqual([3, 5]);
    expect(Array.from(c.othersCode)).toEqual([5.5, 11]);
    expect(Array.from(sampleFeatures(c, 'own'))).toEqual([3, 5]);
    expect(Array.from(sampleFeatures(c, 'relative'))).toEqual([-2.5, -6]);
    expect(Array.from(keypointCodes(Float32Array.from([4, 7]), 0, 1, 2).othersCode)).toEqual([4, 7]);
    expect(() => keypointCodes(u, 0, 2, 2)).toThrow(/u has 6 values; 2 keypoints × 2 expected/);
  });

  it('a mass shown only as a ratio: the relative probe reads it where the own code cannot', () => {
    // Each example adds a shared offset to every code (what u may carry of the whole scene); the heavy ball's
    // code sits 1 above its example's others. Own codes mix the offset in; relative ones remove it.
    const rng = createRng('probe/relative');
    const make = (examples: number, first: number) => {
      const out: ProbeSample[] = [];
      for (let e = 0; e < examples; e++) {
        const offset = rng.uniform(-3, 3);
        const heavyBall = rng.int(3);
        const u = Float32Array.from({ length: 3 }, (_, k) => offset + (k === heavyBall ? 1 : 0) + rng.uniform(-0.025, 0.025));
        for (let k = 0; k < 3; k++) {
          const codes = keypointCodes(u, k, 3, 1);
          out.push({ ...sample([], k === heavyBall ? 1 : 0, first + e), ball: k, keypoint: k, features: codes.ownCode, ...codes });
        }
      }
      return out;
    };
    const train = make(200, 0);
    const test = make(100, 200);
    const relative = probeAccuracy(fitLinearProbe(withFeatures(train, 'relative')), withFeatures(test, 'relative')).accuracy;
    const own = probeAccuracy(fitLinearProbe(withFeatures(train, 'own')), withFeatures(test, 'own')).accuracy;
    expect(relative).toBeGreaterThan(0.95);
    expect(own).toBeLessThan(0.8);
  });
});
