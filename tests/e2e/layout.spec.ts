/**
 * Layout on a phone, on a projector and for a projector link opened on a phone: every page fits the
 * viewport's width (nothing pushes the page sideways), and the controls a visitor needs first are on
 * screen without zooming.
 */
import { expect, test } from '@playwright/test';
import { ROUTES, waitForPage, watchErrors } from './helpers';
import { overflowing } from './layoutChecks';

const SIZES = [
  { name: 'phone', width: 375, height: 740, query: '' },
  { name: 'projector', width: 1280, height: 720, query: 'present=1' },
  // a projector link opened on a phone: the shared link keeps present=1, and the page must still fit
  { name: 'projector link on a phone', width: 390, height: 844, query: 'present=1' },
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
