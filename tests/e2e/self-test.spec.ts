/**
 * The system page's self-test (issue #15): a 20-step fixed-seed training per backend compared with
 * the committed reference, pass or fail per backend, and the capability line with a one-second
 * throughput figure. (That the comparison fails when the reference is perturbed is shown in
 * src/shared/tf/selfTest.test.ts.)
 */
import { expect, test, type Page } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

async function runSelfTest(page: Page): Promise<void> {
  await page.goto('./#/system');
  await waitForPage(page);
  await expect(page.getByTestId('capabilities')).toContainText('WASM SIMD: yes');
  await page.getByTestId('self-test-run').click();
  await expect(page.getByTestId('self-test-overall')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('throughput')).toBeVisible({ timeout: 30_000 });
}

test('the self-test passes on WASM and CPU, and the capability line has a measured throughput', async ({ page }, info) => {
  const watch = watchErrors(page);
  await runSelfTest(page);
  for (const b of ['wasm', 'cpu']) {
    await expect(page.getByTestId(`self-test-${b}`), `${b}: ${await page.getByTestId(`self-test-${b}`).innerText()}`).toHaveAttribute('data-result', 'pass');
    const dev = Number(await page.getByTestId(`self-test-${b}-deviation`).getAttribute('data-value'));
    expect(dev).toBeLessThanOrEqual(1e-3);
    info.annotations.push({ type: `${b} largest relative deviation`, description: String(dev) });
  }
  const gflops = Number(await page.getByTestId('throughput').getAttribute('data-gflops'));
  expect(gflops).toBeGreaterThan(0);
  info.annotations.push({ type: 'throughput', description: (await page.getByTestId('throughput').innerText()) });
  if (info.project.name === 'no-webgl') {
    await expect(page.getByTestId('self-test-webgl')).toHaveAttribute('data-result', 'unavailable');
    await expect(page.getByTestId('capabilities')).toContainText('WebGL 2: no');
    await expect(page.getByTestId('self-test-overall')).toHaveAttribute('data-result', 'pass');
  } else {
    await expect(page.getByTestId('capabilities')).toContainText('WebGL 2: yes · float32 render targets: yes');
  }
  // The page is back on the backend it started with.
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /wasm|cpu/);
  expect(watch.errors()).toEqual([]);
});

test('the self-test passes on SwiftShader WebGL @webgl', async ({ page }, info) => {
  // Known failure, found by this self-test: with tfjs 4.22's default WebGL flags, SwiftShader's
  // WebGL computes the conv layer's gradients wrongly from the second SGD step on (losses 0.730 vs
  // 0.747 at step 3, 0.822 vs 0.180 at step 10); with WEBGL_PACK_BINARY_OPERATIONS,
  // WEBGL_PACK_UNARY_OPERATIONS or WEBGL_LAZILY_UNPACK off it matches. The page says FAIL, as it
  // should; when tfjs or the backend set-up is fixed this test passes and Playwright reports it.
  test.fail(true, 'tfjs 4.22 WebGL (packed ops) on SwiftShader: wrong conv gradients; see the comment');
  await runSelfTest(page);
  const row = page.getByTestId('self-test-webgl');
  info.annotations.push({ type: 'webgl row', description: await row.innerText() });
  await expect(row).toHaveAttribute('data-result', 'pass', { timeout: 1000 });
});
