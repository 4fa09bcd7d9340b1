/**
 * npx tsx scripts/cophy-dataset.ts [--seed N] [--balls 3|4] [--unfiltered 300]
 *
 * Generates the whole BallsCF dataset of the Filtered-CoPhy demo (1,000 / 100 / 200 examples, trajectories
 * only) and prints how long it took, the filter's kept and rejected counts, the ε sweep on unfiltered
 * candidates (the data of the paper's Fig. 7) and the time to render one 150-frame video at 64².
 */
import { DATASET_SIZES, generateSplit, rejectionShares, SPLITS, unfilteredCandidates, addStats, emptyStats } from '../src/apps/cophy/core/dataset';
import { epsilonSweep, EPSILON_GRID } from '../src/apps/cophy/core/filter';
import { partColors, renderVideo } from '../src/apps/cophy/core/render';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a non-negative integer, got ${process.argv[i + 1]}`);
  return v;
}

const seed = flag('seed', 1);
const n = flag('balls', 3);
const unfiltered = flag('unfiltered', 300);
const total = emptyStats();
let kept = 0;
const start = performance.now();
let firstTest = null as ReturnType<typeof generateSplit>['examples'][number] | null;
for (const split of SPLITS) {
  const t0 = performance.now();
  const { examples, stats } = generateSplit(seed, split, DATASET_SIZES[split], { n });
  if (split === 'test') firstTest = examples[0];
  addStats(total, stats);
  kept += examples.length;
  const removes = examples.filter((e) => e.doOp.kind === 'remove').length;
  console.log(
    `${split.padEnd(5)} ${String(examples.length).padStart(5)} examples in ${((performance.now() - t0) / 1000).toFixed(2)} s: ` +
      `${stats.abCandidates} A's, ${stats.cdTrials} do-op trials (${stats.shiftOverlaps} shift overlaps, ` +
      `${stats.notCounterfactual} not counterfactual, ${stats.notIdentifiable} not identifiable), ${removes} removals`,
  );
}
const seconds = (performance.now() - start) / 1000;
const shares = rejectionShares(total);
console.log(
  `all   ${kept} examples (N = ${n}, seed ${seed}) in ${seconds.toFixed(2)} s (${((seconds * 1000) / kept).toFixed(1)} ms each); ` +
    `kept ${kept} of ${kept + total.notCounterfactual + total.notIdentifiable} filtered candidates; of ${total.cdTrials} do-op trials ` +
    `${(shares['not-counterfactual'] * 100).toFixed(1)}% not counterfactual, ${(shares['not-identifiable'] * 100).toFixed(1)}% not identifiable, ` +
    `${(shares.shiftOverlap * 100).toFixed(1)}% shift overlaps`,
);

if (unfiltered > 0) {
  const t0 = performance.now();
  const rows = epsilonSweep(unfilteredCandidates(seed, unfiltered, { n }).map((c) => c.distances), EPSILON_GRID);
  console.log(`ε sweep on ${unfiltered} unfiltered candidates (${((performance.now() - t0) / 1000).toFixed(2)} s): ε, identifiable, counterfactual, both`);
  for (const r of rows) {
    console.log(`  ${String(r.epsilon).padStart(5)}  ${(r.identifiable * 100).toFixed(1).padStart(5)}%  ${(r.counterfactual * 100).toFixed(1).padStart(5)}%  ${(r.kept * 100).toFixed(1).padStart(5)}%`);
  }
}

if (firstTest) {
  const t0 = performance.now();
  renderVideo(firstTest.cd, partColors(firstTest, 'cd'), firstTest.floor);
  console.log(`rendering one 150-frame 64 × 64 video: ${(performance.now() - t0).toFixed(0)} ms`);
}
