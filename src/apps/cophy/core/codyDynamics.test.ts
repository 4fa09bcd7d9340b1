import { describe, expect, it } from 'vitest';
import { confounder, DEFAULT_CODY_CONFIG, initialCodyParams, packCodyWeights, rolloutPlain } from './cody';
import { CodyDynamics, loadCodyDynamics } from './codyDynamics';
import { withVelocities } from './keypointStates';
import { createRng } from '../../../shared/random';

const config = DEFAULT_CODY_CONFIG;
const raw = config.stateSize / 2;
const k = config.keypoints;

function states(frames: number, seed: number) {
  const rng = createRng(seed);
  const values = new Float32Array(frames * k * raw);
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-1, 1);
  return { frames, keypoints: k, stateSize: raw, values };
}

function bytesOf(weights: Float32Array): Uint8Array {
  return new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength);
}

describe('CoDy behind the model seam', () => {
  const params = initialCodyParams(config, 3);
  const weights = bytesOf(packCodyWeights(config, params));

  it('loads cody.bin with its manifest and rolls out what cody.ts computes, velocities added on the way in and dropped on the way out', async () => {
    const dynamics = await loadCodyDynamics({ manifest: { config, keypoints: { stride: 2 } }, weights }, { keypoints: k, stateSize: raw });
    expect(dynamics.timeStride).toBe(2);
    expect(dynamics.confounderSize).toBe(config.confounderSize);
    const ab = states(10, 1);
    const u = dynamics.confounder(ab);
    expect(Array.from(u)).toEqual(Array.from(confounder(config, params, withVelocities(ab.values, 10, k, raw), 10)));
    const c = states(1, 2);
    const out = dynamics.rollout(c, u, 6);
    expect([out.frames, out.keypoints, out.stateSize]).toEqual([7, k, raw]);
    const full = rolloutPlain(config, params, { c: withVelocities(c.values, 1, k, raw), horizon: 6, u });
    for (let t = 0; t <= 6; t++) {
      for (let p = 0; p < k; p++) {
        const i = t * k + p;
        expect(Array.from(out.values.subarray(i * raw, (i + 1) * raw))).toEqual(Array.from(full.subarray(i * 2 * raw, i * 2 * raw + raw)));
      }
    }
  });

  it('names the mismatch when CoDy and the de-rendering model disagree, and a manifest without its config', () => {
    expect(() => loadCodyDynamics({ manifest: { config }, weights }, { keypoints: k + 1, stateSize: raw })).toThrow(/retrain CoDy on this de-rendering model/);
    expect(() => loadCodyDynamics({ manifest: {}, weights }, { keypoints: k, stateSize: raw })).toThrow(/no "config"/);
    const dynamics = new CodyDynamics(config, params, 1);
    expect(() => dynamics.rollout(states(2, 4), new Float32Array(k * config.confounderSize), 3)).toThrow(/one frame/);
  });
});
