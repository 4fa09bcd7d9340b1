import { describe, expect, it, vi } from 'vitest';
import { createRunner, yieldToBrowser, type RunnerState } from './index';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('waitFor: timed out');
    await sleep(1);
  }
}

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin: a synchronous step of known length */
  }
}

describe('createRunner', () => {
  it('runs every step in order, then is done with rate and ETA measured on the way', async () => {
    const seen: number[] = [];
    const onDone = vi.fn();
    const states: RunnerState[] = [];
    const r = createRunner({ totalSteps: 40, sliceMs: 5, step: (i) => { seen.push(i); busy(1); }, onDone });
    r.subscribe((s) => states.push(s));
    expect(r.getState()).toMatchObject({ status: 'idle', done: 0, total: 40, etaSeconds: null, stepsPerSecond: null });
    r.start();
    expect(r.getState().status).toBe('running');
    await waitFor(() => r.getState().status === 'done');
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(onDone).toHaveBeenCalledTimes(1);
    const end = r.getState();
    expect(end.done).toBe(40);
    expect(end.etaSeconds).toBe(0);
    expect(end.stepsPerSecond).toBeGreaterThan(0);
    // ETA was known while running, and it shrank.
    const etas = states.filter((s) => s.status === 'running' && s.etaSeconds != null).map((s) => s.etaSeconds as number);
    expect(etas.length).toBeGreaterThan(0);
    expect(etas[etas.length - 1]).toBeLessThanOrEqual(etas[0]);
    // Roughly right: 1 ms steps cannot run faster than 1000/s.
    expect(end.stepsPerSecond!).toBeLessThan(1100);
    // Starting a finished runner does nothing.
    r.start();
    expect(r.getState().status).toBe('done');
  });

  it('yields between slices so other tasks run while it works', async () => {
    let beats = 0;
    let stepsRun = 0;
    const timer = setInterval(() => beats++, 0);
    const r = createRunner({ totalSteps: 60, sliceMs: 5, step: () => { busy(2); stepsRun++; } });
    r.start();
    const beatsAtStart = beats;
    await waitFor(() => r.getState().status === 'done');
    clearInterval(timer);
    expect(stepsRun).toBe(60);
    // 120 ms of work in 5 ms slices: the timer gets many turns (a runner that never yielded: none).
    expect(beats - beatsAtStart).toBeGreaterThanOrEqual(5);
  });

  it('pause stops after the current step; stepOnce does one; start resumes', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const r = createRunner({
      totalSteps: 10,
      step: async (i) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(2);
        if (i === 3) r.pause();
        inFlight--;
      },
    });
    r.start();
    await waitFor(() => r.getState().status === 'paused');
    await sleep(20);
    expect(r.getState()).toMatchObject({ status: 'paused', done: 4 });
    await r.stepOnce();
    expect(r.getState()).toMatchObject({ status: 'paused', done: 5 });
    // Several quick presses: serialised, never overlapping.
    await Promise.all([r.stepOnce(), r.stepOnce(), r.stepOnce()]);
    expect(r.getState().done).toBe(8);
    r.start();
    await waitFor(() => r.getState().status === 'done');
    expect(r.getState().done).toBe(10);
    expect(maxInFlight).toBe(1);
  });

  it('stepOnce is ignored while running and after done', async () => {
    const step = vi.fn(async (): Promise<void> => { await sleep(1); });
    const r = createRunner({ totalSteps: 3, step });
    r.start();
    await r.stepOnce();
    await waitFor(() => r.getState().status === 'done');
    expect(step).toHaveBeenCalledTimes(3);
    await r.stepOnce();
    expect(step).toHaveBeenCalledTimes(3);
  });

  it('reset drops a step in progress, calls onReset after it, and restarts from 0', async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    let blocked = false;
    const r = createRunner({
      totalSteps: 5,
      step: (i) => {
        events.push(`step ${i}`);
        if (i === 2 && !blocked) {
          blocked = true;
          return new Promise<void>((res) => (release = res));
        }
        return undefined;
      },
      onReset: () => {
        events.push('onReset');
      },
    });
    r.start();
    await waitFor(() => events.includes('step 2'));
    r.reset();
    // State is back at once, but onReset waits for the step that is still running.
    expect(r.getState()).toMatchObject({ status: 'idle', done: 0, etaSeconds: null, stepsPerSecond: null });
    r.start(); // its first step must wait behind onReset
    await sleep(5);
    expect(events).toEqual(['step 0', 'step 1', 'step 2']);
    release();
    await waitFor(() => r.getState().status === 'done');
    expect(events).toEqual(['step 0', 'step 1', 'step 2', 'onReset', 'step 0', 'step 1', 'step 2', 'step 3', 'step 4']);
    expect(r.getState().done).toBe(5);
  });

  it('cancel stops the run; start resumes where it stopped', async () => {
    const r = createRunner({ totalSteps: 1000, sliceMs: 2, step: () => busy(0.2) });
    r.start();
    await waitFor(() => r.getState().done > 10);
    r.cancel();
    const at = r.getState().done;
    await sleep(20);
    expect(r.getState().status).toBe('cancelled');
    // At most the step in flight when cancel() ran.
    expect(r.getState().done - at).toBeLessThanOrEqual(1);
    const stoppedAt = r.getState().done;
    r.start();
    await waitFor(() => r.getState().status === 'done', 20000);
    expect(r.getState().done).toBe(1000);
    expect(stoppedAt).toBeLessThan(1000);
  });

  it('captures a throwing step as an error state; start retries that step', async () => {
    let failures = 1;
    const seen: number[] = [];
    const r = createRunner({
      totalSteps: 6,
      step: async (i) => {
        if (i === 3 && failures-- > 0) throw new Error('NaN loss at step 3');
        seen.push(i);
      },
    });
    r.start();
    await waitFor(() => r.getState().status === 'error');
    expect(r.getState()).toMatchObject({ status: 'error', done: 3, error: 'NaN loss at step 3' });
    r.start();
    await waitFor(() => r.getState().status === 'done');
    expect(r.getState().error).toBeUndefined();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a throwing subscriber neither stops the run nor the other subscribers', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = createRunner({ totalSteps: 5, step: () => undefined });
    r.subscribe(() => {
      throw new Error('UI bug');
    });
    const seen: number[] = [];
    r.subscribe((s) => seen.push(s.done));
    r.start();
    await waitFor(() => r.getState().status === 'done');
    expect(seen).toContain(5);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('restore waits for the step in flight, then counts on from the restored step; a failed restore is an error', async () => {
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const r = createRunner({ totalSteps: 10, step: async (i) => {
      seen.push(i);
      if (i === 1) await new Promise<void>((res) => (release = res));
    } });
    await r.stepOnce();
    const inFlight = r.stepOnce();
    await waitFor(() => seen.length === 2); // step 1 is in flight
    let calledAt = -1;
    const restored = r.restore(async () => {
      calledAt = seen.length;
      return 6;
    });
    await sleep(5);
    expect(calledAt, 'restore waits for the step in flight').toBe(-1);
    release();
    await inFlight;
    await restored;
    expect(calledAt).toBe(2);
    expect(r.getState()).toMatchObject({ status: 'paused', done: 6 });
    r.start();
    await waitFor(() => r.getState().status === 'done');
    expect(seen).toEqual([0, 1, 6, 7, 8, 9]);
    // Restoring the last step makes a finished run; a throwing restore shows its message.
    await r.restore(async () => 10);
    expect(r.getState()).toMatchObject({ status: 'done', done: 10 });
    await r.restore(async () => {
      throw new Error('no saved run');
    });
    expect(r.getState()).toMatchObject({ status: 'error', error: 'no saved run' });
  });

  it('zero steps is done from the start; subscribe can unsubscribe', () => {
    const r = createRunner({ totalSteps: 0, step: () => undefined });
    expect(r.getState().status).toBe('done');
    const cb = vi.fn();
    const off = r.subscribe(cb);
    off();
    r.reset();
    expect(cb).not.toHaveBeenCalled();
    expect(() => createRunner({ totalSteps: Number.NaN, step: () => undefined })).toThrow(/finite/);
  });
});

describe('yieldToBrowser', () => {
  it('lets a queued macrotask run before it resolves', async () => {
    let ran = false;
    setTimeout(() => (ran = true), 0);
    // Spin until the timer is due, then yield: a microtask would resolve before the timer.
    busy(2);
    for (let i = 0; i < 5 && !ran; i++) await yieldToBrowser();
    expect(ran).toBe(true);
  });
});
