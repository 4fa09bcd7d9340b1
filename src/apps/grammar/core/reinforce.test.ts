import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../shared/random';
import { initNodeBackend } from '../../../shared/tf/node';
import { loadChem, type Chem } from './chem';
import { prepareSet } from './construct';
import { datasetSmiles } from './datasets';
import { trainingReference } from './evaluate';
import { FEATURE_DIM } from './features';
import { initPotential, potentials, PotentialTrainer, selectProbability } from './potential';
import { DegTrainer } from './reinforce';

let chem: Chem;
beforeAll(async () => {
  await initNodeBackend('wasm');
  chem = await loadChem();
});

describe('REINFORCE on F_θ', () => {
  it('a positive advantage on "select" raises φ for those rows, a negative one lowers it', () => {
    const rng = createRng(3);
    const rows = Float32Array.from({ length: 4 * FEATURE_DIM }, () => rng.next());
    const p0 = initPotential(rng);
    const rec = { rows, actions: Uint8Array.from([1, 1, 1, 1]), iteration: Int32Array.from([0, 0, 1, 1]) };
    const none = { rows: rows.slice(0, 0), actions: new Uint8Array(0), iteration: new Int32Array(0) };
    const before = Array.from(potentials(p0, rows, 4), selectProbability);
    const moved = (rewards: number[]) => {
      const trainer = new PotentialTrainer(p0, 0.01);
      for (let i = 0; i < 3; i++) trainer.update([rec, none], rewards);
      const p = Array.from(potentials(trainer.params(), rows, 4), selectProbability);
      trainer.dispose();
      return p;
    };
    moved([1, 0]).forEach((p, i) => expect(p).toBeGreaterThan(before[i]));
    moved([0, 1]).forEach((p, i) => expect(p).toBeLessThan(before[i]));
  });
  it('one epoch: rewards for each grammar, a step taken, no tensor and no RDKit object left', async () => {
    const tensors = tf.memory().numTensors;
    const set = prepareSet(chem, datasetSmiles('chain_extenders'));
    const ref = trainingReference(chem, set, 'chain_extenders');
    const trainer = new DegTrainer(chem, set, ref, { seed: 5, grammarsPerEpoch: 3, samplesPerGrammar: 20 });
    const w0 = trainer.params().w1.slice();
    const r = await trainer.epochAsync({ yieldNow: async () => {} });
    expect(r.rewards).toHaveLength(3);
    r.rewards.forEach((x) => expect(x).toBeGreaterThan(0));
    expect(r.mean.valid).toBe(1);
    expect(trainer.best).not.toBeNull();
    expect(Array.from(trainer.params().w1).some((v, i) => v !== w0[i])).toBe(true);
    // Same seed, same numbers.
    const again = new DegTrainer(chem, set, ref, { seed: 5, grammarsPerEpoch: 3, samplesPerGrammar: 20 });
    expect((await again.epochAsync()).rewards).toEqual(r.rewards);
    trainer.dispose();
    again.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(chem.live()).toBe(0);
  });
  it('cancellation stops an epoch between grammars', async () => {
    const set = prepareSet(chem, datasetSmiles('chain_extenders'));
    const trainer = new DegTrainer(chem, set, trainingReference(chem, set, 'chain_extenders'), { seed: 1, samplesPerGrammar: 10 });
    let calls = 0;
    await expect(trainer.epochAsync({ cancelled: () => calls++ > 1 })).rejects.toThrow(/cancelled/);
    expect(trainer.epochs).toBe(0);
    trainer.dispose();
  });
});
