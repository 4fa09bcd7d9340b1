/**
 * The page's side of `predict`: the streamed messages folded into the live store's prediction in the
 * order the worker sends them (keypoints, reference, frame batches in any order, the answer), the
 * 'no-weights' answer kept while the next C is asked about, and the player's frame → model time.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Intervention, PredictProgress } from '../worker/protocol';
import { emptyPrediction, timeIndex, withProgress, withResult, workerTfStatus } from './liveStore';

const WASM = { name: 'wasm', reason: 'WebGL is not available', forced: false } as const;

beforeAll(() => {
  if (typeof ImageData === 'undefined') {
    vi.stubGlobal(
      'ImageData',
      class {
        constructor(
          readonly data: Uint8ClampedArray,
          readonly width: number,
          readonly height: number,
        ) {}
      },
    );
  }
});

describe('the prediction on the page', () => {
  const c: Intervention = { kind: 'remove', ball: 1 };
  const times = [0, 5, 10, 15, 20];
  const curves = () => ({ psnr: Float64Array.from(times, (t) => 20 + t), lpsnr: Float64Array.from(times, (t) => 10 + t) });

  it('shows the keypoints first, then fills frames and scores batch by batch, in whatever order they come', () => {
    let p = emptyPrediction<Intervention>(c, null);
    expect(p.status).toBe('loading');
    const keypoints: PredictProgress = { kind: 'keypoints', intervention: c, times, keypoints: 2, size: 4, positions: new Float32Array(5 * 2 * 2), gates: new Float32Array(5 * 2), u: new Float32Array(2 * 32).fill(0.5), abKeypoints0: new Float32Array(4) };
    p = withProgress(p, keypoints);
    expect([p.status, p.stride, p.frames.length, p.frames.some(Boolean)]).toEqual(['streaming', 5, 5, false]);
    expect(p.abduction?.u[63]).toBe(0.5);
    p = withProgress(p, { kind: 'reference', positions: new Float32Array(20), gates: new Float32Array(10), copyB: curves(), copyC: curves() });
    expect(p.copyB?.psnr[1]).toBe(25);
    const batch = (from: number, count: number): PredictProgress => ({
      kind: 'frames',
      from,
      count,
      rgba: new Uint8ClampedArray(count * 4 * 4 * 4).fill(from),
      psnr: new Float64Array(count).fill(30 + from),
      lpsnr: new Float64Array(count).fill(40 + from),
    });
    p = withProgress(p, batch(2, 3));
    expect(p.frames.map(Boolean)).toEqual([false, false, true, true, true]);
    expect(Array.from(p.ours!.psnr).map((v) => (Number.isNaN(v) ? null : v))).toEqual([null, null, 32, 32, 32]);
    p = withProgress(p, batch(0, 2));
    expect(p.frames.every(Boolean)).toBe(true);
    expect(p.frames[1]!.data[0]).toBe(0);
    expect(p.frames[4]!.width).toBe(4);
    p = withResult(p, { kind: 'predicted', intervention: c, frames: 5, model: 'm', backend: WASM, ms: 12 });
    expect([p.status, p.backend?.name]).toEqual(['done', 'wasm']);
  });

  it('maps the player’s frame to the model time at or before it', () => {
    const p = { stride: 5, times };
    expect([0, 4, 5, 9, 24, 149].map((f) => timeIndex(p, f))).toEqual([0, 0, 1, 1, 4, 4]);
  });

  it('keeps the no-weights message while the next C is asked about', () => {
    const none = withResult(emptyPrediction<Intervention>(c, null), { kind: 'no-weights', intervention: c, message: 'train it with X' });
    const next = emptyPrediction<Intervention>({ kind: 'dataset' }, none);
    expect([next.status, next.message, next.for.kind]).toEqual(['no-weights', 'train it with X', 'dataset']);
    expect(emptyPrediction<Intervention>({ kind: 'dataset' }, withResult(none, { kind: 'predicted', intervention: c, frames: 5, model: 'm', backend: null, ms: 1 })).status).toBe('loading');
  });

  it('tells the header which backend the worker runs, from the first load to the next C, and when it failed', () => {
    expect(workerTfStatus(null)).toEqual({ backend: null, error: null, starting: false });
    const first = emptyPrediction<Intervention>(c, null);
    expect(workerTfStatus(first)).toEqual({ backend: null, error: null, starting: true });
    const done = withResult(first, { kind: 'predicted', intervention: c, frames: 5, model: 'm', backend: WASM, ms: 1 });
    expect(workerTfStatus(done)).toEqual({ backend: WASM, error: null, starting: false });
    // the next C keeps the backend while it loads, so the badge does not fall back to "starting"
    expect(workerTfStatus(emptyPrediction<Intervention>({ kind: 'dataset' }, done)).backend).toEqual(WASM);
    expect(workerTfStatus({ ...first, status: 'error', message: 'no backend could start' }).error).toBe('no backend could start');
    // without weights no backend starts: "not started", not "starting"
    const none = withResult(first, { kind: 'no-weights', intervention: c, message: 'train it with X' });
    expect(workerTfStatus(none)).toEqual({ backend: null, error: null, starting: false });
  });
});
