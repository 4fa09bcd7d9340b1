import { expect, type Page } from '@playwright/test';

export const DEMO_IDS = ['cophy', 'ntl', 'grammar', 'ilqr', 'einops', 'stylealign'] as const;

/** Every route of the app, and one that does not exist. */
export const ROUTES = ['#/', ...DEMO_IDS.map((id) => `#/${id}`), '#/system', '#/no-such-page'] as const;

// Harmless noise (see docs/environment.md): the GPU driver's ReadPixels note under SwiftShader, and a
// favicon 404 (index.html avoids it with a data: icon, but a browser may still ask).
const NOISE = [/GPU stall due to ReadPixels/i, /favicon\.ico/i];

export interface ErrorWatch {
  /** console.error messages and uncaught page errors, noise removed. */
  errors(): string[];
  pageErrors(): string[];
  /**
   * Forgets what was recorded so far. For tests that navigate away themselves: leaving a page aborts
   * its in-flight requests (a chunk, a wasm file), which is the test's doing, not the app's.
   */
  clear(): void;
}

export function watchErrors(page: Page): ErrorWatch {
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    const text = `${msg.text()}${where ? ` (${where})` : ''}`;
    if (!NOISE.some((re) => re.test(text))) consoleErrors.push(text);
  });
  page.on('pageerror', (err) => pageErrors.push(`${err.name}: ${err.message}`));
  page.on('requestfailed', (req) => {
    const text = `request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`;
    if (!NOISE.some((re) => re.test(text))) consoleErrors.push(text);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !NOISE.some((re) => re.test(res.url()))) consoleErrors.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return {
    errors: () => [...pageErrors, ...consoleErrors],
    pageErrors: () => [...pageErrors],
    clear: () => {
      pageErrors.length = 0;
      consoleErrors.length = 0;
    },
  };
}

/**
 * Waits until the page for the current hash has rendered: its heading is visible, the shell's
 * lazy-load spinner and any "starting TensorFlow.js" state are gone, and the page is not an error page.
 */
export async function waitForPage(page: Page): Promise<void> {
  const main = page.locator('main');
  // The route's chunk loads before its h1: under CI's load (two test workers on two cores) that took
  // over the default 20 s once (fuzz.spec.ts, stop 27), so it gets the same 45 s as the waits below.
  await expect(main.locator('h1').first()).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.page-loading')).toHaveCount(0, { timeout: 45_000 });
  await expect(page.getByText(/starting tfjs|starting tensorflow/i)).toHaveCount(0, { timeout: 45_000 });
  await expect(page.locator('[data-testid="backend"][data-backend="starting"]')).toHaveCount(0, { timeout: 45_000 });
  await expect(page.getByTestId('demo-error')).toHaveCount(0);
  await expect(page.getByTestId('chunk-error')).toHaveCount(0);
}
