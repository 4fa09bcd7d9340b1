import type { Scenario3d } from '../core3d/dataset3d';

/**
 * The page's sample for the statistics: BlocktowerCF's generation takes about 10 s an example on one
 * core (scripts/cophy3d-dataset.ts measured 9.4 s), so the page uses a small sample and says its size;
 * the dataset script runs the larger one (README, part 2).
 */
export const STATS3D_SAMPLE: Readonly<Record<Scenario3d, { examples: number; unfiltered: number }>> = {
  blocktower: { examples: 3, unfiltered: 12 },
  collision: { examples: 20, unfiltered: 60 },
};
