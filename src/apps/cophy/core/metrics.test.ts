import { describe, expect, it } from 'vitest';
import { makeStates } from './counterfactualModel';
import { generateExample } from './dataset';
import { framesToFloat } from './derendering';
import {
  binaryClosing,
  binaryDilation,
  binaryErosion,
  copyBStates,
  copyCFrames,
  copyCStates,
  floorBackgrounds,
  foregroundPixels,
  framePsnr,
  keypointMse,
  mostProbableBackground,
  PREDICTION_OFFSET,
  psnrFromMse,
  removeBackground,
  stateMse,
  videoPixelScores,
} from './metrics';
import { ballRadiusPixels, ballToPixel, renderExampleFrame, renderFrame } from './render';

const grid = (rows: string[]) => Uint8Array.from(rows.join('').split('').map((c) => (c === '#' ? 1 : 0)));
const show = (m: Uint8Array, size: number) => Array.from({ length: size }, (_, r) => Array.from(m.subarray(r * size, (r + 1) * size), (v) => (v ? '#' : '.')).join(''));

describe('PSNR as evaluate_pipeline.py computes it (data range 2, prediction + 1e-4)', () => {
  it('identical frames give 10·log10(4 / 1e-8), not infinity', () => {
    const f = new Float32Array(12).fill(0.3);
    expect(framePsnr(f, f)).toBeCloseTo(10 * Math.log10(4 / 1e-8), 10);
    expect(framePsnr(f, f)).toBeCloseTo(86.0206, 3);
  });

  it('a uniform error e gives 10·log10(4 / (e + 1e-4)²)', () => {
    const t = new Float32Array(48).fill(-0.5);
    const p = new Float32Array(48).fill(-0.5 + 0.25);
    const e = Math.fround(-0.25) - PREDICTION_OFFSET; // truth − (prediction + 1e-4)
    expect(framePsnr(t, p)).toBeCloseTo(psnrFromMse(e * e), 6);
    expect(psnrFromMse(1)).toBeCloseTo(10 * Math.log10(4), 12);
  });

  it('L-PSNR multiplies both by the mask, adds 1e-4 after it, and averages over the whole image', () => {
    // 2 pixels: the first in the mask (error 0.5 on each channel), the second out (error 1 ignored)
    const t = Float32Array.from([0, 0, 0, 0, 0, 0]);
    const p = Float32Array.from([0.5, 0.5, 0.5, 1, 1, 1]);
    const mask = Uint8Array.from([1, 0]);
    const inside = (0.5 + PREDICTION_OFFSET) ** 2;
    const outside = PREDICTION_OFFSET ** 2;
    expect(framePsnr(t, p, mask)).toBeCloseTo(psnrFromMse((3 * inside + 3 * outside) / 6), 9);
    expect(() => framePsnr(t, p, Uint8Array.from([1]))).toThrow(/one value per pixel/);
  });
});

describe('the foreground mask of background_substraction.py', () => {
  it('closing uses the 3 × 3 cross: it fills a one-pixel gap between two bars, not a diagonal one', () => {
    const bars = grid(['.......', '..#.#..', '..#.#..', '..#.#..', '.......', '.......', '.......']);
    expect(show(binaryClosing(bars, 7), 7)).toEqual(['.......', '..#.#..', '..###..', '..#.#..', '.......', '.......', '.......']);
    // one pixel from the border the outside counts as foreground in the erosion, so the dilated rim stays
    const nearBorder = grid(['.....', '.#.#.', '.#.#.', '.#.#.', '.....']);
    expect(show(binaryClosing(nearBorder, 5), 5)).toEqual(['.....', '.#.#.', '#####', '.#.#.', '.....']);
    const diagonal = grid(['.....', '.#...', '..#..', '...#.', '.....']);
    expect(show(binaryClosing(diagonal, 5), 5)).toEqual(show(diagonal, 5));
  });

  it('dilation treats the outside as background, erosion as foreground (skimage border_value=True), so a corner pixel survives', () => {
    const corner = grid(['#..', '...', '...']);
    expect(show(binaryDilation(corner, 3), 3)).toEqual(['##.', '#..', '...']);
    expect(show(binaryErosion(grid(['###', '###', '###']), 3), 3)).toEqual(['###', '###', '###']);
    expect(show(binaryClosing(corner, 3), 3)).toEqual(['#..', '...', '...']);
  });

  it('the most probable floor of a rendered video is its own floor, and the mask covers the balls and nothing far from them', () => {
    const backgrounds = floorBackgrounds(64);
    for (let i = 0; i < 8; i++) {
      const ex = generateExample(1, 'test', i);
      const frames = [0, 40, 80, 120].map((t) => framesToFloat([renderExampleFrame(ex, 'cd', t)]));
      const { floor, masks } = removeBackground(frames, 64, backgrounds);
      expect(floor).toBe(ex.floor);
      expect(mostProbableBackground(frames, backgrounds)).toBe(ex.floor);
      const radius = ballRadiusPixels(64);
      [0, 40, 80, 120].forEach((t, fi) => {
        const centres = Array.from({ length: ex.cd.n }, (_, b) => ballToPixel(ex.cd.positions[(t * ex.cd.n + b) * 2], ex.cd.positions[(t * ex.cd.n + b) * 2 + 1]));
        let inside = 0;
        let insideHit = 0;
        for (let r = 0; r < 64; r++) {
          for (let c = 0; c < 64; c++) {
            const d = Math.min(...centres.map(([x, y]) => Math.hypot(c + 0.5 - x, r + 0.5 - y)));
            if (d > radius + 2) expect(masks[fi][r * 64 + c], `floor ${ex.floor}, pixel ${r},${c} is ${d.toFixed(1)} px from every ball`).toBe(0);
            if (d < radius - 1) {
              inside++;
              insideHit += masks[fi][r * 64 + c];
            }
          }
        }
        // the threshold is on the colour difference: a ball on a floor of a similar colour may be missed in places
        expect(insideHit / inside).toBeGreaterThan(0.8);
      });
    }
  });

  it('an empty floor has no foreground', () => {
    const bg = floorBackgrounds(32)[2];
    const empty = framesToFloat([renderFrame({ n: 0, frames: 1, positions: new Float64Array(0) }, 0, [], 2, 32)]);
    expect(foregroundPixels(empty, bg).reduce((a, v) => a + v, 0)).toBe(0);
  });
});

