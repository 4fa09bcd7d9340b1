/**
 * Helpers for the e2e spec of a demo that trains live (docs/demo-pattern.md §7): run to the end,
 * and measure the main thread's tasks in CPU time from a Chromium trace, with the `longtask`
 * observer's wall times beside them.
 */
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';

// ---------------------------------------------------------------------------------------------
// Running

export interface RunToEndOptions {
  /** The demo's test-id prefix: the runner is `[data-testid="<prefix>-runner"]`, with `data-status` and `data-done`. */
  prefix: string;
  /** How long the run may take, in ms, until `data-status="done"`. */
  timeout: number;
  /**
   * Views redraw a few ms after the worker reports: when given, also wait until the view with test id
   * `view` shows the last checkpoint, i.e. its `data-step` equals the run's length, read from the
   * input with test id `stepsInput` (or, without one, from the runner's `data-done`).
   */
  lastStep?: { view: string; stepsInput?: string };
}

/** Presses Run (the shared `RunnerControls` button) and waits until the run is done (and drawn, see `lastStep`). */
export async function runToEnd(page: Page, { prefix, timeout, lastStep }: RunToEndOptions): Promise<void> {
  await page.getByTestId('run').click();
  const runner = page.getByTestId(`${prefix}-runner`);
  await expect(runner).toHaveAttribute('data-status', 'done', { timeout });
  if (!lastStep) return;
  const total = lastStep.stepsInput ? await page.getByTestId(lastStep.stepsInput).inputValue() : ((await runner.getAttribute('data-done')) ?? '');
  await expect(page.getByTestId(lastStep.view)).toHaveAttribute('data-step', total);
}

// ---------------------------------------------------------------------------------------------
// Long tasks: wall time from the longtask observer, CPU time from a Chromium trace

/** Collects main-thread long tasks from the start of the page (PerformanceObserver 'longtask'). Call before `goto`. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // no longtask support: the list stays empty
    }
  });
}

/** Wall durations (ms, rounded) of the long tasks that started at or after `since` (`performance.now()` of the page). */
export async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate((t) => (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([s]) => s >= t).map(([, d]) => Math.round(d)), since);
}

/** One main-thread task from a Chromium trace: thread-CPU and wall milliseconds, when, and what ran in it. */
export interface MainThreadTask {
  cpuMs: number;
  wallMs: number;
  /** Seconds since the trace started. */
  atS: number;
  /** The largest events inside the task (script URL:line, GC, layout, paint), for the failure message; '' past the longest five. */
  what: string;
}

interface TraceEvent {
  name: string;
  ph?: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; lineNumber?: number; functionName?: string } };
}

/**
 * The page's main-thread tasks from a Chromium trace, longest CPU time first. A PerformanceObserver
 * 'longtask' duration is wall time: on a loaded shared machine a task that computes for 9 ms can take
 * 500 ms of wall time while the OS runs other processes, so the assertion uses thread-CPU time and the
 * wall times are reported alongside.
 */
export function mainThreadTasks(trace: Buffer): MainThreadTask[] {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
  // A task is a 'ThreadControllerImpl::RunTask' (or 'RunTask', with more categories on); nested ones
  // describe the same task at several levels, so only the outermost is kept.
  const runTasks: TraceEvent[] = [];
  let lastEnd = -Infinity;
  for (const e of onMain.filter((x) => /RunTask/.test(x.name) && x.tdur !== undefined).sort((a, b) => a.ts - b.ts)) {
    if (e.ts < lastEnd) continue;
    runTasks.push(e);
    lastEnd = e.ts + (e.dur ?? 0);
  }
  const t0 = onMain.reduce((min, e) => Math.min(min, e.ts), Infinity);
  const describe = (t: TraceEvent): string => {
    const end = t.ts + (t.dur ?? 0);
    const inside = onMain
      .filter((e) => e !== t && t.pid === e.pid && t.tid === e.tid && e.ts >= t.ts && e.ts <= end && !/RunTask|v8\.callFunction/.test(e.name))
      .sort((a, b) => (b.tdur ?? b.dur ?? 0) - (a.tdur ?? a.dur ?? 0))
      .slice(0, 4)
      .map((e) => {
        const d = e.args?.data;
        const where = d?.url ? ` ${d.functionName ?? ''}@${d.url.split('/').pop()}:${d.lineNumber ?? '?'}` : '';
        return `${e.name}${where} ${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(1)} ms`;
      });
    return inside.join('; ') || 'no inner events';
  };
  // Only the longest few are described: scanning every event for each of ~10k tasks would be slow.
  return runTasks
    .sort((a, b) => (b.tdur as number) - (a.tdur as number))
    .map((t, i) => ({ cpuMs: (t.tdur as number) / 1000, wallMs: (t.dur ?? 0) / 1000, atS: (t.ts - t0) / 1e6, what: i < 5 ? describe(t) : '' }));
}

