import { expect, test } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

test('without WebGL the app runs tfjs on wasm or cpu and says so @nowebgl', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/system');
  await waitForPage(page);
  const backend = page.getByTestId('backend');
  await expect(backend).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
  await expect(backend).toHaveText(/^(wasm|cpu)$/);
  await expect(page.getByTestId('backend-reason')).not.toBeEmpty();
  // The browser really has no WebGL in this project: not on a page canvas, not on an OffscreenCanvas.
  expect(
    await page.evaluate(
      () =>
        document.createElement('canvas').getContext('webgl2') === null &&
        document.createElement('canvas').getContext('webgl') === null &&
        new OffscreenCanvas(1, 1).getContext('webgl2') === null,
    ),
  ).toBe(true);
  await expect(page.getByTestId('backend-reason')).toContainText(/webgl/i);
  expect(watch.errors()).toEqual([]);
});

test('a link that forces webgl on a machine without WebGL falls back and says so @nowebgl', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/system?backend=webgl');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
  await expect(page.getByTestId('backend-reason')).toContainText(/webgl/i);
  expect(watch.errors()).toEqual([]);
});

test('?backend=webgl runs tfjs on WebGL (SwiftShader) and says so @webgl', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/system?backend=webgl');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
  await expect(page.getByTestId('renderer')).toContainText(/SwiftShader/i);
  expect(watch.errors()).toEqual([]);
});

test('left to choose, the app prefers WASM over software WebGL and says why @webgl', async ({ page }) => {
  await page.goto('./#/system');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend-reason')).toContainText(/software|SwiftShader/i);
});

test('a demo header shows the live backend: wasm or cpu without WebGL @nowebgl', async ({ page }) => {
  await page.goto('./#/einops');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
});

test('a demo header shows webgl when the link forces it @webgl', async ({ page }) => {
  await page.goto('./#/einops?backend=webgl');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
  await expect(page.getByTestId('output-shape')).toBeVisible();
});

test('a lost WebGL context is detected and said, and starting again moves to WASM @webgl', async ({ page }) => {
  const watch = watchErrors(page);
  await page.goto('./#/system?backend=webgl');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
  await page.getByTestId('simulate-context-loss').click();
  // The webglcontextlost event reached shared/tf, which told its listeners (the page).
  await expect(page.getByTestId('context-lost-state')).toBeVisible();
  await page.getByTestId('restart-backend').click();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
  await expect(page.getByTestId('backend-reason')).toContainText(/context was lost/i);
  expect(watch.errors()).toEqual([]);
});

test('a demo whose WebGL context is lost restarts on WASM with its settings, says so, and keeps working @webgl', async ({ page }) => {
  const watch = watchErrors(page);
  // Test-side only: remember every WebGL context the page makes, so the test can lose tfjs's one.
  await page.addInitScript(() => {
    const made: WebGLRenderingContext[] = [];
    (window as unknown as { __glContexts: WebGLRenderingContext[] }).__glContexts = made;
    for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype] as { getContext: (...a: unknown[]) => unknown }[]) {
      const original = proto.getContext;
      proto.getContext = function (this: unknown, ...args: unknown[]) {
        const ctx = original.apply(this, args);
        if (ctx && /webgl/.test(String(args[0]))) made.push(ctx as WebGLRenderingContext);
        return ctx;
      };
    }
  });
  await page.goto('./#/einops?backend=webgl&pattern=b+h+w+c+-%3E+h+(b+w)+c');
  await waitForPage(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
  await expect(page.getByTestId('output-shape')).toHaveText('(96, 576, 3)');
  const lost = await page.evaluate(() =>
    (window as unknown as { __glContexts: WebGLRenderingContext[] }).__glContexts.filter((gl) => {
      const ext = gl.getExtension('WEBGL_lose_context');
      ext?.loseContext();
      return ext !== null;
    }).length,
  );
  expect(lost, 'the page had a WebGL context to lose').toBeGreaterThan(0);
  await expect(page.getByTestId('context-lost')).toContainText(/context was lost.*restarted on wasm/is);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  // The demo came back with the link's settings, on WASM, and still computes.
  await expect(page.getByTestId('output-shape')).toHaveText('(96, 576, 3)');
  const input = page.getByTestId('pattern-input');
  await input.fill('b h w c -> (b h) w c');
  await expect(page.getByTestId('output-shape')).toHaveText('(576, 96, 3)');
  await page.getByTestId('dismiss-context-lost').click();
  await expect(page.getByTestId('context-lost')).toHaveCount(0);
  expect(watch.errors()).toEqual([]);
});

test('the system page draws a live chart to 10,000 points per series and reports the time per append', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgl', 'a 2-D canvas check: once');
  const watch = watchErrors(page);
  await page.goto('./#/system');
  await waitForPage(page);
  await page.getByTestId('chart-check-run').click();
  const result = page.getByTestId('chart-check-result');
  await expect(result).toHaveAttribute('data-points', '10000', { timeout: 60_000 });
  await expect(result).toHaveAttribute('data-appends', '50');
  // Figures only (npm run bench -- ui prints them); the test checks the check runs and measures something.
  const medianMs = Number(await result.getAttribute('data-median-ms'));
  expect(medianMs).toBeGreaterThan(0);
  info.annotations.push({ type: 'chart append median ms', description: String(medianMs) });
  await expect(page.locator('.line-chart canvas').first()).toBeVisible();
  expect(watch.errors()).toEqual([]);
});
