/**
 * What the browser benchmarks (scripts/bench-load.ts, scripts/bench-typing.ts) share: build the app
 * (of `root`, default this project), serve the build with `vite preview` on a free port, start
 * headless Chromium (scripts/chromium.ts), and close both however the measurement ends.
 */
import { createServer } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM } from './chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `measure(browser, base)` against a fresh build, `base` being the served app's URL ending in `/`. */
export async function withBuiltApp<T>(root: string | undefined, measure: (browser: Browser, base: string) => Promise<T>, args: string[] = []): Promise<T> {
  console.log(`building ${root ?? 'this project'}…`);
  await build({ root, logLevel: 'warn' });
  const port = await freePort();
  const server = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true } });
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args });
    try {
      return await measure(browser, `http://127.0.0.1:${port}/`);
    } finally {
      await browser.close();
    }
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
