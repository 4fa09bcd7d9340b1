import { beforeAll, describe, expect, it } from 'vitest';
import { initPhysics } from '../core3d/physics';
import { renderExampleFrame3d } from '../core3d/raycast';
import { md5Hex } from '../core3d/md5';
import { intervention3dOf, intervention3dProblem, sameIntervention3d } from './intervention3d';
import { Cophy3dSession, filterStats3d } from './session3d';

function rgbOf(rgba: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array((rgba.length / 4) * 3);
  for (let p = 0; p < rgba.length / 4; p++) {
    out[3 * p] = rgba[4 * p];
    out[3 * p + 1] = rgba[4 * p + 1];
    out[3 * p + 2] = rgba[4 * p + 2];
  }
  return out;
}

describe('the 3-D CoPhy worker session (CollisionCF)', () => {
  let session: Cophy3dSession;
  beforeAll(async () => {
    await initPhysics();
    session = Cophy3dSession.create('collision', 1, 0);
  }, 60_000);

  it('keeps the dataset’s own C with the generator’s counterfactual objects, and its frames are raycast.ts’s bytes', () => {
    const e = session.example;
    const ev = session.evaluate({ kind: 'dataset' });
    expect(ev.problem).toBeNull();
    expect(ev.verdict?.kept).toBe(true);
    expect(ev.verdict?.counterfactual).toEqual([...e.counterfactualObjects]);
    expect(ev.c?.kinds).toEqual(['cylinder', 'ball']);
    expect(md5Hex(rgbOf(ev.cFrame))).toBe(md5Hex(renderExampleFrame3d(e, 'cd', 0)));
    const info = session.info(0);
    expect(md5Hex(rgbOf(info.firstFrame))).toBe(md5Hex(renderExampleFrame3d(e, 'ab', 0)));
    expect(info.frames).toBe(75);
  });

  it('judges the dataset’s do-operation written as an editor intervention the same way', () => {
    const info = session.info(0);
    const again = session.evaluate(info.datasetIntervention);
    expect(again.problem).toBeNull();
    expect(again.verdict?.reason).toBe('kept');
  });

  it('shifts the mover, flips the cylinder when the ball moves, and names impossible C’s with the fix', () => {
    const arena = session.setup.arena!;
    const mover = arena.moving === 'cylinder' ? 0 : 1;
    const p = mover === 0 ? arena.cylinderPosition : arena.ballPosition;
    const x = p[0] > 0 ? Math.min(3.5, p[0] + 0.5) : Math.max(-3.5, p[0] - 0.5);
    const move = session.evaluate({ kind: 'move', object: mover, x, y: p[1], z: p[2] });
    expect(move.problem).toBeNull();
    expect(move.c!.positions[3 * mover]).toBe(x);
    expect(['kept', 'not-counterfactual', 'not-identifiable']).toContain(move.verdict!.reason);
    expect(move.verdict!.flipChange.every((v) => v !== null && v >= 0)).toBe(true);
    const flip = session.evaluate({ kind: 'flip' });
    if (arena.moving === 'ball') expect(flip.problem).toBeNull();
    else expect(flip.problem).toMatch(/only when the ball moves/);
    expect(session.evaluate({ kind: 'move', object: 1 - mover, x: 2, y: 2, z: 2 }).problem).toMatch(/^Only the moving object/);
    expect(session.evaluate({ kind: 'move', object: mover, x: 0.5, y: 2, z: 2 }).problem).toMatch(/within 1 of the resting object/);
    expect(session.evaluate({ kind: 'remove' }).problem).toMatch(/no removal/);
    // the CD video of the latest C is the one evaluated for it
    const { cd } = session.counterfactual({ kind: 'move', object: mover, x, y: p[1], z: p[2] });
    expect(cd.frames).toBe(75);
  });

  it('reads link values as interventions', () => {
    expect(intervention3dOf({ edit: 'flip', ball: 1, x: 0, y: 0, z: 0 })).toEqual({ kind: 'flip' });
    expect(sameIntervention3d(intervention3dOf({ edit: 'move', ball: 2, x: 1.5, y: -2, z: 1.2 }), { kind: 'move', object: 1, x: 1.5, y: -2, z: 1.2 })).toBe(true);
    expect(intervention3dProblem({ kind: 'flip' }, { scenario: 'blocktower', tower: { n: 4, positions: new Float64Array(12), angles: [0, 0, 0, 0] }, colors: [0, 1, 2, 3] })).toMatch(/no cylinder/);
  });

  it('computes the filter statistics on a small sample with progress', async () => {
    const seen: number[] = [];
    const stats = await filterStats3d({ scenario: 'collision', seed: 1, examples: 2, unfiltered: 3 }, { onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(stats.kept).toBe(2);
    expect(stats.sweep.length).toBeGreaterThan(5);
    expect(stats.sweep.every((r) => r.kept <= r.identifiable && r.kept <= r.counterfactual)).toBe(true);
  }, 60_000);
});

describe('the 3-D CoPhy worker session (BlocktowerCF)', () => {
  it('moves a cube on its level, removes the top cube, and reports C’s stability', async () => {
    await initPhysics();
    const session = Cophy3dSession.create('blocktower', 1, 0);
    const tower = session.setup.tower!;
    const top = session.evaluate({ kind: 'remove' });
    expect(top.problem).toBeNull();
    expect(top.objects).toEqual([0, 1, 2]);
    expect(top.verdict!.flipChange[3]).toBeNull();
    expect(typeof top.cStable).toBe('boolean');
    const moved = session.evaluate({ kind: 'move', object: 3, x: tower.positions[9] + 0.4, y: tower.positions[10], z: 0 });
    expect(moved.problem).toBeNull();
    expect(moved.c!.positions[11]).toBe(tower.positions[11]);
    expect(session.evaluate({ kind: 'move', object: 4, x: 0, y: 0, z: 0 }).problem).toMatch(/^Cube 5 does not exist/);
  }, 120_000);
});
