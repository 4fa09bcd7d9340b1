/**
 * The NTL demo: the default run finishes inside 3 minutes and shows the effect (source kept, target
 * broken) without long main-thread tasks; a short run works on WebGL; two runs leave the worker's
 * tensor count unchanged; a link with non-default settings reopens them; no console errors.
 */
import { expect, test, type Page } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

// Playwright's trace recorder screencasts the page, which costs the browser CPU and shows up as
// long tasks: off for this file, whose first test measures them (failure screenshots stay on).
test.use({ trace: 'off' });

/** Collects main-thread long tasks from the start of the page (PerformanceObserver 'longtask'). */
async function watchLongTasks(page: Page): Promise<void> {
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

async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate((t) => (window as unknown as { __longTasks: [number, number][] }).__longTasks.filter(([s]) => s >= t).map(([, d]) => Math.round(d)), since);
}

/**
 * Thread-CPU milliseconds of each task the page's main thread ran, from a Chromium trace. A
 * PerformanceObserver 'longtask' duration is wall time: on a loaded shared machine a task that
 * computes for 9 ms can take 500 ms of wall time while the OS runs other processes, so the
 * assertion uses CPU time and the wall times are reported alongside.
 */
function mainThreadTaskCpuMs(trace: Buffer): number[] {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.ph === 'X' && /RunTask/.test(e.name) && mainThreads.has(`${e.pid}:${e.tid}`) && e.tdur !== undefined)
    .map((e) => (e.tdur as number) / 1000);
}
interface TraceEvent {
  name: string;
  ph?: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

async function openNtl(page: Page, query = ''): Promise<void> {
  await page.goto(`./#/ntl${query}`);
  await waitForPage(page);
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 45_000 });
  // The worker (and its 1.6 MB chunk) starts on the first Run, not on page load.
  await expect(page.getByTestId('ntl-worker-backend')).toHaveAttribute('data-backend', 'idle');
}

/** Runs to the end and waits until the views show the last checkpoint (they redraw a few ms after the worker reports). */
async function runToEnd(page: Page, timeout: number): Promise<void> {
  await page.getByTestId('run').click();
  const runner = page.getByTestId('ntl-runner');
  await expect(runner).toHaveAttribute('data-status', 'done', { timeout });
  const total = await page.getByTestId('ntl-steps').inputValue();
  await expect(page.getByTestId('ntl-acc-table')).toHaveAttribute('data-step', total);
}

/** The accuracy cell's value once the last checkpoint has been drawn (views redraw a few ms after the worker reports). */
async function accuracy(page: Page, key: string): Promise<number> {
  const cell = page.getByTestId(`ntl-acc-${key}`);
  await expect(cell, `ntl-acc-${key} has a value`).toHaveAttribute('data-value', /\d/);
  return Number(await cell.getAttribute('data-value'));
}

