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
 *
 * `npm run bench -- cophy3d-browser` (scripts/bench-cophy3d.ts) times the same on CollisionCF
 * (#/cophy?scenario=collision&example=1, weights/collision/): one arrow press in the 3-D view nudges the
 * mover; issue #14's targets are the keypoints and the frame under the scrubber in < 1 s.
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
export const COPHY3D_TARGETS = { keypointsS: 1, frameS: 1, wholeS: 5, taskMs: 100 } as const;

/** What differs between BallsCF's page and a 3-D scenario's: the link, the test ids, the element a key press edits. */
interface BenchScene {
  name: string;
  weights: string;
  link: string;
  /** test-id prefix: cophy or cophy3d */
  prefix: string;
  /** the element focused before the arrow press */
  editor: string;
  targets: { keypointsS: number; frameS: number; wholeS: number; taskMs: number };
}

const SCENES: Record<'balls' | 'collision' | 'blocktower', BenchScene> = {
  balls: { name: 'cophy', weights: 'src/apps/cophy/weights', link: '#/cophy?example=1', prefix: 'cophy', editor: 'cophy-ball-1', targets: COPHY_TARGETS },
  collision: { name: 'cophy collision', weights: 'src/apps/cophy/weights/collision', link: '#/cophy?scenario=collision&example=1', prefix: 'cophy3d', editor: 'cophy3d-canvas', targets: COPHY3D_TARGETS },
  // the top cube is selected on a new tower: an arrow press nudges it along x
  blocktower: { name: 'cophy blocktower', weights: 'src/apps/cophy/weights/blocktower', link: '#/cophy?scenario=blocktower&example=1', prefix: 'cophy3d', editor: 'cophy3d-canvas', targets: COPHY3D_TARGETS },
};
export type BenchSceneName = keyof typeof SCENES;

interface Edit {
  keypoints: number;
  frame: number;
  whole: number;
  longestTaskMs: number;
  longestTask: string;
}

/** Seconds from `start` (the page's performance.now()) until the new prediction's keypoints, current frame and all frames are drawn. */
async function timePrediction(page: Page, start: number, before: string | null, prefix: string): Promise<{ keypoints: number; frame: number; whole: number }> {
  const done = await page.waitForFunction(
    ({ t0, before, prefix }) => {
      const w = window as unknown as { __cophyBench?: { keypoints?: number; frame?: number } };
      const marks = (w.__cophyBench ??= {});
      const at = (performance.now() - t0) / 1000;
      const d = document.querySelector(`[data-testid="${prefix}-predicted-d"]`);
      const state = d?.getAttribute('data-state');
      if (state === 'error' || state === 'no-weights' || state === 'not-trained') return { error: d?.textContent ?? state };
      // the new C's prediction: its intervention (data-for) differs from the old one's; a 'loading' slot has none yet
      if (d?.getAttribute('data-for') === before || !d?.hasAttribute('data-for')) return null;
      if (document.querySelector(`[data-testid="${prefix}-predicted-keypoints"]`) && (state === 'streaming' || state === 'done')) marks.keypoints ??= at;
      if (document.querySelector(`[data-testid="${prefix}-predicted"]`)?.getAttribute('data-ready') === 'true') marks.frame ??= at;
      const ready = Number(d?.getAttribute('data-frames-ready') ?? 0);
      const total = Number(d?.getAttribute('data-frames') ?? -1);
      if (state !== 'done' || ready !== total || marks.keypoints === undefined || marks.frame === undefined) return null;
      const out = { keypoints: marks.keypoints, frame: marks.frame, whole: at };
      w.__cophyBench = {};
      return out;
    },
    { t0: start, before, prefix },
    { timeout: 120_000, polling: 'raf' },
  );
  const r = (await done.jsonValue()) as { keypoints: number; frame: number; whole: number } | { error: string };
  if ('error' in r) throw new Error(`the prediction failed: ${r.error}`);
  return r;
}

async function editOnce(page: Page, browser: Browser, step: number, scene: BenchScene): Promise<Edit> {
  await page.getByTestId(scene.editor).focus();
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const before = await page.getByTestId(`${scene.prefix}-predicted-d`).getAttribute('data-for');
  const start = await page.evaluate(() => performance.now());
  await page.keyboard.press(step % 2 === 0 ? 'ArrowLeft' : 'ArrowRight');
  const t = await timePrediction(page, start, before, scene.prefix);
  const tasks = mainThreadTasks(await browser.stopTracing());
  return { ...t, longestTaskMs: tasks[0]?.cpuMs ?? 0, longestTask: tasks[0] ? describeTask(tasks[0]) : 'none' };
}

export default function bench(opts: { quick: boolean; root?: string; runs?: number }): Promise<BenchFigure[]> {
  return benchPrediction(opts, 'balls');
}

/** Times each scene whose weights ship, in one build of the app; a scene without weights is named and skipped. */
export async function benchPrediction(opts: { quick: boolean; root?: string; runs?: number }, which: BenchSceneName | readonly BenchSceneName[]): Promise<BenchFigure[]> {
  const root = opts.root ?? DEFAULT_ROOT;
  const scenes = (typeof which === 'string' ? [which] : which).filter((w) => {
    const scene = SCENES[w];
    const ships = existsSync(join(root, scene.weights, 'derender.bin')) && existsSync(join(root, scene.weights, 'cody.bin'));
    if (!ships) console.log(`no shipped model in ${scene.weights}/ (derender.bin and cody.bin): nothing to time; train it with scripts/train/cophy.ts${w === 'balls' ? '' : ` --scenario ${w}`}`);
    return ships;
  });
  if (scenes.length === 0) return [];
  const runs = opts.runs ?? (opts.quick ? 1 : 3);
  return withBuiltApp(
    opts.root,
    async (browser, base) => {
      const figures: BenchFigure[] = [];
      for (const w of scenes) figures.push(...(await benchScene(browser, base, w, runs)));
      return figures;
    },
    CHROMIUM_ARGS,
  );
}

async function benchScene(browser: Browser, base: string, which: BenchSceneName, runs: number): Promise<BenchFigure[]> {
  const scene = SCENES[which];
  const edits: Edit[] = [];
  const firstVisit: number[] = [];
  const load: number[] = [];
  console.log(`${scene.name}: ${scene.link}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const opened = Date.now();
    await page.goto(`${base}${scene.link}`);
    await page.locator(`[data-testid="${scene.prefix}-predicted-d"][data-state="done"]`).waitFor({ timeout: 180_000 });
    firstVisit.push((Date.now() - opened) / 1000);
    console.log(`  first visit: page, tfjs, weights and the dataset C's prediction in ${firstVisit[0].toFixed(1)} s`);
    for (let r = 0; r < runs; r++) {
      load.push(loadavg()[0]);
      const e = await editOnce(page, browser, r, scene);
      edits.push(e);
      console.log(
        `  edit ${r + 1}/${runs} (load average ${loadavg()[0].toFixed(1)}): keypoints ${e.keypoints.toFixed(2)} s, frame under the scrubber ${e.frame.toFixed(2)} s, whole D ${e.whole.toFixed(2)} s; longest main-thread task ${e.longestTask}`,
      );
    }
  } finally {
    await context.close();
  }
  const t = scene.targets;
  const note = `${scene.link}, one arrow press on ${which === 'balls' ? 'ball 1' : 'the selected object'}, headless Chromium, ${runs} edit(s); targets keypoints and frame < ${t.keypointsS} s, whole D < ${t.wholeS} s, main-thread task < ${t.taskMs} ms CPU; 1-min load average ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${cpus().length} cores`;
  const n = scene.name;
  return [
    { name: `${n}: first visit to the first predicted D`, value: firstVisit[0], unit: 's', note },
    { name: `${n} edit: predicted keypoints drawn, median`, value: median(edits.map((e) => e.keypoints)), unit: 's' },
    { name: `${n} edit: frame under the scrubber drawn, median`, value: median(edits.map((e) => e.frame)), unit: 's' },
    { name: `${n} edit: whole predicted D, median`, value: median(edits.map((e) => e.whole)), unit: 's' },
    { name: `${n} edit: whole predicted D, slowest`, value: Math.max(...edits.map((e) => e.whole)), unit: 's' },
    { name: `${n} edit: longest main-thread task (CPU)`, value: Math.max(...edits.map((e) => e.longestTaskMs)), unit: 'ms' },
  ];
}
