import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { DEFAULT_DISCRIMINATOR_CONFIG, discriminatorSpecs, TINY_DISCRIMINATOR_CONFIG } from '../core/discriminator';
import { defaultGanOptions, GanTrainer, type GanOptions } from '../core/ganTrainer';
import { DEFAULT_GENERATOR_CONFIG, generatorSpecs, TINY_GENERATOR_CONFIG } from '../core/generator';
import { toFloat32, type FlatParams } from '../core/nn';
import { Oracle, ORACLE_KINDS, oracleSpecs } from '../core/oracle';
import { packWeights } from '../core/weightsFile';
import { FineTuneSession, MissingParentError } from './session';
import { ExplorerSession, principalDirections } from './sessionExplorer';
import { missingFiles, snapshotLayout, type FileReader } from './sessionWeights';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const shapesOf = (specs: { name: string; shape: number[] }[]) => Object.fromEntries(specs.map((s) => [s.name, s.shape]));

/** Files as scripts/train/stylealign.ts writes them, for a GAN trained `steps` steps from random init. */
function ganFiles(stage: 'parent' | 'child' | 'scratch', options: GanOptions, steps: number): Record<string, Uint8Array> {
  const t = GanTrainer.scratch(options);
  for (let i = 0; i < steps; i++) t.step();
  const w = t.weights();
  t.dispose();
  const groups: Record<string, FlatParams> = { gEma: toFloat32(w.gEma), wAvg: { wAvg: Float32Array.from(w.wAvg) } };
  if (stage === 'parent') {
    groups.g = toFloat32(w.g);
    groups.d = toFloat32(w.d);
  }
  const g = shapesOf(generatorSpecs(options.generator));
  const { bytes, layout } = packWeights(groups, { gEma: g, g, d: shapesOf(discriminatorSpecs(options.discriminator)), wAvg: { wAvg: [options.generator.wDim] } });
  const manifest = { file: `${stage}.bin`, layout, options, training: { stage, domain: options.domain, steps } };
  const out: Record<string, Uint8Array> = { [`${stage}.bin`]: bytes, [`${stage}.manifest.json`]: new TextEncoder().encode(JSON.stringify(manifest)) };
  if (stage === 'child') out['child-step0.bin'] = packWeights({ gEma: toFloat32(w.gEma) }, { gEma: g }).bytes;
  return out;
}

const reader = (files: Record<string, Uint8Array>): FileReader => (name) => Promise.resolve(files[name] ?? null);

const tiny = (domain: 'faces' | 'critters', seed = 3) =>
  defaultGanOptions(domain, seed, { batch: 4, r1Interval: 2, generator: TINY_GENERATOR_CONFIG, discriminator: TINY_DISCRIMINATOR_CONFIG, emaKimg: 0.01 });

const opts = (read: FileReader) => ({ onProgress: () => {}, yieldNow: () => Promise.resolve(), cancelled: () => false, read });

