/**
 * The 3-D scenarios as training data (issue #14): what `scripts/train/cophy.ts --scenario blocktower|collision`
 * stores of a filtered example, how it comes back, and the ray-caster as the stages' video source
 * (core/videoSource.ts).
 *
 * Generating a BlocktowerCF example costs seconds (the filter simulates every mass combination of up to
 * 10 shifted towers, core3d/dataset3d.ts), so the trainer keeps a record of each kept example: the
 * starts A and C, the masses and the look, a few hundred numbers. The two videos come back by simulating
 * A and C once each under the true masses, which is what the generator did (filter3d.ts: AB under all
 * masses, CD under C's objects' masses), and Rapier's deterministic build makes them the same bytes.
 */
import type { Split } from '../core/dataset';
import type { VideoSource } from '../core/videoSource';
import type { Example3d, Scenario3d } from './dataset3d';
import { scenarioSimulator } from './dataset3d';
import { makeScene3d, position3dAt, type ObjectKind, type Scene3d, type Trajectory3d } from './physics';
import { objectRadiusPixels3d, projectToPixel3d, renderExampleFrame3d } from './raycast';

interface SceneRecord {
  kinds: ObjectKind[];
  positions: number[];
  rotations: number[];
  velocities: number[];
}

/** A kept example as JSON: enough to simulate and draw its two videos. */
export interface TrainingRecord3d {
  scenario: Scenario3d;
  split: Split;
  index: number;
  masses: number[];
  colors: number[];
  floor: number;
  a: SceneRecord;
  c: { scene: SceneRecord; objects: number[] };
  consequentialObjects: number[];
  cdStable: boolean | null;
}

/** What the stages use: the record's look and its simulated videos. */
export interface TrainingExample3d {
  readonly scenario: Scenario3d;
  readonly index: number;
  readonly masses: readonly number[];
  readonly colors: readonly number[];
  readonly floor: number;
  readonly a: Scene3d;
  readonly c: { readonly scene: Scene3d; readonly objects: readonly number[] };
  readonly consequentialObjects: readonly number[];
  readonly ab: Trajectory3d;
  readonly cd: Trajectory3d;
}

const sceneRecord = (s: Scene3d): SceneRecord => ({ kinds: [...s.kinds], positions: Array.from(s.positions), rotations: Array.from(s.rotations), velocities: Array.from(s.velocities) });
const sceneOf = (r: SceneRecord): Scene3d => makeScene3d(r.kinds, r.positions, r.rotations, r.velocities);

export function toTrainingRecord3d(e: Example3d): TrainingRecord3d {
  return {
    scenario: e.scenario,
    split: e.split,
    index: e.index,
    masses: [...e.masses],
    colors: [...e.colors],
    floor: e.floor,
    a: sceneRecord(e.a),
    c: { scene: sceneRecord(e.c.scene), objects: [...e.c.objects] },
    consequentialObjects: [...e.consequentialObjects],
    cdStable: e.cdStable,
  };
}

/** Simulates a record's AB and CD (physics.ts must be initialised: await initPhysics()). */
export function fromTrainingRecord3d(r: TrainingRecord3d, substeps?: number): TrainingExample3d {
  const simulate = scenarioSimulator(r.scenario, substeps);
  const a = sceneOf(r.a);
  const cScene = sceneOf(r.c.scene);
  return {
    scenario: r.scenario,
    index: r.index,
    masses: r.masses,
    colors: r.colors,
    floor: r.floor,
    a,
    c: { scene: cScene, objects: r.c.objects },
    consequentialObjects: r.consequentialObjects,
    ab: simulate(a, r.masses),
    cd: simulate(cScene, r.c.objects.map((k) => r.masses[k])),
  };
}

export const VIDEO_SOURCE_3D: VideoSource<TrainingExample3d> = {
  objectNoun: 'object',
  frames: (example, part) => example[part].frames,
  render: (example, part, t, size) => renderExampleFrame3d(example, part, t, size),
  objectPixels: (example, part, t, size) => {
    const trajectory = example[part];
    return Array.from({ length: trajectory.n }, (_, k) => projectToPixel3d(...position3dAt(trajectory, t, k), size));
  },
  objectRadiusPx: (size) => objectRadiusPixels3d(size),
};
