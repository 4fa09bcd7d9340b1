/**
 * CoDy behind the experiment's model seam (counterfactualModel.ts): the shipped cody.bin and its
 * manifest become a `CounterfactualDynamics`. The de-rendering encoder gives C + 3 numbers per keypoint
 * and frame; CoDy's state appends their finite-difference velocities (Keypoints_Loaders.py l. 24–29 in
 * filteredcophy/FilteredCoPhy @151a2fd), zero for a single frame such as C (its balls start at rest),
 * and the rollout's velocities are dropped again on the way out. Inference is cody.ts's plain
 * arithmetic (tfjs's per-op overhead would dominate its many small steps).
 */
import { confounder, rolloutPlain, unpackCodyWeights, type CodyConfig } from './cody';
import type { CounterfactualDynamics, KeypointStates } from './counterfactualModel';
import type { FlatParams } from './derendering';
import { withVelocities } from './keypointStates';
import { float32Of, type DynamicsLoader } from './shippedModel';

interface CodyManifest {
  config?: CodyConfig;
  keypoints?: { stride?: number };
}

/** The dynamics of a trained CoDy, for states of `keypoints` × `rawSize` (C + 3) numbers per frame. */
export class CodyDynamics implements CounterfactualDynamics {
  readonly name = 'CoDy';
  readonly confounderSize: number;

  constructor(
    readonly config: CodyConfig,
    private readonly params: FlatParams,
    readonly timeStride: number,
  ) {
    if (config.stateSize % 2 !== 0) throw new Error(`CoDy's state holds values and their velocities: an even size, not ${config.stateSize}`);
    this.confounderSize = config.confounderSize;
  }

  private get rawSize(): number {
    return this.config.stateSize / 2;
  }

  private check(states: KeypointStates, what: string): void {
    if (states.keypoints !== this.config.keypoints || states.stateSize !== this.rawSize) {
      throw new Error(`CoDy was trained on ${this.config.keypoints} keypoints × ${this.rawSize} numbers; ${what} has ${states.keypoints} × ${states.stateSize}`);
    }
  }

  confounder(ab: KeypointStates): Float32Array {
    this.check(ab, 'AB');
    return confounder(this.config, this.params, withVelocities(ab.values, ab.frames, ab.keypoints, this.rawSize), ab.frames);
  }

  rollout(c: KeypointStates, u: Float32Array, steps: number): KeypointStates {
    this.check(c, 'C');
    if (c.frames !== 1) throw new Error(`the rollout starts from one frame (C), not ${c.frames}`);
    const k = this.config.keypoints;
    const raw = this.rawSize;
    const full = rolloutPlain(this.config, this.params, { c: withVelocities(c.values, 1, k, raw), horizon: steps, u });
    const values = new Float32Array((steps + 1) * k * raw);
    for (let i = 0; i < (steps + 1) * k; i++) values.set(full.subarray(i * 2 * raw, i * 2 * raw + raw), i * raw);
    return { frames: steps + 1, keypoints: k, stateSize: raw, values };
  }

  dispose(): void {
    // plain arrays only
  }
}

/** The experiment's loader for cody.bin: its manifest's config and keypoint stride, checked against the renderer. */
export const loadCodyDynamics: DynamicsLoader = ({ manifest, weights }, renderer) => {
  const m = manifest as CodyManifest;
  if (!m.config) throw new Error('cody.manifest.json has no "config": retrain with the command in the README (scripts/train/cophy.ts --stage cody)');
  const stride = m.keypoints?.stride ?? 1;
  const dynamics = new CodyDynamics(m.config, unpackCodyWeights(m.config, float32Of(weights)), stride);
  if (m.config.keypoints !== renderer.keypoints || m.config.stateSize !== 2 * renderer.stateSize) {
    throw new Error(
      `cody.bin was trained on ${m.config.keypoints} keypoints × ${m.config.stateSize / 2} numbers, but derender.bin gives ${renderer.keypoints} × ${renderer.stateSize}: retrain CoDy on this de-rendering model`,
    );
  }
  return dynamics;
};
