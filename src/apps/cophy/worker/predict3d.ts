/**
 * The 3-D scenarios' videos for predictD (worker/predict.ts): AB and the user's CD drawn by the
 * ray-caster at the model's image size, as the training frames were (core3d/videoSource3d.ts: the
 * same renderFrame3d, shadows for the tower). Loaded with predict.ts, on the first prediction only.
 */
import { framesToFloat } from '../core/derendering';
import type { Example3d } from '../core3d/dataset3d';
import type { ObjectKind, Trajectory3d } from '../core3d/physics';
import { renderFrame3d } from '../core3d/raycast';
import { floorBackgrounds3d } from '../core3d/videoSource3d';
import type { PredictInput } from './predict';

export function videos3d(example: Example3d, cd: Trajectory3d, cdKinds: readonly ObjectKind[], cdColors: readonly number[]): Pick<PredictInput<unknown>, 'cdFrames' | 'render' | 'backgrounds'> {
  const shadows = example.scenario === 'blocktower';
  return {
    cdFrames: cd.frames,
    render: (part, times, size) =>
      framesToFloat(
        times.map((t) =>
          part === 'ab'
            ? renderFrame3d(example.ab, t, example.a.kinds, example.colors, example.floor, { size, shadows })
            : renderFrame3d(cd, t, cdKinds, cdColors, example.floor, { size, shadows }),
        ),
      ),
    // the 3-D floors, as the experiment's kit (core3d/evaluation3d.ts) gives remove_background
    backgrounds: floorBackgrounds3d,
  };
}
