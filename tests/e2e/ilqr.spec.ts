/**
 * The iLQR-VAE demo: the default run recovers the hidden inputs without long main-thread tasks and
 * says so first; one iLQR solve replays iteration by iteration; the shown trial switches without
 * restarting the run; a link with non-default settings reopens them; no console errors. The
 * Lorenz system (`system=lorenz`) shows the shipped checkpoint's numbers, infers, predicts and
 * turns its 3-D view without long main-thread tasks, and its link reopens the same trial and view;
 * its weights load only with it. The Duffing system (`system=duffing`) trains live, draws its spike
 * raster and ‖u*‖, infers a held-out trial, and its link reopens the same seed and trial (the same
 * numbers after a new run). The demo computes in plain JavaScript (no tfjs), so it runs in one
 * project only.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';
import { describeTask, expectNoLongTaskOrRepeat, runToEnd, traceMainThread, watchLongTasks, type MainThreadTask } from './training';

test.use({ trace: 'off' });
// No tfjs in this demo: the WebGL and no-WebGL projects would run the same code, so only the first runs it.
// eslint-disable-next-line no-empty-pattern -- Playwright needs the fixtures argument to reach testInfo
test.beforeEach(({}, info) => test.skip(info.project.name !== 'webgl', 'no tfjs in this demo: one project is enough'));

async function openIlqr(page: Page, query = ''): Promise<void> {
  await page.goto(`./#/ilqr${query}`);
  await waitForPage(page);
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 45_000 });
  await expect(page.getByTestId('ilqr-worker-backend')).toHaveAttribute('data-backend', 'idle');
}

const run = (page: Page, timeout: number) => runToEnd(page, { prefix: 'ilqr', timeout, lastStep: { view: 'ilqr-inputs', stepsInput: 'ilqr-steps' } });

interface MeasuredRun {
  seconds: number;
  inputR2: number;
  tasks: MainThreadTask[];
}

async function measuredDefaultRun(page: Page, browser: Browser): Promise<MeasuredRun> {
  await watchLongTasks(page);
  await openIlqr(page);
  const { value: seconds, tasks } = await traceMainThread(page, browser, async () => {
    const t0 = Date.now();
    await run(page, 240_000);
    return (Date.now() - t0) / 1000;
  });
  const r2 = page.getByTestId('headline-input-r2');
  await expect(r2).toHaveAttribute('data-value', /\d/);
  return { seconds, inputR2: Number(await r2.getAttribute('data-value')), tasks };
}

test('the default run recovers the hidden inputs, says so first, and keeps the main thread free', async ({ page, browser }, info) => {
  test.setTimeout(600_000);
  const watch = watchErrors(page);
  const measured = await measuredDefaultRun(page, browser);
  info.annotations.push(
    { type: 'run seconds', description: measured.seconds.toFixed(1) },
    { type: 'input R²', description: measured.inputR2.toFixed(3) },
    { type: 'longest main-thread tasks (trace)', description: measured.tasks.slice(0, 3).map(describeTask).join(' | ') },
  );
  console.log(`ilqr default run: ${measured.seconds.toFixed(1)} s; input R² ${measured.inputR2}; longest task ${measured.tasks[0] ? describeTask(measured.tasks[0]) : 'none'}`);
  expect(measured.inputR2, 'input R² of the default run').toBeGreaterThanOrEqual(0.8);
  const card = page.getByTestId('headline-card');
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card).toContainText('recovered the hidden input events');
  await expect(page.getByTestId('headline-verdict')).toHaveAttribute('data-verdict', /holds|fails/);
  await expect(page.getByTestId('paper-vs-run').locator('tbody tr').first()).toHaveAttribute('data-verdict', /holds|fails/);
  // The worker never loads tfjs: no tensors, and the diagnostics say why.
  await expect(page.getByTestId('ilqr-tensors')).toHaveAttribute('data-after-run', '0');
  const legendValues = await page.locator('.u-legend .u-series:not(:first-child) .u-value').allTextContents();
  expect(legendValues.length, 'the charts have legends').toBeGreaterThan(4);
  for (const v of legendValues) expect(v, 'a legend shows the latest value').toMatch(/\d/);
  expect(watch.errors()).toEqual([]);
  await expectNoLongTaskOrRepeat(measured, { browser, info, label: 'ilqr default run', measure: (fresh) => measuredDefaultRun(fresh, browser) });
});

test('one iLQR solve replays iteration by iteration, a long held-out trial is scored, and the shown trial switches without restarting the run', async ({ page }) => {
  const watch = watchErrors(page);
  await openIlqr(page, '?steps=20&trials=4&seed=3');
  await run(page, 120_000);
  await expect(page.getByTestId('ilqr-inputs')).toHaveAttribute('data-step', '20');
  await page.getByTestId('ilqr-infer').click();
  const replay = page.getByTestId('ilqr-replay');
  await expect(replay).toHaveAttribute('data-iterations', /^[1-9]\d*$/, { timeout: 30_000 });
  const iterations = Number(await replay.getAttribute('data-iterations'));
  await expect(page.getByTestId('ilqr-replay-summary')).toContainText(`Trial 1: ${iterations} iteration`);
  const slider = page.getByTestId('ilqr-replay-iteration');
  await slider.fill('0');
  await expect(replay.getByText(`Iteration 0 of ${iterations}`)).toBeVisible();

  // The trained model on a long held-out trial.
  await page.getByTestId('ilqr-long-trial-run').click();
  await expect(page.getByTestId('ilqr-long-trial-summary')).toContainText('1000 bins: input R²', { timeout: 60_000 });
  const longR2 = Number(await page.getByTestId('ilqr-long-trial').getAttribute('data-input-r2'));
  expect(longR2).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('ilqr-latents')).toHaveAttribute('data-step', '20');

  // Another trial: the views follow, the run stays done, and the link says which trial.
  const trial = page.getByTestId('ilqr-trial');
  await trial.fill('3');
  await trial.press('Enter');
  await expect(page.getByTestId('ilqr-observations')).toHaveAttribute('data-trial', '3');
  await expect(page.getByTestId('ilqr-runner')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('ilqr-infer')).toHaveText('Infer trial 3 from scratch');
  expect(await page.evaluate(() => location.hash)).toContain('trial=3');
  expect(watch.errors()).toEqual([]);
});

test('a link with non-default settings reopens them, marks them and says what it changed', async ({ page }) => {
  const watch = watchErrors(page);
  await openIlqr(page, '?prior=gaussian&trials=5&bins=300&steps=40&seed=11');
  await expect(page.getByTestId('ilqr-prior')).toHaveValue('gaussian');
  await expect(page.getByTestId('ilqr-trials')).toHaveValue('5');
  await expect(page.getByTestId('ilqr-bins')).toHaveValue('300');
  await expect(page.getByTestId('shared-link-banner')).toContainText('Gaussian prior');
  // Too many bins for a live step: the problem is named with the fix, and Run stays off.
  await page.goto('./#/ilqr?trials=20&bins=1000');
  await waitForPage(page);
  await expect(page.getByTestId('ilqr-settings-problem')).toContainText('keep trials × bins at most 4000');
  expect(watch.errors()).toEqual([]);
});

test('the autonomous system trains live and reports where the inferred inputs went', async ({ page }) => {
  const watch = watchErrors(page);
  await openIlqr(page);
  // The picker switches to the autonomous system's own size (10 × 100) and keeps the link honest.
  await page.getByTestId('ilqr-system').selectOption('autonomous');
  await expect(page.getByTestId('ilqr-bins')).toHaveValue('100');
  const steps = page.getByTestId('ilqr-steps');
  await steps.fill('60');
  await steps.press('Enter');
  await run(page, 120_000);
  const share = page.getByTestId('headline-first-bin-share');
  await expect(share).toHaveAttribute('data-value', /\d/);
  const value = Number(await share.getAttribute('data-value'));
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('ilqr-inputs')).toHaveAttribute('data-first-bin-share', String(value));
  await expect(page.getByTestId('headline-card')).toContainText('§3.1');
  await expect(page.getByTestId('ilqr-long-trial')).toHaveCount(0);
  expect(await page.evaluate(() => location.hash)).toMatch(/system=autonomous.*bins=100.*steps=60/);
  expect(watch.errors()).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// The Lorenz system (c), paper §3.2: the shipped checkpoint, no training on the page.

const LORENZ = JSON.parse(readFileSync(new URL('../../src/apps/ilqr/weights/lorenz.json', import.meta.url), 'utf8')) as { steps: number; test: { r2k: number[] } };

async function openLorenz(page: Page, query = ''): Promise<void> {
  await page.goto(`./#/ilqr?system=lorenz${query}`);
  await waitForPage(page);
  await expect(page.getByTestId('ilqr-lorenz-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
}

interface LorenzMeasure {
  tasks: MainThreadTask[];
}

/**
 * From the loaded page (the app's own start-up is not the Lorenz views' work), picks the Lorenz
 * system, infers a trial from scratch, replays it, moves the prediction and turns the 3-D view:
 * the views' heavy moments, from loading their chunks and the checkpoint on.
 */