test('the default run finishes within 3 minutes, keeps the source and breaks the target, without long main-thread tasks', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'webgl', 'a 2-minute training run: once (the backend is wasm in both projects)');
  test.setTimeout(240_000);
  const watch = watchErrors(page);
  await watchLongTasks(page);
  await openNtl(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /wasm|webgl|cpu/);
  const started = await page.evaluate(() => performance.now());
  await browser.startTracing(page, { categories: ['toplevel'] });
  const t0 = Date.now();
  await runToEnd(page, 180_000);
  const seconds = (Date.now() - t0) / 1000;
  const cpu = mainThreadTaskCpuMs(await browser.stopTracing());
  const tasks = await longTasksSince(page, started);
  const maxCpu = Math.max(0, ...cpu);
  const s = await accuracy(page, 'S');
  const t1 = await accuracy(page, 'T1');
  const slT1 = await accuracy(page, 'sl-T1');
  info.annotations.push(
    { type: 'run seconds', description: seconds.toFixed(1) },
    { type: 'accuracy S / T1 / SL T1', description: [s, t1, slT1].map((v) => v.toFixed(3)).join(' / ') },
    { type: 'long tasks, wall ms (longtask observer)', description: tasks.join(', ') || 'none' },
    { type: 'longest main-thread task, CPU ms (trace)', description: maxCpu.toFixed(1) },
  );
  expect(s, 'source accuracy').toBeGreaterThan(0.9);
  expect(t1, 'target accuracy far below the source').toBeLessThan(s - 0.4);
  expect(t1, 'target accuracy below the SL reference').toBeLessThan(slT1 - 0.3);
  // The paper-vs-run table now has this run's relative target drop.
  await expect(page.getByTestId('paper-vs-run')).toContainText(/\d+\.\d% \(step 200 of 200\)/);
  console.log(
    `ntl default run: ${seconds.toFixed(1)} s; S ${s}, T1 ${t1}, SL T1 ${slT1}; long tasks (wall) ${tasks.join(', ') || 'none'} ms; ` +
      `${cpu.length} main-thread tasks, longest ${maxCpu.toFixed(1)} ms of CPU`,
  );
  expect(cpu.length, 'the trace saw the main thread').toBeGreaterThan(100);
  expect(maxCpu, `longest main-thread task during training, in CPU ms (wall-clock long tasks: ${tasks.join(', ')} ms)`).toBeLessThan(100);
  expect(watch.errors()).toEqual([]);
});

test('a short run on WebGL works and the header says webgl @webgl', async ({ page }, info) => {
  test.setTimeout(180_000);
  const watch = watchErrors(page);
  await openNtl(page, '?backend=webgl&steps=3&baseline=false&batch=8');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
  const t0 = Date.now();
  await runToEnd(page, 150_000);
  await expect(page.getByTestId('ntl-worker-backend')).toHaveAttribute('data-backend', 'webgl');
  info.annotations.push({ type: 'webgl run seconds', description: ((Date.now() - t0) / 1000).toFixed(1) });
  for (const key of ['S', 'T1', 'T2', 'T3']) {
    const v = await accuracy(page, key);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  expect(watch.errors()).toEqual([]);
});

test('pause stops after the step in flight, Step trains exactly one batch, keys work', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchErrors(page);
  await openNtl(page, '?steps=60&batch=8&baseline=false');
  const runner = page.getByTestId('ntl-runner');
  const done = async () => Number(await runner.getAttribute('data-done'));
  await page.getByTestId('run').click();
  await expect.poll(done, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await page.getByTestId('pause').click();
  await expect(runner).toHaveAttribute('data-status', 'paused', { timeout: 5_000 });
  // The step in flight when Pause was pressed still finishes and counts; then nothing more.
  const atPause = await done();
  await page.waitForTimeout(1_500);
  const paused = await done();
  expect(paused - atPause, 'at most the step in flight finishes after Pause').toBeLessThanOrEqual(1);
  await page.waitForTimeout(1_500);
  expect(await done(), 'no steps while paused').toBe(paused);
  await page.getByTestId('step').click();
  await expect.poll(done).toBe(paused + 1);
  await page.waitForTimeout(1_000);
  expect(await done()).toBe(paused + 1);
  // Keyboard: S steps once, Space runs, Space pauses.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('s');
  await expect.poll(done).toBe(paused + 2);
  await page.keyboard.press(' ');
  await expect(runner).toHaveAttribute('data-status', 'running');
  await page.keyboard.press(' ');
  await expect(runner).toHaveAttribute('data-status', 'paused', { timeout: 5_000 });
  expect(watch.errors()).toEqual([]);
});

test('two runs leave the same number of tensors in the worker, and reset frees the models', async ({ page }) => {
  test.setTimeout(150_000);
  const watch = watchErrors(page);
  await openNtl(page, '?steps=5&batch=8');
  const tensors = page.getByTestId('ntl-tensors');
  await runToEnd(page, 60_000);
  await expect(tensors).not.toHaveAttribute('data-after-run', '');
  const afterRun1 = Number(await tensors.getAttribute('data-after-run'));
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('ntl-runner')).toHaveAttribute('data-status', 'idle');
  await expect(tensors).not.toHaveAttribute('data-after-dispose', '');
  const afterDispose = Number(await tensors.getAttribute('data-after-dispose'));
  await runToEnd(page, 60_000);
  await expect(tensors).toHaveAttribute('data-after-run', /,/);
  const [run1, run2] = (await tensors.getAttribute('data-after-run'))!.split(',').map(Number);
  expect(run1).toBe(afterRun1);
  expect(run2, 'tensors after run 2 equal run 1').toBe(run1);
  expect(afterDispose, 'reset frees the models and optimiser state').toBeLessThan(run1);
  expect(watch.errors()).toEqual([]);
});

