/**
 * The presenter view (issue #15): "Presenter view" opens a second window (the console) with the
 * speaker notes and the controls; the first window (the stage) keeps the live view and hides the
 * controls. A setting changed in the console reaches the stage within a second; the console's
 * Run drives the stage's runner and shows its progress; closing the console gives the stage its
 * controls back.
 */
import { expect, test } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

test('a setting, a route and Run in the presenter window drive the main window', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'webgl', 'the link between windows does not depend on the backend: once');
  test.setTimeout(120_000);
  const watch = watchErrors(page);
  await page.goto('./#/einops');
  await waitForPage(page);
  const [consoleWin] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-presenter').click()]);
  const watchConsole = watchErrors(consoleWin);
  await waitForPage(consoleWin);
  await expect(consoleWin.getByTestId('presenter-console')).toBeVisible();
  await expect(consoleWin.getByTestId('presenter-console')).toContainText('Notes: Einops');
  // the console's address lost its shell keys; the main window became the stage
  expect(consoleWin.url()).not.toContain('presenter=');
  await expect(page.getByTestId('open-presenter')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.controls-panel')).toBeHidden();
  await expect(consoleWin.locator('.controls-panel')).toBeVisible();

  // a setting changed in the console reaches the stage within a second
  await expect(page.getByTestId('op-select')).toHaveValue('rearrange');
  const t0 = Date.now();
  await consoleWin.getByTestId('op-select').selectOption('reduce');
  await expect(page.getByTestId('op-select')).toHaveValue('reduce', { timeout: 1000 });
  const ms = Date.now() - t0;
  console.log(`setting reached the stage in ${ms} ms`);
  await expect(page).toHaveURL(/op=reduce/);

  // the route follows, and Run in the console runs the stage's training
  await consoleWin.evaluate(() => {
    window.location.hash = '#/ilqr?v=1&steps=12';
  });
  await expect(page).toHaveURL(/#\/ilqr\?.*steps=12/, { timeout: 5000 });
  await waitForPage(page);
  await waitForPage(consoleWin);
  await expect(consoleWin.getByTestId('presenter-console')).toContainText('Notes: iLQR-VAE');
  const stageRunner = page.getByTestId('ilqr-runner');
  await expect(stageRunner).toHaveAttribute('data-status', 'idle');
  await expect(consoleWin.getByTestId('stage-runner-status')).toContainText('0 / 12 steps', { timeout: 30_000 });
  await consoleWin.getByTestId('run').click();
  await expect(stageRunner).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(stageRunner).toHaveAttribute('data-done', '12');
  await expect(consoleWin.getByTestId('stage-runner-status')).toContainText('done, 12 / 12 steps');
  // the console's own runner never ran
  await expect(consoleWin.getByTestId('ilqr-runner')).toHaveAttribute('data-done', '0');

  // closing the console gives the stage its controls back (Playwright's close fires no pagehide, so
  // this is the heartbeat's timeout: 3.5 s without a hello, checked every second)
  await consoleWin.close();
  await expect(page.getByTestId('open-presenter')).toHaveAttribute('aria-pressed', 'false', { timeout: 15_000 });
  await expect(page.locator('.controls-panel')).toBeVisible();
  expect([...watch.errors(), ...watchConsole.errors()]).toEqual([]);
});
