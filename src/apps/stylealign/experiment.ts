/**
 * StyleAlign's analyses at browser scale (Wu, Nitzan, Shechtman, Lischinski, ICLR 2022, arXiv 2110.11323;
 * official code betterze/StyleAlign @4e75a75), on the shipped parent, child and scratch-child generators
 * and the oracles (issue #13):
 *
 *   quality gate   fd.parent vs fd.parent.init (a random-init G), fd.child vs fd.child.init (the parent on
 *                  the child domain), domain.child.fraction, fd.scratch (a control only if ≤ 1.5 × fd.child);
 *                  fd is a Fréchet distance in an oracle's pooled features (not FID).
 *   (2) alignment  Pearson r over the pre-declared attribute pairs between the parent oracle on G_p(z) and
 *                  the child oracle on G_c(z) (core/alignment.ts): signs fitted on one set of latents,
 *                  r scored on another, bootstrap intervals; the same for the scratch child; the full matrix;
 *                  r against fine-tune step where the child-step files exist.
 *   (3) weights    |Δθ|/|θ_p| per component (ganTrainer.generatorWeightChange) and the reset test (core/resetTest.ts).
 *   (4) edits      a W direction from the parent oracle, applied to the child (core/editTransfer.ts), vs random.
 *   (5) translate  (full run) face renders inverted into the parent's Z (core/projector.ts, as projector_z.py),
 *                  rendered by the child: r between the parent oracle on the input and the child oracle on the output.
 *   (7) zero-shot  a w → attribute regressor fitted with parent labels, scored on child codes (core/zeroShot.ts),
 *                  beside the scratch child and a child-supervised upper bound.
 * The quick run (`npm run experiment -- stylealign --quick`) uses generated child images whose latents are
 * known and no inversion; morphing (6) is interactive on the page (core/morph.ts). The full run repeats it
 * all for the child of each fine-tune seed (FULL_CHILD_SEEDS).
 *
 * A pair whose attribute an oracle cannot read (held-out r of the oracle below READABLE_R, measured here on
 * fresh renders) is reported with its r but left out of every summary, and `align.pairsScored` says how many
 * pairs the summaries hold.
 */
import * as tf from '@tensorflow/tfjs-core';
import { bootstrapMean, bootstrapStatistic, type BootstrapInterval } from '../../shared/bootstrap';
import { createRng } from '../../shared/random';
import { ALIGNMENT_PAIRS, childIndex, parentIndex, scoreAlignment, type AlignmentScore, type AttributePair, type PairedReadings } from './core/alignment';
import { ATTRIBUTES, renderBatch } from './core/domains';
import { attributeDirection, editResponses, randomDirection } from './core/editTransfer';
import { generateInChunks, generatorWeightChange } from './core/ganTrainer';
import { Generator, sampleLatents, type GeneratorConfig } from './core/generator';
import type { FlatParams } from './core/nn';
import { FEATURE_DIM, frechetDistance, gaussianOf, type Oracle, type OracleKind, oracleQuality } from './core/oracle';
import { imageMse, RESET_COMPONENTS, resetComponent } from './core/resetTest';
import { ZProjector } from './core/projector';
import { childFileStem, generatorOf, readGeneratorFile, readOracles, SHIPPED_CHILD_SEED, WEIGHTS_DIR, type WeightReader } from './core/shipped';
import { column, pearson, pick, predict, ridge, spearman, type LinearModel } from './core/stats';
import { zeroShotRegression } from './core/zeroShot';

/** An oracle reads an attribute when its held-out Pearson r on fresh renders is at least this. */
export const READABLE_R = 0.5;

export interface StyleAlignSizes {
  /** latents whose readings fit signs, directions and regressors */
  fitCount: number;
  /** latents whose readings are scored (and the fd samples) */
  scoreCount: number;
  /** real renders per domain for fd */
  realCount: number;
  /** fresh renders per domain for the oracles' held-out r */
  qualityCount: number;
  /** codes edited per direction */
  editCount: number;
  randomDirections: number;
  /** images per reset component */
  resetCount: number;
  /** latents per fine-tune checkpoint (0: skip the checkpoints) */
  stepCount: number;
  resamples: number;
  chunk: number;
  /** real critter renders inverted into the child's Z for zero-shot (0: skip; the quick run skips) */
  invertCount: number;
  /** projector iterations per inversion (projector_z.py's project2: 500) */
  invertSteps: number;
  /** face renders translated (inverted into the parent's Z, rendered by the child; 0: skip) */
  translateCount: number;
  /** projector iterations per translation (the page's: 200) */
  translateSteps: number;
}

export const QUICK_SIZES: StyleAlignSizes = { fitCount: 300, scoreCount: 500, realCount: 500, qualityCount: 300, editCount: 64, randomDirections: 2, resetCount: 100, stepCount: 100, resamples: 500, chunk: 50, invertCount: 0, invertSteps: 0, translateCount: 0, translateSteps: 0 };
export const FULL_SIZES: StyleAlignSizes = { fitCount: 1000, scoreCount: 1000, realCount: 1000, qualityCount: 1000, editCount: 300, randomDirections: 8, resetCount: 500, stepCount: 500, resamples: 2000, chunk: 50, invertCount: 100, invertSteps: 500, translateCount: 100, translateSteps: 200 };

