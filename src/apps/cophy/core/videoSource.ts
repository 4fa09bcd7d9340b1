/**
 * Where a training stage gets its pixels: the de-rendering trainer, the keypoint extraction and the
 * keypoint check only need an example's frames and, for the check, where its objects sit in the image.
 * BallsCF draws them with the 2-D renderer (render.ts); the 3-D scenarios of part 2 (BlocktowerCF,
 * CollisionCF) plug in the ray-caster (core3d/videoSource3d.ts). The model and its losses are the same
 * for all three scenarios, as in the paper (arXiv 2202.00368 §4.3: one de-rendering module per scenario,
 * trained the same way).
 */
import { ballRadiusPixels, ballToPixel, renderBackground, renderExampleFrame } from './render';
import { positionAt, type Trajectory } from './simulator';

export type VideoPart = 'ab' | 'cd';

export interface VideoSource<E> {
  /** what the check's summary calls an object ("ball", "object") */
  readonly objectNoun: string;
  /** frames in the part's video */
  frames(example: E, part: VideoPart): number;
  /** the frame at t as size × size RGB bytes */
  render(example: E, part: VideoPart, t: number, size: number): Uint8Array;
  /** image position (x = column, y = row, in pixels, 0 at the top-left corner) of each object's centre at t */
  objectPixels(example: E, part: VideoPart, t: number, size: number): [number, number][];
  /** what counts as "on the object" for the keypoint check, in pixels */
  objectRadiusPx(size: number): number;
  /** the example's empty scene (no object) as size × size RGB bytes, where the renderer can draw one (the object-weighted loss needs it) */
  background?(example: E, size: number): Uint8Array;
}

/** What BallsCF's stages need of an example: its trajectories and how to draw them. */
export interface BallsVideoExample {
  readonly colors: readonly number[];
  readonly c: { readonly objects: readonly number[] };
  readonly floor: number;
  readonly ab: Trajectory;
  readonly cd: Trajectory;
}

export const BALLS_VIDEO_SOURCE: VideoSource<BallsVideoExample> = {
  objectNoun: 'ball',
  frames: (example, part) => example[part].frames,
  render: (example, part, t, size) => renderExampleFrame(example, part, t, size),
  objectPixels: (example, part, t, size) => {
    const trajectory = example[part];
    return Array.from({ length: trajectory.n }, (_, b) => ballToPixel(...positionAt(trajectory, t, b), size));
  },
  objectRadiusPx: (size) => ballRadiusPixels(size),
  background: (example, size) => renderBackground(example.floor, size),
};
