/**
 * The 3-D scenarios as training data (issue #14): what `scripts/train/cophy.ts --scenario blocktower|collision`
 * stores of a filtered example, how it comes back, and the ray-caster as the stages' video source
 * (core/videoSource.ts).
 *
 * Generating a BlocktowerCF example costs seconds (the filter simulates every mass combination of up to
 * 10 shifted towers, core3d/dataset3d.ts), so the trainer keeps a record of each kept example: all of it
 * but the videos, a few hundred numbers. The two videos come back by simulating
 * A and C once each under the true masses, which is what the generator did (filter3d.ts: AB under all
 * masses, CD under C's objects' masses), and Rapier's deterministic build makes them the same bytes.
 */
import type { VideoSource } from '../core/videoSource';
import type { Example3d } from './dataset3d';
import { FLOOR_COUNT_3D, scenarioSimulator } from './dataset3d';
import { position3dAt } from './physics';
import { objectRadiusPixels3d, projectToPixel3d, renderBackground3d, renderExampleFrame3d } from './raycast';

/**
 * A kept example as JSON: everything of Example3d but its two videos (the starts, masses, look,
 * do-operation, filter labels and statistics), typed arrays written as { f64: [...] }.
 */
export type TrainingRecord3d = Record<string, unknown> & { scenario: Example3d['scenario']; index: number };

function toJsonValue(v: unknown): unknown {
  if (v instanceof Float64Array) return { f64: Array.from(v) };
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

function fromJsonValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJsonValue);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'f64' && Array.isArray(o.f64)) return Float64Array.from(o.f64 as number[]);
    return Object.fromEntries(keys.map((k) => [k, fromJsonValue(o[k])]));
  }
  return v;
}

export function toTrainingRecord3d(e: Example3d): TrainingRecord3d {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { ab, cd, ...rest } = e;
  return toJsonValue(rest) as TrainingRecord3d;
}

/**
 * The example back from its record, its AB and CD simulated once each under the true masses (AB from
 * A, CD from C with C's objects' masses: what the generator kept). Physics must be initialised.
 */
export function fromTrainingRecord3d(r: TrainingRecord3d, substeps?: number): Example3d {
  const rest = fromJsonValue(r) as Omit<Example3d, 'ab' | 'cd'>;
  const simulate = scenarioSimulator(rest.scenario, substeps);
  return {
    ...rest,
    ab: simulate(rest.a, rest.masses),
    cd: simulate(rest.c.scene, rest.c.objects.map((k) => rest.masses[k])),
  };
}

// the empty floors, drawn once per (floor, size): the object-weighted loss asks for one per batch item
const emptyFloors = new Map<string, Uint8Array>();

/** The empty floor `floor` as the camera sees it, drawn once per (floor, size) and shared: read it, never write it. */
export function emptyFloor3d(floor: number, size: number): Uint8Array {
  const key = `${floor}/${size}`;
  let image = emptyFloors.get(key);
  if (!image) emptyFloors.set(key, (image = renderBackground3d(floor, size)));
  return image;
}

/** Every 3-D floor at `size`: remove_background's candidates for D's L-PSNR mask, in the experiment (evaluation3d.ts) and on the page (worker/predict3d.ts). */
export function floorBackgrounds3d(size: number): Uint8Array[] {
  return Array.from({ length: FLOOR_COUNT_3D }, (_, f) => emptyFloor3d(f, size));
}

export const VIDEO_SOURCE_3D: VideoSource<Example3d> = {
  objectNoun: 'object',
  frames: (example, part) => example[part].frames,
  render: (example, part, t, size) => renderExampleFrame3d(example, part, t, size),
  objectPixels: (example, part, t, size) => {
    const trajectory = example[part];
    return Array.from({ length: trajectory.n }, (_, k) => projectToPixel3d(...position3dAt(trajectory, t, k), size));
  },
  objectRadiusPx: (size) => objectRadiusPixels3d(size),
  background: (example, size) => emptyFloor3d(example.floor, size),
};