/** One generator as the analyses need it: the network and its values (for weight change and resets). */
export interface ModelEntry {
  name: string;
  net: Generator;
  values: FlatParams;
  /** training steps (for the report) */
  steps?: number;
}

export interface StyleAlignModels {
  config: GeneratorConfig;
  parent: ModelEntry;
  child: ModelEntry;
  scratch: ModelEntry;
  /** fine-tune checkpoints of the child, in step order (may be empty) */
  checkpoints: (ModelEntry & { step: number })[];
  oracles: Record<OracleKind, Oracle>;
  /** seed of the parent's random initialisation (fd.parent.init) */
  parentInitSeed: number;
}

export interface StyleAlignExperimentOptions {
  quick: boolean;
  seed: number;
  log?: (line: string) => void;
  /** folder with the weights (default src/apps/stylealign/weights); Node only */
  weightsDir?: string;
  read?: WeightReader;
  /** models to analyse instead of the shipped ones (tests) */
  models?: StyleAlignModels;
  sizes?: Partial<StyleAlignSizes>;
  /** the readability threshold (default READABLE_R; tests with untrained oracles lower it) */
  readableR?: number;
  /** the full run's fine-tune seeds (default FULL_CHILD_SEEDS); the first must be the page's child */
  childSeeds?: readonly number[];
  /** with `models` (tests): the children of the other fine-tune seeds */
  otherChildren?: ChildOfSeed[];
}

/**
 * The issue: "the full run's 3 seeds vary the child fine-tune, not the parent". The full run repeats every
 * analysis for the child of each seed (child.bin is seed 1, child-seed<k>.bin the others) on the same latents,
 * parent and scratch child; the quick run scores the page's child only.
 */
export const FULL_CHILD_SEEDS: readonly number[] = [SHIPPED_CHILD_SEED, 2, 3];

export interface ChildOfSeed {
  seed: number;
  entry: ModelEntry;
}

