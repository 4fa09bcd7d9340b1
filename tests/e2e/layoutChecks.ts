/**
 * Layout checks shared by layout.spec.ts (every route on a phone and a projector) and present.spec.ts
 * (projector mode after a run). A module of its own: a spec file must not import another spec.
 */
import type { Page } from '@playwright/test';

/** Elements wider than the viewport, by tag, class and width (empty when the page fits). */
export async function overflowing(page: Page): Promise<string[]> {
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
