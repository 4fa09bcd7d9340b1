/**
 * Projector mode (issue #8) at 1280×720: `present=1` before or after the `#` turns it on; a demo's
 * first screen shows the science (one-line header, the live view before the controls, the first
 * chart and the headline card on screen); chart text is at least 18 px; nothing runs off the
 * screen. And the landing page's split: live demos first, counted from the demo folders.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS, waitForPage, watchErrors } from './helpers';
import { overflowing } from './layoutChecks';
import { runToEnd } from './training';

const MIN_CHART_FONT_PX = 18;
const VIEWPORT = { width: 1280, height: 720 };

test.use({ viewport: VIEWPORT });

/** Layout does not depend on the backend: the checks run once, in the WebGL project. */
function onceOnly(info: { project: { name: string } }): void {
  test.skip(info.project.name !== 'webgl', 'layout does not depend on the backend: once');
}

async function isPresent(page: Page): Promise<boolean> {
  return (await page.locator('html').getAttribute('data-present')) === '1';
}

/**
 * Chart text smaller than the projector minimum, inside `.main-view`'s charts. DOM text (legends,
 * captions, SVG labels scaled by their viewBox) is measured as drawn; canvas text (uPlot's axes,
 * image labels) through the `data-font-px` its chart declares, scaled when CSS shrank the canvas.
 * Also returns how many charts were looked at, so that an empty page does not pass silently.
 */
async function smallChartText(page: Page): Promise<{ charts: number; declared: number; small: string[] }> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const roots = Array.from(document.querySelectorAll<HTMLElement>('.main-view .plot, .main-view .scatter-plot'));
    let declared = 0;
    for (const root of roots) {
      for (const el of Array.from(root.querySelectorAll<Element>('*'))) {
        if (el.tagName.toLowerCase() === 'title') continue; // SVG <title>: a tooltip, not drawn
        const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
        if (!hasText) continue;
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
        let px = parseFloat(cs.fontSize);
        if (el instanceof SVGGraphicsElement) {
          const m = el.getScreenCTM();
          if (m) px *= Math.hypot(m.a, m.b);
        }
        if (px < min - 0.01) small.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').trim().slice(0, 24)}" ${px.toFixed(1)}px`);
      }
      const attr = root.getAttribute('data-font-px');
      if (attr === null) continue;
      declared++;
      let px = Number(attr);
      const canvas = root.querySelector<HTMLCanvasElement>('canvas[data-css-width]');
      if (canvas) px *= canvas.getBoundingClientRect().width / Number(canvas.dataset.cssWidth);
      if (!(px >= min - 0.01)) small.push(`${root.className} canvas text (data-font-px ${attr}) ${px.toFixed(1)}px`);
    }
    return { charts: roots.length, declared, small };
  }, MIN_CHART_FONT_PX);
}

/** The box of the first element matching one of the selectors, in viewport px (null when none exists). */
async function firstBox(page: Page, selectors: string[]): Promise<{ what: string; top: number; bottom: number } | null> {
  for (const s of selectors) {
    const loc = page.locator(s).first();
    if ((await loc.count()) === 0) continue;
    const b = await loc.boundingBox();
    if (b) return { what: s, top: b.y, bottom: b.y + b.height };
  }
  return null;
}

