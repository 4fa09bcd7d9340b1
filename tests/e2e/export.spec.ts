/**
 * Issue #16, figure export with provenance: after a short NTL run, a chart's "Table" shows its numbers,
 * and its PNG and CSV downloads carry the link and the seed (read back here: the PNG's tEXt chunks,
 * the CSV's commented header); the footer's stamp names the build and, once tfjs runs, its backend.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readPngText } from '../../src/shared/exportFile';
import { waitForPage, watchErrors } from './helpers';

test('an NTL chart exports PNG and CSV that name the link and the seed, and shows its numbers as a table', async ({ page }) => {
  test.setTimeout(150_000);
  const watch = watchErrors(page);
  await page.goto('./#/ntl?seed=5&steps=6&batch=8&baseline=false');
  await waitForPage(page);
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 45_000 });
  await expect(page.getByTestId('build-stamp')).toContainText(/Oral Demos \S+ \(\S+\) · tfjs \d+\.\d+\.\d+ · (webgl|wasm|cpu), float(32|16)/);
  await page.getByTestId('run').click();
  const runner = page.getByTestId('ntl-runner');
  await expect(runner).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect.poll(async () => Number(await runner.getAttribute('data-done')), { timeout: 120_000 }).toBe(6);

  const chart = page.locator('figure.line-chart').first();
  await expect(chart).toBeVisible();

  const csvDownload = page.waitForEvent('download');
  await chart.getByTestId('chart-export-csv').click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
  const lines = csv.split('\n');
  expect(lines).toContain('# seed: 5');
  const link = lines.find((l) => l.startsWith('# link: '))!;
  expect(link).toContain('#/ntl?');
  expect(link).toContain('seed=5');
  const header = lines.find((l) => !l.startsWith('#'))!;
  const dataRows = lines.filter((l) => l && !l.startsWith('#')).slice(1);
  expect(dataRows.length).toBeGreaterThan(0);

  const pngDownload = page.waitForEvent('download');
  await chart.getByTestId('chart-export-png').click();
  const png = new Uint8Array(readFileSync((await (await pngDownload).path())!));
  const text = readPngText(png);
  expect(text.seed).toBe('5');
  expect(text.link).toBe(link.slice('# link: '.length));
  expect(text.Software).toMatch(/^Oral Demos /);
  // Drawn afresh at twice the screen's device pixels (IHDR: width and height, big-endian at bytes 16 and 20),
  // plus a legend row under the chart.
  const shown = await chart.locator('canvas').first().evaluate((c: HTMLCanvasElement) => ({ width: c.width, dpr: window.devicePixelRatio }));
  const view = new DataView(png.buffer, png.byteOffset);
  expect(view.getUint32(16), 'the PNG is 2× the on-screen canvas wide').toBe(2 * shown.width);
  expect(view.getUint32(20)).toBeGreaterThan(0);

  // the table: the CSV's columns and as many rows (short series are shown whole)
  await chart.getByTestId('chart-table-toggle').click();
  const table = chart.getByTestId('chart-table');
  await expect(table).toBeVisible();
  // the page after a run, a chart shown as a table: still no serious or critical axe violation
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
  await expect(table.locator('thead th')).toHaveCount(header.split(',').length);
  await expect(table.locator('tbody tr')).toHaveCount(dataRows.length);
  await chart.getByTestId('chart-table-toggle').click();
  await expect(table).toHaveCount(0);
  // Cite: BibTeX for the paper and for this demo, with this link (the clipboard is granted here)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('cite').click();
  await expect(page.getByTestId('cite')).toHaveText('✓ BibTeX copied');
  const bib = await page.evaluate(() => navigator.clipboard.readText());
  expect(bib).toContain('@inproceedings{');
  expect(bib).toContain('Non-Transferable Learning');
  expect(bib).toContain(`\\url{${link.slice('# link: '.length)}}`);
  await expect(chart.locator('.plot-canvas canvas').first()).toBeVisible();
  expect(watch.errors()).toEqual([]);
});
