import { expect, test } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

test('a link with state reopens the same state (#/system?backend=cpu)', async ({ page, context }) => {
  await page.goto('./#/system?backend=cpu');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
  const link = page.url();
  expect(link).toContain('backend=cpu');
  const again = await context.newPage();
  const watch = watchErrors(again);
  await again.goto(link);
  await waitForPage(again);
  await expect(again.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
  await expect(again.locator('input[name="backend"][value="cpu"]')).toBeChecked();
  expect(watch.errors()).toEqual([]);
});

test('a malformed link shows a notice and the page still works', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/system?backend=quantum');
  await waitForPage(page);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('backend');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(webgl|wasm|cpu)$/);
  await page.getByTestId('dismiss-notice').click();
  await expect(notice).toHaveCount(0);
  expect(watch.errors()).toEqual([]);
});
