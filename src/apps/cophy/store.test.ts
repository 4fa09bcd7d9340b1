import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState } from '../../shared/state';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { generateExample } from './core/dataset';
import { datasetAsValues, interventionOf, roundCoordinate, startPositions } from './intervention';
import { cophySchema, settingsProblem } from './store';
import { linkChanges } from './ui/Intro';

describe('cophy link state', () => {
  it('keeps the link contract: non-default values round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(cophySchema, {
      nonDefault: { example: 17, edit: 'move', ball: 2, x: -1.25, y: 3.5, frame: 42, seed: 9 },
      bad: { example: ['0', '201'], edit: 'shift', ball: ['0', '5'], x: ['3.6', 'far'], y: '-4', frame: ['150', '1.5'] },
    });
  });

  it('defaults to the dataset’s own C of test example 1 at frame 0, seed 1', () => {
    expect(cophySchema.defaults).toMatchObject({ example: 1, edit: 'dataset', ball: 1, x: 0, y: 0, frame: 0, seed: 1 });
    expect(serializeUrlState(cophySchema, cophySchema.defaults)).toBe('');
    expect(interventionOf(cophySchema.defaults)).toEqual({ kind: 'dataset' });
  });

  it('a malformed link names the problem and falls back to the default for that field only', () => {
    const { values, notices } = parseUrlState(cophySchema, 'v=1&example=12&edit=move&ball=2&x=9&y=1.5');
    expect(values).toMatchObject({ example: 12, edit: 'move', ball: 2, x: 0, y: 1.5 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('x');
    expect(notices[0]).toContain('9');
  });

  it('names an impossible C with the fix: a ball that does not exist, a ball on top of another', () => {
    const e = generateExample(1, 'test', 0);
    const a = { n: e.n, positions: e.a.positions, colors: e.colors };
    const d = cophySchema.defaults;
    expect(settingsProblem(d, a)).toBeNull();
    expect(settingsProblem(d, null)).toBeNull();
    expect(settingsProblem({ ...d, edit: 'remove', ball: 4 }, a)).toBe('Ball 4 does not exist: this example has 3 balls. Pick ball 1 to 3 (keys 1–3 in the C editor).');
    expect(settingsProblem({ ...d, edit: 'remove', ball: 2 }, a)).toBeNull();
    const onTop = { ...d, edit: 'move' as const, ball: 1, x: roundCoordinate(e.a.positions[2] + 0.3), y: roundCoordinate(e.a.positions[3]) };
    expect(settingsProblem(onTop, a)).toMatch(/^The \w+ ball would start 0\.\d\d from the \w+ ball; balls start at least 1 apart \(the official generator's rule\)\. Drag it further away\.$/);
  });

  it('reads the dataset’s C as link values and back to the same start positions', () => {
    for (let i = 0; i < 6; i++) {
      const e = generateExample(1, 'test', i);
      const asValues = datasetAsValues(e.doOp, e.a);
      const fromLink = startPositions(interventionOf(asValues), e.a, e.doOp);
      const fromDataset = startPositions({ kind: 'dataset' }, e.a, e.doOp);
      fromLink.forEach((p, k) => {
        if (p === null) return expect(fromDataset[k]).toBeNull();
        expect(p[0]).toBeCloseTo(fromDataset[k]![0], 2);
        expect(p[1]).toBeCloseTo(fromDataset[k]![1], 2);
      });
    }
  });

  it('a shared link says what it changed, the intervention as one change', () => {
    const { values } = parseUrlState(cophySchema, 'v=1&example=5&edit=move&ball=2&x=1.5&y=-2&frame=30&seed=4');
    expect(linkChanges(values).map((c) => c.text)).toEqual(['test example 5', 'ball 2 moved to (1.5, -2) in C', 'frame 30', 'seed 4']);
    expect(linkChanges(cophySchema.defaults)).toEqual([]);
  });
});
