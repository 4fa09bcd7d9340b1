import { describe, expect, it } from 'vitest';
import { createLiveStore } from './liveStore';
import { numberProblem } from '../fields';
import { formatPercent } from '../format';
import { formatMeanSd } from '../committedResults';

describe('createLiveStore', () => {
  const make = () =>
    createLiveStore<{ step: number; loss: number }, { n: number }, { losses: number[] }>({
      emptyRun: () => ({ losses: [] }),
      addSteps: (s, batch) => ({ losses: [...s.losses, ...batch.map((b) => b.loss)] }),
    });

  it('folds step batches into the run slice and keeps the worker slice apart', () => {
    const { useLive, sink } = make();
    sink.workerStatus({ backend: { name: 'wasm', reason: 'r', forced: false }, error: null, starting: false });
    sink.prepared({ n: 3 });
    sink.steps([{ step: 1, loss: 2 }, { step: 2, loss: 1 }]);
    sink.steps([{ step: 3, loss: 0.5 }]);
    sink.tensors('afterRun', 12);
    sink.runFinished(4.2);
    const s = useLive.getState();
    expect(s.losses).toEqual([2, 1, 0.5]);
    expect(s.prepared).toEqual({ n: 3 });
    expect(s.worker.backend?.name).toBe('wasm');
    expect(s.tensors).toEqual({ afterRun: [12], afterDispose: [] });
    expect(s.runSeconds).toEqual([4.2]);
  });

  it('clearRun forgets the run but not the worker nor the leak history', () => {
    const { useLive, sink } = make();
    sink.workerStatus({ backend: { name: 'cpu', reason: 'r', forced: true }, error: null, starting: false });
    sink.prepared({ n: 1 });
    sink.steps([{ step: 1, loss: 3 }]);
    sink.extra({ name: 'attack', label: 'FTAL', done: 1, total: 4 }, 'boom');
    sink.tensors('afterDispose', 5);
    sink.clearRun();
    const s = useLive.getState();
    expect(s).toMatchObject({ losses: [], prepared: null, data: null, extra: null, extraError: null });
    expect(s.worker.backend?.name).toBe('cpu');
    expect(s.tensors.afterDispose).toEqual([5]);
  });

  it('an extra update without an error leaves the last error shown', () => {
    const { useLive, sink } = make();
    sink.extra(null, 'the attack failed');
    sink.extra(null);
    expect(useLive.getState().extraError).toBe('the attack failed');
    sink.extra({ name: 'a', label: 'A', done: 0, total: 1 }, null);
    expect(useLive.getState().extraError).toBeNull();
  });
});

describe('numberProblem', () => {
  const spec = { label: 'Steps (per run)', min: 2, max: 2000, step: '1', int: true };
  it('accepts values in range and names the range or the fix otherwise', () => {
    expect(numberProblem('200', spec)).toBeNull();
    expect(numberProblem(' 2 ', spec)).toBeNull();
    expect(numberProblem('5000', spec)).toBe('5000 is outside 2–2000; type a value in that range.');
    expect(numberProblem('abc', spec)).toBe('"abc" is not a number; type a value from 2 to 2000.');
    expect(numberProblem('', spec)).toMatch(/not a number/);
    expect(numberProblem('2.5', spec)).toBe('Steps must be a whole number; try 3.');
    expect(numberProblem('2.5', { ...spec, int: false })).toBeNull();
  });
});

describe('formatPercent and formatMeanSd', () => {
  it('formats fractions, and a dash for what is missing', () => {
    expect(formatPercent(0.9934)).toBe('99.3%');
    expect(formatPercent(0.1, 0)).toBe('10%');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(NaN)).toBe('—');
  });
  it('gives mean ± sd when the sd is committed, the mean alone otherwise', () => {
    const result = { metrics: { acc: 0.5, 'acc.sd': 0.012, only: 0.25 } };
    expect(formatMeanSd(result, 'acc')).toBe('50.0% ± 1.2%');
    expect(formatMeanSd(result, 'only')).toBe('25.0%');
    expect(formatMeanSd(result, 'missing')).toBeNull();
    expect(formatMeanSd(null, 'acc')).toBeNull();
  });
});