/** Table boxes whose content is wider than they are (on a projector, a scroll bar hides columns). */
async function scrolledTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('main .table-scroll')).filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className}: ${e.scrollWidth} > ${e.clientWidth}px`),
  );
}

function expectInFirstScreen(box: { what: string; top: number; bottom: number } | null, label: string): void {
  expect(box, `${label} exists`).not.toBeNull();
  if (!box) return;
  expect(box.top, `${label} (${box.what}) starts on the first screen`).toBeGreaterThanOrEqual(0);
  expect(box.bottom, `${label} (${box.what}) ends within the first ${VIEWPORT.height}px`).toBeLessThanOrEqual(VIEWPORT.height);
}

test.describe('present=1 turns projector mode on', () => {
  for (const url of ['./?present=1#/ntl', './#/ntl?present=1']) {
    test(`from ${url.slice(2)}, and leaves the address`, async ({ page }, info) => {
      onceOnly(info);
      const watch = watchErrors(page);
      await page.goto(url);
      await waitForPage(page);
      expect(await isPresent(page)).toBe(true);
      const href = new URL(page.url());
      expect(href.search, 'no present before the #').toBe('');
      expect(href.hash, 'no present after the #').toBe('#/ntl');
      // The shell's links carry the mode on.
      await expect(page.locator('.topnav a[href^="#/einops"]')).toHaveAttribute('href', '#/einops?present=1');
      expect(watch.errors()).toEqual([]);
    });
  }

  test('a plain link leaves it off', async ({ page }, info) => {
    onceOnly(info);
    await page.goto('./#/ntl');
    await waitForPage(page);
    expect(await isPresent(page)).toBe(false);
  });
});

/** What each demo's first screen must show: its first chart, or the first canvas of a demo without shared charts. */
const FIRST_VIEW: Record<'ntl' | 'einops' | 'ilqr', string[]> = {
  ntl: ['.main-view .line-chart', '.main-view .plot'],
  einops: ['.main-view .line-chart', '.main-view .plot', '.main-view canvas'],
  // Before a run iLQR's first view is a sentence (there is no data yet); the headline card says what a run will show.
  ilqr: ['.main-view [data-testid="headline-card"]'],
};

for (const id of ['ntl', 'einops', 'ilqr'] as const) {
  test.describe(`#/${id} in projector mode at 1280×720`, () => {
    test.beforeEach(async ({ page }, info) => {
      onceOnly(info);
      await page.goto(`./#/${id}?present=1`);
      await waitForPage(page);
      expect(await isPresent(page)).toBe(true);
    });

    test('the first screen shows the science: a one-line header, then the live view and its first chart', async ({ page }, info) => {
      onceOnly(info);
      const header = page.locator('main .paper-header');
      await expect(header.locator('.paper-authors')).toBeHidden();
      await expect(header.locator('.paper-ids')).toBeHidden();
      const title = header.locator('.paper-title');
      const titleBox = await title.boundingBox();
      const lineHeight = await title.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.25);
      expect(titleBox && titleBox.height, 'the title takes one line').toBeLessThanOrEqual(lineHeight * 1.3);
      const headerBox = await header.boundingBox();
      expect(headerBox && headerBox.y + headerBox.height, 'site header and paper header take under a sixth of the screen').toBeLessThanOrEqual(VIEWPORT.height / 6);

      // The live view comes before the controls and the explainer.
      const top = async (s: string) => (await page.locator(s).first().boundingBox())?.y ?? Infinity;
      const mainTop = await top('.main-view');
      expect(mainTop, 'live view on the first screen').toBeLessThan(VIEWPORT.height / 3);
      expect(mainTop, 'live view above the controls').toBeLessThan(await top('.controls-panel'));
      expect(mainTop, 'live view above the explainer').toBeLessThan(await top('.explainer'));

      // Wait for the live view's content (the training panel or the einops output) before measuring.
      await expect(page.locator(FIRST_VIEW[id].join(', ')).first()).toBeVisible();
      expectInFirstScreen(await firstBox(page, FIRST_VIEW[id]), 'the first chart');
      expect(await overflowing(page), 'elements wider than the viewport').toEqual([]);
      expect(await scrolledTables(page), 'tables that need a horizontal scroll').toEqual([]);
    });

    // Einops answers each keystroke in its output (no run to summarise), so it has no headline card.
    if (id !== 'einops') test('the headline card is on the first screen', async ({ page }, info) => {
      onceOnly(info);
      const card = page.getByTestId('headline-card');
      await expect(card.first()).toBeVisible();
      expectInFirstScreen(await firstBox(page, ['[data-testid="headline-card"]']), 'the headline card');
    });
  });
}

/** Per training demo: a link to a short run, and the view that shows its last step. */
const SHORT_RUN = {
  ntl: { query: 'steps=4&batch=8&baseline=false&backend=wasm', lastStep: { view: 'ntl-acc-table', stepsInput: 'ntl-steps' } },
  ilqr: { query: 'steps=20&trials=4', lastStep: { view: 'ilqr-inputs', stepsInput: 'ilqr-steps' } },
} as const;

