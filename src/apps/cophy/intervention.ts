/**
 * The user's intervention on C, in plain functions shared by the worker (which simulates it) and the
 * page (which draws and words it): from the link's values to a do-operation on A, what is wrong with
 * one (the sentence both show), and how each reads. React-free and DOM-free.
 *
 * The paper's do-operations (arXiv 2202.00368 §3; generate_balls.py l. 374–418) remove the last ball
 * or shift one ball along x or y; the editor is freer: any ball can be removed, and a ball can start
 * anywhere within ±3.5 (the official shift room) in both axes at once. The official rule that a moved
 * ball starts at least 1 from every other (l. 414–417) is kept.
 */
import { SHIFT_LIMIT, applyDoOperation, type CounterfactualStart, type DoOperation } from './core/interventions';
import { BALL_COLOR_NAMES } from './core/render';
import { MIN_START_DISTANCE, type Scene } from './core/simulator';
import type { Intervention } from './worker/protocol';

/** Where a moved ball may start: |x|, |y| ≤ 3.5, the official shift room (core/interventions.ts SHIFT_LIMIT). */
export const MOVE_LIMIT = SHIFT_LIMIT;
/** Keyboard steps in the editor (world units): an arrow, and an arrow with Shift. */
export const KEY_STEP = 0.1;
export const KEY_STEP_LARGE = 0.5;

/** The link's intervention fields (store.ts), 1-based ball. */
export interface InterventionValues {
  edit: 'dataset' | 'remove' | 'move';
  ball: number;
  x: number;
  y: number;
}

/** Links hold two decimals: a dragged ball snaps to 0.01 units (about 0.09 px of a 64 px frame). */
export function roundCoordinate(v: number): number {
  const c = Math.max(-MOVE_LIMIT, Math.min(MOVE_LIMIT, v));
  return Math.round(c * 100) / 100;
}

export function interventionOf(v: InterventionValues): Intervention {
  if (v.edit === 'remove') return { kind: 'remove', ball: v.ball - 1 };
  if (v.edit === 'move') return { kind: 'move', ball: v.ball - 1, x: v.x, y: v.y };
  return { kind: 'dataset' };
}

export function sameIntervention(a: Intervention, b: Intervention): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'dataset') return true;
  if (a.kind === 'remove') return a.ball === (b as typeof a).ball;
  const m = b as typeof a;
  return a.ball === m.ball && a.x === m.x && a.y === m.y;
}

export function colorName(k: number, colors: readonly number[]): string {
  return BALL_COLOR_NAMES[colors[k]] ?? `ball ${k + 1}`;
}

/** "the red ball" */
export function ballName(k: number, colors: readonly number[]): string {
  return `the ${colorName(k, colors)} ball`;
}

const fmt = (v: number) => v.toFixed(2);

/**
 * What is wrong with an intervention on this A, in a sentence that names the fix; null when it can be
 * simulated. `colors` names the balls when given.
 */
export function interventionProblem(intervention: Intervention, a: Pick<Scene, 'n' | 'positions'>, colors?: readonly number[]): string | null {
  if (intervention.kind === 'dataset') return null;
  const n = a.n;
  const k = intervention.ball;
  if (!Number.isInteger(k) || k < 0 || k >= n) {
    return `Ball ${k + 1} does not exist: this example has ${n} balls. Pick ball 1 to ${n} (keys 1–${n} in the C editor).`;
  }
  const name = colors ? ballName(k, colors) : `ball ${k + 1}`;
  if (intervention.kind === 'remove') return n < 2 ? 'The only ball cannot be removed.' : null;
  const { x, y } = intervention;
  if (!(Math.abs(x) <= MOVE_LIMIT && Math.abs(y) <= MOVE_LIMIT)) {
    return `${capitalise(name)} cannot start at (${fmt(x)}, ${fmt(y)}): a moved ball starts within ±${MOVE_LIMIT} (the official shift room). Drag it back inside the box.`;
  }
  for (let j = 0; j < n; j++) {
    if (j === k) continue;
    const dx = a.positions[2 * j] - x;
    const dy = a.positions[2 * j + 1] - y;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d < MIN_START_DISTANCE) {
      const other = colors ? ballName(j, colors) : `ball ${j + 1}`;
      return `${capitalise(name)} would start ${fmt(d)} from ${other}; balls start at least ${MIN_START_DISTANCE} apart (the official generator's rule). Drag it further away.`;
    }
  }
  return null;
}

