/**
 * npm run bench -- stylealign-browser [--quick] [--runs N] [--root DIR]
 *
 * Issue #13's two clocks for the StyleAlign page, measured: builds the app, opens #/stylealign in headless
 * Chromium (the e2e tests' flags: SwiftShader WebGL; the page picks its backend itself, WASM there), waits
 * for the explorer worker to load the shipped generators, then
 *
 * - images per second: presses "Time the generator" (the explorer worker renders batches of 8 latents
 *   through the parent's G_ema for one second and reads them back; target ≥ 30/s), `runs` times;
 * - morph redraw: moves the morph slider one step by keyboard and times, from the key press, until the
 *   page has the worker's new render for that t (a MutationObserver on the explorer's data-rendered-t;
 *   the canvas is drawn in the same commit's effect); target < 50 ms; 5 presses per run.
 *
 * A benchmark: it prints and asserts nothing. Without a shipped parent.bin there is nothing to time.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { median, type BenchFigure } from '../src/shared/bench';
import { withBuiltApp } from './bench-browser';
import { DEFAULT_ROOT } from './cli-common';

const CHROMIUM_ARGS = ['--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
export const STYLEALIGN_TARGETS = { imagesPerSecond: 30, morphMs: 50 } as const;
const PRESSES = 5;

/** Milliseconds from an arrow press on the morph slider until the explorer shows the render for the new t. */
async function morphOnce(page: Page, key: 'ArrowLeft' | 'ArrowRight'): Promise<number> {
  const before = await page.getByTestId('stylealign-explorer').getAttribute('data-rendered-t');
  await page.evaluate((old) => {
    const w = window as unknown as { __saMorph?: Promise<number>; __saStart?: number };
    const el = document.querySelector('[data-testid="stylealign-explorer"]')!;
    w.__saMorph = new Promise<number>((resolve) => {
      const obs = new MutationObserver(() => {
        if (el.getAttribute('data-rendered-t') !== old) {
          obs.disconnect();
          resolve(performance.now() - (w.__saStart ?? 0));
        }
      });
      obs.observe(el, { attributes: true, attributeFilter: ['data-rendered-t'] });
    });
    // the key press below is dispatched right after this; its own timestamp is taken in the keydown listener
    document.addEventListener('keydown', () => (w.__saStart = performance.now()), { once: true, capture: true });
  }, before);
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __saMorph: Promise<number> }).__saMorph);
}

export default async function bench(opts: { quick: boolean; root?: string; runs?: number }): Promise<BenchFigure[]> {
  const root = opts.root ?? DEFAULT_ROOT;
  if (!existsSync(join(root, 'src/apps/stylealign/weights/parent.bin'))) {
    console.log('no shipped StyleAlign parent (src/apps/stylealign/weights/parent.bin): nothing to time; train it with npx tsx scripts/train/stylealign.ts --stage parent');
    return [];
  }
  const runs = opts.runs ?? (opts.quick ? 1 : 3);
  const rates: number[] = [];
  const morph: number[] = [];
  const load: number[] = [];
  let backend = '?';
  await withBuiltApp(
    opts.root,
    async (browser, base) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await context.newPage();
        const opened = Date.now();
        await page.goto(`${base}#/stylealign`);
        await page.locator('[data-testid="stylealign-explorer"][data-status="ready"]').waitFor({ timeout: 180_000 });
        await page.locator('[data-testid="stylealign-explorer"]:not([data-rendered-t=""])').waitFor({ timeout: 60_000 });
        console.log(`  first visit: page, tfjs, weights and the first render in ${((Date.now() - opened) / 1000).toFixed(1)} s`);
        await page.getByTestId('stylealign-speed-check').locator('summary').click();
        for (let r = 0; r < runs; r++) {
          load.push(loadavg()[0]);
          await page.getByTestId('stylealign-speed-run').click();
          const speed = page.getByTestId('stylealign-speed');
          await page.locator('[data-testid="stylealign-speed-run"]:not([disabled])').waitFor({ timeout: 60_000 });
          rates.push(Number(await speed.getAttribute('data-value')));
          backend = (await speed.getAttribute('data-backend')) ?? '?';
          await page.getByTestId('stylealign-t').focus();
          const times: number[] = [];
          for (let i = 0; i < PRESSES; i++) times.push(await morphOnce(page, (r + i) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft'));
          morph.push(...times);
          console.log(`  run ${r + 1}/${runs} (load average ${loadavg()[0].toFixed(1)}): ${rates.at(-1)!.toFixed(0)} images/s on ${backend}; morph redraws ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
        }
      } finally {
        await context.close();
      }
    },
    CHROMIUM_ARGS,
  );
  const note = `#/stylealign, headless Chromium on ${backend}, ${runs} run(s); targets ≥ ${STYLEALIGN_TARGETS.imagesPerSecond} images/s and morph redraw < ${STYLEALIGN_TARGETS.morphMs} ms; 1-min load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${cpus().length} cores`;
  return [
    { name: 'stylealign: generator images per second, median', value: median(rates), unit: 'images/s', note },
    { name: 'stylealign: generator images per second, slowest run', value: Math.min(...rates), unit: 'images/s' },
    { name: 'stylealign: morph slider redraw, median', value: median(morph), unit: 'ms' },
    { name: 'stylealign: morph slider redraw, slowest', value: Math.max(...morph), unit: 'ms' },
  ];
}