async function measuredLorenz(page: Page, browser: Browser): Promise<LorenzMeasure> {
  await watchLongTasks(page);
  await openIlqr(page);
  const { tasks } = await traceMainThread(page, browser, async () => {
    await page.getByTestId('ilqr-system').selectOption('lorenz');
    await expect(page.getByTestId('ilqr-lorenz-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
    await expect(page.getByTestId('ilqr-lorenz-trial')).toHaveAttribute('data-r2', /\d/, { timeout: 60_000 });
    await expect(page.getByTestId('ilqr-lorenz-predict')).toHaveAttribute('data-from', '20', { timeout: 60_000 });
    await expect(page.getByTestId('ilqr-lorenz-3d')).toHaveAttribute('data-mode', 'webgl', { timeout: 60_000 });
    await page.getByTestId('ilqr-lorenz-infer-run').click();
    await expect(page.getByTestId('ilqr-lorenz-infer')).toHaveAttribute('data-iterations', /^[1-9]\d*$/, { timeout: 60_000 });
    await page.getByTestId('ilqr-lorenz-from').fill('45');
    await expect(page.getByTestId('ilqr-lorenz-predict')).toHaveAttribute('data-from', '45', { timeout: 30_000 });
    const canvas = page.getByTestId('ilqr-lorenz-3d-canvas');
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('ilqr-lorenz-3d')).toHaveAttribute('data-az', '-55');
  });
  return { tasks };
}

test('the Lorenz views show the checkpoint’s own numbers first, infer and predict live, and keep the main thread free', async ({ page, browser }, info) => {
  test.setTimeout(300_000);
  const watch = watchErrors(page);
  const measured = await measuredLorenz(page, browser);
  info.annotations.push({ type: 'longest main-thread tasks (trace)', description: measured.tasks.slice(0, 3).map(describeTask).join(' | ') });
  console.log(`ilqr lorenz: longest task ${measured.tasks[0] ? describeTask(measured.tasks[0]) : 'none'}`);
  // The headline reads the checkpoint: R²₃₀ and R²₅₀ are the file's numbers, the paper's beside them.
  const card = page.getByTestId('headline-card');
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card).toContainText(`The shipped model (${LORENZ.steps.toLocaleString('en')} Adam steps)`);
  await expect(card).toContainText('paper 0.998');
  expect(Number(await page.getByTestId('headline-r2-30').getAttribute('data-value'))).toBe(LORENZ.test.r2k[30]);
  expect(Number(await page.getByTestId('headline-r2-50').getAttribute('data-value'))).toBe(LORENZ.test.r2k[50]);
  await expect(page.getByTestId('headline-verdict')).toHaveAttribute('data-verdict', /holds|fails/);
  await expect(page.getByTestId('ilqr-lorenz-provenance')).toContainText(`scripts/train/ilqr.ts trained it offline`);
  await expect(page.getByTestId('ilqr-lorenz-provenance')).toHaveAttribute('data-steps', String(LORENZ.steps));
  await expect(page.getByTestId('ilqr-lorenz-r2')).toHaveAttribute('data-r2-30', String(LORENZ.test.r2k[30]));
  // The Lorenz rows lead the paper table, with the manifest's numbers.
  await expect(page.getByTestId('paper-vs-run').locator('tbody tr').first()).toContainText(LORENZ.test.r2k[30].toFixed(3));
  // The training settings are hidden, with the reason; the link holds the system and the prediction bin.
  await expect(page.getByTestId('ilqr-steps')).toHaveCount(0);
  await expect(page.getByTestId('ilqr-hidden-settings')).toContainText('trained offline by scripts/train/ilqr.ts');
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toContain('system=lorenz');
  expect(hash).toContain('from=45');
  expect(hash).toContain('az=-55');
  expect(watch.errors()).toEqual([]);
  await expectNoLongTaskOrRepeat(measured, { browser, info, label: 'ilqr lorenz', measure: (fresh) => measuredLorenz(fresh, browser) });
});