/** Reads `<dir>/<name>` from disk (Node only; imported lazily so no page chunk pulls in fs). */
export function nodeWeightReader(dir: string | URL = new URL(`../../../${WEIGHTS_DIR}/`, import.meta.url)): WeightReader {
  const base = typeof dir === 'string' ? `${dir.replace(/\/$/, '')}/` : dir;
  const reader: WeightReader = async (name) => {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    try {
      return new Uint8Array(await fs.readFile(typeof base === 'string' ? `${base}${name}` : new URL(name, base)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  reader.where = typeof dir === 'string' ? dir.replace(/\/$/, '') : WEIGHTS_DIR;
  return reader;
}

/** The shipped models: parent.bin, child.bin, scratch.bin, the child-step files its manifest lists, oracles.bin. */
export async function loadShippedModels(read: WeightReader): Promise<StyleAlignModels> {
  const { oracles } = await readOracles(read);
  const entries: ModelEntry[] = [];
  try {
    const parentFile = await readGeneratorFile(read, 'parent.bin');
    const childFile = await readGeneratorFile(read, 'child.bin');
    const scratchFile = await readGeneratorFile(read, 'scratch.bin');
    const entry = (f: Awaited<ReturnType<typeof readGeneratorFile>>): ModelEntry => {
      const e = { name: f.name, net: generatorOf(f), values: f.values, steps: f.manifest.training.steps };
      entries.push(e);
      return e;
    };
    const parent = entry(parentFile);
    const child = entry(childFile);
    const scratch = entry(scratchFile);
    const checkpoints: StyleAlignModels['checkpoints'] = [];
    for (const s of [...(childFile.manifest.snapshots ?? [])].sort((a, b) => a.step - b.step)) {
      const f = await readGeneratorFile(read, s.file);
      checkpoints.push({ ...entry(f), step: s.step, steps: s.step });
    }
    return { config: parentFile.config, parent, child, scratch, checkpoints, oracles, parentInitSeed: parentFile.manifest.options.seed };
  } catch (err) {
    for (const e of entries) e.net.dispose();
    for (const o of Object.values(oracles)) o.dispose();
    throw err;
  }
}

export function disposeModels(m: StyleAlignModels): void {
  for (const e of [m.parent, m.child, m.scratch, ...m.checkpoints]) e.net.dispose();
  for (const o of Object.values(m.oracles)) o.dispose();
}

/** The full run's other fine-tune seeds' children (child-seed<k>.bin); a missing one names the command that trains it. */
export async function loadOtherChildren(read: WeightReader, seeds: readonly number[]): Promise<ChildOfSeed[]> {
  const out: ChildOfSeed[] = [];
  try {
    for (const seed of seeds.filter((s) => s !== SHIPPED_CHILD_SEED)) {
      const f = await readGeneratorFile(read, `${childFileStem(seed)}.bin`);
      out.push({ seed, entry: { name: f.name, net: generatorOf(f), values: f.values, steps: f.manifest.training.steps } });
    }
  } catch (err) {
    for (const c of out) c.entry.net.dispose();
    throw err;
  }
  return out;
}

type Report = Awaited<ReturnType<typeof analyse>>;

export default async function experiment(opts: StyleAlignExperimentOptions): Promise<{ metrics: Record<string, number>; [k: string]: unknown }> {
  // seeds / backend: fields every committed result carries (src/shared/ui/committedResults.ts imports them by
  // name, and the page's build fails on a full.json without them). The seed draws the latents and the
  // bootstrap; the fine-tune seeds are `childSeeds`.
  const stamp = <T extends object>(r: T) => ({ ...r, seeds: [opts.seed], backend: tf.getBackend() });
  if (opts.models) return stamp(opts.quick || !opts.otherChildren?.length ? await analyse(opts.models, opts) : await acrossChildSeeds(opts.models, opts.otherChildren, opts));
  const before = tf.memory().numTensors;
  const read = opts.read ?? nodeWeightReader(opts.weightsDir);
  const models = await loadShippedModels(read);
  let others: ChildOfSeed[] = [];
  let result: Report | Awaited<ReturnType<typeof acrossChildSeeds>>;
  try {
    const seeds = opts.childSeeds ?? FULL_CHILD_SEEDS;
    if (!opts.quick && seeds[0] !== SHIPPED_CHILD_SEED) throw new Error(`childSeeds must start with ${SHIPPED_CHILD_SEED}, the page's child (child.bin)`);
    if (!opts.quick) others = await loadOtherChildren(read, seeds);
    result = others.length ? await acrossChildSeeds(models, others, opts) : await analyse(models, opts);
  } finally {
    disposeModels(models);
    for (const c of others) c.entry.net.dispose();
  }
  result.metrics.leakedTensors = tf.memory().numTensors - before;
  return stamp(result);
}

/**
 * Every analysis for the page's child and for each other seed's child. `metrics` holds each metric's mean
 * over the seeds and `<name>.sd` its standard deviation (bootstrap bounds `.lo`/`.hi` stay per seed, in
 * `perSeed`); everything else (matrix, curves, intervals, resets) is the page's child's.
 */
async function acrossChildSeeds(models: StyleAlignModels, others: readonly ChildOfSeed[], opts: StyleAlignExperimentOptions) {
  const log = opts.log ?? (() => {});
  const first = await analyse(models, { ...opts, log: (l) => log(`[child seed ${SHIPPED_CHILD_SEED}] ${l}`) });
  const perSeed = [{ childSeed: SHIPPED_CHILD_SEED, steps: models.child.steps ?? null, metrics: first.metrics, intervals: first.intervals }];
  for (const o of others) {
    // the scrubber's checkpoints belong to the page's child only
    // the inversions (zero-shot on inverted renders, translation) are the slowest part: the page's child only
    const sizes = { ...(opts.quick ? QUICK_SIZES : FULL_SIZES), ...opts.sizes, invertCount: 0, translateCount: 0 };
    const r = await analyse({ ...models, child: o.entry, checkpoints: [] }, { ...opts, sizes, log: (l) => log(`[child seed ${o.seed}] ${l}`) });
    perSeed.push({ childSeed: o.seed, steps: o.entry.steps ?? null, metrics: r.metrics, intervals: r.intervals });
  }
  const metrics: Record<string, number> = {};
  for (const key of Object.keys(first.metrics)) {
    if (key.endsWith('.lo') || key.endsWith('.hi')) continue;
    const values = perSeed.map((p) => p.metrics[key]);
    // a metric only the page's child has (the inversions) stays that seed's, without an SD
    if (values.some((v) => v === undefined)) {
      metrics[key] = first.metrics[key];
      continue;
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    metrics[key] = mean;
    metrics[`${key}.sd`] = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length - 1));
  }
  metrics.childSeeds = perSeed.length;
  log(`across ${perSeed.length} child seeds: mean |r| child ${metrics['align.child.meanAbsR'].toFixed(3)} ± ${metrics['align.child.meanAbsR.sd'].toFixed(3)}, scratch ${metrics['align.scratch.meanAbsR'].toFixed(3)}; ` +
    `pairs ≥ 0.6 ${perSeed.map((p) => p.metrics['align.child.pairsAtLeast0.6']).join(' / ')}`);
  return {
    ...first,
    metrics,
    childSeeds: perSeed.map((p) => p.childSeed),
    perSeed,
    notes: [
      ...first.notes,
      `The full run repeats every analysis for the child of each fine-tune seed (${perSeed.map((p) => p.childSeed).join(', ')}), same parent, scratch child and latents: metrics are means over them with .sd; per-seed values and intervals are in perSeed; the matrix, curves, resets and intervals are seed ${SHIPPED_CHILD_SEED}'s (the page's child), and so are the inversions (zeroshot.inverted.*, translate.*), which the other seeds skip.`,
    ],
  };
}

interface Readings {
  w: Float32Array;
  images: Float32Array;
  outputs: Float32Array;
  features: Float32Array;
}

function read(g: Generator, oracle: Oracle, z: Float32Array, count: number, chunk: number): Readings {
  const w = tf.tidy(() => g.mapping(tf.tensor2d(z, [count, g.config.zDim])).dataSync() as Float32Array);
  const images = generateInChunks(g, z, count, chunk);
  const { outputs, features } = oracle.evaluate(images, count);
  return { w, images, outputs, features };
}

const fdOf = (a: Float32Array, na: number, b: Float32Array, nb: number) => frechetDistance(gaussianOf(a, na, FEATURE_DIM), gaussianOf(b, nb, FEATURE_DIM));
const prefix = (x: Float32Array, rows: number, width: number) => x.subarray(0, rows * width);

async function analyse(models: StyleAlignModels, opts: StyleAlignExperimentOptions) {
  const sizes: StyleAlignSizes = { ...(opts.quick ? QUICK_SIZES : FULL_SIZES), ...opts.sizes };
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  const { oracles, config } = models;
  const { seed } = opts;
  const { fitCount: nf, scoreCount: ns, chunk } = sizes;
  const kp = ATTRIBUTES.faces.length;
  const kc = ATTRIBUTES.critters.length;
  const px = models.parent.net.imageSize ** 2 * 3;
  const metrics: Record<string, number> = {};
  const intervals: Record<string, BootstrapInterval> = {};
  const put = (name: string, iv: BootstrapInterval) => {
    metrics[name] = iv.value;
    metrics[`${name}.lo`] = iv.lo;
    metrics[`${name}.hi`] = iv.hi;
    intervals[name] = iv;
  };
  log(`StyleAlign experiment (${opts.quick ? 'quick' : 'full'}, seed ${seed}): ${models.parent.name}, ${models.child.name}, ${models.scratch.name}, ${models.checkpoints.length} fine-tune checkpoints; ${nf} fit + ${ns} scored latents`);

  // oracle readability, on fresh renders (a data seed of their own)
  const quality = {
    faces: oracleQuality(oracles.faces, 7000 + seed, sizes.qualityCount),
    critters: oracleQuality(oracles.critters, 7000 + seed, sizes.qualityCount),
  };
  for (const [k, q] of Object.entries(quality)) for (const [a, r] of Object.entries(q)) metrics[`oracle.${k}.${a}.r`] = r;
  const readableR = opts.readableR ?? READABLE_R;
  const unreadable = new Set(ALIGNMENT_PAIRS.filter((p) => !(quality.faces[p.parent] >= readableR && quality.critters[p.child] >= readableR)).map((p) => p.id));
  const scoredPairs = ALIGNMENT_PAIRS.filter((p) => !unreadable.has(p.id));
  metrics['align.pairsScored'] = scoredPairs.length;
  for (const p of ALIGNMENT_PAIRS) metrics[`align.${p.id}.readable`] = unreadable.has(p.id) ? 0 : 1;
  log(`oracles (${secs()} s): ${Object.entries(quality).map(([k, q]) => `${k} ${Object.entries(q).map(([a, r]) => `${a} ${r.toFixed(3)}`).join(', ')}`).join('; ')}` +
    (unreadable.size ? `; not readable (left out of the summaries): ${[...unreadable].join(', ')}` : ''));

  // readings of the three generators on the fit and score latents
  const zFit = sampleLatents(seed, 'stylealign/experiment/fit', nf, config.zDim);
  const zScore = sampleLatents(seed, 'stylealign/experiment/score', ns, config.zDim);
  const pFit = read(models.parent.net, oracles.faces, zFit, nf, chunk);
  const pScore = read(models.parent.net, oracles.faces, zScore, ns, chunk);
  const cFit = read(models.child.net, oracles.critters, zFit, nf, chunk);
  const cScore = read(models.child.net, oracles.critters, zScore, ns, chunk);
  const sFit = read(models.scratch.net, oracles.critters, zFit, nf, chunk);
  const sScore = read(models.scratch.net, oracles.critters, zScore, ns, chunk);
  log(`generated and read ${3 * (nf + ns)} images (${secs()} s)`);
  await Promise.resolve();

  // quality gate
  const realFaces = renderBatch('faces', 8000 + seed, 0, sizes.realCount).images;
  const realCritters = renderBatch('critters', 8000 + seed, 0, sizes.realCount).images;
  const nr = sizes.realCount;
  const facesReal = oracles.faces.evaluate(realFaces, nr).features;
  const crittersReal = oracles.critters.evaluate(realCritters, nr).features;
  const init = new Generator(config, Generator.initial(config, models.parentInitSeed), undefined, false);
  const initImages = generateInChunks(init, zScore, ns, chunk);
  init.dispose();
  metrics['fd.parent'] = fdOf(facesReal, nr, pScore.features, ns);
  metrics['fd.parent.init'] = fdOf(facesReal, nr, oracles.faces.evaluate(initImages, ns).features, ns);
  metrics['fd.child'] = fdOf(crittersReal, nr, cScore.features, ns);
  metrics['fd.child.init'] = fdOf(crittersReal, nr, oracles.critters.evaluate(pScore.images, ns).features, ns);
  metrics['fd.scratch'] = fdOf(crittersReal, nr, sScore.features, ns);
  const critterShare = (images: Float32Array, n: number) => {
    const { outputs } = oracles.domain.evaluate(images, n);
    return bootstrapMean(Array.from(outputs, (o) => (o > 0 ? 1 : 0)), { resamples: sizes.resamples, seed: `${seed}/domain` });
  };
  put('domain.child.fraction', critterShare(cScore.images, ns));
  metrics['domain.scratch.fraction'] = critterShare(sScore.images, ns).value;
  metrics['domain.parent.fraction'] = critterShare(pScore.images, ns).value;
  metrics['gate.parent'] = metrics['fd.parent'] <= 0.2 * metrics['fd.parent.init'] ? 1 : 0;
  metrics['gate.child'] = metrics['fd.child'] <= 0.3 * metrics['fd.child.init'] ? 1 : 0;
  metrics['gate.domain'] = metrics['domain.child.fraction'] >= 0.9 ? 1 : 0;
  metrics['gate.scratchControl'] = metrics['fd.scratch'] <= 1.5 * metrics['fd.child'] ? 1 : 0;
  metrics['gate.passed'] = metrics['gate.parent'] * metrics['gate.child'] * metrics['gate.domain'];
  log(`gate (${secs()} s): fd parent ${metrics['fd.parent'].toFixed(3)} (init ${metrics['fd.parent.init'].toFixed(2)}), child ${metrics['fd.child'].toFixed(3)} (parent on critters ${metrics['fd.child.init'].toFixed(2)}), ` +
    `scratch ${metrics['fd.scratch'].toFixed(3)}; child classified as critters ${metrics['domain.child.fraction'].toFixed(3)}; passed ${metrics['gate.passed']}, scratch a control ${metrics['gate.scratchControl']}`);

  // (2) alignment
  const paired = (p: Readings, c: Readings, n: number): PairedReadings => ({ count: n, parent: p.outputs, child: c.outputs });
  const boot = { unreadable, resamples: sizes.resamples };
  const child = scoreAlignment(paired(pFit, cFit, nf), paired(pScore, cScore, ns), { ...boot, seed: `${seed}/align/child` });
  const scratch = scoreAlignment(paired(pFit, sFit, nf), paired(pScore, sScore, ns), { ...boot, seed: `${seed}/align/scratch` });
  const alignMetrics = (who: string, a: AlignmentScore) => {
    put(`align.${who}.meanAbsR`, a.meanAbsR);
    put(`align.${who}.minPairR`, a.minPairR);
    for (const p of a.pairs) {
      put(`align.${who}.r.${p.pair.id}`, p.r);
      metrics[`align.${who}.fitR.${p.pair.id}`] = p.fitR;
    }
  };
  alignMetrics('child', child);
  alignMetrics('scratch', scratch);
  metrics['align.child.pairsAtLeast0.6'] = child.pairs.filter((p) => p.scored && p.signedR >= 0.6).length;
  log(`alignment (${secs()} s): child mean |r| ${child.meanAbsR.value.toFixed(3)} [${child.meanAbsR.lo.toFixed(3)}, ${child.meanAbsR.hi.toFixed(3)}], ` +
    `pairs ${child.pairs.map((p) => `${p.pair.id} ${p.r.value.toFixed(3)}${p.scored ? '' : ' (unreadable)'}`).join(', ')}; scratch mean |r| ${scratch.meanAbsR.value.toFixed(3)}`);
  await Promise.resolve();

  // alignment against fine-tune step
  const stepCurve: { step: number; meanAbsR: number; r: Record<string, number>; change: Record<string, number> }[] = [];
  if (sizes.stepCount > 0 && models.checkpoints.length) {
    const n = Math.min(sizes.stepCount, ns);
    const pPart: PairedReadings['parent'] = prefix(pScore.outputs, n, kp);
    for (const ck of models.checkpoints) {
      const r = read(ck.net, oracles.critters, zScore.subarray(0, n * config.zDim), n, chunk);
      const a = scoreAlignment({ count: nf, parent: pFit.outputs, child: cFit.outputs }, { count: n, parent: pPart, child: r.outputs }, { ...boot, resamples: 1, seed: `${seed}/steps` });
      const change = generatorWeightChange(config, models.parent.values, ck.values);
      stepCurve.push({ step: ck.step, meanAbsR: a.meanAbsR.value, r: Object.fromEntries(a.pairs.map((p) => [p.pair.id, p.r.value])), change });
      metrics[`align.step${ck.step}.meanAbsR`] = a.meanAbsR.value;
    }
    log(`fine-tune checkpoints (${secs()} s): ${stepCurve.map((s) => `step ${s.step} mean |r| ${s.meanAbsR.toFixed(3)}`).join(', ')}`);
  }

  // (3) weight change and the reset test
  const change = generatorWeightChange(config, models.parent.values, models.child.values);
  for (const [k, v] of Object.entries(change)) metrics[`change.${k}`] = v;
  const nReset = Math.min(sizes.resetCount, ns);
  const childImages = prefix(cScore.images, nReset, px);
  const reset: Record<string, { imageMse: number; critterFraction: number; fd: number }> = {};
  const resetEntry = (images: Float32Array) => ({
    imageMse: imageMse(images, childImages),
    critterFraction: critterShare(images, nReset).value,
    fd: fdOf(crittersReal, nr, oracles.critters.evaluate(images, nReset).features, nReset),
  });
  for (const comp of RESET_COMPONENTS) {
    const g = new Generator(config, resetComponent(models.parent.values, models.child.values, comp), undefined, false);
    reset[comp] = resetEntry(generateInChunks(g, zScore, nReset, chunk));
    g.dispose();
  }
  reset.all = resetEntry(prefix(pScore.images, nReset, px));
  for (const [comp, r] of Object.entries(reset)) for (const [k, v] of Object.entries(r)) metrics[`reset.${comp}.${k}`] = v;
  log(`weights (${secs()} s): |Δθ|/|θ_p| ${['mapping', 'affine', 'conv', 'torgb'].map((k) => `${k} ${change[k].toFixed(4)}`).join(', ')}; reset → image MSE to the child / critter share: ` +
    Object.entries(reset).map(([c, r]) => `${c} ${r.imageMse.toFixed(3)} / ${r.critterFraction.toFixed(2)}`).join(', '));
  await Promise.resolve();

  // (4) edit transfer
  const ne = Math.min(sizes.editCount, ns);
  const wBaseChild = prefix(cScore.w, ne, config.wDim);
  const wBaseParent = prefix(pScore.w, ne, config.wDim);
  const childStd = ATTRIBUTES.critters.map((_, j) => std(column(cScore.outputs, kc, j)));
  const parentStd = ATTRIBUTES.faces.map((_, j) => std(column(pScore.outputs, kp, j)));
  const perCodeChild = new Float64Array(ne);
  const perCodeParent = new Float64Array(ne);
  const edits: Record<string, { child: number; parent: number }> = {};
  for (const p of ALIGNMENT_PAIRS) {
    const dir = attributeDirection(pFit.w, column(pFit.outputs, kp, parentIndex(p.parent)), nf, config.wDim);
    const rc = editResponses(models.child.net, oracles.critters, wBaseChild, ne, dir, chunk);
    const rp = editResponses(models.parent.net, oracles.faces, wBaseParent, ne, dir, chunk);
    const sign = Math.sign(child.pairs.find((x) => x.pair.id === p.id)!.fitR);
    const jc = childIndex(p.child);
    const jp = parentIndex(p.parent);
    let sc = 0;
    let sp = 0;
    for (let i = 0; i < ne; i++) {
      const c = (sign * rc[i * kc + jc]) / childStd[jc];
      const q = rp[i * kp + jp] / parentStd[jp];
      sc += c;
      sp += q;
      if (!unreadable.has(p.id)) {
        perCodeChild[i] += c / scoredPairs.length;
        perCodeParent[i] += q / scoredPairs.length;
      }
    }
    edits[p.id] = { child: sc / ne, parent: sp / ne };
    metrics[`edit.child.slope.${p.id}`] = sc / ne;
    metrics[`edit.parent.slope.${p.id}`] = sp / ne;
  }
  put('edit.child.slope', bootstrapMean(perCodeChild, { resamples: sizes.resamples, seed: `${seed}/edit/child` }));
  metrics['edit.parent.slope'] = perCodeParent.reduce((a, b) => a + b, 0) / ne;
  const rng = createRng(seed).fork('stylealign/experiment/random-directions');
  const randomResp: Float64Array[] = [];
  for (let d = 0; d < sizes.randomDirections; d++) randomResp.push(editResponses(models.child.net, oracles.critters, wBaseChild, ne, randomDirection(rng, pFit.w, nf, config.wDim), chunk));
  const randomSlope = (idx: ArrayLike<number>) => {
    let s = 0;
    for (const resp of randomResp) {
      for (const p of scoredPairs) {
        const j = childIndex(p.child);
        let m = 0;
        for (let i = 0; i < idx.length; i++) m += resp[idx[i] * kc + j] / childStd[j];
        s += Math.abs(m / idx.length);
      }
    }
    return scoredPairs.length ? s / (randomResp.length * scoredPairs.length) : NaN;
  };
  put('edit.random.slope', bootstrapStatistic(ne, randomSlope, { resamples: sizes.resamples, seed: `${seed}/edit/random` }));
  log(`edits (${secs()} s): child slope ${metrics['edit.child.slope'].toFixed(3)} (parent's own ${metrics['edit.parent.slope'].toFixed(3)}), random ${metrics['edit.random.slope'].toFixed(3)} (attribute SDs per SD of w)`);
  await Promise.resolve();

  // (7) zero-shot regression
  // one regressor per pair and supervision, fitted once on the fit latents; the bootstrap resamples the scored latents
  const regressors = new Map<string, LinearModel>();
  const regressor = (p: AttributePair, fitOn: 'parent' | 'child') => {
    const key = `${fitOn}/${p.id}`;
    let m = regressors.get(key);
    if (!m) {
      m = fitOn === 'parent' ? ridge(pFit.w, column(pFit.outputs, kp, parentIndex(p.parent)), nf, config.wDim) : ridge(cFit.w, column(cFit.outputs, kc, childIndex(p.child)), nf, config.wDim);
      regressors.set(key, m);
    }
    return m;
  };
  const predictions = new Map<string, Float64Array>();
  const predicted = (target: Readings, who: string, p: AttributePair, fitOn: 'parent' | 'child') => {
    const key = `${who}/${fitOn}/${p.id}`;
    let v = predictions.get(key);
    if (!v) {
      v = predict(regressor(p, fitOn), target.w, ns);
      predictions.set(key, v);
    }
    return v;
  };
  const zeroShot = (target: Readings, who: string, idx: ArrayLike<number>, fitOn: 'parent' | 'child') =>
    scoredPairs.length
      ? scoredPairs.reduce((s, p) => s + Math.abs(spearman(pick(predicted(target, who, p, fitOn), idx), column(target.outputs, kc, childIndex(p.child), idx))), 0) / scoredPairs.length
      : NaN;
  for (const p of ALIGNMENT_PAIRS) {
    const labels = column(pFit.outputs, kp, parentIndex(p.parent));
    const r = zeroShotRegression(pFit.w, labels, nf, cScore.w, column(cScore.outputs, kc, childIndex(p.child)), ns, config.wDim);
    metrics[`zeroshot.child.rho.${p.id}`] = r.rho;
  }
  const zsBoot = { resamples: Math.min(sizes.resamples, 500) };
  put('zeroshot.child.rho', bootstrapStatistic(ns, (idx) => zeroShot(cScore, 'child', idx, 'parent'), { ...zsBoot, seed: `${seed}/zs/child` }));
  put('zeroshot.scratch.rho', bootstrapStatistic(ns, (idx) => zeroShot(sScore, 'scratch', idx, 'parent'), { ...zsBoot, seed: `${seed}/zs/scratch` }));
  put('zeroshot.upper.rho', bootstrapStatistic(ns, (idx) => zeroShot(cScore, 'child', idx, 'child'), { ...zsBoot, seed: `${seed}/zs/upper` }));
  // the full run: real child renders inverted into G_c's Z (projector_z.py), the parent-supervised regressor on
  // their codes, scored against the renders' true parameters
  if (sizes.invertCount > 0 && scoredPairs.length) {
    const ni = sizes.invertCount;
    const real = renderBatch('critters', 9000 + seed, 0, ni);
    const { z: zInv, reconstruction } = await invert(models.child.net, real.images, ni, sizes.invertSteps, seed, (step, pixel) =>
      log(`inverting ${ni} critter renders into the child's Z: step ${step}/${sizes.invertSteps}, pixel loss ${(pixel / ni).toFixed(4)} per image (${secs()} s)`),
    );
    const wInv = tf.tidy(() => models.child.net.mapping(tf.tensor2d(zInv, [ni, config.zDim])).dataSync() as Float32Array);
    metrics['zeroshot.inverted.pixelMse'] = imageMse(reconstruction, real.images);
    let sum = 0;
    let upper = 0;
    for (const p of scoredPairs) {
      const truth = column(real.attributes, kc, childIndex(p.child));
      const r = zeroShotRegression(pFit.w, column(pFit.outputs, kp, parentIndex(p.parent)), nf, wInv, truth, ni, config.wDim);
      const u = zeroShotRegression(cFit.w, column(cFit.outputs, kc, childIndex(p.child)), nf, wInv, truth, ni, config.wDim);
      metrics[`zeroshot.inverted.rho.${p.id}`] = r.rho;
      sum += Math.abs(r.rho);
      upper += Math.abs(u.rho);
    }
    metrics['zeroshot.inverted.rho'] = sum / scoredPairs.length;
    metrics['zeroshot.inverted.upper.rho'] = upper / scoredPairs.length;
    log(`zero-shot on ${ni} inverted critter renders (${secs()} s): |ρ| ${metrics['zeroshot.inverted.rho'].toFixed(3)} (child-supervised ${metrics['zeroshot.inverted.upper.rho'].toFixed(3)}), reconstruction MSE ${metrics['zeroshot.inverted.pixelMse'].toFixed(4)}`);
  }
  log(`zero-shot (${secs()} s): |ρ| child ${metrics['zeroshot.child.rho'].toFixed(3)}, scratch ${metrics['zeroshot.scratch.rho'].toFixed(3)}, child-supervised ${metrics['zeroshot.upper.rho'].toFixed(3)}`);

  // (5) translation (official projector_z.py then I2I.py): face renders inverted into the parent's Z, that z
  // rendered by the child; kept attributes = Pearson r between the parent oracle on the input and the child
  // oracle on the output, per declared pair (|r|: a pair's sign is the alignment's)
  let translation: { pairs: Record<string, number>; pixelMse: number; count: number } | null = null;
  if (sizes.translateCount > 0 && scoredPairs.length) {
    const nt = sizes.translateCount;
    const faces = renderBatch('faces', 9500 + seed, 0, nt);
    const { z: zT, reconstruction } = await invert(models.parent.net, faces.images, nt, sizes.translateSteps, seed, (step) =>
      log(`translating ${nt} face renders: inverted into the parent's Z, step ${step}/${sizes.translateSteps} (${secs()} s)`),
    );
    const input = oracles.faces.evaluate(faces.images, nt).outputs;
    const output = oracles.critters.evaluate(models.child.net.generate(zT, nt), nt).outputs;
    const pairs: Record<string, number> = {};
    let sum = 0;
    for (const p of ALIGNMENT_PAIRS) {
      pairs[p.id] = pearson(column(input, kp, parentIndex(p.parent)), column(output, kc, childIndex(p.child)));
      metrics[`translate.r.${p.id}`] = pairs[p.id];
      if (!unreadable.has(p.id)) sum += Math.abs(pairs[p.id]);
    }
    metrics['translate.meanAbsR'] = sum / scoredPairs.length;
    metrics['translate.pixelMse'] = imageMse(reconstruction, faces.images);
    translation = { pairs, pixelMse: metrics['translate.pixelMse'], count: nt };
    log(`translation of ${nt} face renders (${secs()} s): kept mean |r| ${metrics['translate.meanAbsR'].toFixed(3)} (${ALIGNMENT_PAIRS.map((p) => `${p.id} ${pairs[p.id].toFixed(2)}`).join(', ')}), parent reconstruction MSE ${metrics['translate.pixelMse'].toFixed(4)}`);
  }

  metrics.seconds = (performance.now() - t0) / 1000;
  return {
    metrics,
    intervals,
    alignment: {
      pairs: ALIGNMENT_PAIRS,
      unreadable: [...unreadable],
      child: child.pairs.map((p) => ({ id: p.pair.id, fitR: p.fitR, r: p.r, signedR: p.signedR, scored: p.scored })),
      scratch: scratch.pairs.map((p) => ({ id: p.pair.id, fitR: p.fitR, r: p.r, signedR: p.signedR, scored: p.scored })),
      matrix: { rows: ATTRIBUTES.faces, columns: ATTRIBUTES.critters, child: child.matrix, scratch: scratch.matrix },
      steps: stepCurve,
    },
    weightChange: change,
    translation,
    reset,
    edits,
    oracleQuality: quality,
    models: { parent: models.parent.steps, child: models.child.steps, scratch: models.scratch.steps, checkpoints: models.checkpoints.map((c) => c.step) },
    sizes,
    notes: [
      'fd is a Fréchet distance in an oracle\'s 64 pooled features against held-out renders, not FID.',
      `Pairs an oracle cannot read (held-out r < ${READABLE_R} on fresh renders) are reported but left out of meanAbsR, minPairR, the edit and zero-shot summaries; align.pairsScored counts the rest.`,
      'Alignment: each pair\'s sign is fitted on the fit latents, r is scored on the score latents; intervals are percentile bootstraps over the score latents (95%).',
      'Edit slopes are in child-attribute standard deviations per standard deviation of w along the direction; the random reference is the mean |slope| over random directions.',
      'Zero-shot: ridge regressors w → attribute fitted on the fit latents; |Spearman ρ| on the score latents; the bootstrap resamples the score latents. The full run also inverts real critter renders into the child\'s Z (projector_z.py\'s schedule, pixel MSE) and scores the regressor on their codes against the renders\' true parameters (zeroshot.inverted.*).',
    ],
  };
}

/** Images inverted into `net`'s Z (core/projector.ts, as projector_z.py) in chunks of 10 steps, yielding between them; `progress` every 100. */
async function invert(net: Generator, images: Float32Array, count: number, steps: number, seed: number, progress: (step: number, pixel: number) => void): Promise<{ z: Float32Array; reconstruction: Float32Array }> {
  const proj = new ZProjector(net, images, count, { steps, seed });
  try {
    while (!proj.done) {
      const stats = proj.step(10);
      if (stats.step % 100 === 0) progress(stats.step, stats.pixel);
      await Promise.resolve();
    }
    return { z: proj.latents(), reconstruction: proj.images() };
  } finally {
    proj.dispose();
  }
}

function std(x: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    s += x[i];
    s2 += x[i] * x[i];
  }
  const m = s / x.length;
  return Math.sqrt(Math.max(s2 / x.length - m * m, 1e-12));
}

