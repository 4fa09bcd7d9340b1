/**
 * The feature-space view: Φ's features of a few test images per set, projected together onto their
 * first two principal components (computed in the worker), one colour per set. Under NTL the source
 * cloud and the target cloud move apart; under SL they overlap.
 */
import { ScatterPlot } from '../../../shared/ui/plots/ScatterPlot';
import type { Projection } from '../worker/protocol';

export function FeatureScatter({ projection, title, testId }: { projection: Projection; title: string; testId: string }) {
  const [e1, e2] = projection.explained;
  return (
    <ScatterPlot
      points={projection.points}
      setIndex={projection.setIndex}
      names={projection.names}
      title={title}
      caption={`PC1 ${(e1 * 100).toFixed(0)}%, PC2 ${(e2 * 100).toFixed(0)}% of the variance`}
      testId={testId}
    />
  );
}
