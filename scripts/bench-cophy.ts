/**
 * npm run bench -- cophy-browser [--quick] [--runs N] [--root DIR]
 *
 * Issue #12's clock for the model's D, measured: builds the app, opens #/cophy?example=1 in headless
 * Chromium (the e2e tests' flags: SwiftShader WebGL), waits until the shipped model has predicted the
 * dataset's C once (tfjs and the weights are loaded: the first visit's cost is reported apart), then
 * moves ball 1 by keyboard (one arrow press, as a visitor would) and times, from the key press:
 *
 * - keypoints: the model's predicted keypoints for the new C are drawn (target < 0.5 s);
 * - frame: the decoded frame under the scrubber is drawn (target < 0.5 s);
 * - whole D: every decoded frame is there (target < 5 s);
 *
 * and the longest main-thread task in CPU time over the whole edit (Chromium trace; target < 100 ms).
 * Each run is a fresh browser context (fresh worker), `runs` edits per context (default 3, 1 with
 * --quick). A benchmark: it prints and asserts nothing. Without shipped weights
 * (src/apps/cophy/weights/) there is nothing to time, and it says so.
 */
import type { Browser, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { median, type BenchFigure } from '../src/shared/bench';
import { mainThreadTasks, describeTask } from '../tests/e2e/training';
import { withBuiltApp } from './bench-browser';
import { DEFAULT_ROOT } from './cli-common';

const CHROMIUM_ARGS = ['--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
export const COPHY_TARGETS = { keypointsS: 0.5, frameS: 0.5, wholeS: 5, taskMs: 100 } as const;

interface Edit {
  keypoints: number;
  frame: number;
  whole: number;
  longestTaskMs: number;
  longestTask: string;
}

/** Seconds from `start` (the page's performance.now()) until the new prediction's keypoints, current frame and all frames are drawn. */
async function timePrediction(page: Page, start: number, before: string | null): Promise<{ keypoints: number; frame: number; whole: number }> {
  const done = await page.waitForFunction(
    ({ t0, before }) => {
      const w = window as unknown as { __cophyBench?: { keypoints?: number; frame?: number } };
      const marks = (w.__cophyBench ??= {});
      const at = (performance.now() - t0) / 1000;
      const d = document.querySelector('[data-testid="cophy-predicted-d"]');
      const state = d?.getAttribute('data-state');
      if (state === 'error' || state === 'no-weights' || state === 'not-trained') return { error: d?.textContent ?? state };
      // the new C's prediction: its intervention (data-for) differs from the old one's; a 'loading' slot has none yet
      if (d?.getAttribute('data-for') === before || !d?.hasAttribute('data-for')) return null;
      if (document.querySelector('[data-testid="cophy-predicted-keypoints"]') && (state === 'streaming' || state === 'done')) marks.keypoints ??= at;
      if (document.querySelector('[data-testid="cophy-predicted"]')?.getAttribute('data-ready') === 'true') marks.frame ??= at;
      const ready = Number(d?.getAttribute('data-frames-ready') ?? 0);
      const total = Number(d?.getAttribute('data-frames') ?? -1);
      if (state !== 'done' || ready !== total || marks.keypoints === undefined || marks.frame === undefined) return null;
      const out = { keypoints: marks.keypoints, frame: marks.frame, whole: at };
      w.__cophyBench = {};
      return out;
    },
    { t0: start, before },
    { timeout: 120_000, polling: 'raf' },
  );
  const r = (await done.jsonValue()) as { keypoints: number; frame: number; whole: number } | { error: string };
  if ('error' in r) throw new Error(`the prediction failed: ${r.error}`);
  return r;
}

async function editOnce(page: Page, browser: Browser, step: number): Promise<Edit> {
  await page.getByTestId('cophy-ball-1').focus();
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const before = await page.getByTestId('cophy-predicted-d').getAttribute('data-for');
  const start = await page.evaluate(() => performance.now());
  await page.keyboard.press(step % 2 === 0 ? 'ArrowLeft' : 'ArrowRight');
  const t = await timePrediction(page, start, before);
  const tasks = mainThreadTasks(await browser.stopTracing());
  return { ...t, longestTaskMs: tasks[0]?.cpuMs ?? 0, longestTask: tasks[0] ? describeTask(tasks[0]) : 'none' };
}

export default async function bench(opts: { quick: boolean; root?: string; runs?: number }): Promise<BenchFigure[]> {
  const root = opts.root ?? DEFAULT_ROOT;
  if (!existsSync(join(root, 'src/apps/cophy/weights/derender.bin')) || !existsSync(join(root, 'src/apps/cophy/weights/cody.bin'))) {
    console.log('no shipped CoPhy model (src/apps/cophy/weights/derender.bin and cody.bin): nothing to time; train it with scripts/train/cophy.ts');
    return [];
  }
  const runs = opts.runs ?? (opts.quick ? 1 : 3);
  const edits: Edit[] = [];
  const firstVisit: number[] = [];
  const load: number[] = [];
  await withBuiltApp(
    opts.root,
    async (browser, base) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      try {
        const page = await context.newPage();
        const opened = Date.now();
        await page.goto(`${base}#/cophy?example=1`);
        await page.locator('[data-testid="cophy-predicted-d"][data-state="done"]').waitFor({ timeout: 180_000 });
        firstVisit.push((Date.now() - opened) / 1000);
        console.log(`  first visit: page, tfjs, weights and the dataset C's prediction in ${firstVisit[0].toFixed(1)} s`);
        for (let r = 0; r < runs; r++) {
          load.push(loadavg()[0]);
          const e = await editOnce(page, browser, r);
          edits.push(e);
          console.log(
            `  edit ${r + 1}/${runs} (load average ${loadavg()[0].toFixed(1)}): keypoints ${e.keypoints.toFixed(2)} s, frame under the scrubber ${e.frame.toFixed(2)} s, whole D ${e.whole.toFixed(2)} s; longest main-thread task ${e.longestTask}`,
          );
        }
      } finally {
        await context.close();
      }
    },
    CHROMIUM_ARGS,
  );
  const note = `#/cophy?example=1, one arrow press on ball 1, headless Chromium, ${runs} edit(s); targets keypoints and frame < ${COPHY_TARGETS.keypointsS} s, whole D < ${COPHY_TARGETS.wholeS} s, main-thread task < ${COPHY_TARGETS.taskMs} ms CPU; 1-min load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${cpus().length} cores`;
  return [
    { name: 'cophy: first visit to the first predicted D', value: firstVisit[0], unit: 's', note },
    { name: 'cophy edit: predicted keypoints drawn, median', value: median(edits.map((e) => e.keypoints)), unit: 's' },
    { name: 'cophy edit: frame under the scrubber drawn, median', value: median(edits.map((e) => e.frame)), unit: 's' },
    { name: 'cophy edit: whole predicted D, median', value: median(edits.map((e) => e.whole)), unit: 's' },
    { name: 'cophy edit: whole predicted D, slowest', value: Math.max(...edits.map((e) => e.whole)), unit: 's' },
    { name: 'cophy edit: longest main-thread task (CPU)', value: Math.max(...edits.map((e) => e.longestTaskMs)), unit: 'ms' },
  ];
}
