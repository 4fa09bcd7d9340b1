import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { DEMO_IDS, waitForPage, watchErrors } from './helpers';

// Keys the app reads somewhere, plus garbage. "crash" is the system page's deliberate test hook.
const KEYS = ['v', 'seed', 'backend', 'present', 'op', 'pattern', 'reduction', 'input', 'lengths', 'lr', 'step', 'x', '', '%', '__proto__', 'constructor'];
const GARBAGE = ['%E0%A4%A', '%', '%%', '%ZZ', '%C0%80', '%ED%A0%80', '%00', '+', '-1', '1e999', 'NaN', '2147483648', '<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '[]', '\\', '?', '#', '&&&', '=='];
const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...GARBAGE), fc.integer().map(String), fc.double().map(String), fc.constant('a'.repeat(5000)));
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })).filter((k) => k !== 'crash');
const query = fc.oneof(
  fc.array(fc.tuple(key, value), { maxLength: 8 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
);
const route = fc.constantFrom('', ...DEMO_IDS, 'system', 'nope');

test('random and malformed links never crash the app @webgl', async ({ page }) => {
  test.setTimeout(300_000);
  const watch = watchErrors(page);
  await fc.assert(
    fc.asyncProperty(route, query, async (r, q) => {
      if (/(^|&)crash=/.test(q)) return;
      await page.goto('about:blank');
      // Leaving the previous case's page aborted whatever it was still loading; only this link counts.
      watch.clear();
      await page.goto(`./#/${r}?${q}`);
      await waitForPage(page);
      await expect(page.locator('.app > header')).toBeVisible();
      expect(watch.pageErrors(), `uncaught error for #/${r}?${q}`).toEqual([]);
      expect(watch.errors(), `console errors for #/${r}?${q}`).toEqual([]);
    }),
    { numRuns: 30, seed: 20220425, endOnFailure: true },
  );
});

test('random links followed inside a running app (hashchange) never crash it', async ({ page }) => {
  test.setTimeout(300_000);
  const watch = watchErrors(page);
  await page.goto('./#/einops');
  await waitForPage(page);
  await fc.assert(
    fc.asyncProperty(route, query, async (r, q) => {
      if (/(^|&)crash=/.test(q)) return;
      await page.evaluate((h) => {
        window.location.hash = h;
      }, `#/${r}?${q}`);
      await waitForPage(page);
      await expect(page.locator('.app > header')).toBeVisible();
      expect(watch.errors(), `errors after following #/${r}?${q}`).toEqual([]);
    }),
    { numRuns: 20, seed: 20220426, endOnFailure: true },
  );
});
