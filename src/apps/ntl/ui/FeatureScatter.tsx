/**
 * The feature-space view: Φ's features of a few test images per set, projected together onto their
 * first two principal components (computed in the worker), one colour per set. Under NTL the source
 * cloud and the target cloud move apart; under SL they overlap.
 */
import { useEffect, useRef } from 'react';
import { usePlotTheme } from '../../../shared/ui/plots/theme';
import type { Projection } from '../worker/session';

export function FeatureScatter({ projection, title, testId }: { projection: Projection; title: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = usePlotTheme();
  const size = 260;
  useEffect(() => {
    const cv = ref.current;
    if (!cv) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    cv.width = size * dpr;
    cv.height = size * dpr;
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const { points, setIndex } = projection;
    const n = setIndex.length;
    let lo = [Infinity, Infinity];
    let hi = [-Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < 2; a++) {
        lo[a] = Math.min(lo[a], points[i * 2 + a]);
        hi[a] = Math.max(hi[a], points[i * 2 + a]);
      }
    }
    if (!Number.isFinite(lo[0])) {
      lo = [-1, -1];
      hi = [1, 1];
    }
    // One scale for both axes, so distances read the same horizontally and vertically.
    const span = Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-9);
    const pad = 12;
    const k = (size - 2 * pad) / span;
    const ox = pad + (size - 2 * pad - (hi[0] - lo[0]) * k) / 2;
    const oy = pad + (size - 2 * pad - (hi[1] - lo[1]) * k) / 2;
    ctx.strokeStyle = theme.grid;
    ctx.strokeRect(0.5, 0.5, size - 1, size - 1);
    ctx.globalAlpha = 0.75;
    for (let i = 0; i < n; i++) {
      const x = ox + (points[i * 2] - lo[0]) * k;
      const y = size - (oy + (points[i * 2 + 1] - lo[1]) * k);
      ctx.fillStyle = theme.series[setIndex[i] % theme.series.length];
      ctx.beginPath();
      ctx.arc(x, y, 2.6, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }, [projection, theme]);
  const [e1, e2] = projection.explained;
  return (
    <figure className="ntl-scatter" data-testid={testId}>
      <figcaption>
        <strong>{title}</strong>
        <span className="muted small">
          {' '}
          PC1 {(e1 * 100).toFixed(0)}%, PC2 {(e2 * 100).toFixed(0)}% of the variance
        </span>
      </figcaption>
      <canvas
        ref={ref}
        style={{ width: size, height: size }}
        role="img"
        aria-label={`${title}: PCA of the features of ${projection.names.join(', ')}`}
      />
      <ul className="ntl-legend">
        {projection.names.map((name, i) => (
          <li key={name}>
            <span className="ntl-swatch" style={{ background: theme.series[i % theme.series.length] }} />
            {name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
