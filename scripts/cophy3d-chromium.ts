/**
 * npx tsx scripts/cophy3d-chromium.ts
 *
 * Issue #14's determinism proof in the browser: serves the source with Vite (no build), opens headless
 * Chromium (scripts/chromium.ts), runs src/apps/cophy/core3d/crossCheck.ts there — Rapier's
 * deterministic build from its inlined wasm, the MD5 of world.takeSnapshot() after a BlocktowerCF and a
 * CollisionCF rollout, and ray-cast frame hashes — and compares them with the values pinned for Node in
 * crossCheck.test.ts. Exits 1 on any difference.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { PINNED_CROSS_CHECK } from '../src/apps/cophy/core3d/crossCheck';
import { CHROMIUM } from './chromium';

const server = await createServer({
  configFile: false,
  root: process.cwd(),
  appType: 'custom',
  logLevel: 'warn',
  cacheDir: join(tmpdir(), 'cophy3d-chromium-vite'),
  optimizeDeps: { noDiscovery: true, include: ['@dimforge/rapier3d-deterministic-compat'] },
  server: { host: '127.0.0.1', port: 0, hmr: false },
});
await server.listen();
const address = server.httpServer!.address();
const port = typeof address === 'object' && address ? address.port : 0;
let failed: boolean;
try {
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`[chromium] ${m.text()}`));
    await page.goto(`http://127.0.0.1:${port}/package.json`);
    const t0 = Date.now();
    const result = await page.evaluate(async () => {
      // A path the Vite server resolves in the page (a variable, so that TypeScript does not resolve it).
      const path = '/src/apps/cophy/core3d/crossCheck.ts';
      const module = (await import(/* @vite-ignore */ path)) as typeof import('../src/apps/cophy/core3d/crossCheck');
      return module.crossCheck3d();
    });
    console.log(`Chromium ${browser.version()} (${((Date.now() - t0) / 1000).toFixed(1)} s): ${JSON.stringify(result)}`);
    const same = JSON.stringify(result) === JSON.stringify(PINNED_CROSS_CHECK);
    console.log(same ? 'identical to the values pinned for Node' : `DIFFERENT from Node's pinned ${JSON.stringify(PINNED_CROSS_CHECK)}`);
    failed = !same;
  } finally {
    await browser.close();
  }
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
