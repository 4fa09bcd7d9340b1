/**
 * The fingerprints that must be equal in Node (crossCheck.test.ts, pinned) and in Chromium
 * (scripts/cophy3d-chromium.ts): the MD5 of Rapier's world.takeSnapshot() after one BlocktowerCF and one
 * CollisionCF rollout, and FNV-1a hashes of ray-cast frames of them. Issue #14's determinism proof.
 */
import { createRng } from '../../../shared/random';
import { hashBytes, massesOfCombination, toHex32 } from '../core/simulator';
import { BLOCKTOWER_PHYSICS, randomUnstableTower, towerScene } from './blocktower';
import { arenaScene, COLLISION_PHYSICS, randomArena } from './collision';
import { md5Hex } from './md5';
import { initPhysics, physicsVersion, simulate3d } from './physics';
import { renderFrame3d } from './raycast';

export interface CrossCheck3d {
  readonly rapier: string;
  /** MD5 of the snapshot after the 150-frame tower rollout. */
  readonly blocktowerSnapshot: string;
  /** MD5 of the snapshot after the 75-frame collision rollout. */
  readonly collisionSnapshot: string;
  /** FNV-1a of frames: tower at t = 0 and 60 (shadows, floors 0 and 1), collision at t = 10 (floor 2). */
  readonly frames: readonly string[];
}

export async function crossCheck3d(seed = 1): Promise<CrossCheck3d> {
  await initPhysics();
  const rng = createRng(seed).fork('cophy3d/cross-check');
  const towerMasses = massesOfCombination(rng.int(16), 4);
  const tower = towerScene(randomUnstableTower(rng, towerMasses));
  const towerRun = simulate3d(tower, towerMasses, BLOCKTOWER_PHYSICS, { snapshot: true });
  const arena = arenaScene(randomArena(rng, 'ball', 'up'));
  const arenaMasses = massesOfCombination(rng.int(4), 2);
  const arenaRun = simulate3d(arena, arenaMasses, COLLISION_PHYSICS, { snapshot: true });
  const frame = (bytes: Uint8Array) => toHex32(hashBytes(bytes));
  return {
    rapier: physicsVersion(),
    blocktowerSnapshot: md5Hex(towerRun.snapshot!),
    collisionSnapshot: md5Hex(arenaRun.snapshot!),
    frames: [
      frame(renderFrame3d(towerRun, 0, tower.kinds, [0, 1, 2, 3], 0, { shadows: true })),
      frame(renderFrame3d(towerRun, 60, tower.kinds, [3, 2, 1, 0], 1, { shadows: true })),
      frame(renderFrame3d(arenaRun, 10, arena.kinds, [2, 0], 2)),
    ],
  };
}

/**
 * The values Node gives (crossCheck.test.ts) and Chromium must give (scripts/cophy3d-chromium.ts). A
 * change means the physics, the random draws or the renderer changed, and links to examples break.
 */
export const PINNED_CROSS_CHECK: CrossCheck3d = {
  rapier: '0.21.0',
  blocktowerSnapshot: '54380172b37c320294467e655fe08bd9',
  collisionSnapshot: 'aa1b29937cb0e73cd2bdc09668e117d4',
  frames: ['ff99bedd', '86781151', '9d1f8c4e'],
};
