import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState } from '../../shared/state';
import { expectUrlSchemaContract } from '../../shared/state/testing';
import { generateExample } from './core/dataset';
import { datasetAsValues, interventionOf, roundCoordinate, startPositions } from './intervention';
import { ballsValues, cophySchema, settingsProblem, settingsProblem3d } from './store';
import type { Setup3d } from './worker/intervention3d';
import { linkChanges } from './ui/Intro';

describe('cophy link state', () => {
  it('keeps the link contract: non-default values round-trip, defaults give an empty link, bad values fall back with a notice', () => {
    expectUrlSchemaContract(cophySchema, {
      nonDefault: { scenario: 'collision', example: 17, edit: 'move', ball: 2, x: -1.25, y: 3.5, z: 2.25, frame: 42, seed: 9 },
      bad: { scenario: ['tower', 'BallsCF'], example: ['0', '201'], edit: 'shift', ball: ['0', '5'], x: ['3.6', 'far'], y: '-4', z: ['-1', '5.5', 'high'], frame: ['150', '1.5'] },
    });
  });

  it('defaults to the dataset’s own C of test example 1 at frame 0, seed 1', () => {
    expect(cophySchema.defaults).toMatchObject({ scenario: 'balls', example: 1, edit: 'dataset', ball: 1, x: 0, y: 0, z: 0, frame: 0, seed: 1 });
    expect(serializeUrlState(cophySchema, cophySchema.defaults)).toBe('');
    expect(interventionOf(ballsValues(cophySchema.defaults))).toEqual({ kind: 'dataset' });
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
    const collision = parseUrlState(cophySchema, 'v=1&scenario=collision&edit=move&ball=2&x=-2.5&y=1.75&z=1.4').values;
    expect(linkChanges(collision).map((c) => c.text)).toEqual(['scenario CollisionCF', 'object 2 moved to (-2.5, 1.75, 1.4) in C']);
    expect(linkChanges(parseUrlState(cophySchema, 'v=1&scenario=blocktower&edit=remove').values).map((c) => c.text)).toEqual(['scenario BlocktowerCF', 'the top cube removed from C']);
  });

  it('opens a part-1 BallsCF link unchanged: the new fields take the values part 1 meant', () => {
    const old = 'v=1&example=5&edit=move&ball=2&x=1.5&y=-2&frame=30&seed=4';
    const { values, notices } = parseUrlState(cophySchema, old);
    expect(notices).toEqual([]);
    expect(values).toMatchObject({ scenario: 'balls', example: 5, edit: 'move', ball: 2, x: 1.5, y: -2, z: 0, frame: 30, seed: 4 });
    expect(parseUrlState(cophySchema, serializeUrlState(cophySchema, values)).values).toEqual(values);
  });

  it('round-trips a 3-D scenario’s state: scenario, example, intervention and seed', () => {
    const tower = { ...cophySchema.defaults, scenario: 'blocktower' as const, example: 3, edit: 'remove' as const, seed: 7 };
    const collision = { ...cophySchema.defaults, scenario: 'collision' as const, example: 12, edit: 'move' as const, ball: 2, x: -2.5, y: 1.75, z: 1.4, frame: 20, seed: 2 };
    const flip = { ...cophySchema.defaults, scenario: 'collision' as const, edit: 'flip' as const };
    for (const v of [tower, collision, flip]) {
      const q = serializeUrlState(cophySchema, v);
      expect(parseUrlState(cophySchema, q)).toEqual({ values: v, notices: [] });
    }
    expect(serializeUrlState(cophySchema, tower)).toBe('v=1&seed=7&scenario=blocktower&example=3&edit=remove');
  });

  it('names what a 3-D A cannot take, with the fix', () => {
    const d = cophySchema.defaults;
    const towerSetup: Setup3d = { scenario: 'blocktower', tower: { n: 4, positions: Float64Array.from([0, 0, 0.5, 0.1, 0, 1.5, 0.2, 0, 2.5, 0.3, 0, 3.5]), angles: [0, 0, 0, 0] }, colors: [0, 1, 2, 3] };
    expect(settingsProblem3d({ ...d, scenario: 'blocktower', edit: 'flip' }, towerSetup)).toMatch(/^BlocktowerCF has no cylinder to flip/);
    expect(settingsProblem3d({ ...d, scenario: 'blocktower', edit: 'remove' }, towerSetup)).toBeNull();
    expect(settingsProblem3d({ ...d, scenario: 'blocktower', edit: 'move', ball: 2, x: 1, y: 1 }, towerSetup)).toBeNull();
    expect(settingsProblem3d({ ...d, scenario: 'blocktower', edit: 'move', ball: 2 }, null)).toBeNull();
    expect(settingsProblem3d({ ...d, scenario: 'collision', frame: 100 }, null)).toMatch(/^Frame 100 is past the end: CollisionCF's videos have 75 frames/);
    const arenaSetup: Setup3d = {
      scenario: 'collision',
      arena: { moving: 'cylinder', orientation: 'down', angles: [0, 0, 0], cylinderPosition: [2, 2, 2], ballPosition: [0, 0, 0.5], cylinderVelocity: [-5, -5, -5], ballVelocity: [0, 0, 0] },
      colors: [0, 1],
    };
    expect(settingsProblem3d({ ...d, scenario: 'collision', edit: 'flip' }, arenaSetup)).toMatch(/only when the ball moves/);
    expect(settingsProblem3d({ ...d, scenario: 'collision', edit: 'move', ball: 1, x: 2, y: -2, z: 1 }, arenaSetup)).toMatch(/height 1\.00; it starts between 1\.5/);
    expect(settingsProblem3d({ ...d, scenario: 'collision', edit: 'move', ball: 1, x: 2, y: -2, z: 2 }, arenaSetup)).toBeNull();
    expect(settingsProblem({ ...d, edit: 'flip' }, null)).toMatch(/^BallsCF has no cylinder to flip/);
  });
});
