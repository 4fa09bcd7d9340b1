/**
 * The system page's chart check: the shared LineChart (uPlot) takes live appends until three series
 * hold 10,000 points each, as a long training curve would. Each append is timed from the state
 * update to the end of uPlot's redraw: React's render and effects, the data alignment and
 * decimation, and the canvas drawing calls (the browser's own compositing of the frame is not in it). `npm run bench -- ui` runs it in headless Chromium and prints the figures.
 */
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { median } from '../shared/bench';
import { LineChart } from '../shared/ui/plots/LineChart';
import type { Point, SeriesInput } from '../shared/ui/plots/align';
import { formatCount } from '../shared/formatCount';

const SERIES = 3;
export const CHART_CHECK_POINTS = 10_000;
const PER_APPEND = 200;

export interface ChartCheckResult {
  appends: number;
  points: number;
  /** Milliseconds per append, over all appends and over the last fifth (the longest series). */
  medianMs: number;
  maxMs: number;
  lastFifthMedianMs: number;
}

/** A smooth, noisy curve per series: deterministic (no PRNG needed for a drawing check). */
function pointsFor(series: number, from: number, count: number): Point[] {
  const out: Point[] = [];
  for (let i = from; i < from + count; i++) {
    const x = i;
    out.push([x, Math.exp(-x / (2500 + 1500 * series)) + 0.05 * Math.sin(x * (0.37 + 0.11 * series)) + 0.02 * Math.sin(x * 7.1)]);
  }
  return out;
}

export function ChartCheck() {
  const [series, setSeries] = useState<SeriesInput[] | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ChartCheckResult | null>(null);

  const run = async () => {
    setRunning(true);
    setResult(null);
    let current: SeriesInput[] = Array.from({ length: SERIES }, (_, s) => ({ name: `series ${s + 1}`, points: [] }));
    // The chart is created by this render's effects; the loop's first frame wait lets them finish.
    flushSync(() => setSeries(current));
    const times: number[] = [];
    for (let n = 0; n < CHART_CHECK_POINTS; n += PER_APPEND) {
      // One append per animation frame, as a live run would draw.
      await new Promise((r) => requestAnimationFrame(r));
      const next = current.map((s, i) => ({ ...s, points: s.points.concat(pointsFor(i, n, PER_APPEND)) }));
      const t0 = performance.now();
      flushSync(() => setSeries(next));
      // uPlot redraws in a microtask queued during the commit: this one runs after it.
      await new Promise<void>((r) => queueMicrotask(r));
      times.push(performance.now() - t0);
      current = next;
    }
    const lastFifth = times.slice(Math.floor(times.length * 0.8));
    setResult({
      appends: times.length,
      points: current[0].points.length,
      medianMs: median(times),
      maxMs: Math.max(...times),
      lastFifthMedianMs: median(lastFifth),
    });
    setRunning(false);
  };

  return (
    <div>
      <p>
        Appends {PER_APPEND} points to each of {SERIES} series once per frame until each holds{' '}
        {formatCount(CHART_CHECK_POINTS)} points, and times each append from the update to the end of uPlot's
        redraw. A frame at 60 Hz lasts 16.7 ms.
      </p>
      <button type="button" className="btn primary" data-testid="chart-check-run" onClick={() => void run()} disabled={running} aria-busy={running}>
        {running ? 'Drawing…' : result ? 'Measure again' : 'Measure'}
      </button>
      {result && (
        <p
          data-testid="chart-check-result"
          data-median-ms={result.medianMs.toFixed(2)}
          data-max-ms={result.maxMs.toFixed(2)}
          data-last-fifth-median-ms={result.lastFifthMedianMs.toFixed(2)}
          data-points={result.points}
          data-appends={result.appends}
        >
          {result.appends} appends to {formatCount(result.points)} points per series: median {result.medianMs.toFixed(1)} ms per
          append ({result.lastFifthMedianMs.toFixed(1)} ms over the last fifth, the longest series), slowest {result.maxMs.toFixed(1)} ms.
        </p>
      )}
      {series && <LineChart series={series} xLabel="step" yLabel="value" height={200} label="Chart check: three synthetic curves" />}
    </div>
  );
}
