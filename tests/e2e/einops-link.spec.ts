import { expect, test, type Page } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

/** The link the copy-link button produced: from the clipboard, or from its fallback field. */
async function copiedLink(page: Page): Promise<string> {
  await page.getByTestId('copy-link').click();
  const field = page.getByTestId('copy-link-field');
  await expect(page.getByTestId('copy-link').or(field).first()).toBeVisible();
  if (await field.isVisible()) return field.inputValue();
  await expect(page.getByTestId('copy-link')).toHaveText(/Copied/);
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a copied einops link reopens the same state', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  const watch = watchErrors(page);
  await page.goto('./#/einops');
  await waitForPage(page);
  await page.getByTestId('op-select').selectOption('reduce');
  await page.getByTestId('reduction-select').selectOption('max');
  const pattern = page.getByTestId('pattern-input');
  await pattern.fill('b h w c -> h w c');
  await pattern.press('Enter');
  await expect(page).toHaveURL(/op=reduce/);
  await expect(page).toHaveURL(/reduction=max/);
  await expect(page.getByTestId('output-shape')).toBeVisible();
  const shape = await page.getByTestId('output-shape').textContent();

  const link = await copiedLink(page);
  expect(link).toBe(page.url());
  expect(link).toMatch(/#\/einops\?v=1&/);

  const again = await context.newPage();
  const watchAgain = watchErrors(again);
  await again.goto(link);
  await waitForPage(again);
  await expect(again.getByTestId('op-select')).toHaveValue('reduce');
  await expect(again.getByTestId('reduction-select')).toHaveValue('max');
  await expect(again.getByTestId('pattern-input')).toHaveValue('b h w c -> h w c');
  await expect(again.getByTestId('output-shape')).toHaveText(shape!);
  await expect(again.getByTestId('url-notice')).toHaveCount(0);
  expect(again.url()).toBe(link);
  expect([...watch.errors(), ...watchAgain.errors()]).toEqual([]);
});

test('a malformed einops link opens with defaults for the bad fields and a notice', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/einops?v=1&op=reduce&pattern=a%20b%20c%20-%3E%20a%20c&reduction=cube&seed=-4&input=numbers&bogus=1');
  await waitForPage(page);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('reduction:');
  await expect(notice).toContainText('seed:');
  await expect(notice).toContainText('bogus');
  // The good field is kept, the bad ones fall back, and the demo still computes.
  await expect(page.getByTestId('op-select')).toHaveValue('reduce');
  await expect(page.getByTestId('input-select')).toHaveValue('numbers');
  await expect(page.getByTestId('reduction-select')).toHaveValue('mean');
  await expect(page.getByTestId('seed')).toHaveText('1');
  await expect(page.getByTestId('output-shape')).toHaveText('(2, 4)');
  await page.getByTestId('dismiss-notice').first().click();
  await expect(page.getByTestId('dismiss-notice')).toHaveCount(2);
  expect(watch.errors()).toEqual([]);
});

test('a link from a newer version opens with defaults and says so', async ({ page }) => {
  await page.goto('./#/einops?v=99&op=reduce');
  await waitForPage(page);
  await expect(page.getByTestId('url-notice')).toContainText(/version/);
  await expect(page.getByTestId('op-select')).toHaveValue('rearrange');
});

test('a projector link (present=1) opens the demo in projector mode with no notice, and it stays on while the state changes', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/einops?present=1&v=1&op=reduce');
  await waitForPage(page);
  await expect(page.locator('html')).toHaveAttribute('data-present', '1');
  await expect(page.getByTestId('url-notice')).toHaveCount(0);
  await expect(page.getByTestId('op-select')).toHaveValue('reduce');
  await page.getByTestId('op-select').selectOption('repeat');
  await expect(page).toHaveURL(/op=repeat/);
  await expect(page.locator('html')).toHaveAttribute('data-present', '1');
  expect(watch.errors()).toEqual([]);
});
