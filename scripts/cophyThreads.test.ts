/**
 * `npm run experiment -- cophy` spreads BallsCF's examples over worker threads (src/apps/cophy/experimentThread.ts,
 * scripts/threadPool.ts). Each thread runs its own WASM backend and its own copy of the shipped model, so the
 * report must come out the same as in one thread, number for number, and leave no tensor behind. Small
 * sizes on the shipped weights: about 20 s on 2 cores.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../src/shared/tf/node';
import experiment, { type CophyRunSizes } from '../src/apps/cophy/experiment';
import { threadPoolFactory } from './threadPool';

const SIZES: Partial<CophyRunSizes> = { testExamples: 2, probeTrainExamples: 3, probeTestExamples: 4, pixelStride: 30, bootstrapResamples: 200 };

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('the CoPhy experiment on worker threads', () => {
  it('reports the same numbers as in one thread, with no tensor leaked in either', async () => {
    const lines: string[] = [];
    const threaded = await experiment({ quick: true, seed: 3, part: 'balls', sizes: SIZES, threads: threadPoolFactory(2), log: (l) => lines.push(l) });
    const single = await experiment({ quick: true, seed: 3, part: 'balls', sizes: SIZES });
    expect(lines.join('\n')).toMatch(/on 2 worker threads/);
    const strip = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'seconds'));
    expect(strip(threaded.metrics)).toEqual(strip(single.metrics));
    expect(threaded.perExample).toEqual(single.perExample);
    expect(threaded.massProbe).toEqual(single.massProbe);
    expect(threaded.metrics['leakedTensors']).toBe(0);
    expect(single.metrics['leakedTensors']).toBe(0);
    expect(threaded.metrics['balls.probeTestExamples']).toBe(4);
  }, 180_000);
});
