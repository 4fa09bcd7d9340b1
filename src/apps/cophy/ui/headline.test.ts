import { describe, expect, it } from 'vitest';
import { ballName } from '../intervention';
import { CophySession } from '../worker/session';
import { cophyHeadline, endPointChanges, flippedBalls, massCombination, modelResult } from './headline';

describe('the CoPhy headline', () => {
  const session = CophySession.create(1, 0);
  const info = session.info(0);

  it('waits for the example before saying anything about it', () => {
    const h = cophyHeadline({ example: null, evaluation: null });
    expect(h.state).toBe('waiting');
    expect(h.figures).toEqual([]);
  });

  it('says what the dataset’s C does and that the filter keeps it, with the figures behind the sentence', () => {
    const ev = session.evaluate({ kind: 'dataset' });
    const h = cophyHeadline({ example: info, evaluation: ev });
    expect(h.state).toBe('done');
    expect(h.sentence).toMatch(/^The dataset's C \(the \w+ ball removed\) makes the \w+ ball \(mass hidden\) end \d+\.\d\d units? from where it ended in B: the filter keeps this C — the masses can be read off AB, and the hidden (mass of the \w+ ball changes|masses of the \w+ ball and the \w+ ball change) D\.$/);
    const byId = Object.fromEntries(h.figures.map((f) => [f.id, f]));
    expect(byId.filter.value).toBe(1);
    const changes = endPointChanges(info, ev);
    expect(byId['end-change'].value).toBe(Math.max(...changes.map((c) => c.change)));
    expect(byId.flip.value).toBeGreaterThan(100);
    expect(byId.confusable.text).toMatch(/^\d of 7$/);
  });

  it('names the moved ball and a rejection in plain words', () => {
    // try a few moves of ball 1 until one is rejected or kept: the sentence names the move either way
    const x0 = info.aPositions[0];
    const ev = session.evaluate({ kind: 'move', ball: 0, x: x0 > 0 ? x0 - 2 : x0 + 2, y: info.aPositions[1] });
    const h = cophyHeadline({ example: info, evaluation: ev });
    if (ev.problem) {
      expect(h.sentence).toContain('cannot be simulated');
    } else {
      expect(h.sentence.startsWith(`Moving ${ballName(0, info.colors)} 2.00 units`)).toBe(true);
      expect(h.sentence).toMatch(/the filter (keeps|rejects) this C — /);
    }
    const problem = session.evaluate({ kind: 'remove', ball: 5 });
    expect(cophyHeadline({ example: info, evaluation: problem }).sentence).toContain('cannot be simulated: Ball 6 does not exist');
  });

  it('finds the balls two mass combinations disagree on', () => {
    expect(massCombination([1, 10, 1])).toBe(0b010);
    expect(flippedBalls(0b011, 0b010, 3)).toEqual([2]);
    expect(flippedBalls(0b100, 0b010, 3)).toEqual([0, 1]);
  });
});

describe('the model figure of the CoPhy headline', () => {
  const curves = (v: number[]) => ({ psnr: Float64Array.from(v), lpsnr: Float64Array.from(v) });
  // two keypoints, three times; size 64: one keypoint unit is 32 px
  const truth = Float32Array.from([0, 0, 0.5, 0.5, 0.1, 0, 0.5, 0.6, 0.2, 0, 0.5, 0.7]);
  const summary = { status: 'done', size: 64, keypoints: 2, positions: truth.slice(), truthPositions: truth, ours: curves([30, 28, NaN]), copyC: curves([86, 25, 24]) };

  it('measures the keypoints against the simulated D’s and against copying C, in pixels', () => {
    const r = modelResult(summary)!;
    expect(r.oursPx).toBe(0);
    // copying C: keypoint 1 is 0.1 then 0.2 away, keypoint 2 0.1 then 0.2: mean over 6 = 0.1 units = 3.2 px
    expect(r.copyCPx).toBeCloseTo(3.2, 5);
    expect(r.lpsnrOurs).toBe(29); // the NaN (not decoded) frame is left out
    expect(r.lpsnrCopyC).toBe(45);
  });

  it('says nothing until every frame is decoded', () => {
    expect(modelResult({ ...summary, status: 'streaming' })).toBeNull();
    expect(modelResult(null)).toBeNull();
  });

  it('joins the headline’s figures once the prediction is done, and not while dragging', () => {
    const session = CophySession.create(1, 0);
    const info = session.info(0);
    const ev = session.evaluate({ kind: 'dataset' });
    const shifted = { ...summary, positions: truth.map((v) => v + 0.2) };
    const h = cophyHeadline({ example: info, evaluation: ev, prediction: shifted });
    const fig = h.figures.find((f) => f.id === 'model-keypoints')!;
    expect(fig.value).toBeCloseTo(0.2 * Math.SQRT2 * 32, 4);
    expect(fig.tone).toBe('bad'); // 9.1 px is farther than copying C's 3.2 px
    expect(cophyHeadline({ example: info, evaluation: ev, prediction: shifted, dragging: true }).figures.some((f) => f.id === 'model-keypoints')).toBe(false);
  });
});
