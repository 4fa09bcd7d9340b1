/**
 * Issue #16, keyboard only: each built demo's primary action is reached with Tab from the top of the
 * page and used with Enter (or typing), without the mouse, and the focused control shows a visible
 * focus ring.
 */
import { expect, test, type Page } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

/** Presses Tab until the element with this test id has the focus; fails after `max` presses. */
async function tabTo(page: Page, testId: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)) === testId) return;
  }
  throw new Error(`${testId} was not reached with ${max} presses of Tab`);
}

/** The focused element draws a focus indicator (an outline or a box shadow). */
async function expectVisibleFocus(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const cs = getComputedStyle(el);
    return { outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0, shadow: cs.boxShadow !== 'none' };
  });
  expect(ring, 'something has the focus').not.toBeNull();
  expect(ring!.outline || ring!.shadow, 'the focused control shows a focus ring').toBe(true);
}

async function open(page: Page, route: string): Promise<void> {
  await page.goto(`./#/${route}`);
  await waitForPage(page);
  // start from the top of the document, as a keyboard user arriving on the page does
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

for (const id of ['ntl', 'ilqr'] as const) {
  test(`${id}: Tab reaches Run, Enter trains, without the mouse`, async ({ page }) => {
    test.setTimeout(120_000);
    const watch = watchErrors(page);
    await open(page, `${id}?steps=2${id === 'ntl' ? '&batch=8&baseline=false' : '&trials=4'}`);
    await expect(page.getByTestId('run')).toBeEnabled({ timeout: 45_000 });
    await tabTo(page, 'run');
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(`${id}-runner`)).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    expect(watch.errors()).toEqual([]);
  });
}

test('grammar: Tab reaches "build the grammar", Enter starts it', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchErrors(page);
  await open(page, 'grammar');
  const build = page.getByTestId('grammar-build');
  await expect(build).toBeEnabled({ timeout: 45_000 });
  await tabTo(page, 'grammar-build');
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(build).toBeDisabled({ timeout: 60_000 });
  expect(watch.errors()).toEqual([]);
});

test('einops: Tab reaches the pattern, typing a new one updates the result', async ({ page }) => {
  const watch = watchErrors(page);
  await open(page, 'einops');
  await tabTo(page, 'pattern-input');
  await expectVisibleFocus(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('b h w c -> b c h w');
  await expect(page.getByTestId('pattern-input')).toHaveValue('b h w c -> b c h w');
  await expect(page).toHaveURL(/b\+h\+w\+c|b%20h%20w%20c|b h w c/);
  expect(watch.errors()).toEqual([]);
});

test('cophy: Tab reaches Play, Enter plays the videos', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchErrors(page);
  await open(page, 'cophy');
  await expect(page.getByTestId('cophy-play')).toBeVisible({ timeout: 60_000 });
  await tabTo(page, 'cophy-play');
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cophy-player')).toHaveAttribute('data-playing', 'true');
  expect(watch.errors()).toEqual([]);
});
