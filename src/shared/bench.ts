/**
 * Benchmark helpers shared by every `bench.ts`. Figures are medians over repeated runs, because
 * these machines are shared and single runs flake; benchmarks print, they never assert timings.
 */

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times `fn` (which may be async) `repeats` times after `warmup` untimed calls and returns the median
 * wall-clock milliseconds per call. `inner` calls are made per timed sample and divided out, so very
 * fast functions are measured over enough work to be above the timer's resolution.
 */
export async function measureMs(
  fn: () => unknown,
  opts: { repeats?: number; warmup?: number; inner?: number } = {},
): Promise<number> {
  const { repeats = 7, warmup = 2, inner = 1 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) await fn();
    samples.push((performance.now() - t0) / inner);
  }
  return median(samples);
}

export function formatFigure(f: BenchFigure): string {
  const value = Math.abs(f.value) >= 100 ? f.value.toFixed(1) : f.value.toPrecision(4);
  return `${f.name}: ${value} ${f.unit}${f.note ? `  (${f.note})` : ''}`;
}