test('a Lorenz link reopens the same trial and view, on a phone too; the weights load only with the Lorenz system', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const watch = watchErrors(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // The sparse page never asks for the Lorenz views, their worker, the checkpoint or three.js.
  await openIlqr(page);
  await page.waitForTimeout(1000);
  // the views, their worker, the checkpoint and core/lorenz.ts (worker chunks named lorenz-…), three.js; not the small manifest or the store the paper table reads
  const lorenzFiles = (urls: string[]) => urls.filter((u) => /^(lorenz-|lorenz\.worker|lorenzViews|LorenzPanel|threeScene|three)/.test(u.split('/').pop() ?? ''));
  expect(lorenzFiles(requests), 'files of the Lorenz views on the sparse page').toEqual([]);
  // Picking the system loads them.
  await page.getByTestId('ilqr-system').selectOption('lorenz');
  await expect(page.getByTestId('ilqr-lorenz-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  expect(lorenzFiles(requests).length, 'the Lorenz views load once picked').toBeGreaterThan(0);

  expect(watch.errors()).toEqual([]);

  // A shared link with a trial, a prediction bin and a turned 3-D view, opened in a fresh tab on a 375 px phone.
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const phone = await context.newPage();
  const phoneWatch = watchErrors(phone);
  await lorenzLinkChecks(phone);
  expect(phoneWatch.errors()).toEqual([]);
  await context.close();
});

test('the 3-D view keeps WebGL when the page root changes for other reasons, and rebuilds on a new canvas when the theme really changes', async ({ page }) => {
  test.setTimeout(180_000);
  const watch = watchErrors(page);
  await openLorenz(page);
  const view = page.getByTestId('ilqr-lorenz-3d');
  await expect(view).toHaveAttribute('data-mode', 'webgl', { timeout: 60_000 });
  // A class on the root that changes no colour must not rebuild the scene (it used to, and a canvas
  // can hand its drawing to a worker only once, so the view fell back to 2-D).
  await page.evaluate(() => document.documentElement.classList.add('some-unrelated-class'));
  await page.waitForTimeout(500);
  await expect(view).toHaveAttribute('data-mode', 'webgl');
  // A real theme change rebuilds it, on a fresh canvas, still in WebGL; a keyboard user turning the
  // view keeps the focus on the new canvas (it used to fall to the page body, and the arrows with it).
  const canvas = page.getByTestId('ilqr-lorenz-3d-canvas');
  await canvas.focus();
  const before = await canvas.elementHandle();
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await expect(view).toHaveAttribute('data-mode', 'webgl', { timeout: 30_000 });
  expect(await page.evaluate((old) => old !== document.querySelector('[data-testid="ilqr-lorenz-3d-canvas"]'), before), 'a new canvas element').toBe(true);
  await expect(canvas).toBeFocused();
  const el = Number(await view.getAttribute('data-el'));
  await page.keyboard.press('ArrowDown');
  await expect(view).toHaveAttribute('data-el', String(el - 5));
  await page.waitForTimeout(1000);
  await expect(view).toHaveAttribute('data-mode', 'webgl');
  expect(watch.errors()).toEqual([]);
});

async function lorenzLinkChecks(page: Page): Promise<void> {
  await openLorenz(page, '&trial=5&from=60&az=10&el=30');
  await expect(page.getByTestId('ilqr-trial')).toHaveValue('5');
  await expect(page.getByTestId('ilqr-lorenz-trial')).toHaveAttribute('data-trial', '5');
  await expect(page.getByTestId('ilqr-lorenz-predict')).toHaveAttribute('data-from', '60', { timeout: 60_000 });
  const view = page.getByTestId('ilqr-lorenz-3d');
  await expect(view).toHaveAttribute('data-az', '10');
  await expect(view).toHaveAttribute('data-el', '30');
  await expect(page.getByTestId('shared-link-banner')).toContainText('test trial 5');
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling at 375 px').toBeLessThanOrEqual(375);
  // Turned by keyboard, the view goes into the link, and a reload reopens it.
  // Once the scene is up (a scene that starts over gets a new canvas element, which keeps the focus).
  await expect(view).toHaveAttribute('data-mode', /^(webgl|2d)$/, { timeout: 60_000 });
  await page.getByTestId('ilqr-lorenz-3d-canvas').focus();
  await expect(page.getByTestId('ilqr-lorenz-3d-canvas')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(view).toHaveAttribute('data-el', '35');
  expect(await page.evaluate(() => location.hash)).toContain('el=35');
  await page.reload();
  await waitForPage(page);
  await expect(page.getByTestId('ilqr-lorenz-3d')).toHaveAttribute('data-el', '35', { timeout: 60_000 });
  // A test trial the checkpoint does not have is named with the fix.
  await openLorenz(page, '&trial=18');
  await expect(page.getByTestId('ilqr-settings-problem')).toContainText('pick a trial from 1 to 16');
}

test('without WebGL the Lorenz free run is drawn on a 2-D canvas, and the page says so', async ({ page }) => {
  const watch = watchErrors(page);
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext as (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) => unknown;
    (HTMLCanvasElement.prototype as unknown as { getContext: (kind: string, ...rest: unknown[]) => unknown }).getContext = function (this: HTMLCanvasElement, kind: string, ...rest: unknown[]) {
      return /webgl/i.test(kind) ? null : original.call(this, kind, ...rest);
    };
  });
  await openLorenz(page);
  const view = page.getByTestId('ilqr-lorenz-3d');
  await expect(view).toHaveAttribute('data-mode', '2d');
  await expect(page.getByTestId('ilqr-lorenz-3d-fallback')).toContainText('WebGL is not available');
  await page.getByTestId('ilqr-lorenz-3d-canvas').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(view).toHaveAttribute('data-az', '-65');
  expect(watch.errors()).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// The Duffing system (d), Appendix I: trained live on its own set-up, seen through Poisson spikes.

interface DuffingMeasure {
  tasks: MainThreadTask[];
  hash: string;
  perturbation: string;
  detected: string;
  within2: string;
}

/** Non-background pixels of the raster canvas (the surface colour is the top-left pixel's: bin 0 of neuron 0 may spike, so the corner of the frame). */
const rasterInk = (page: Page) =>
  page.getByTestId('ilqr-duffing-raster-canvas').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const bg = [d[(c.height - 1) * c.width * 4 + (c.width - 1) * 4], d[(c.height - 1) * c.width * 4 + (c.width - 1) * 4 + 1], d[(c.height - 1) * c.width * 4 + (c.width - 1) * 4 + 2]];
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 60) ink++;
    return ink;
  });