test('a link with non-default settings reopens them, without notices', async ({ page }) => {
  const watch = watchErrors(page);
  const query = '?v=1&mode=ownership&source=T3&alpha=0.25&loss=code&lr=0.001&steps=50&batch=16&baseline=false&prune=70&seed=7';
  await openNtl(page, query);
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
  await expect(page.getByTestId('ntl-mode')).toHaveValue('ownership');
  await expect(page.getByTestId('ntl-source')).toHaveValue('T3');
  await expect(page.getByTestId('ntl-alpha')).toHaveValue('0.25');
  await expect(page.getByTestId('ntl-loss')).toHaveValue('code');
  await expect(page.getByTestId('ntl-lr')).toHaveValue('0.001');
  await expect(page.getByTestId('ntl-steps')).toHaveValue('50');
  await expect(page.getByTestId('ntl-batch')).toHaveValue('16');
  await expect(page.getByTestId('ntl-baseline')).not.toBeChecked();
  await expect(page.getByTestId('ntl-prune')).toHaveValue('70');
  await expect(page.getByTestId('seed')).toHaveText('7');
  await expect(page.getByTestId('ntl-attacks')).toBeVisible();
  // Changing a control rewrites the link; reloading keeps it.
  await page.getByTestId('ntl-mode').selectOption('target');
  await page.getByTestId('ntl-target').selectOption('T2');
  // target is the default mode, so it leaves the link; the new target domain enters it.
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('target=T2');
  expect(await page.evaluate(() => location.hash)).not.toContain('mode=');
  await page.reload();
  await waitForPage(page);
  await expect(page.getByTestId('ntl-mode')).toHaveValue('target');
  await expect(page.getByTestId('ntl-target')).toHaveValue('T2');
  await expect(page.getByTestId('ntl-source')).toHaveValue('T3');
  expect(watch.errors()).toEqual([]);
});

test('a bad number names the allowed range and keeps the old value', async ({ page }) => {
  const watch = watchErrors(page);
  await openNtl(page);
  const steps = page.getByTestId('ntl-steps');
  await steps.fill('5000');
  await steps.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '2–2000' })).toBeVisible();
  expect(await page.evaluate(() => location.hash)).not.toContain('steps=');
  expect(watch.errors()).toEqual([]);
});

test('the same link gives the same numbers in a fresh browser: a shared link reproduces the run', async ({ browser }, info) => {
  test.skip(info.project.name !== 'webgl', 'two default training runs: once');
  test.setTimeout(300_000);
  const readAll = async (): Promise<Record<string, string>> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchErrors(page);
    await openNtl(page, '?seed=7');
    await runToEnd(page, 180_000);
    await accuracy(page, 'T1');
    const values = await page.$$eval('[data-testid^="ntl-acc-"][data-value]', (cells) =>
      Object.fromEntries(cells.map((c) => [c.getAttribute('data-testid') ?? '', c.getAttribute('data-value') ?? ''])),
    );
    expect(watch.errors()).toEqual([]);
    await context.close();
    return values;
  };
  const first = await readAll();
  const second = await readAll();
  expect(Object.keys(first).length, 'accuracy cells were read').toBeGreaterThanOrEqual(6);
  expect(second).toEqual(first);
});
