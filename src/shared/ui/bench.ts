/**
 * npm run bench -- ui: how long the shared LineChart (uPlot) takes per live append while three
 * series grow to 10,000 points each (issue #2: "10k points stay smooth"). Builds the app, serves it
 * with vite preview on a free port, and runs the system page's chart check in headless Chromium
 * (Debian's; scripts/chromium.ts). Each figure is the median over runs; prints, never asserts.
 */
import { median, type BenchFigure } from '../bench';
import { withBuiltApp } from '../../../scripts/bench-browser';

interface Run {
  medianMs: number;
  lastFifthMedianMs: number;
  maxMs: number;
  points: number;
  appends: number;
}

export default async function bench({ quick }: { quick: boolean }): Promise<BenchFigure[]> {
  const runs: Run[] = [];
  await withBuiltApp(
    undefined,
    async (browser, base) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${base}#/system`);
      for (let r = 0; r < (quick ? 1 : 5); r++) {
        await page.getByTestId('chart-check-run').click();
        const result = page.locator(`[data-testid="chart-check-result"]`);
        await result.waitFor({ timeout: 120_000 });
        await page.waitForFunction(() => !document.querySelector('[data-testid="chart-check-run"][aria-busy="true"]'), null, { timeout: 120_000 });
        const read = async (name: string) => Number(await result.getAttribute(`data-${name}`));
        runs.push({
          medianMs: await read('median-ms'),
          lastFifthMedianMs: await read('last-fifth-median-ms'),
          maxMs: await read('max-ms'),
          points: await read('points'),
          appends: await read('appends'),
        });
      }
    },
    ['--disable-quic'],
  );
  const note = `${runs[0].appends} appends per run up to ${runs[0].points} points × 3 series, headless Chromium, median of ${runs.length} run(s); a 60 Hz frame is 16.7 ms`;
  const fig = (name: string, key: keyof Run, extra?: string): BenchFigure => ({ name, value: median(runs.map((r) => r[key])), unit: 'ms', ...(extra ? { note: extra } : {}) });
  return [
    fig('LineChart append, React + uPlot redraw (median append)', 'medianMs', note),
    fig('LineChart append at 8k–10k points (median of the last fifth)', 'lastFifthMedianMs'),
    fig('LineChart slowest append in a run', 'maxMs'),
  ];
}