describe('pixel scores of a video and the pixel baselines', () => {
  it('Copy-C is perfect on frame 0 and scores what framePsnr says on the others; L-PSNR ≥ PSNR', () => {
    const ex = generateExample(2, 'test', 3);
    const times = [0, 30, 60, 90];
    const truth = times.map((t) => framesToFloat([renderExampleFrame(ex, 'cd', t)]));
    const { masks } = removeBackground(truth, 64);
    const copyC = copyCFrames(truth[0], times.length);
    const s = videoPixelScores(truth, copyC, masks);
    expect(s.psnr[0]).toBeCloseTo(86.0206, 3);
    expect(s.psnr[2]).toBeCloseTo(framePsnr(truth[2], truth[0]), 10);
    expect(s.meanPsnr).toBeCloseTo(s.psnr.reduce((a, v) => a + v, 0) / 4, 10);
    for (let i = 1; i < 4; i++) expect(s.lpsnr[i]).toBeGreaterThanOrEqual(s.psnr[i]);
    expect(() => videoPixelScores(truth, copyC.slice(1), masks)).toThrow(/as many/);
  });
});

describe('keypoint MSE as evaluate_pipeline.py l. 126', () => {
  it('averages over frames, keypoints and the two coordinates only; stateMse over every number', () => {
    const truth = makeStates(2, 2, 3, Float32Array.from([0, 0, 1, 0.5, 0.5, 1, 0, 0, 1, 0.5, 0.5, 1]));
    const pred = makeStates(2, 2, 3, Float32Array.from([0.1, 0, 0, 0.5, 0.5, 1, 0, -0.2, 1, 0.5, 0.5, 0]));
    expect(keypointMse(truth, pred)).toBeCloseTo((0.01 + 0.04) / 8, 8);
    expect(stateMse(truth, pred)).toBeCloseTo((0.01 + 1 + 0.04 + 1) / 12, 8);
    expect(keypointMse(truth, truth)).toBe(0);
    expect(() => keypointMse(truth, makeStates(1, 2, 3))).toThrow(/layout/);
  });

  it('Copy-B is AB frame by frame, Copy-C repeats C', () => {
    const ab = makeStates(3, 1, 3, Float32Array.from([0, 0, 1, 0.1, 0, 1, 0.2, 0, 1]));
    const cd = makeStates(3, 1, 3, Float32Array.from([0.5, 0.5, 1, 0.6, 0.5, 1, 0.7, 0.5, 1]));
    expect(Array.from(copyBStates(ab, 3).values)).toEqual(Array.from(ab.values));
    expect(copyBStates(ab, 2).frames).toBe(2);
    expect(Array.from(copyCStates(cd, 3).values)).toEqual([0.5, 0.5, 1, 0.5, 0.5, 1, 0.5, 0.5, 1]);
    expect(keypointMse(cd, copyCStates(cd, 3))).toBeCloseTo((0.01 + 0.04) / 6, 7);
  });
});

describe('the time average of a sampled video', () => {
  it('counts frame 0 once and lets the later scored frames stand for the rest, as a 150-frame average', async () => {
    const { videoAverage } = await import('./metrics');
    // Copy-C's shape: exact at frame 0 (86 dB), 25 dB after
    expect(videoAverage([86, 25, 25, 25], 150)).toBeCloseTo((86 + 149 * 25) / 150, 10);
    // every frame scored: the plain mean
    expect(videoAverage([1, 2, 3, 4], 4)).toBe(2.5);
    expect(videoAverage([7], 150)).toBe(7);
    expect(() => videoAverage([1, 2, 3], 2)).toThrow('3 scored frames cannot come from a 2-frame video');
    expect(() => videoAverage([], 150)).toThrow('no scores');
  });
});
