import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../shared/tf/node';
import { TINY_DISCRIMINATOR_CONFIG } from './discriminator';
import { DEFAULT_GENERATOR_CONFIG, TINY_GENERATOR_CONFIG, generatorParamCount } from './generator';
import { DEFAULT_DISCRIMINATOR_CONFIG, discriminatorParamCount } from './discriminator';
import { defaultGanOptions, GanTrainer, generatorWeightChange, type GanCheckpoint } from './ganTrainer';
import { toFloat32 } from './nn';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const tiny = (domain: 'faces' | 'critters', seed = 3) =>
  defaultGanOptions(domain, seed, { batch: 4, r1Interval: 2, generator: TINY_GENERATOR_CONFIG, discriminator: TINY_DISCRIMINATOR_CONFIG, emaKimg: 0.01 });

/** JSON round trip, as the training script stores checkpoints. */
const viaJson = (c: GanCheckpoint) => JSON.parse(JSON.stringify(c)) as GanCheckpoint;

describe('GanTrainer', () => {
  it('has about 339k parameters in G and D together at the default size', () => {
    const total = generatorParamCount(DEFAULT_GENERATOR_CONFIG) + discriminatorParamCount(DEFAULT_DISCRIMINATOR_CONFIG);
    expect(total).toBe(343_373);
  });

  it('6 steps straight equal 3 steps, a JSON checkpoint, a fresh trainer restored from it and 3 more, bit for bit (R1 included)', () => {
    const before = tf.memory().numTensors;
    const straight = GanTrainer.scratch(tiny('faces'));
    const statsStraight = Array.from({ length: 6 }, () => straight.step());
    expect(statsStraight.filter((s) => Number.isFinite(s.r1)).length).toBe(3); // steps 0, 2, 4 carry R1
    const end = straight.checkpoint();
    straight.dispose();

    const first = GanTrainer.scratch(tiny('faces'));
    for (let i = 0; i < 3; i++) first.step();
    const mid = viaJson(first.checkpoint());
    first.dispose();
    const resumed = GanTrainer.fromCheckpoint(mid);
    const statsResumed = Array.from({ length: 3 }, () => resumed.step());
    const end2 = resumed.checkpoint();
    resumed.dispose();

    // restore() into an existing trainer gives the same as fromCheckpoint
    const other = GanTrainer.scratch(tiny('faces'));
    other.restore(mid);
    for (let i = 0; i < 3; i++) other.step();
    const end3 = other.checkpoint();
    other.dispose();

    expect(statsResumed.map((s) => [s.lossG, s.lossD, s.r1])).toEqual(statsStraight.slice(3).map((s) => [s.lossG, s.lossD, s.r1]));
    expect(JSON.stringify(end2)).toBe(JSON.stringify(end));
    expect(JSON.stringify(end3)).toBe(JSON.stringify(end));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a checkpoint made with other options', () => {
    const a = GanTrainer.scratch(tiny('faces'));
    const b = GanTrainer.scratch(tiny('faces', 4));
    expect(() => b.restore(a.checkpoint())).toThrow(/other options/);
    a.dispose();
    b.dispose();
  });

  it('fine-tunes the child from the parent weights, and reports the weight change per component', () => {
    const before = tf.memory().numTensors;
    const parent = GanTrainer.scratch(tiny('faces'));
    for (let i = 0; i < 2; i++) parent.step();
    const p = viaJson(parent.checkpoint());
    parent.dispose();
    const child = GanTrainer.fineTune(p, tiny('critters', 5));
    expect(child.origin).toEqual({ kind: 'finetune', parentDomain: 'faces', parentSteps: 2 });
    const at0 = child.checkpoint();
    expect(at0.weights.g).toEqual(p.weights.g);
    expect(at0.weights.d).toEqual(p.weights.d);
    expect(at0.weights.gEma).toEqual(p.weights.gEma);
    expect(at0.adamG.k).toBe(0);
    const zero = generatorWeightChange(TINY_GENERATOR_CONFIG, toFloat32(p.weights.gEma), toFloat32(at0.weights.gEma));
    expect(Object.values(zero).every((v) => v === 0)).toBe(true);
    for (let i = 0; i < 3; i++) child.step();
    const change = generatorWeightChange(TINY_GENERATOR_CONFIG, toFloat32(p.weights.g), child.G.values());
    expect(Object.keys(change).sort()).toEqual(['affine', 'all', 'const', 'conv', 'conv4', 'conv8', 'mapping', 'torgb']);
    for (const v of Object.values(change)) expect(v).toBeGreaterThan(0);
    // the mapping's lr × 0.01 keeps its relative change far below the synthesis layers'
    expect(change.mapping).toBeLessThan(change.conv / 5);
    expect(() => GanTrainer.fineTune(p, { ...tiny('critters'), generator: { ...TINY_GENERATOR_CONFIG, channels: [4, 8] } })).toThrow(/architecture/);
    child.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
