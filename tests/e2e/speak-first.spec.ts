/**
 * Pages that speak first (issue #8): on a phone the primary action of each demo is on the first
 * screen; a shared link says what it changed; before any run the headline card says what a run will
 * show and the domains are shown.
 */
import { expect, test, type Page } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

/** The element's box lies inside the viewport's first screen (no scrolling needed). */
async function expectOnFirstScreen(page: Page, testId: string): Promise<void> {
  const el = page.getByTestId(testId).first();
  await expect(el).toBeVisible();
  const box = await el.boundingBox();
  const vp = page.viewportSize()!;
  expect(box, `${testId} has a box`).not.toBeNull();
  expect(box!.y, `${testId} starts inside the first screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${testId} ends inside the first ${vp.height} px`).toBeLessThanOrEqual(vp.height);
  expect(box!.x + box!.width, `${testId} fits the width`).toBeLessThanOrEqual(vp.width);
}

test.describe('on a phone (375×740)', () => {
  test.use({ viewport: { width: 375, height: 740 } });
  for (const [route, action] of [
    ['ntl', 'run'],
    ['einops', 'pattern-input'],
    ['ilqr', 'run'],
  ] as const) {
    test(`${route}: the primary action is on the first screen`, async ({ page }) => {
      const watch = watchErrors(page);
      await page.goto(`./#/${route}`);
      await waitForPage(page);
      await expectOnFirstScreen(page, action);
      expect(watch.errors()).toEqual([]);
    });
  }
});

test('a shared NTL link says what it changed, and marks those settings', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/ntl?v=1&target=T3&alpha=0.3&seed=7');
  await waitForPage(page);
  const banner = page.getByTestId('shared-link-banner');
  await expect(banner).toContainText('Shared run:');
  await expect(banner).toContainText('target T3');
  await expect(banner).toContainText('α 0.3 (paper 0.1)');
  await expect(banner).toContainText('seed 7');
  // The changed fields carry a mark; an unchanged one does not. Advanced opens because α changed.
  await expect(page.getByTestId('ntl-advanced')).toHaveAttribute('open', '');
  for (const id of ['ntl-target', 'ntl-alpha', 'ntl-seed']) {
    await expect(page.locator('.field-changed', { has: page.getByTestId(id) }), id).toHaveCount(1);
  }
  await expect(page.locator('.field-changed', { has: page.getByTestId('ntl-mode') })).toHaveCount(0);
  expect(watch.errors()).toEqual([]);
});

test('a plain NTL page has no shared-link banner, and says what a run will show before any run', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/ntl');
  await waitForPage(page);
  await expect(page.getByTestId('shared-link-banner')).toHaveCount(0);
  await expect(page.getByTestId('headline-card')).toHaveAttribute('data-state', 'waiting');
  await expect(page.getByTestId('headline-card')).toContainText(/Press Run/);
  await expect(page.getByTestId('ntl-domain-strip')).toBeVisible();
  await expect(page.getByTestId('ntl-domain-strip').locator('figcaption')).toHaveText([/S/, /T1/, /T2/, /T3/]);
  expect(watch.errors()).toEqual([]);
});
