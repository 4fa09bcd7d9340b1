/**
 * A demo's committed full experiment, `src/apps/<id>/results/full.json` (written by
 * `npm run experiment -- <id>`), for the page's "paper vs. this run" table.
 *
 * Eager globs, so a page builds (and shows "not committed yet") before the file exists. Only the
 * top-level keys the tables show are imported (JSON named exports, tree-shaken), so curves stay out
 * of the page's chunk; `perSeed` (each seed's metrics, for tables that show every seed) is one of
 * them. import.meta.glob needs literal options: one call per key.
 */
import { formatPercent } from './format';

export interface CommittedResult {
  metrics: Record<string, number>;
  seeds?: number[];
  backend?: string;
  /** Each seed's own metrics, where the experiment reports them. */
  perSeed?: { seed: number; metrics: Record<string, number>; /** StyleAlign's full run repeats over fine-tune seeds, not data seeds. */ childSeed?: number }[];
}

const METRICS = import.meta.glob<CommittedResult['metrics']>('../../apps/*/results/full.json', { eager: true, import: 'metrics' });
const SEEDS = import.meta.glob<CommittedResult['seeds']>('../../apps/*/results/full.json', { eager: true, import: 'seeds' });
const BACKENDS = import.meta.glob<CommittedResult['backend']>('../../apps/*/results/full.json', { eager: true, import: 'backend' });
const PER_SEED = import.meta.glob<CommittedResult['perSeed']>('../../apps/*/results/full.json', { eager: true, import: 'perSeed' });

/** The committed result of demo `id`, or null when none is committed. */
export function committedResult(id: string): CommittedResult | null {
  const key = `../../apps/${id}/results/full.json`;
  const metrics = METRICS[key];
  return metrics ? { metrics, seeds: SEEDS[key], backend: BACKENDS[key], perSeed: PER_SEED[key] } : null;
}

/** "mean ± sd" of a metric (its sd under `<metric>.sd`), formatted; null when the metric is missing. */
export function formatMeanSd(result: CommittedResult | null, metric: string | undefined, format: (v: number) => string = formatPercent): string | null {
  if (!result || !metric) return null;
  const m = result.metrics[metric];
  if (m === undefined || !Number.isFinite(m)) return null;
  const sd = result.metrics[`${metric}.sd`];
  return `${format(m)}${sd !== undefined && Number.isFinite(sd) ? ` ± ${format(sd)}` : ''}`;
}
