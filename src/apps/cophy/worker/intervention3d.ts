/**
 * The user's intervention on C in the 3-D scenarios (issue #14), in plain functions shared by the
 * worker (which simulates it) and the page (which draws and words it). React-free and DOM-free.
 *
 * The paper's do-operations (arXiv 2202.00368 §3): BlocktowerCF removes the top cube or shifts a cube
 * along x or y (core3d/blocktower.ts); CollisionCF flips the resting cylinder (only when the ball
 * moves) or shifts the moving object along x, y or z (core3d/collision.ts). The editor is freer in the
 * same spirit: a cube can be dragged anywhere on its own level within ±MOVE_LIMIT_3D, and the moving
 * object anywhere the official shift rule accepts (not within ±1 of the origin in x or y, not too low).
 */
import { removeTopCube, type Tower } from '../core3d/blocktower';
import { applyCollisionDoOperation, type Arena } from '../core3d/collision';
import type { Scenario3d } from '../core3d/dataset3d';
import { OBJECT_COLOR_NAMES } from '../core3d/raycast';

/** Where a dragged cube or mover may start (x and y): the link's ±3.5 (store.ts MOVE_LIMIT). */
export const MOVE_LIMIT_3D = 3.5;
/** The highest start the editor offers for the mover (the official launches start at z ≤ 3, 3.5 for the cylinder, shifts add up to 1). */
export const Z_LIMIT_3D = 5;
/** The lowest start of the moving ball and the moving cylinder (generate_collision.py l. 323, 334). */
export const LOWEST_START: Readonly<Record<'ball' | 'cylinder', number>> = { ball: 1, cylinder: 1.5 };

/** The do-operation on A: the dataset's, the removal of the top cube (tower), the flip of the cylinder (collision), or a move of one object. */
export type Intervention3d =
  | { readonly kind: 'dataset' }
  | { readonly kind: 'remove' }
  | { readonly kind: 'flip' }
  /** Object `object` of A (0-based) starts at (x, y) on its level (tower) or at (x, y, z) (collision's mover). */
  | { readonly kind: 'move'; readonly object: number; readonly x: number; readonly y: number; readonly z: number };

/** The link's fields for an intervention (store.ts): `ball` is the 1-based object. */
export interface Intervention3dValues {
  edit: 'dataset' | 'remove' | 'move' | 'flip';
  ball: number;
  x: number;
  y: number;
  z: number;
}

export function intervention3dOf(v: Intervention3dValues): Intervention3d {
  if (v.edit === 'remove') return { kind: 'remove' };
  if (v.edit === 'flip') return { kind: 'flip' };
  if (v.edit === 'move') return { kind: 'move', object: v.ball - 1, x: v.x, y: v.y, z: v.z };
  return { kind: 'dataset' };
}

export function intervention3dValues(i: Intervention3d): Partial<Intervention3dValues> {
  if (i.kind === 'move') return { edit: 'move', ball: i.object + 1, x: round3d(i.x), y: round3d(i.y), z: round3d(i.z) };
  return { edit: i.kind };
}

export function sameIntervention3d(a: Intervention3d, b: Intervention3d): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'move') return true;
  const m = b as typeof a;
  return a.object === m.object && a.x === m.x && a.y === m.y && a.z === m.z;
}

