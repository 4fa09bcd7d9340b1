import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../worker/protocol';
import { ilqrHeadline } from './headline';

const cp = (step: number, inputR2: number): Checkpoint => ({ step, inputR2, latentR2: 0.97, eigenError: 0.01, learnedEigenvalues: [], mappedInputs: [], mappedLatents: [], firstBinShare: 0.5, inputNorms: [] });

describe('ilqrHeadline', () => {
  it('says what a run will show before the first checkpoint', () => {
    const h = ilqrHeadline({ steps: 600, trials: 10, bins: 200, checkpoint: null });
    expect(h.state).toBe('waiting');
    expect(h.sentence).toContain('Press Run');
    expect(h.figures).toEqual([]);
  });

  it('reports a recovery with the figures of the checkpoint and judges it against Table S1 for 10 × 200', () => {
    const h = ilqrHeadline({ steps: 600, trials: 10, bins: 200, checkpoint: cp(600, 0.91) });
    expect(h.state).toBe('done');
    expect(h.sentence).toContain('recovered the hidden input events');
    expect(h.sentence).toContain('0.91');
    expect(h.figures.find((f) => f.id === 'input-r2')?.value).toBe(0.91);
    expect(h.claim).toContain('Table S1');
    expect(h.verdict).toBe('holds');
  });

  it('says so when the inputs are not recovered, and judges one trial of 1000 bins against §3.3', () => {
    const h = ilqrHeadline({ steps: 600, trials: 1, bins: 1000, checkpoint: cp(40, 0.5) });
    expect(h.state).toBe('running');
    expect(h.sentence).toMatch(/^So far \(step 40 of 600\): iLQR has not recovered the inputs yet/);
    expect(h.claim).toContain('§3.3');
    expect(h.verdict).toBe('fails');
  });

  it('gives no verdict for a size the paper did not run', () => {
    const h = ilqrHeadline({ steps: 600, trials: 4, bins: 500, checkpoint: cp(600, 0.95) });
    expect(h.claim).toContain('reports no run of 4 × 500 bins');
    expect(h.verdict).toBeNull();
  });

  it('on the autonomous system reports where the inputs went, with the paper’s claim and no verdict', () => {
    const waiting = ilqrHeadline({ system: 'autonomous', steps: 600, trials: 10, bins: 100, checkpoint: null });
    expect(waiting.sentence).toContain('pre-trial bin');
    const h = ilqrHeadline({ system: 'autonomous', steps: 600, trials: 10, bins: 100, checkpoint: { ...cp(600, NaN), firstBinShare: 0.97 } });
    expect(h.state).toBe('done');
    expect(h.sentence).toMatch(/^The inferred inputs migrated into the initial condition: 97\.0%/);
    expect(h.figures[0]).toMatchObject({ id: 'first-bin-share', value: 0.97 });
    expect(h.claim).toContain('§3.1');
    expect(h.verdict).toBeNull();
    const early = ilqrHeadline({ system: 'autonomous', steps: 600, trials: 10, bins: 100, checkpoint: { ...cp(40, NaN), firstBinShare: 0.6 } });
    expect(early.sentence).toMatch(/^So far \(step 40 of 600\): 60\.0% of the inferred input energy/);
  });
});