for (const id of ['ntl', 'ilqr'] as const) {
  test(`#/${id} in projector mode after a short run: chart text ≥ 18 px, nothing cut off, headline and first chart on the first screen`, async ({ page }, info) => {
    onceOnly(info);
    test.setTimeout(240_000);
    const watch = watchErrors(page);
    await page.goto(`./#/${id}?present=1&${SHORT_RUN[id].query}`);
    await waitForPage(page);
    await expect(page.getByTestId('run')).toBeEnabled({ timeout: 45_000 });
    await runToEnd(page, { prefix: id, timeout: 180_000, lastStep: SHORT_RUN[id].lastStep });
    // Every view has drawn the last checkpoint, the scatter plot included.
    await expect(page.locator('.main-view .scatter-plot canvas').first()).toBeVisible();

    const { charts, declared, small } = await smallChartText(page);
    expect(charts, 'charts in the live view').toBeGreaterThanOrEqual(4);
    expect(declared, 'charts that declare their canvas font (uPlot axes, bar chart, image labels)').toBeGreaterThanOrEqual(3);
    expect(small, `chart text under ${MIN_CHART_FONT_PX}px`).toEqual([]);

    // Scatter plots follow the viewport: min(45vw, 60vh) at 1280×720 is 432 px.
    const scatter = await page.locator('.main-view .scatter-plot canvas').first().boundingBox();
    expect(scatter?.width ?? 0, 'scatter plot sized to the viewport').toBeGreaterThanOrEqual(400);

    expectInFirstScreen(await firstBox(page, ['[data-testid="headline-card"]']), 'the headline card');
    expectInFirstScreen(await firstBox(page, ['.main-view .line-chart', '.main-view .plot']), 'the first chart');
    expect(await overflowing(page), 'elements wider than the viewport').toEqual([]);
    expect(await scrolledTables(page), 'tables that need a horizontal scroll').toEqual([]);
    expect(watch.errors()).toEqual([]);
  });
}

test.describe('landing page', () => {
  /** The registry's rule, read off the folders: live = index.tsx and no placeholder.ts. */
  const live = DEMO_IDS.filter((id) => existsSync(`src/apps/${id}/index.tsx`) && !existsSync(`src/apps/${id}/placeholder.ts`));
  const onTheWay = DEMO_IDS.filter((id) => !live.includes(id));

  for (const present of [false, true]) {
    test(`counts live demos and lists them first${present ? ' (projector mode)' : ''}`, async ({ page }, info) => {
      onceOnly(info);
      await page.goto(present ? './?present=1#/' : './#/');
      await expect(page.getByTestId('demo-card')).toHaveCount(DEMO_IDS.length);
      const expected = `${live.length} live demo${live.length === 1 ? '' : 's'}${onTheWay.length ? `, ${onTheWay.length} on the way` : ''}`;
      await expect(page.getByTestId('demo-counts')).toHaveText(expected);

      const cards = await page.getByTestId('demo-card').evaluateAll((els) =>
        els.map((el) => ({
          status: el.getAttribute('data-status'),
          href: el.querySelector('a.card-link')?.getAttribute('href') ?? '',
          text: el.textContent ?? '',
        })),
      );
      const ids = cards.map((c) => c.href.replace(/^#\//, '').replace(/\?.*$/, ''));
      expect(ids, 'live cards first, in registry order').toEqual([...live, ...onTheWay]);
      for (const c of cards.slice(0, live.length)) {
        expect(c.status).toBe('live');
        expect(c.text).toContain('Try it live');
      }
      for (const c of cards.slice(live.length)) {
        expect(c.status).toBe('in-preparation');
        expect(c.text).toContain('In preparation');
      }
      // Placeholders are visibly secondary: smaller than the live cards.
      if (live.length && onTheWay.length) {
        const cardBoxes = await page.getByTestId('demo-card').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height * el.getBoundingClientRect().width));
        expect(Math.max(...cardBoxes.slice(live.length)), 'a card in preparation is smaller than a live one').toBeLessThan(Math.min(...cardBoxes.slice(0, live.length)));
      }

      // The navigation splits the same way: live links, then the ones in preparation.
      const navIds = await page.locator('.topnav a').evaluateAll((els) =>
        els.map((a) => (a.getAttribute('href') ?? '').replace(/^#\//, '').replace(/\?.*$/, '')),
      );
      expect(navIds.filter((h) => h !== 'system')).toEqual([...live, ...onTheWay]);
      await expect(page.locator('.topnav-soon a')).toHaveCount(onTheWay.length);
      if (present) expect(await overflowing(page)).toEqual([]);
    });
  }
});