/** Links hold two decimals. */
export function round3d(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The scene of A as the page needs it to word and check an intervention. */
export interface Setup3d {
  readonly scenario: Scenario3d;
  readonly tower?: Tower;
  readonly arena?: Arena;
  /** Palette colour of each object of A (core3d/raycast.ts OBJECT_COLOR_NAMES). */
  readonly colors: readonly number[];
}

const fmt = (v: number) => v.toFixed(2);

/** "the red cube", "the blue ball", "the green cylinder" (CollisionCF's objects: 0 the cylinder, 1 the ball). */
export function objectName3d(setup: Pick<Setup3d, 'scenario' | 'colors'>, k: number): string {
  const color = OBJECT_COLOR_NAMES[setup.colors[k]] ?? `object ${k + 1}`;
  const shape = setup.scenario === 'blocktower' ? 'cube' : k === 0 ? 'cylinder' : 'ball';
  return `the ${color} ${shape}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What is wrong with an intervention on this A, in a sentence that names the fix; null when it can be simulated. */
export function intervention3dProblem(intervention: Intervention3d, setup: Setup3d): string | null {
  if (intervention.kind === 'dataset') return null;
  if (setup.scenario === 'blocktower') {
    const tower = setup.tower!;
    if (intervention.kind === 'flip') return 'BlocktowerCF has no cylinder to flip: remove the top cube or drag a cube instead.';
    if (intervention.kind === 'remove') return null;
    const k = intervention.object;
    if (!(Number.isInteger(k) && k >= 0 && k < tower.n)) return `Cube ${k + 1} does not exist: the tower has ${tower.n} cubes. Pick cube 1 to ${tower.n} (keys 1–${tower.n} in the 3-D view).`;
    if (!(Math.abs(intervention.x) <= MOVE_LIMIT_3D && Math.abs(intervention.y) <= MOVE_LIMIT_3D)) {
      return `${capitalise(objectName3d(setup, k))} cannot start at (${fmt(intervention.x)}, ${fmt(intervention.y)}): a dragged cube stays within ±${MOVE_LIMIT_3D}. Drag it back.`;
    }
    return null;
  }
  const arena = setup.arena!;
  if (intervention.kind === 'remove') return 'CollisionCF has no removal (the official do-operations flip the cylinder or shift the moving object): press F or drag the moving object.';
  if (intervention.kind === 'flip') {
    return arena.moving === 'ball' ? null : 'The cylinder can be flipped only when the ball moves (the official rule); in this example the cylinder moves: drag it instead.';
  }
  const mover = arena.moving === 'cylinder' ? 0 : 1;
  const k = intervention.object;
  if (k !== mover) return `Only the moving object, ${objectName3d(setup, mover)}, can be shifted (the official do-operation). Pick object ${mover + 1}.`;
  const { x, y, z } = intervention;
  const name = capitalise(objectName3d(setup, k));
  if (!(Math.abs(x) <= MOVE_LIMIT_3D && Math.abs(y) <= MOVE_LIMIT_3D)) return `${name} cannot start at (${fmt(x)}, ${fmt(y)}): the editor keeps x and y within ±${MOVE_LIMIT_3D}. Drag it back.`;
  if ((x > -1 && x < 1) || (y > -1 && y < 1)) {
    return `${name} would start at (${fmt(x)}, ${fmt(y)}), within 1 of the resting object along x or y; the official generator rejects such a start (generate_collision.py l. 323). Drag it further out.`;
  }
  const lowest = LOWEST_START[arena.moving];
  if (!(z >= lowest && z <= Z_LIMIT_3D)) return `${name} would start at height ${fmt(z)}; it starts between ${lowest} (the official lowest) and ${Z_LIMIT_3D}. Raise it with Page Up, lower it with Page Down.`;
  return null;
}

/** C as the scenario describes it (a tower or an arena) for an intervention; throws the problem's sentence. */
export function counterfactualSetup3d(intervention: Intervention3d, setup: Setup3d, dataset: Tower | Arena): Tower | Arena {
  const problem = intervention3dProblem(intervention, setup);
  if (problem) throw new RangeError(problem);
  if (intervention.kind === 'dataset') return dataset;
  if (setup.scenario === 'blocktower') {
    const tower = setup.tower!;
    if (intervention.kind === 'remove') return removeTopCube(tower);
    if (intervention.kind !== 'move') throw new RangeError('no such tower intervention');
    const positions = Float64Array.from(tower.positions);
    positions[3 * intervention.object] = intervention.x;
    positions[3 * intervention.object + 1] = intervention.y;
    return { n: tower.n, positions, angles: [...tower.angles] };
  }
  const arena = setup.arena!;
  if (intervention.kind === 'flip') return applyCollisionDoOperation(arena, { kind: 'flip', object: 0 })!;
  if (intervention.kind !== 'move') throw new RangeError('no such collision intervention');
  const p: [number, number, number] = [intervention.x, intervention.y, intervention.z];
  return arena.moving === 'cylinder' ? { ...arena, cylinderPosition: p } : { ...arena, ballPosition: p };
}

/** The dataset's own do-operation, as an editor intervention the link can hold (the tower's removal, the flip, or the shifted object's start). */
export function dataset3dAsIntervention(setup: Setup3d, c: Tower | Arena, op: { kind: string }): Intervention3d {
  if (op.kind === 'remove') return { kind: 'remove' };
  if (op.kind === 'flip') return { kind: 'flip' };
  if (setup.scenario === 'blocktower') {
    const shifted = op as unknown as { object: number };
    const t = c as Tower;
    return { kind: 'move', object: shifted.object, x: round3d(t.positions[3 * shifted.object]), y: round3d(t.positions[3 * shifted.object + 1]), z: 0 };
  }
  const a = c as Arena;
  const p = a.moving === 'cylinder' ? a.cylinderPosition : a.ballPosition;
  return { kind: 'move', object: a.moving === 'cylinder' ? 0 : 1, x: round3d(p[0]), y: round3d(p[1]), z: round3d(p[2]) };
}

/** "Removing the top cube", "Flipping the cylinder", "Moving the red cube to (0.30, −0.20)", "The dataset's C (…)". */
export function describeIntervention3d(intervention: Intervention3d, setup: Setup3d, datasetOp: { kind: string; object?: number; axis?: string; amplitude?: number }): string {
  if (intervention.kind === 'remove') return 'Removing the top cube';
  if (intervention.kind === 'flip') return `Flipping the resting cylinder (${setup.arena?.orientation === 'up' ? 'standing → lying' : 'lying → standing'})`;
  if (intervention.kind === 'move') {
    const at = setup.scenario === 'collision' ? `(${fmt(intervention.x)}, ${fmt(intervention.y)}, ${fmt(intervention.z)})` : `(${fmt(intervention.x)}, ${fmt(intervention.y)})`;
    return `Moving ${objectName3d(setup, intervention.object)} to ${at}`;
  }
  const op = datasetOp;
  if (op.kind === 'remove') return "The dataset's C (the top cube removed)";
  if (op.kind === 'flip') return "The dataset's C (the cylinder flipped)";
  const a = op.amplitude ?? 0;
  return `The dataset's C (${objectName3d(setup, op.object ?? 0)} shifted ${a >= 0 ? '+' : '−'}${fmt(Math.abs(a))} along ${op.axis})`;
}