/**
 * From the loaded page: picks the Duffing system, sets a trial and 30 steps, runs to the end, waits
 * for the raster and ‖u*‖ to be drawn, and replays one iLQR solve: the system's heavy moments, from
 * loading its chunks and generating its spike trains on.
 */
async function measuredDuffing(page: Page, browser: Browser): Promise<DuffingMeasure> {
  await watchLongTasks(page);
  await openIlqr(page, '?seed=4');
  const { tasks, value } = await traceMainThread(page, browser, async () => {
    await page.getByTestId('ilqr-system').selectOption('duffing');
    const trial = page.getByTestId('ilqr-trial');
    await trial.fill('3');
    await trial.press('Enter');
    const steps = page.getByTestId('ilqr-steps');
    await steps.fill('30');
    await steps.press('Enter');
    await runToEnd(page, { prefix: 'ilqr', timeout: 180_000, lastStep: { view: 'ilqr-duffing-norms', stepsInput: 'ilqr-steps' } });
    await expect(page.getByTestId('ilqr-duffing-raster-canvas')).toHaveAttribute('data-drawn', 'true');
    await page.getByTestId('ilqr-duffing-infer').click();
    await expect(page.getByTestId('ilqr-duffing-replay')).toHaveAttribute('data-iterations', /^[1-9]\d*$/, { timeout: 60_000 });
    const norms = page.getByTestId('ilqr-duffing-norms');
    return {
      hash: await page.evaluate(() => location.hash),
      perturbation: (await page.getByTestId('ilqr-duffing-raster').getAttribute('data-perturbation')) ?? '',
      detected: (await norms.getAttribute('data-detected')) ?? '',
      within2: (await page.getByTestId('headline-within2').getAttribute('data-value')) ?? '',
    };
  });
  return { tasks, ...value };
}

