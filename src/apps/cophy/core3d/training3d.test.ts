/**
 * The training commands the page and the experiment show (training3d.ts) against the manifests of the
 * shipped 3-D weights: the step counts, N keypoints and the keypoint stride must be the ones that trained
 * them, so that a visitor who runs the commands gets the model the page uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS_3D } from './dataset3d';
import { initPhysics, physicsFingerprint } from './physics';
import { trainStages3d } from './training3d';

const manifest = (scenario: string, file: string) => {
  const path = new URL(`../weights/${scenario}/${file}.manifest.json`, import.meta.url);
  return existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as {
        training: { steps: number; physics?: string };
        config: { keypoints: number };
        keypoints?: { stride: number; physics?: string };
        physicsNote?: string;
      })
    : null;
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

  // a visitor who reruns a manifest's command at this commit gets these weights only if its frames came from
  // today's physics; weights trained on older physics must say so, with the commits that reproduce them
  it('each shipped 3-D weight file names the physics of its training frames, and says so when it is not today\'s', async () => {
    await initPhysics();
    const now = physicsFingerprint();
    for (const scenario of SCENARIOS_3D) {
      const derender = manifest(scenario, 'derender');
      const cody = manifest(scenario, 'cody');
      for (const [name, physics, file] of [
        ['derender', derender?.training.physics, derender],
        ['cody', cody?.keypoints?.physics, cody],
      ] as const) {
        if (!file) continue;
        expect(physics, `${scenario}/${name}.manifest.json names no physics`).toBeTypeOf('string');
        if (physics === now) expect(file.physicsNote, `${scenario}/${name}: a note about older physics on weights trained on today's`).toBeUndefined();
        else expect(file.physicsNote, `${scenario}/${name} was trained on ${physics}, not ${now}: its manifest must say which commits reproduce it`).toMatch(/commits its segments name/);
      }
    }
  });
});

