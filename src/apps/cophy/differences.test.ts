import { describe, expect, it } from 'vitest';
import { DIFFERENCES } from './differences';
import { DATASET_SIZES } from './core/dataset';
import { EPSILON } from './core/filter';
import { MAX_SHIFT_TRIALS, REMOVE_PROBABILITY } from './core/interventions';
import { BALL_RADIUS, DAMPING_PER_FRAME, DEFAULT_BALLS, DEFAULT_SUBSTEPS, FPS, FRAMES, LINEAR_DAMPING, WALL_LIMIT } from './core/simulator';
import { IMAGE_SIZE } from './core/render';

describe('the differences list says what the code does', () => {
  it('states the constants the code uses', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain(`N = ${DEFAULT_BALLS} balls`);
    expect(text).toContain(`${DEFAULT_SUBSTEPS} sub-steps per 25 fps frame`);
    expect(text).toContain(`ε = ${EPSILON}`);
    expect(text).toContain(`at most ${MAX_SHIFT_TRIALS} trials per AB`);
    expect(text).toContain('removal in 30%');
    expect(text).toContain('1,000 training, 100 validation and 200 test');
    expect(text).toContain(`${IMAGE_SIZE} × ${IMAGE_SIZE} RGB`);
    expect(text).toContain('radius 0.5, walls at ±4.3');
    expect(text).toContain("the paper's 27.7k / 6.0k / 3.0k");
    expect([BALL_RADIUS, WALL_LIMIT, FPS, FRAMES, REMOVE_PROBABILITY, EPSILON]).toEqual([0.5, 4.3, 25, 150, 0.3, 100]);
    expect(DATASET_SIZES).toEqual({ train: 1000, val: 100, test: 200 });
    // "0.96 of themselves each second, 78% after 6 s"
    expect(LINEAR_DAMPING).toBe(0.04);
    expect(Math.round(Math.pow(DAMPING_PER_FRAME, 150) * 100)).toBe(78);
  });

  it('states the de-rendering sizes and training settings', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain('encoder 16, 16, 32, 32, 64 (official 32, 32, 64, 64, 128)');
    expect(text).toContain('256 → 256 → 128 → C+1 instead of 784 → 2048 → 1024 → 512 → C+1');
    expect(text).toContain('so ours is 0.18');
    expect(text).toContain('learning rate 0.001 on batches of 16');
    expect(text).toContain('CD frames t ∈ [0, 22] and t + 22');
    // "about 4.2M weights in the official MLP alone"
    expect(Math.round((784 * 2048 + 2048 * 1024 + 1024 * 512 + 512 * 5) / 1e5) / 10).toBe(4.2);
  });

  it('states the CoDy sizes, the frame stride and the training settings', () => {
    const text = DIFFERENCES.join('\n');
    expect(text).toContain('the lifted state has 64 numbers per keypoint (official 256)');
    expect(text).toContain('hidden width 32 (official 64), 1 extra hidden layer per MLP (official 2) and output width 64 (official 128)');
    expect(text).toContain('keeps the official 32 numbers per keypoint');
    expect(text).toContain('every 2nd frame (12.5 fps: 75 frames and a 74-step rollout');
    expect(text).toContain('learning rate 0.001 on batches of 16 (official 64)');
  });

  it('states the 3-D scenarios’ settings (core3d/)', async () => {
    const text = DIFFERENCES.join('\n');
    const { DEFAULT_SUBSTEPS_3D } = await import('./core3d/physics');
    const { DATASET3D_SIZES } = await import('./core3d/dataset3d');
    expect(text).toContain(`${DEFAULT_SUBSTEPS_3D} Rapier steps per 25 fps frame`);
    expect(text).toContain('4 cubes, 150 frames');
    expect(text).toContain('75 frames, launch speed 10');
    expect(text).toContain('BlocktowerCF 22.6k / 6.0k / 3.0k and CollisionCF 14.0k / 6.0k / 3.0k');
    expect(text).toContain('64 × 64 RGB from our own ray-caster (2 × 2 samples');
    expect(DATASET3D_SIZES).toEqual({ train: 1000, val: 100, test: 200 });
  });
});

describe('the metric differences say what the metric code does', () => {
  it('states the offset, the threshold, the quick stride and the probe', async () => {
    const { METRIC_DIFFERENCES } = await import('./differences');
    const { FOREGROUND_THRESHOLD, PREDICTION_OFFSET, PSNR_DATA_RANGE } = await import('./core/metrics');
    const { QUICK_SIZES, FULL_SIZES } = await import('./experiment');
    const text = METRIC_DIFFERENCES.join('\n');
    expect([PREDICTION_OFFSET, FOREGROUND_THRESHOLD, PSNR_DATA_RANGE]).toEqual([1e-4, 0.1, 2]);
    expect(text).toContain('data range 2, 1e-4 added');
    expect(text).toContain('above 0.1');
    expect(QUICK_SIZES.pixelStride).toBe(5);
    expect(FULL_SIZES.pixelStride).toBe(1);
    expect(text).toContain('every 5th frame');
    expect(DIFFERENCES).toEqual(expect.arrayContaining(METRIC_DIFFERENCES));
  });
});
