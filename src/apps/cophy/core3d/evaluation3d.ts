/**
 * The 3-D scenarios' evaluation kit (core/evaluate.ts EvaluationKit): BlocktowerCF and CollisionCF
 * examples are scored by the same code as BallsCF's (evaluate_pipeline.py, arXiv 2202.00368 §5), with
 * the ray-caster's frames, the ray-caster's empty floors for remove_background, and the mass swap run
 * through Rapier: u abducted from AB′, the run from the same A under the mass combination z′ ≠ z whose
 * CD is farthest from the true one (the filter's distance over the scenario's error dimensions).
 */
import { framesToFloat } from '../core/derendering';
import { farthestCombination, type EvaluationKit } from '../core/evaluate';
import { massesOfCombination } from '../core/simulator';
import { ERROR_DIMS, scenarioSimulator, type Example3d } from './dataset3d';
import { trajectoryDistance3d } from './filter3d';
import { renderFrame3d } from './raycast';
import { floorBackgrounds3d, VIDEO_SOURCE_3D } from './videoSource3d';

/** The evaluation kit for 3-D examples; `substeps` must be the ones the examples were generated with. */
export function evaluation3d(substeps?: number): EvaluationKit<Example3d> {
  return {
    source: VIDEO_SOURCE_3D,
    massSwap: (example, times, size) => {
      const simulate = scenarioSimulator(example.scenario, substeps);
      const dims = ERROR_DIMS[example.scenario];
      const swap = farthestCombination(example.n, example.combination, example.c.objects, (masses) => trajectoryDistance3d(simulate(example.c.scene, masses), example.cd, dims));
      const ab = simulate(example.a, massesOfCombination(swap.combination, example.n));
      const shadows = example.scenario === 'blocktower';
      const abFrames = framesToFloat(times.map((t) => renderFrame3d(ab, t, example.a.kinds, example.colors, example.floor, { size, shadows })));
      return { ...swap, abFrames };
    },
    backgrounds: floorBackgrounds3d,
    masses: (e) => e.masses,
    consequentialObjects: (e) => e.consequentialObjects,
    counterfactualObjects: (e) => e.counterfactualObjects,
    filterJudged: (e) => 1 + e.stats.notCounterfactual + e.stats.notIdentifiable,
  };
}
