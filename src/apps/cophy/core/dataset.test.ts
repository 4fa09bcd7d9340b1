import { describe, expect, it } from 'vitest';
import { DATASET_SIZES, generateExample, generateSplit, rejectionShares } from './dataset';
import { judgeCandidate, simulateCandidate } from './filter';
import { MAX_SHIFT_TRIALS } from './interventions';
import { hashFloat64, toHex32 } from './simulator';

const exampleHash = (seed: number, index: number, n = 3) => {
  const e = generateExample(seed, 'train', index, { n });
  const both = new Float64Array(e.ab.positions.length + e.cd.positions.length);
  both.set(e.ab.positions);
  both.set(e.cd.positions, e.ab.positions.length);
  return toHex32(hashFloat64(both));
};

describe('BallsCF dataset', () => {
  it('has the demo’s sizes (the paper: 27.7k / 6.0k / 3.0k)', () => {
    expect(DATASET_SIZES).toEqual({ train: 1000, val: 100, test: 200 });
  });

  it('generates each example from its own stream: the same bytes every time (pinned)', () => {
    const hashes = [0, 1, 2, 3].map((i) => exampleHash(1, i));
    expect(hashes).toEqual([0, 1, 2, 3].map((i) => exampleHash(1, i)));
    expect(hashes).toEqual(PINNED_EXAMPLES);
    expect(exampleHash(1, 0, 4)).toBe(PINNED_N4);
  });

  it('keeps only filtered examples, balances the masses and follows the official trial limits', () => {
    const t0 = performance.now();
    const { examples, stats } = generateSplit(2, 'val', DATASET_SIZES.val);
    const ms = performance.now() - t0;
    const removes = examples.filter((e) => e.doOp.kind === 'remove').length;
    const perCombination = new Array(8).fill(0);
    for (const e of examples) perCombination[e.combination]++;
    console.log(
      `val split (100 examples, N = 3) in ${ms.toFixed(0)} ms: ${stats.abCandidates} A's, ${stats.cdTrials} do-op trials, ` +
        `${stats.notCounterfactual} not counterfactual, ${stats.notIdentifiable} not identifiable, ${stats.shiftOverlaps} shift overlaps; ` +
        `${removes} removals; per mass combination ${perCombination.join('/')}; rejection shares ${JSON.stringify(rejectionShares(stats))}`,
    );
    expect(perCombination.every((c) => c === 12 || c === 13)).toBe(true);
    expect(removes).toBeGreaterThan(15);
    expect(removes).toBeLessThan(45);
    expect(stats.cdTrials).toBeLessThanOrEqual(MAX_SHIFT_TRIALS * stats.abCandidates);
    expect(stats.notCounterfactual + stats.notIdentifiable).toBeGreaterThan(0);
    for (const e of examples.slice(0, 12)) {
      const verdict = judgeCandidate(simulateCandidate(e.a, e.c, e.combination).distances);
      expect(verdict.kept).toBe(true);
      expect(verdict.counterfactualObjects).toEqual(e.counterfactualObjects);
      expect(e.counterfactualObjects.length).toBeGreaterThan(0);
      expect(e.consequentialObjects).toEqual(expect.arrayContaining([...e.counterfactualObjects]));
      expect(e.ab.frames).toBe(150);
      expect(e.cd.n).toBe(e.doOp.kind === 'remove' ? 2 : 3);
    }
  });

  it('unfiltered (the Table 6a check): example i is the first candidate the filtered example i judged, kept or not', () => {
    let rejected = 0;
    for (let i = 0; i < 24; i++) {
      const filtered = generateExample(3, 'train', i);
      const raw = generateExample(3, 'train', i, { unfiltered: true });
      expect(raw.combination).toBe(filtered.combination);
      // shift trials that overlap a ball are not candidates; the first one that is, is the example
      const judged = (e: typeof raw) => e.stats.notCounterfactual + e.stats.notIdentifiable;
      expect(raw.stats.cdTrials).toBe(raw.stats.shiftOverlaps + 1);
      expect(judged(raw)).toBeLessThanOrEqual(1);
      const verdict = judgeCandidate(simulateCandidate(raw.a, raw.c, raw.combination).distances);
      expect(raw.counterfactualObjects).toEqual(verdict.counterfactualObjects);
      expect(raw.consequentialObjects).toEqual(verdict.consequentialObjects);
      if (judged(filtered) === 0) {
        // the filter kept its first candidate: the same example, to the bit
        expect(raw.ab.positions).toEqual(filtered.ab.positions);
        expect(raw.cd.positions).toEqual(filtered.cd.positions);
        expect(raw.floor).toBe(filtered.floor);
      } else {
        expect(verdict.kept).toBe(false);
        rejected++;
      }
    }
    // the filter keeps about a quarter of the candidates, so most of these are ones it rejects
    expect(rejected).toBeGreaterThan(6);
  });
});

const PINNED_EXAMPLES = ['2b65d491', '3e8341f9', 'e20dda80', '95c5e220'];
const PINNED_N4 = '42642f55';
