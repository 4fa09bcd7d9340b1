/**
 * The iLQR-VAE demo: the default run recovers the hidden inputs without long main-thread tasks and
 * says so first; one iLQR solve replays iteration by iteration; the shown trial switches without
 * restarting the run; a link with non-default settings reopens them; no console errors. The demo
 * computes in plain JavaScript (no tfjs), so it runs in one project only.
 */
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
