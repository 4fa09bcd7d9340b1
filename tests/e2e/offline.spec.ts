/**
 * The offline pack (issue #15): after one online visit and "Make every demo available offline",
 * with the browser context offline, every route renders with no chunk error (the service worker
 * answers the navigation with the cached shell and each route's files from the saved pack), and
 * the einops and NTL demos run; a reload offline works too.
 */
import { expect, test } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';
import { runToEnd } from './training';

test('after "Make every demo available offline", every route works with the network off', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'webgl', 'the offline pack does not depend on the backend: once');
  test.setTimeout(300_000);
  const watch = watchErrors(page);
  await page.goto('./#/');
  await waitForPage(page);
  // the first visit installs the service worker, which takes this page over
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
  const pack = page.getByTestId('offline-all');
  await expect(pack).toHaveAttribute('data-status', 'missing');
  const label = await page.getByTestId('offline-all-save').textContent();
  expect(label).toMatch(/Make every demo available offline, \d+(\.\d)? MB/);
  await page.getByTestId('offline-all-save').click();
  await expect(pack).toHaveAttribute('data-status', 'available', { timeout: 180_000 });

  await context.setOffline(true);
  // Leaving a page aborts its in-flight requests (a worker chunk it was prefetching): that is the
  // test's doing, so each route's errors are read before the next navigation and then cleared.
  const errors: string[] = [];
  for (const route of ['#/', '#/ntl', '#/einops', '#/ilqr', '#/grammar', '#/cophy', '#/stylealign', '#/system']) {
    await page.goto('./' + route);
    await waitForPage(page);
    await expect(page.getByTestId('chunk-error'), route).toHaveCount(0);
    await expect(page.getByTestId('demo-error'), route).toHaveCount(0);
    errors.push(...watch.errors().filter((e) => !/ERR_ABORTED/.test(e)).map((e) => `${route}: ${e}`));
    watch.clear();
  }
  expect(errors).toEqual([]);
  // a demo's own badge says it is saved
  await page.goto('./#/einops');
  await waitForPage(page);
  await expect(page.getByTestId('offline-einops')).toHaveAttribute('data-status', 'available');
  const pattern = page.getByTestId('pattern-input');
  await pattern.fill('b h w c -> h (b w) c');
  await pattern.press('Enter');
  await expect(page.getByTestId('output-shape')).toBeVisible();

  await page.goto('./#/ntl?v=1&steps=20');
  await page.reload();
  await waitForPage(page);
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 45_000 });
  await runToEnd(page, { prefix: 'ntl', timeout: 120_000 });
  await context.setOffline(false);
  // offline, the failed requests are the point (none should happen, but the browser may probe); an
  // abort is a navigation leaving a page with a request in flight (the grammar worker's RDKit)
  expect(watch.errors().filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_ABORTED/.test(e))).toEqual([]);
});
