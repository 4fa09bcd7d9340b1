/** Summarises the committed `npm run bench -- einops --json` output: the einops ÷ by-hand ratios. */
export interface BenchSummary {
  median: number;
  min: number;
  max: number;
  count: number;
}

interface BenchOutput {
  label: string;
  figures: { name: string; value: number; unit: string }[];
}

export function committedBenchSummary(output: unknown): BenchSummary | null {
  if (!Array.isArray(output)) return null;
  const ratios = (output as BenchOutput[])
    .filter((r) => r.label === 'src/apps/einops/bench.ts')
    .flatMap((r) => r.figures)
    .filter((f) => f.unit === 'ratio' && f.name.endsWith('einops / by hand') && Number.isFinite(f.value))
    .map((f) => f.value)
    .sort((a, b) => a - b);
  if (ratios.length === 0) return null;
  const mid = ratios.length >> 1;
  const median = ratios.length % 2 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2;
  return { median, min: ratios[0], max: ratios[ratios.length - 1], count: ratios.length };
}
