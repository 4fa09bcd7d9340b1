import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const BUDGET_GZIP_BYTES = 120 * 1024;
// Strings that only tfjs or three.js bundles contain (checked against the built chunks).
const HEAVY_MARKERS: [string, RegExp][] = [
  ['tfjs', /not registered for backend|tfjs-backend|@tensorflow\/tfjs/],
  ['three.js', /WebGLRenderer: |THREE\.WebGLRenderer/],
];

// The shell names each lazy chunk after its page (vite.config/registry); none of them belongs on the landing page.
const CHUNK_NAMES_NOT_ON_LANDING = /tfjs|tensorflow|three|apps|SystemPage|DemoPlaceholder|^(cophy|ntl|grammar|ilqr|einops|stylealign)[-.]/i;

test('the landing page loads no tfjs, three.js or demo chunk and at most 120 KB of gzipped JS @webgl', async ({ page }) => {
  const scripts: { url: string; gz: number; body: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    const url = res.url();
    if (!/\.m?js(\?|$)/.test(url) && res.request().resourceType() !== 'script') return;
    pending.push(
      res.body().then((b) => {
        scripts.push({ url, gz: gzipSync(b, { level: 9 }).length, body: b.toString('utf8') });
      }),
    );
  });
  await page.goto('./#/');
  await expect(page.getByTestId('demo-card')).toHaveCount(6);
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);

  expect(scripts.length).toBeGreaterThan(0);
  const total = scripts.reduce((s, x) => s + x.gz, 0);
  const table = scripts.map((s) => `${(s.gz / 1024).toFixed(1)} KB  ${new URL(s.url).pathname}`).join('\n');
  test.info().annotations.push({ type: 'landing JS (gzip)', description: `${(total / 1024).toFixed(1)} KB\n${table}` });
  console.log(`landing page JS, gzipped: ${(total / 1024).toFixed(1)} KB in ${scripts.length} file(s)\n${table}`);

  for (const s of scripts) {
    const name = new URL(s.url).pathname.split('/').pop() ?? '';
    expect(name, 'chunk name').not.toMatch(CHUNK_NAMES_NOT_ON_LANDING);
    for (const [what, marker] of HEAVY_MARKERS) expect(marker.test(s.body), `${name} contains ${what}`).toBe(false);
  }
  expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
});