test('the Duffing system trains live, draws its spikes and inferred inputs, replays iLQR, and keeps the main thread free', async ({ page, browser }, info) => {
  test.setTimeout(600_000);
  const watch = watchErrors(page);
  const measured = await measuredDuffing(page, browser);
  info.annotations.push({ type: 'longest main-thread tasks (trace)', description: measured.tasks.slice(0, 3).map(describeTask).join(' | ') });
  console.log(`ilqr duffing: longest task ${measured.tasks[0] ? describeTask(measured.tasks[0]) : 'none'}; within ±2 bins ${measured.within2}`);
  // The headline reads the run: a share of held-out trials against a uniform guess, with a verdict.
  const card = page.getByTestId('headline-card');
  await expect(card).toHaveAttribute('data-state', 'done');
  await expect(card).toContainText('held-out trials');
  await expect(card).toContainText('a uniform guess');
  const within2 = Number(measured.within2);
  expect(within2).toBeGreaterThanOrEqual(0);
  expect(within2).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('headline-verdict')).toHaveAttribute('data-verdict', /holds|fails/);
  // The raster of held-out trial 3, with ink on it; ‖u*‖ names the detected and the true bin.
  await expect(page.getByTestId('ilqr-duffing-raster')).toHaveAttribute('data-trial', '3');
  expect(await rasterInk(page), 'spikes drawn on the raster').toBeGreaterThan(100);
  const norms = page.getByTestId('ilqr-duffing-norms');
  await expect(norms).toHaveAttribute('data-true', measured.perturbation);
  expect(Number(measured.detected)).toBeGreaterThan(0);
  await expect(page.getByTestId('ilqr-duffing-norms-summary')).toContainText(`the perturbation is at bin ${measured.perturbation}`);
  await expect(page.getByTestId('ilqr-duffing-phase')).toHaveAttribute('data-r2', /\d/);
  await expect(page.getByTestId('ilqr-duffing-replay-summary')).toContainText('Held-out trial 3:');
  // The Duffing rows lead the paper table, with this run's numbers; the settings it ignores are named.
  await expect(page.getByTestId('paper-vs-run').locator('tbody tr').first()).toContainText("this page's live run");
  await expect(page.getByTestId('paper-vs-run').locator('tbody tr').first()).toHaveAttribute('data-verdict', /holds|fails/);
  await expect(page.getByTestId('ilqr-prior')).toHaveCount(0);
  await expect(page.getByTestId('ilqr-hidden-settings')).toContainText('only the steps and the seed apply');
  await expect(page.getByTestId('ilqr-tensors')).toHaveAttribute('data-after-run', '0');
  expect(measured.hash).toMatch(/system=duffing/);
  expect(measured.hash).toMatch(/trial=3/);
  expect(measured.hash).toMatch(/seed=4/);
  expect(watch.errors()).toEqual([]);
  await expectNoLongTaskOrRepeat(measured, { browser, info, label: 'ilqr duffing', measure: (fresh) => measuredDuffing(fresh, browser) });

  // The shared link, in a fresh tab: the same system, seed and trial, and a new run gives the same numbers.
  const context = await browser.newContext();
  const other = await context.newPage();
  const otherWatch = watchErrors(other);
  await other.goto(`./${measured.hash}`);
  await waitForPage(other);
  await expect(other.getByTestId('ilqr-system')).toHaveValue('duffing');
  await expect(other.getByTestId('ilqr-trial')).toHaveValue('3');
  await expect(other.getByTestId('ilqr-seed')).toHaveValue('4');
  await expect(other.getByTestId('shared-link-banner')).toContainText('held-out trial 3');
  await runToEnd(other, { prefix: 'ilqr', timeout: 180_000, lastStep: { view: 'ilqr-duffing-norms', stepsInput: 'ilqr-steps' } });
  await expect(other.getByTestId('ilqr-duffing-raster')).toHaveAttribute('data-perturbation', measured.perturbation);
  await expect(other.getByTestId('ilqr-duffing-norms')).toHaveAttribute('data-detected', measured.detected);
  await expect(other.getByTestId('headline-within2')).toHaveAttribute('data-value', measured.within2);
  // A held-out trial the run does not have is named with the fix.
  await other.goto('./#/ilqr?system=duffing&trial=18');
  await waitForPage(other);
  await expect(other.getByTestId('ilqr-settings-problem')).toContainText('pick a trial from 1 to 16');
  expect(otherWatch.errors()).toEqual([]);
  await context.close();
});
