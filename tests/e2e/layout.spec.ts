/**
 * Layout on a phone and on a projector: every page fits the viewport's width (nothing pushes the
 * page sideways), and the controls a visitor needs first are on screen without zooming.
 */
import { expect, test, type Page } from '@playwright/test';
import { ROUTES, waitForPage, watchErrors } from './helpers';

/** Elements wider than the viewport, by tag, class and width (empty when the page fits). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > vw + 1) out.push(`document ${document.documentElement.scrollWidth}px > ${vw}px`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Inside a horizontally scrollable box (a wide table, a code line) is fine: the box scrolls, not the page.
      let scroller: HTMLElement | null = el.parentElement;
      let scrolls = false;
      while (scroller && scroller !== document.body) {
        const ox = getComputedStyle(scroller).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') {
          scrolls = true;
          break;
        }
        scroller = scroller.parentElement;
      }
      if (!scrolls && (r.right > vw + 1 || r.left < -1)) out.push(`${el.tagName.toLowerCase()}.${el.className || '(no class)'} ${Math.round(r.left)}..${Math.round(r.right)}px`);
    }
    return out.slice(0, 8);
  });
}

const SIZES = [
  { name: 'phone', width: 375, height: 740, query: '' },
  { name: 'projector', width: 1280, height: 720, query: 'present=1' },
] as const;

for (const size of SIZES) {
  test.describe(`${size.name} (${size.width}×${size.height})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });
    for (const route of ROUTES) {
      test(`${route} fits the width`, async ({ page }, info) => {
        test.skip(info.project.name !== 'webgl', 'layout does not depend on the backend: once');
        const watch = watchErrors(page);
        const sep = route.includes('?') ? '&' : '?';
        await page.goto(`./${route}${size.query ? `${sep}${size.query}` : ''}`);
        await waitForPage(page);
        await page.waitForTimeout(300);
        expect(await overflowing(page), 'elements wider than the viewport').toEqual([]);
        expect(watch.errors()).toEqual([]);
      });
    }
  });
}
