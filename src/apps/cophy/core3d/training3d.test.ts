/**
 * The training commands the page and the experiment show (training3d.ts) against the manifests of the
 * shipped 3-D weights: the step counts, N keypoints and the keypoint stride must be the ones that trained
 * them, so that a visitor who runs the commands gets the model the page uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS_3D } from './dataset3d';
import { trainStages3d } from './training3d';

const manifest = (scenario: string, file: string) => {
  const path = new URL(`../weights/${scenario}/${file}.manifest.json`, import.meta.url);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { training: { steps: number }; config: { keypoints: number }; keypoints?: { stride: number } }) : null;
};
const flag = (command: string, name: string) => Number(new RegExp(`--${name} (\\d+)`).exec(command)?.[1]);

describe('the 3-D training commands', () => {
  for (const scenario of SCENARIOS_3D) {
    it(`${scenario}: the steps, keypoints and stride of its shipped manifests`, () => {
      const derender = manifest(scenario, 'derender');
      const cody = manifest(scenario, 'cody');
      if (!derender || !cody) return; // not shipped: nothing to agree with
      const [d, k, c] = trainStages3d(scenario);
      expect(flag(d, 'steps')).toBe(derender.training.steps);
      expect(flag(d, 'keypoints')).toBe(derender.config.keypoints);
      expect(flag(k, 'stride')).toBe(cody.keypoints?.stride);
      expect(flag(c, 'steps')).toBe(cody.training.steps);
      expect(flag(c, 'stride')).toBe(cody.keypoints?.stride);
    });
  }
});
