/**
 * The trace parser of ./training.ts on a hand-made Chromium trace (no browser needed): only the
 * renderer's main thread counts, nested RunTask events are one task, longest CPU time first.
 */
import { expect, test } from '@playwright/test';
import { describeTask, mainThreadTasks } from './training';

const MAIN = { pid: 1, tid: 10 };
const OTHER = { pid: 1, tid: 11 };
const trace = {
  traceEvents: [
    { name: 'thread_name', ph: 'M', ...MAIN, ts: 0, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ph: 'M', ...OTHER, ts: 0, args: { name: 'DedicatedWorker thread' } },
    // Task 1 at 1 s: 30 ms wall, 20 ms CPU, with a nested RunTask and a script inside.
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', ...MAIN, ts: 1_000_000, dur: 30_000, tdur: 20_000 },
    { name: 'RunTask', ph: 'X', ...MAIN, ts: 1_001_000, dur: 25_000, tdur: 19_000 },
    { name: 'FunctionCall', ph: 'X', ...MAIN, ts: 1_002_000, dur: 15_000, tdur: 12_000, args: { data: { url: 'http://x/assets/app.js', lineNumber: 7, functionName: 'draw' } } },
    // Task 2 at 2 s: 150 ms wall, 120 ms CPU, mostly GC.
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', ...MAIN, ts: 2_000_000, dur: 150_000, tdur: 120_000 },
    { name: 'MajorGC', ph: 'X', ...MAIN, ts: 2_010_000, dur: 90_000, tdur: 90_000 },
    // A long task on another thread does not count.
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', ...OTHER, ts: 1_500_000, dur: 900_000, tdur: 900_000 },
  ],
};

test('mainThreadTasks reads the main thread\'s outermost tasks, longest CPU first', () => {
  const tasks = mainThreadTasks(Buffer.from(JSON.stringify(trace)));
  expect(tasks.map((t) => [t.cpuMs, t.wallMs])).toEqual([
    [120, 150],
    [20, 30],
  ]);
  expect(tasks[0].atS).toBeCloseTo(1, 6);
  expect(tasks[0].what).toBe('MajorGC 90.0 ms');
  expect(tasks[1].what).toBe('FunctionCall draw@app.js:7 12.0 ms');
  expect(describeTask(tasks[0])).toBe('120.0 ms CPU (150 ms wall) at 1.0 s: MajorGC 90.0 ms');
  // The bare-array form of a trace file reads the same.
  expect(mainThreadTasks(Buffer.from(JSON.stringify(trace.traceEvents)))).toEqual(tasks);
});
