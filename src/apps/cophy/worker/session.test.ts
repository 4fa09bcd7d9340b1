import { describe, expect, it } from 'vitest';
import { generateExample } from '../core/dataset';
import { hashBytes, toHex32 } from '../core/simulator';
import { IMAGE_SIZE, renderExampleFrame } from '../core/render';
import { CophySession, filterStats, rgbToRgba } from './session';

describe('the CoPhy worker session', () => {
  const seed = 1;
  const session = CophySession.create(seed, 0);
  const e = session.example;

  it('keeps the dataset’s own C, with the same balls the generator found consequential', () => {
    const ev = session.evaluate({ kind: 'dataset' });
    expect(ev.problem).toBeNull();
    expect(ev.verdict?.kept).toBe(true);
    expect(ev.verdict?.reason).toBe('kept');
    expect(ev.verdict?.counterfactual).toEqual([...e.counterfactualObjects]);
    expect(ev.verdict?.consequential).toEqual([...e.consequentialObjects]);
    expect(Array.from(ev.cdPositions)).toEqual(Array.from(e.cd.positions));
    // the frame is core/render.ts's, byte for byte, as RGBA
    const rgb = renderExampleFrame(e, 'cd', 0);
    expect(toHex32(hashBytes(new Uint8Array(ev.cFrame.buffer)))).toBe(toHex32(hashBytes(new Uint8Array(rgbToRgba(rgb).buffer))));
    expect(ev.cFrame.length).toBe(IMAGE_SIZE * IMAGE_SIZE * 4);
  });

  it('judges a removal and a move of any ball, and names an impossible C with the fix', () => {
    const removal = session.evaluate({ kind: 'remove', ball: 0 });
    expect(removal.problem).toBeNull();
    expect(removal.objects).toEqual([1, 2]);
    expect(removal.verdict?.flipChange[0]).toBeNull();
    expect(['kept', 'not-counterfactual', 'not-identifiable']).toContain(removal.verdict?.reason);
    const x = e.a.positions[0] > 0 ? e.a.positions[0] - 1.5 : e.a.positions[0] + 1.5;
    const move = session.evaluate({ kind: 'move', ball: 0, x, y: e.a.positions[1] });
    if (move.problem === null) {
      expect(move.cPositions[0]).toBe(x);
      expect(move.cdPositions.length).toBe(150 * 3 * 2);
    } else {
      expect(move.problem).toContain('at least 1 apart');
    }
    const onTop = session.evaluate({ kind: 'move', ball: 0, x: e.a.positions[2] + 0.2, y: e.a.positions[3] });
    expect(onTop.problem).toMatch(/would start 0\.20 from the \w+ ball; balls start at least 1 apart .* Drag it further away\./);
    expect(onTop.verdict).toBeNull();
    expect(session.evaluate({ kind: 'remove', ball: 3 }).problem).toBe('Ball 4 does not exist: this example has 3 balls. Pick ball 1 to 3 (keys 1–3 in the C editor).');
  });

  it('renders AB frames that match core/render.ts, and regenerates the same example from the seed', () => {
    const frames = session.renderFrames(e.ab, e.colors, 10, 2);
    const rgb = renderExampleFrame(e, 'ab', 11);
    expect(Array.from(frames.subarray(IMAGE_SIZE * IMAGE_SIZE * 4))).toEqual(Array.from(rgbToRgba(rgb)));
    const again = generateExample(seed, 'test', 0);
    expect(Array.from(again.ab.positions)).toEqual(Array.from(e.ab.positions));
    expect(() => CophySession.create(seed, 200)).toThrow('Pick one from 1 to 200');
  });

  it('computes the filter statistics on a sample: every example kept once, rejections counted, fewer counterfactual candidates as ε grows', async () => {
    const stats = await filterStats({ seed: 1, examples: 8, unfiltered: 24 });
    expect(stats.kept).toBe(8);
    expect(stats.cdTrials).toBeGreaterThanOrEqual(8 + stats.notCounterfactual + stats.notIdentifiable);
    expect(stats.sweep.map((r) => r.epsilon)).toEqual([1, 2, 5, 10, 20, 50, 100, 150, 200, 300, 500, 1000]);
    // identifiability is not monotone in ε (a larger ε confuses more AB's but also merges more CD's); counterfactuality is
    for (let i = 1; i < stats.sweep.length; i++) {
      expect(stats.sweep[i].counterfactual).toBeLessThanOrEqual(stats.sweep[i - 1].counterfactual);
    }
    // the same seed gives the same numbers
    const again = await filterStats({ seed: 1, examples: 8, unfiltered: 24 });
    expect({ ...again, ms: 0 }).toEqual({ ...stats, ms: 0 });
  });
});
