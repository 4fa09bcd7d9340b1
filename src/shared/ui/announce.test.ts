import { describe, expect, it } from 'vitest';
import { CALM_SECONDS, nextAnnouncement, type Announcement } from './announce';
import type { RunnerState } from '../run';

const st = (status: RunnerState['status'], done: number): RunnerState => ({ status, done, total: 1000, etaSeconds: null, stepsPerSecond: null });

describe('the training announcer', () => {
  it('speaks on every status change and at most every CALM_SECONDS while running', () => {
    let a: Announcement | null = null;
    const heard: string[] = [];
    const feed = (s: RunnerState, t: number, detail?: string) => {
      const n = nextAnnouncement(a, s, t, detail);
      if (n) {
        a = n;
        heard.push(n.text);
      }
    };
    feed(st('idle', 0), 0);
    feed(st('running', 1), 100);
    for (let t = 200; t < 40_000; t += 100) feed(st('running', Math.floor(t / 100)), t, 'target accuracy 12%');
    feed(st('paused', 400), 40_050);
    feed(st('done', 1000), 90_000);
    expect(heard[0]).toBe('Training started: step 1 of 1,000.');
    const during = heard.filter((h) => h.startsWith('Step '));
    expect(during).toEqual(['Step 151 of 1,000, target accuracy 12%.', 'Step 301 of 1,000, target accuracy 12%.']);
    expect(heard.slice(-2)).toEqual(['Paused at step 400 of 1,000.', 'Training finished: step 1,000 of 1,000.']);
    expect(CALM_SECONDS).toBeGreaterThanOrEqual(10);
  });
});