/** C for an intervention on A (the dataset's own C for 'dataset'); throws the problem's sentence when there is one. */
export function counterfactualStart(intervention: Intervention, a: Scene, datasetC: CounterfactualStart, colors?: readonly number[]): CounterfactualStart {
  const problem = interventionProblem(intervention, a, colors);
  if (problem) throw new RangeError(problem);
  if (intervention.kind === 'dataset') return datasetC;
  if (intervention.kind === 'remove') {
    const c = applyDoOperation(a, { kind: 'remove', ball: intervention.ball });
    if (!c) throw new RangeError('could not remove the ball');
    return c;
  }
  const positions = Float64Array.from(a.positions);
  positions[2 * intervention.ball] = intervention.x;
  positions[2 * intervention.ball + 1] = intervention.y;
  return { scene: { n: a.n, positions, velocities: Float64Array.from(a.velocities) }, objects: Array.from({ length: a.n }, (_, k) => k) };
}

/** How far the intervention moves a ball's start (0 for a removal or the dataset's removal). */
export function moveDistance(intervention: Intervention, a: Pick<Scene, 'positions'>, datasetOp: DoOperation): number {
  if (intervention.kind === 'move') {
    const dx = intervention.x - a.positions[2 * intervention.ball];
    const dy = intervention.y - a.positions[2 * intervention.ball + 1];
    return Math.sqrt(dx * dx + dy * dy);
  }
  if (intervention.kind === 'dataset' && datasetOp.kind === 'shift') return Math.abs(datasetOp.amplitude);
  return 0;
}

/** "Moving the red ball 1.20 units", "Removing the blue ball", "The dataset's C (the green ball shifted −1.10 along x)". */
export function describeIntervention(intervention: Intervention, a: Pick<Scene, 'positions'>, datasetOp: DoOperation, colors: readonly number[]): string {
  if (intervention.kind === 'remove') return `Removing ${ballName(intervention.ball, colors)}`;
  if (intervention.kind === 'move') return `Moving ${ballName(intervention.ball, colors)} ${fmt(moveDistance(intervention, a, datasetOp))} units`;
  const op = datasetOp;
  if (op.kind === 'remove') return `The dataset's C (${ballName(op.ball, colors)} removed)`;
  return `The dataset's C (${ballName(op.ball, colors)} shifted ${op.amplitude >= 0 ? '+' : '−'}${fmt(Math.abs(op.amplitude))} along ${op.axis})`;
}

/** The do-operation the dataset's C amounts to, as link values (so the editor can start from it). */
export function datasetAsValues(op: DoOperation, a: Pick<Scene, 'positions'>): Pick<InterventionValues, 'edit' | 'ball' | 'x' | 'y'> {
  if (op.kind === 'remove') return { edit: 'remove', ball: op.ball + 1, x: 0, y: 0 };
  const x = a.positions[2 * op.ball] + (op.axis === 'x' ? op.amplitude : 0);
  const y = a.positions[2 * op.ball + 1] + (op.axis === 'y' ? op.amplitude : 0);
  return { edit: 'move', ball: op.ball + 1, x: roundCoordinate(x), y: roundCoordinate(y) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Where each ball of A starts in C ([x, y]), or null for a removed ball: what the C editor draws before the worker answers. */
export function startPositions(intervention: Intervention, a: Pick<Scene, 'n' | 'positions'>, datasetOp: DoOperation): ([number, number] | null)[] {
  const out: ([number, number] | null)[] = Array.from({ length: a.n }, (_, k) => [a.positions[2 * k], a.positions[2 * k + 1]]);
  const op: DoOperation | Intervention = intervention.kind === 'dataset' ? datasetOp : intervention;
  if (op.kind === 'remove') out[op.ball] = null;
  else if (op.kind === 'move') out[op.ball] = [op.x, op.y];
  else if (op.kind === 'shift') {
    const p = out[op.ball]!;
    out[op.ball] = op.axis === 'x' ? [p[0] + op.amplitude, p[1]] : [p[0], p[1] + op.amplitude];
  }
  return out;
}
