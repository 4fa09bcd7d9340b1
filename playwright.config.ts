/**
 * End-to-end tests against the built app (`npm run build` first; `npm test` does it), served by
 * `vite preview` which Playwright starts and stops. Debian's Chromium, headless; WebGL runs in
 * software through SwiftShader (docs/environment.md says why these exact flags).
 *
 * Two projects: "webgl" (SwiftShader WebGL 2) and "no-webgl" (WebGL and 3D APIs disabled).
 * Tests tagged @webgl run only in the first, tests tagged @nowebgl only in the second.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

import { CHROMIUM, CHROMIUM_MISSING } from './scripts/chromium';

export { CHROMIUM };
if (!existsSync(CHROMIUM)) {
  throw new Error(CHROMIUM_MISSING);
}

// E2E_PORT lets two checkouts on one machine test at the same time; 4173 is vite preview's usual port.
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}/`;
// --expose-gc: the attract mode's memory probe (src/shared/memoryProbe.ts) collects garbage before it
// reads the heap where it can, so the kiosk test compares live memory, not garbage awaiting collection.
const chromiumArgs = ['--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--js-flags=--expose-gc'];
// --disable-webgl/--disable-3d-apis alone only remove WebGL from page canvases: OffscreenCanvas (and so
// tfjs and workers) still gets SwiftShader. Without the GPU process and its software fallback, no
// context of any kind can be made, which is what a machine without WebGL looks like.
const noWebglArgs = ['--disable-webgl', '--disable-3d-apis', '--disable-gpu', '--disable-software-rasterizer'];

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'playwright-report/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: false,
    // Generous: on a loaded 2-core machine the preview server can take a while to answer.
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  projects: [
    {
      name: 'webgl',
      grepInvert: /@nowebgl/,
      use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM, args: chromiumArgs } },
    },
    {
      name: 'no-webgl',
      grepInvert: /@webgl\b/,
      use: { browserName: 'chromium', launchOptions: { executablePath: CHROMIUM, args: [...chromiumArgs, ...noWebglArgs] } },
    },
  ],
});
