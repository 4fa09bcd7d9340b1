/**
 * Everything a demo page needs in one call: train and test sets of every domain, the patched
 * source, and the neighbour grid, plus the (source, target) pair of each experiment.
 */
import { concatSets, generateDomain, generateNeighbours, type DigitSet, type DomainKnobs } from './domains';
import { OWNER_PATCH, patchSet } from './patch';

export interface DemoDataOptions {
  seed: number;
  trainPerDomain?: number;
  testPerDomain?: number;
  neighboursPerCell?: number;
  neighboursTestPerCell?: number;
  knobs?: Partial<DomainKnobs>;
}

export interface DemoData {
  train: { S: DigitSet; T1: DigitSet; SPatched: DigitSet; neighbours: DigitSet };
  /** Test sets keyed for display and `trainer.evaluate`. */
  test: { S: DigitSet; T1: DigitSet; T2: DigitSet; T3: DigitSet; 'S+patch': DigitSet; neighbours: DigitSet };
  /** Seconds spent generating. */
  seconds: number;
}

export function buildDemoData(o: DemoDataOptions): DemoData {
  const t0 = performance.now();
  const nTrain = o.trainPerDomain ?? 2000;
  const nTest = o.testPerDomain ?? 500;
  const g = (d: 'S' | 'T1' | 'T2' | 'T3', n: number, split: 'train' | 'test') =>
    generateDomain(d, { n, seed: o.seed, split, knobs: o.knobs });
  const S = g('S', nTrain, 'train');
  const testS = g('S', nTest, 'test');
  const data: DemoData = {
    train: {
      S,
      T1: g('T1', nTrain, 'train'),
      SPatched: patchSet(S, OWNER_PATCH),
      neighbours: generateNeighbours({ perCell: o.neighboursPerCell ?? 50, seed: o.seed, split: 'train' }),
    },
    test: {
      S: testS,
      T1: g('T1', nTest, 'test'),
      T2: g('T2', nTest, 'test'),
      T3: g('T3', nTest, 'test'),
      'S+patch': patchSet(testS, OWNER_PATCH),
      neighbours: generateNeighbours({ perCell: o.neighboursTestPerCell ?? 10, seed: o.seed, split: 'test' }),
    },
    seconds: 0,
  };
  data.seconds = (performance.now() - t0) / 1000;
  return data;
}

/** The four NTL experiments of the demo. */
export type ExperimentKind = 'target' | 'ownership' | 'authorization' | 'sourceOnly';

/** Source and target sets of each experiment (ntl.md: "Experiments" 1–4). */
export function targetFor(kind: ExperimentKind, data: DemoData): { source: DigitSet; target: DigitSet } {
  switch (kind) {
    case 'target':
      return { source: data.train.S, target: data.train.T1 };
    case 'ownership':
      return { source: data.train.S, target: data.train.SPatched };
    case 'authorization':
      return {
        source: data.train.SPatched,
        target: concatSets('auth/T', [data.train.S, data.train.neighbours, patchSet(data.train.neighbours, OWNER_PATCH)]),
      };
    case 'sourceOnly':
      return { source: data.train.S, target: data.train.neighbours };
  }
}
