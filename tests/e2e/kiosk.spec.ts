/**
 * Attract mode (issue #15): `#/?kiosk=1&dwell=5` tours the live demos on its own, pressing each
 * one's Run; a key hands the page to the visitor and the tour stops; after `idle` seconds without
 * input it starts again from the first demo with its defaults; Reset is locked; over several tours
 * the main thread's tfjs memory and the JS heap stay flat (the watchdog's readings, one per tour).
 */
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_IDS, watchErrors } from './helpers';

/** The tour's first demo: the first live one in registry order (the registry's rule, read off the folders). */
const FIRST = DEMO_IDS.find((id) => existsSync(`src/apps/${id}/index.tsx`) && !existsSync(`src/apps/${id}/placeholder.ts`))!;
const FIRST_URL = new RegExp(`#/${FIRST}$`);

test('the tour moves on its own, hands over on input, comes back after idle, and memory stays flat', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgl', 'the tour does not depend on the backend: once');
  test.setTimeout(300_000);
  const watch = watchErrors(page);
  // Every address the tab shows, in order: on a loaded machine the first demo's 5 s can be over
  // before the caption is drawn, so the tour's start is read from this record, not from the address now.
  const visited: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(new URL(frame.url()).hash);
  });
  await page.goto('./#/?kiosk=1&dwell=5&idle=8');
  const caption = page.getByTestId('kiosk-caption');
  await expect(caption).toHaveAttribute('data-touring', '1');
  // the shell parameters left the address; the tour went to its first demo, then moved on by itself
  await expect.poll(() => visited.find((h) => h !== '#/' && !h.includes('kiosk')), { timeout: 20_000 }).toMatch(FIRST_URL);
  await expect.poll(() => visited.filter((h) => /^#\/\w+$/.test(h) && h !== '#/').length, { timeout: 20_000 }).toBeGreaterThan(1);
  // Reset is locked while the mode is on
  await expect(page).toHaveURL(/#\/ntl$/, { timeout: 60_000 });
  await expect(page.getByTestId('reset').first()).toHaveCSS('pointer-events', 'none', { timeout: 20_000 });

  // several tours; the watchdog reads memory at the end of each
  await expect(caption).toHaveAttribute('data-tours', '3', { timeout: 200_000 });
  const readings = JSON.parse((await caption.getAttribute('data-readings'))!) as { tensors: number | null; bytes: number | null; heap: number | null }[];
  console.log('memory at the end of each tour', JSON.stringify(readings));
  expect(readings).toHaveLength(3);
  expect(readings[1].tensors).not.toBeNull();
  // flat: from the second tour to the third, no more than a handful of tensors and under 2 MB more
  expect(readings[2].tensors! - readings[1].tensors!).toBeLessThanOrEqual(10);
  expect(readings[2].bytes! - readings[1].bytes!).toBeLessThan(2 * 2 ** 20);
  if (readings[0].heap !== null) expect(readings[2].heap!).toBeLessThan(1.5 * readings[1].heap!);

  // a key hands the page over; the route stays past the dwell; after the idle time the tour restarts
  await page.keyboard.press('Shift');
  await expect(caption).toHaveAttribute('data-touring', '0');
  const held = page.url();
  await page.waitForTimeout(6000);
  expect(page.url()).toBe(held);
  const before = visited.length;
  await expect(caption).toHaveAttribute('data-touring', '1', { timeout: 10_000 });
  // (the tab may already show the first demo, when no navigation is recorded)
  await expect.poll(() => visited.slice(before).find((h) => /^#\/\w+$/.test(h) && h !== '#/') ?? new URL(page.url()).hash, { timeout: 20_000 }).toMatch(FIRST_URL);
  expect(watch.errors()).toEqual([]);
});
