import { expect, test } from '@playwright/test';
import { DEMO_IDS, ROUTES, waitForPage, watchErrors } from './helpers';

test('the landing page lists the six demos', async ({ page }) => {
  await page.goto('./#/');
  const cards = page.getByTestId('demo-card');
  await expect(cards).toHaveCount(6);
  for (const id of DEMO_IDS) await expect(page.locator(`[data-testid="demo-card"] a[href$="#/${id}"]`)).toHaveCount(1);
});

for (const route of ROUTES) {
  test(`${route} renders with no console errors`, async ({ page }) => {
    const watch = watchErrors(page);
    await page.goto(`./${route}`);
    await waitForPage(page);
    if (route === '#/no-such-page') await expect(page.getByTestId('not-found')).toBeVisible();
    if (route === '#/') await expect(page.getByTestId('demo-card')).toHaveCount(6);
    // KaTeX loads after the text: every equation ends up typeset, none left as TeX source or in error.
    const equations = page.locator('.equation');
    if (route === '#/ntl' || route === '#/einops') await expect(equations.first()).toBeAttached();
    if ((await equations.count()) > 0) {
      await expect(page.locator('.equation[data-typeset="false"]')).toHaveCount(0);
      await expect(page.locator('.equation .katex').first()).toBeVisible();
      await expect(page.locator('.katex-error')).toHaveCount(0);
    }
    // Late errors (a failed lazy chunk, a WebGL error after the first frame) show up within a moment.
    await page.waitForTimeout(1000);
    expect(watch.errors()).toEqual([]);
  });
}

test('navigating between all routes in one page keeps working', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/');
  for (const route of [...ROUTES, '#/']) {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, route);
    await waitForPage(page);
  }
  await expect(page.getByTestId('demo-card')).toHaveCount(6);
  expect(watch.errors()).toEqual([]);
});
