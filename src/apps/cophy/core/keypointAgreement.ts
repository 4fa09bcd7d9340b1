/**
 * How well unsupervised keypoints sit on the balls: at frame 0 of each example's CD video, each ball is
 * matched to a distinct keypoint (the assignment with the smallest total distance, by brute force; K ≥
 * balls), and we report the matched distances in pixels. Keypoints map to pixels as the official
 * visualisation does (train_derendering.py vizu l. 74–76: (u + 1)/2 · size). For scale, the same
 * figure for keypoints all at the image centre is reported beside it.
 */
import { framesToFloat, type DerenderModel } from './derendering';
import { BALLS_VIDEO_SOURCE, type BallsVideoExample, type VideoSource } from './videoSource';

export interface KeypointAgreement {
  frames: number;
  balls: number;
  /** mean distance from a ball's centre to its matched keypoint, pixels */
  meanDistancePx: number;
  /** share of balls whose matched keypoint lies within one ball radius of the centre */
  withinRadius: number;
  /** share within one ball diameter */
  withinDiameter: number;
  /** the mean distance if every keypoint sat at the image centre (a reference) */
  centreDistancePx: number;
  summary: string;
}

/** Smallest total distance of an injective assignment balls → keypoints (brute force; fine for K ≤ 8). */
export function matchBalls(balls: readonly (readonly [number, number])[], keypoints: readonly (readonly [number, number])[]): number[] {
  let best = Infinity;
  let bestDists: number[] = [];
  const used = new Array<boolean>(keypoints.length).fill(false);
  const dists: number[] = [];
  const visit = (b: number, total: number) => {
    if (total >= best) return;
    if (b === balls.length) {
      best = total;
      bestDists = [...dists];
      return;
    }
    for (let k = 0; k < keypoints.length; k++) {
      if (used[k]) continue;
      const d = Math.sqrt((balls[b][0] - keypoints[k][0]) ** 2 + (balls[b][1] - keypoints[k][1]) ** 2);
      used[k] = true;
      dists.push(d);
      visit(b + 1, total + d);
      dists.pop();
      used[k] = false;
    }
  };
  visit(0, 0);
  return bestDists;
}

export function keypointAgreement(model: DerenderModel, examples: readonly BallsVideoExample[], chunk?: number): KeypointAgreement;
export function keypointAgreement<E>(model: DerenderModel, examples: readonly E[], chunk: number | undefined, source: VideoSource<E>): KeypointAgreement;
export function keypointAgreement<E>(model: DerenderModel, examples: readonly E[], chunk = 16, source?: VideoSource<E>): KeypointAgreement {
  const video = source ?? (BALLS_VIDEO_SOURCE as unknown as VideoSource<E>);
  const size = model.config.imageSize;
  const k = model.config.keypoints;
  const radius = video.objectRadiusPx(size);
  const all: number[] = [];
  const centre: number[] = [];
  for (let start = 0; start < examples.length; start += chunk) {
    const part = examples.slice(start, start + chunk);
    const frames = framesToFloat(part.map((e) => video.render(e, 'cd', 0, size)));
    const { keypoints } = model.keypointsOf(frames, part.length);
    part.forEach((e, i) => {
      const balls = video.objectPixels(e, 'cd', 0, size);
      const kps: [number, number][] = [];
      for (let j = 0; j < k; j++) {
        const row = keypoints[(i * k + j) * 2];
        const col = keypoints[(i * k + j) * 2 + 1];
        kps.push([((col + 1) / 2) * size, ((row + 1) / 2) * size]);
      }
      all.push(...matchBalls(balls, kps));
      for (const [x, y] of balls) centre.push(Math.sqrt((x - size / 2) ** 2 + (y - size / 2) ** 2));
    });
  }
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
  const meanDistancePx = mean(all);
  const withinRadius = all.filter((d) => d <= radius).length / Math.max(1, all.length);
  const withinDiameter = all.filter((d) => d <= 2 * radius).length / Math.max(1, all.length);
  const centreDistancePx = mean(centre);
  const summary =
    `${all.length} ${video.objectNoun}s in ${examples.length} frames (CD, t = 0): matched keypoint ${meanDistancePx.toFixed(2)} px away on average ` +
    `(keypoints at the centre: ${centreDistancePx.toFixed(2)} px), ${(100 * withinRadius).toFixed(0)}% within ${/^[aeiou]/.test(video.objectNoun) ? 'an' : 'a'} ${video.objectNoun} radius (${radius.toFixed(1)} px), ` +
    `${(100 * withinDiameter).toFixed(0)}% within a diameter`;
  return { frames: examples.length, balls: all.length, meanDistancePx, withinRadius, withinDiameter, centreDistancePx, summary };
}
