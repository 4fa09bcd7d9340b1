import { describe, expect, it } from 'vitest';
import { attackFindings, attackOutcome, attackRows, type SeedMetrics } from './findings';

const seed = (s: number, extra: Record<string, number>): SeedMetrics => ({
  seed: s,
  metrics: { 'own.ntl.clean': 0.999, 'own.ntl.clean.ftal': 1, 'own.ntl.patched.ftal': 0.1, ...extra },
});

describe('attack findings', () => {
  it('judges each seed from its own numbers', () => {
    expect(attackOutcome({ clean: 0.953, patched: 0.957 }, 0.999)).toBe('removed');
    expect(attackOutcome({ clean: 0.32, patched: 0.1 }, 0.99)).toBe('wrecked');
    expect(attackOutcome({ clean: 0.95, patched: 0.6 }, 0.99)).toBe('weakened');
    expect(attackOutcome({ clean: 0.7, patched: 0.1 }, 0.999)).toBe('costly');
    expect(attackOutcome({ clean: 0.99, patched: 0.1 }, 0.999)).toBe('held');
  });

  it('names the attack, level and seed where the mark was removed, and where the model was wrecked', () => {
    const perSeed = [
      seed(1, { 'own.ntl.clean.prune90': 0.85, 'own.ntl.patched.prune90': 0.14, 'own.ntl.clean.rtal': 0.8, 'own.ntl.patched.rtal': 0.1 }),
      seed(2, { 'own.ntl.clean.prune90': 0.83, 'own.ntl.patched.prune90': 0.15, 'own.ntl.clean.rtal': 0.32, 'own.ntl.patched.rtal': 0.1 }),
      seed(3, { 'own.ntl.clean.prune90': 0.953, 'own.ntl.patched.prune90': 0.957, 'own.ntl.clean.rtal': 0.99, 'own.ntl.patched.rtal': 0.11 }),
    ];
    const rows = attackRows(perSeed);
    expect(rows.map((r) => r.id)).toEqual(['ftal', 'rtal', 'prune90']);
    const prune = rows.find((r) => r.id === 'prune90')!;
    expect(prune.seeds.map((s) => s.outcome)).toEqual(['costly', 'costly', 'removed']);
    expect(prune.patched.mean).toBeCloseTo((0.14 + 0.15 + 0.957) / 3, 10);
    const text = attackFindings(rows).join('\n');
    expect(text).toContain('90% global pruning removed the mark on seed 3: patched accuracy 95.7% vs clean 95.3%');
    expect(text).toContain('RTAL kept the mark on seed 2 only by wrecking the model: clean accuracy fell from 99.9% to 32.0%');
    expect(text).toContain('RTAL left the mark in place on seed 1 and cost the model clean accuracy (99.9% → 80.0%)');
    expect(text).not.toContain('No attack removed');
  });

  it('says so when no attack removed the mark', () => {
    const text = attackFindings(attackRows([seed(1, {}), seed(2, {})]));
    expect(text).toEqual(['No attack removed or weakened the mark on any seed: patched accuracy stayed at most 25.0% (chance is 10%) wherever the model still worked.']);
  });
});
