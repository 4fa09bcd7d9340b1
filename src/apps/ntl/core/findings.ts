/**
 * What a multi-seed run says about the removal attacks, computed from its per-seed numbers (never
 * written by hand): a row per attack (and pruning level) with every seed's clean and patched
 * accuracy and their mean ± sd, each seed judged by `attackOutcome`, and plain sentences for the
 * seeds where an attack removed or weakened the mark, or kept it only by wrecking the model. The
 * page (`ui/CommittedAttacks.tsx`) and `results/make-readme.ts` both use this. Plain numbers only,
 * no tfjs.
 */
import { attackWreckedModel } from './metrics';

export interface SeedMetrics {
  seed: number;
  metrics: Record<string, number>;
}

/** One attack of the experiment, its metric suffix (`own.ntl.{clean,patched}.<id>`) and its name. */
export interface AttackSpec {
  id: string;
  attack: string;
  level?: string;
}

const PRUNE_LEVELS = [10, 20, 30, 40, 50, 60, 70, 80, 90];

/** Every attack the experiment can report, in the order the tables show them. */
export const ATTACK_SPECS: readonly AttackSpec[] = [
  { id: 'ftal', attack: 'FTAL' },
  { id: 'rtal', attack: 'RTAL' },
  { id: 'ewc', attack: 'EWC' },
  { id: 'au', attack: 'AU' },
  { id: 'overwrite', attack: 'overwriting' },
  ...PRUNE_LEVELS.map((p) => ({ id: `prune${p}`, attack: 'global pruning', level: `${p}%` })),
  ...PRUNE_LEVELS.map((p) => ({ id: `pruneLayer${p}`, attack: 'per-layer pruning', level: `${p}%` })),
];

/**
 * How one attack on one seed went, for the owner:
 * - 'wrecked': clean accuracy under 50% (`attackWreckedModel`): the mark stayed only because the
 *   model no longer works; the attacker gained nothing.
 * - 'removed': the model still works and the patch costs it less than `REMOVED_GAP` of accuracy:
 *   verification fails.
 * - 'weakened': the model works and patched accuracy is above `WEAKENED_PATCHED` (far from chance):
 *   the evidence is weaker.
 * - 'costly': the mark held but the attack cost more than `COSTLY_DROP` of clean accuracy.
 * - 'held': the mark held at little cost.
 */
export type AttackOutcome = 'wrecked' | 'removed' | 'weakened' | 'costly' | 'held';
export const REMOVED_GAP = 0.1;
export const WEAKENED_PATCHED = 0.25;
export const COSTLY_DROP = 0.1;

export function attackOutcome(after: { clean: number; patched: number }, stolenClean: number): AttackOutcome {
  if (attackWreckedModel({ after })) return 'wrecked';
  if (after.patched >= after.clean - REMOVED_GAP) return 'removed';
  if (after.patched > WEAKENED_PATCHED) return 'weakened';
  if (stolenClean - after.clean > COSTLY_DROP) return 'costly';
  return 'held';
}

export interface MeanSd {
  mean: number;
  sd: number;
}

export function meanSd(values: number[]): MeanSd {
  const mean = values.reduce((a, v) => a + v, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, sd };
}

export interface AttackSeed {
  seed: number;
  /** The stolen (ownership NTL) model's clean accuracy before the attack. */
  before: number;
  clean: number;
  patched: number;
  outcome: AttackOutcome;
}

export interface AttackRow extends AttackSpec {
  seeds: AttackSeed[];
  clean: MeanSd;
  patched: MeanSd;
}

/** The rows for every attack that all seeds report. */
export function attackRows(perSeed: readonly SeedMetrics[]): AttackRow[] {
  const rows: AttackRow[] = [];
  if (perSeed.length === 0) return rows;
  for (const spec of ATTACK_SPECS) {
    const ck = `own.ntl.clean.${spec.id}`;
    const pk = `own.ntl.patched.${spec.id}`;
    if (!perSeed.every((r) => Number.isFinite(r.metrics[ck]) && Number.isFinite(r.metrics[pk]))) continue;
    const seeds = perSeed.map((r) => {
      const after = { clean: r.metrics[ck], patched: r.metrics[pk] };
      const before = r.metrics['own.ntl.clean'];
      return { seed: r.seed, before, ...after, outcome: attackOutcome(after, before) };
    });
    rows.push({ ...spec, seeds, clean: meanSd(seeds.map((s) => s.clean)), patched: meanSd(seeds.map((s) => s.patched)) });
  }
  return rows;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const name = (r: AttackSpec) => (r.level ? `${r.level} ${r.attack}` : r.attack);
const seedList = (seeds: AttackSeed[]) =>
  `${seeds.length > 1 ? 'seeds' : 'seed'} ${seeds.length > 1 ? `${seeds.slice(0, -1).map((s) => s.seed).join(', ')} and ${seeds[seeds.length - 1].seed}` : seeds[0].seed}`;

/** Plain sentences: where an attack removed or weakened the mark, and where it only kept it by wrecking or costing the model. */
export function attackFindings(rows: readonly AttackRow[]): string[] {
  const out: string[] = [];
  const pick = (r: AttackRow, o: AttackOutcome) => r.seeds.filter((s) => s.outcome === o);
  for (const r of rows) {
    const removed = pick(r, 'removed');
    if (removed.length) {
      out.push(
        `${name(r)} removed the mark on ${seedList(removed)}: patched accuracy ${removed.map((s) => `${pct(s.patched)} vs clean ${pct(s.clean)}`).join('; ')}, so the patch no longer tells the owner that the model is theirs.`,
      );
    }
    const weakened = pick(r, 'weakened');
    if (weakened.length) {
      out.push(
        `${name(r)} weakened the mark on ${seedList(weakened)}: patched accuracy ${weakened.map((s) => `${pct(s.patched)} (clean ${pct(s.clean)})`).join('; ')}, far above chance (10%).`,
      );
    }
    const wrecked = pick(r, 'wrecked');
    if (wrecked.length) {
      out.push(
        `${name(r)} kept the mark on ${seedList(wrecked)} only by wrecking the model: clean accuracy fell ${wrecked.map((s) => `from ${pct(s.before)} to ${pct(s.clean)}`).join('; ')}; the attacker gained nothing.`,
      );
    }
    const costly = pick(r, 'costly');
    if (costly.length) {
      out.push(
        `${name(r)} left the mark in place on ${seedList(costly)} and cost the model clean accuracy (${costly.map((s) => `${pct(s.before)} → ${pct(s.clean)}`).join('; ')}): the attacker lost accuracy and gained nothing.`,
      );
    }
  }
  const anyRemoved = rows.some((r) => r.seeds.some((s) => s.outcome === 'removed' || s.outcome === 'weakened'));
  if (!anyRemoved && rows.length) out.unshift(`No attack removed or weakened the mark on any seed: patched accuracy stayed at most ${pct(WEAKENED_PATCHED)} (chance is 10%) wherever the model still worked.`);
  return out;
}