export function describeTask(t: MainThreadTask): string {
  return `${t.cpuMs.toFixed(1)} ms CPU (${t.wallMs.toFixed(0)} ms wall) at ${t.atS.toFixed(1)} s: ${t.what}`;
}

export interface TracedMainThread<T> {
  /** What `body` returned. */
  value: T;
  /** The main-thread tasks while `body` ran, longest CPU time first. */
  tasks: MainThreadTask[];
  /** Wall durations the longtask observer reported from the start of `body` (needs `watchLongTasks` before the page loaded). */
  wallLongTasks: number[];
}

/**
 * Runs `body` under a Chromium trace of `page` and returns its main-thread tasks. Turn Playwright's
 * trace recorder off in such a file (`test.use({ trace: 'off' })`): its screencast costs CPU.
 */
export async function traceMainThread<T>(page: Page, browser: Browser, body: () => Promise<T>): Promise<TracedMainThread<T>> {
  const started = await page.evaluate(() => performance.now());
  // devtools.timeline names what ran inside a task (script URL and line, GC, layout) for the failure message.
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const value = await body();
  const tasks = mainThreadTasks(await browser.stopTracing());
  return { value, tasks, wallLongTasks: await longTasksSince(page, started) };
}

/** The CPU time no main-thread task may reach while a demo trains. */
export const LONG_TASK_CPU_MS = 100;

export interface LongTaskRuleOptions<R extends { tasks: MainThreadTask[] }> {
  browser: Browser;
  info: TestInfo;
  /** Names the measurement in the log line, e.g. 'ntl default run'. */
  label: string;
  /** The same measurement as `first`, on the fresh page it is given (`tasks` from `traceMainThread`). */
  measure: (page: Page) => Promise<R>;
  limitMs?: number;
}

/**
 * The long-task rule: the longest main-thread task of `first` (a measurement that already ran) must
 * stay under `limitMs` of CPU; if it does not, the measurement is repeated on a fresh page (new
 * context) and the repeat must. Thread-CPU time is not immune to a busy machine either: in a virtual
 * machine whose host takes the vCPU away mid-task, the guest still charges that time to the running
 * thread. Code that is slow is slow on every run, at the same point; a host pause is not.
 * Returns the repeat's measurement, or null when none was needed.
 */
export async function expectNoLongTaskOrRepeat<R extends { tasks: MainThreadTask[] }>(
  first: R,
  { browser, info, label, measure, limitMs = LONG_TASK_CPU_MS }: LongTaskRuleOptions<R>,
): Promise<R | null> {
  const longest = first.tasks[0];
  expect(longest, `${label}: the trace has main-thread tasks`).toBeDefined();
  if (longest.cpuMs < limitMs) return null;
  const context = await browser.newContext();
  const again = await measure(await context.newPage());
  await context.close();
  const second = again.tasks[0];
  const message = `longest main-thread task, first run: ${describeTask(longest)}; repeat: ${second ? describeTask(second) : 'none'}`;
  info.annotations.push({ type: 'long task repeat', description: message });
  console.log(`${label}, repeated after a ${longest.cpuMs.toFixed(0)} ms task: ${message}`);
  expect(second, message).toBeDefined();
  expect(second.cpuMs, message).toBeLessThan(limitMs);
  return again;
}