describe('FineTuneSession (the live fine-tune)', () => {
  it('fine-tunes the shipped parent step by step, with checkpoints of images, and frees every tensor', async () => {
    const files = ganFiles('parent', tiny('faces'), 2);
    const before = tf.memory().numTensors;
    const s = await FineTuneSession.create({ config: { files: {}, steps: 4, seed: 1, batch: 4 }, sizes: { show: 3, alignCount: 8, checkpoints: 2 } }, opts(reader(files)));
    expect(s.info.parentSteps).toBe(2);
    expect(s.info.parentImages.length).toBe(3 * 8 * 8 * 4);
    expect(s.info.start.step).toBe(0);
    expect(Array.from(s.info.start.images)).toEqual(Array.from(s.info.parentImages)); // the child starts as the parent
    expect(s.info.start.pairs).toBeNull(); // 8 px: no oracle reads it
    const reports = [s.step(), s.step(), s.step(), s.step()];
    expect(reports.map((r) => r.step)).toEqual([1, 2, 3, 4]);
    expect(reports.map((r) => r.checkpoint?.step ?? null)).toEqual([null, 2, null, 4]);
    for (const r of reports) expect(Number.isFinite(r.lossG) && Number.isFinite(r.lossD)).toBe(true);
    expect(Array.from(reports[3].checkpoint!.images)).not.toEqual(Array.from(s.info.parentImages));
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('same seed, same numbers', async () => {
    const files = ganFiles('parent', tiny('faces'), 1);
    const run = async () => {
      const s = await FineTuneSession.create({ config: { files: {}, steps: 2, seed: 5, batch: 4 }, sizes: { show: 2, alignCount: 4, checkpoints: 1 } }, opts(reader(files)));
      const r = [s.step(), s.step()].map((x) => [x.lossG, x.lossD]);
      s.dispose();
      return r;
    };
    expect(await run()).toEqual(await run());
  });

  it('a saved fine-tune restored into a fresh session takes the same steps as the uninterrupted one', async () => {
    const files = ganFiles('parent', tiny('faces'), 1);
    const make = () => FineTuneSession.create({ config: { files: {}, steps: 4, seed: 5, batch: 4 }, sizes: { show: 2, alignCount: 4, checkpoints: 1 } }, opts(reader(files)));
    const whole = await make();
    const wholeLosses = [whole.step(), whole.step(), whole.step()].map((x) => [x.lossG, x.lossD]);
    whole.dispose();
    const first = await make();
    first.step();
    const saved = structuredClone(first.saveState());
    first.dispose();
    const resumed = await make();
    resumed.restoreState(saved);
    expect(resumed.steps).toBe(1);
    expect([resumed.step(), resumed.step()].map((x) => [x.lossG, x.lossD])).toEqual(wholeLosses.slice(1));
    expect(() => resumed.restoreState(saved)).toThrow(/fresh session/);
    resumed.dispose();
  });

  it('an oracles.bin that does not fit the oracle networks gives no live alignment and says why', async () => {
    const files = { ...ganFiles('parent', defaultGanOptions('faces', 2, { batch: 2 }), 0), 'oracles.bin': new Uint8Array(16), 'oracles.manifest.json': new TextEncoder().encode('{"layout":[]}') };
    const before = tf.memory().numTensors;
    const s = await FineTuneSession.create({ config: { files: {}, steps: 1, seed: 1, batch: 2 }, sizes: { show: 1, alignCount: 4, checkpoints: 1 } }, opts(reader(files)));
    expect(s.info.start.pairs).toBeNull();
    expect(s.info.alignmentProblem).toContain('npx tsx scripts/train/stylealign.ts --stage oracles');
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('without parent.bin it says which file is missing and the command that trains it', async () => {
    const before = tf.memory().numTensors;
    await expect(FineTuneSession.create({ config: { files: {}, steps: 2, seed: 1, batch: 4 } }, opts(reader({})))).rejects.toThrow(MissingParentError);
    await expect(FineTuneSession.create({ config: { files: {}, steps: 2, seed: 1, batch: 4 } }, opts(reader({})))).rejects.toThrow(
      /parent\.bin.*npx tsx scripts\/train\/stylealign\.ts --stage parent/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('at full size with oracles it measures the four pairs live', async () => {
    const options = defaultGanOptions('faces', 2, { batch: 2, generator: DEFAULT_GENERATOR_CONFIG, discriminator: DEFAULT_DISCRIMINATOR_CONFIG });
    // oracles as this build's networks lay them out (random weights: the mechanics, not the numbers)
    const groups = Object.fromEntries(ORACLE_KINDS.map((k) => [k, Oracle.initial(k, 1)]));
    const shapes = Object.fromEntries(ORACLE_KINDS.map((k) => [k, shapesOf(oracleSpecs(k))]));
    const packed = packWeights(groups, shapes);
    const files = {
      ...ganFiles('parent', options, 0),
      'oracles.bin': packed.bytes,
      'oracles.manifest.json': new TextEncoder().encode(JSON.stringify({ layout: packed.layout })),
    };
    const before = tf.memory().numTensors;
    const s = await FineTuneSession.create({ config: { files: {}, steps: 1, seed: 1, batch: 2 }, sizes: { show: 2, alignCount: 16, checkpoints: 1 } }, opts(reader(files)));
    const start = s.info.start;
    expect(start.pairs!.map((p) => `${p.parent}~${p.child}`)).toEqual(['yaw~yaw', 'hairLuminance~furLuminance', 'hairLength~earLength', 'smile~mouthOpening']);
    for (const p of start.pairs!) expect(Math.abs(p.r)).toBeLessThanOrEqual(1);
    expect(start.critterFraction).toBeGreaterThanOrEqual(0);
    const r = s.step();
    expect(r.checkpoint!.pairs).toHaveLength(4);
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

describe('ExplorerSession (the shipped generators)', () => {
  it('renders one latent through every shipped model with the same edit, the nearest shipped checkpoint, and frees every tensor', async () => {
    const files = { ...ganFiles('parent', tiny('faces'), 1), ...ganFiles('child', tiny('critters', 4), 1) };
    const before = tf.memory().numTensors;
    const s = await ExplorerSession.create(reader(files), { shippedNames: Object.keys(files), missing: missingFiles(Object.keys(files), ['parent.bin', 'child.bin', 'scratch.bin']), backend: 'wasm' });
    expect(s.info.parent?.steps).toBe(1);
    expect(s.info.scratch).toBeNull();
    expect(s.info.missing.map((m) => m.file)).toEqual(['scratch.bin']);
    expect(s.info.missing[0].command).toBe('npx tsx scripts/train/stylealign.ts --stage scratch');
    expect(s.info.checkpointSteps).toEqual([0]);
    expect(s.info.directionVariance.length).toBe(TINY_GENERATOR_CONFIG.wDim);
    const a = await s.render({ seed: 1, z: 3, dir: 1, edit: 0, t: 0.5, step: 3000 });
    expect(a.parent!.length).toBe(8 * 8 * 4);
    expect(a.child!.length).toBe(8 * 8 * 4);
    expect(a.scratch).toBeNull();
    expect(a.checkpointStep).toBe(0);
    expect(a.morph!.length).toBe(8 * 8 * 4);
    // t = 0 is the parent (its code, its synthesis weights), t = 1 the child within rounding
    const m0 = await s.render({ seed: 1, z: 3, dir: 1, edit: 0, t: 0, step: 3000 });
    expect(Array.from(m0.morph!)).toEqual(Array.from(m0.parent!));
    // a t-only change reuses the other images, as copies: the worker transfers (detaches) what it returns
    const parentBytes = Array.from(m0.parent!);
    m0.parent!.fill(0);
    const m1 = await s.render({ seed: 1, z: 3, dir: 1, edit: 0, t: 1, step: 3000 });
    expect(Array.from(m1.parent!)).toEqual(parentBytes);
    for (let i = 0; i < m1.morph!.length; i++) expect(Math.abs(m1.morph![i] - m1.child![i])).toBeLessThanOrEqual(1);
    // the backend check's raw outputs (parent then child, unclipped floats); the timing names its backend
    const probe = s.probe(1, 2);
    expect(probe.models).toBe(2);
    expect(probe.values.length).toBe(2 * 2 * 8 * 8 * 3);
    expect(probe.values.every((v) => Number.isFinite(v))).toBe(true);
    expect(Array.from(s.probe(1, 2).values)).toEqual(Array.from(probe.values));
    const speed = s.speed(2, 0.01);
    expect(speed.batches).toBeGreaterThanOrEqual(1);
    expect(speed.imagesPerSecond).toBeGreaterThan(0);
    expect(speed.backend).toBe(tf.getBackend());
    const b = await s.render({ seed: 1, z: 3, dir: 1, edit: 2, t: 0.5, step: 0 });
    expect(Array.from(b.parent!)).not.toEqual(Array.from(a.parent!));
    const again = await s.render({ seed: 1, z: 3, dir: 1, edit: 0, t: 0.5, step: 3000 });
    expect(Array.from(again.child!)).toEqual(Array.from(a.child!));
    const progress: number[] = [];
    const rgba = new Uint8ClampedArray(8 * 8 * 4).fill(200);
    const tr = await s.translate({ rgba, steps: 20, seed: 1 }, { onProgress: (p) => progress.push(p.done), yieldNow: () => Promise.resolve(), cancelled: () => false });
    expect(progress).toEqual([10, 20]);
    expect(tr.kind).toBe('done');
    if (tr.kind === 'done') expect(tr.child.length).toBe(8 * 8 * 4);
    const grid = s.grid(1, 4);
    expect(grid.parent!.length).toBe(4 * 8 * 8 * 4);
    expect(grid.scratch).toBeNull();
    await s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads nothing when nothing ships, and says so', async () => {
    const s = await ExplorerSession.create(reader({}), { shippedNames: [], missing: missingFiles([], ['parent.bin', 'child.bin']), backend: 'wasm' });
    expect(s.info.parent).toBeNull();
    expect(s.info.missing.map((m) => m.file)).toEqual(['parent.bin', 'child.bin']);
    const r = await s.render({ seed: 1, z: 0, dir: 1, edit: 0, t: 0.5, step: 3000 });
    expect([r.parent, r.child, r.scratch, r.checkpoint, r.morph]).toEqual([null, null, null, null, null]);
    const tr = await s.translate({ rgba: new Uint8ClampedArray(32 * 32 * 4), steps: 5, seed: 1 }, { onProgress: () => {}, yieldNow: () => Promise.resolve(), cancelled: () => false });
    expect(tr).toMatchObject({ kind: 'unavailable' });
    if (tr.kind === 'unavailable') expect(tr.message).toContain('parent.bin and child.bin');
    await s.dispose();
  });

  it('principal directions are unit vectors, in order of variance', () => {
    const rows = new Float32Array(400 * 3);
    for (let i = 0; i < 400; i++) {
      const a = Math.sin(i * 1.7) * 3;
      const b = Math.cos(i * 0.3) * 1;
      rows.set([a + 0.1 * b, b, 0.01 * Math.sin(i)], i * 3);
    }
    const { directions, sigmas, fractions } = principalDirections(rows, 400, 3, 2);
    for (let d = 0; d < 2; d++) expect(Math.hypot(...directions.subarray(d * 3, d * 3 + 3))).toBeCloseTo(1, 5);
    expect(Math.abs(directions[0])).toBeGreaterThan(0.99);
    expect(sigmas[0]).toBeGreaterThan(sigmas[1]);
    expect(fractions[0]).toBeGreaterThan(0.8);
  });

  it('a snapshot file is G_ema alone in parameter order', () => {
    const layout = snapshotLayout(DEFAULT_GENERATOR_CONFIG);
    expect(layout[0]).toMatchObject({ group: 'gEma', name: 'map.0.w', offset: 0 });
    expect(layout.reduce((a, e) => a + e.length, 0)).toBe(180_780);
  });
});
