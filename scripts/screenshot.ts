/**
 * npm run screenshot [-- --no-build] [--route '#/'] [--out docs/screenshot.png] [--run] [--element TESTID] [--full] [--wait CSS]
 *
 * Builds the app (unless --no-build), serves dist/ with Vite's preview server on a free port, opens
 * it in Debian's Chromium through Playwright and saves a screenshot of the page (the README's).
 * --run presses Run and waits until the demo's run is done (a demo's README shows the real app after
 * a run); --element saves only the element with that test id; --full saves the whole page; --wait waits
 * for an element matching the CSS selector first (a view a worker fills after the page has loaded).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

import { CHROMIUM, CHROMIUM_MISSING } from './chromium';
const root = resolve(import.meta.dirname, '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
  const route = option('--route', '#/');
  const out = resolve(root, option('--out', 'docs/screenshot.png'));
  if (!process.argv.includes('--no-build')) await build({ root, logLevel: 'warn' });
  // Port 0: the OS picks a free port, so this never collides with a running dev or preview server.
  const server = await preview({ root, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its address');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1, colorScheme: 'light' });
    await page.goto(`${url}${route}`);
    await page.locator('main h1').first().waitFor();
    if (route === '#/' || route === '') await page.getByTestId('demo-card').nth(5).waitFor();
    await page.waitForLoadState('networkidle');
    const wait = option('--wait', '');
    if (wait) await page.locator(wait).first().waitFor({ timeout: 180_000 });
    if (process.argv.includes('--run')) {
      await page.getByTestId('run').click();
      await page.locator('[data-testid$="-runner"][data-status="done"]').waitFor({ timeout: 600_000 });
      // Views draw their last checkpoint a moment after the run reports done.
      await page.waitForTimeout(1500);
    }
    mkdirSync(dirname(out), { recursive: true });
    const element = option('--element', '');
    if (element) {
      // Content drawn lazily off screen (`content-visibility: auto`, as the DEG demo's molecule cards)
      // takes its real size only once scrolled to; scroll through first, so the element does not move
      // between Playwright measuring it and taking the picture.
      await page.evaluate(async () => {
        for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
          window.scrollTo(0, y);
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        }
        window.scrollTo(0, 0);
      });
      await page.getByTestId(element).screenshot({ path: out });
    }
    else await page.screenshot({ path: out, fullPage: process.argv.includes('--full') });
    console.log(`saved ${out} (${url}${route})`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
