/**
 * npx tsx scripts/cophy3d-dataset.ts [--scenario blocktower|collision|both] [--seed N] [--examples N] [--unfiltered N] [--substeps N]
 *
 * Filtered-CoPhy part 2 (issue #14): generates the first examples of the BlocktowerCF and CollisionCF
 * training splits with the filter (src/apps/cophy/core3d), and prints how long each took, the filter's
 * kept and rejected counts and the ε sweep on unfiltered candidates (the data of the paper's Fig. 7,
 * redone because Rapier's trajectories are not PyBullet's), and the ray-caster's time per 64² frame.
 * Defaults: 30 tower and 100 collision examples, 40 and 200 unfiltered candidates.
 */
import { EPSILON_GRID } from '../src/apps/cophy/core/filter';
import { addStats3d, emptyStats3d, epsilonSweep3d, generateExample3d, SCENARIOS_3D, unfilteredCandidates3d, type Scenario3d } from '../src/apps/cophy/core3d/dataset3d';
import { DEFAULT_SUBSTEPS_3D, initPhysics } from '../src/apps/cophy/core3d/physics';
import { renderExampleFrame3d } from '../src/apps/cophy/core3d/raycast';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
function intFlag(name: string, fallback: number): number {
  const raw = flag(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a non-negative integer, got ${raw}`);
  return v;
}

const which = flag('scenario') ?? 'both';
if (which !== 'both' && !SCENARIOS_3D.includes(which as Scenario3d)) throw new Error(`--scenario is blocktower, collision or both, got ${which}`);
const scenarios: Scenario3d[] = which === 'both' ? [...SCENARIOS_3D] : [which as Scenario3d];
const seed = intFlag('seed', 1);
const substeps = intFlag('substeps', DEFAULT_SUBSTEPS_3D);
await initPhysics();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

for (const scenario of scenarios) {
  const examples = intFlag('examples', scenario === 'blocktower' ? 30 : 100);
  const unfiltered = intFlag('unfiltered', scenario === 'blocktower' ? 40 : 200);
  const stats = emptyStats3d();
  const t0 = performance.now();
  let removals = 0;
  let flips = 0;
  let stable = 0;
  let firstExample = null as ReturnType<typeof generateExample3d> | null;
  for (let i = 0; i < examples; i++) {
    const e = generateExample3d(scenario, seed, 'train', i, { substeps });
    firstExample ??= e;
    addStats3d(stats, e.stats);
    if (e.doOp.kind === 'remove') removals++;
    if (e.doOp.kind === 'flip') flips++;
    if (e.cdStable) stable++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const filtered = stats.notCounterfactual + stats.notIdentifiable + examples;
  console.log(
    `${scenario}: ${examples} examples (seed ${seed}, ${substeps} Rapier steps a frame) in ${seconds.toFixed(1)} s (${(seconds / Math.max(1, examples)).toFixed(2)} s each): ` +
      `${stats.abCandidates} A's, ${stats.cdTrials} do-op trials; ${stats.shiftOverlaps} unusable shifts, ${stats.stabilityMismatch} with the wrong stability; ` +
      `of ${filtered} filtered candidates kept ${examples}, ${stats.notCounterfactual} not counterfactual, ${stats.notIdentifiable} not identifiable` +
      (scenario === 'blocktower' ? `; ${removals} removals, ${stable} stable CD (${pct(stable / Math.max(1, examples))})` : `; ${flips} cylinder flips`),
  );
  if (unfiltered > 0) {
    const t1 = performance.now();
    const rows = epsilonSweep3d(unfilteredCandidates3d(scenario, seed, unfiltered, { substeps }), EPSILON_GRID);
    console.log(`  ε sweep on ${unfiltered} unfiltered candidates (${((performance.now() - t1) / 1000).toFixed(1)} s): ε, identifiable, counterfactual, both`);
    for (const r of rows) console.log(`  ${String(r.epsilon).padStart(5)}  ${pct(r.identifiable).padStart(6)}  ${pct(r.counterfactual).padStart(6)}  ${pct(r.kept).padStart(6)}`);
  }
  if (firstExample) {
    const t2 = performance.now();
    for (let t = 0; t < firstExample.ab.frames; t++) renderExampleFrame3d(firstExample, 'ab', t);
    console.log(`  ray-casting ${firstExample.ab.frames} frames at 64 × 64: ${((performance.now() - t2) / firstExample.ab.frames).toFixed(2)} ms a frame`);
  }
}
