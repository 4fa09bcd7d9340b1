import type { DemoId } from '../shared/papers';

/**
 * Small drawings for the landing cards: plain SVG in theme colours, no images to download.
 * Each hints at what the demo shows, not at a result.
 */
export function Thumbnail({ id }: { id: DemoId }) {
  return (
    <svg className="thumb" viewBox="0 0 160 90" role="img" aria-hidden="true" focusable="false">
      {DRAWINGS[id]}
    </svg>
  );
}

const DRAWINGS: Record<DemoId, React.ReactNode> = {
  // An observed tower (solid) and its counterfactual with the top block removed (dashed).
  cophy: (
    <g>
      <line x1="8" y1="80" x2="152" y2="80" className="t-line" />
      <rect x="24" y="62" width="18" height="18" className="t-a" />
      <rect x="28" y="44" width="18" height="18" className="t-b" />
      <rect x="34" y="26" width="18" height="18" className="t-c" />
      <rect x="40" y="8" width="18" height="18" className="t-d" />
      <path d="M70 45 h22" className="t-arrow" markerEnd="url(#arrow-cophy)" />
      <defs>
        <marker id="arrow-cophy" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0 0 L10 5 L0 10 z" className="t-fill" />
        </marker>
      </defs>
      <rect x="108" y="62" width="18" height="18" className="t-a" />
      <rect x="112" y="44" width="18" height="18" className="t-b" />
      <rect x="122" y="62" width="18" height="18" className="t-c" transform="rotate(12 131 71)" />
      <rect x="118" y="8" width="18" height="18" className="t-ghost" />
    </g>
  ),
  // Two digit styles: one recognised, one refused.
  ntl: (
    <g>
      <text x="30" y="60" className="t-digit">7</text>
      <text x="102" y="60" className="t-digit t-digit-alt">7</text>
      <circle cx="46" cy="72" r="7" className="t-ok" />
      <path d="M42 72 l3 3 l6 -6" className="t-mark" />
      <circle cx="118" cy="72" r="7" className="t-bad" />
      <path d="M114 68 l8 8 M122 68 l-8 8" className="t-mark" />
    </g>
  ),
  // A ring molecule with a side chain, and a rule arrow.
  grammar: (
    <g>
      <polygon points="40,20 58,30 58,52 40,62 22,52 22,30" className="t-bond" />
      <line x1="58" y1="30" x2="76" y2="20" className="t-bond" />
      <line x1="76" y1="20" x2="94" y2="30" className="t-bond" />
      <polygon points="112,28 130,38 130,60 112,70 94,60 94,38" className="t-bond t-new" />
      {[
        [40, 20],
        [58, 30],
        [58, 52],
        [40, 62],
        [22, 52],
        [22, 30],
        [76, 20],
        [94, 30],
      ].map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r="3.5" className={i === 6 ? 't-atom t-atom-o' : 't-atom'} />
      ))}
    </g>
  ),
  // Noisy observations and the smooth latent path iLQR recovers, with input pulses below.
  ilqr: (
    <g>
      <path d="M8 50 C30 10, 50 10, 70 45 S110 80, 152 30" className="t-curve" />
      {[14, 26, 38, 50, 62, 74, 86, 98, 110, 122, 134, 146].map((x, i) => (
        <circle key={x} cx={x} cy={[44, 28, 22, 20, 32, 48, 60, 62, 56, 46, 36, 32][i]} r="2.2" className="t-dot" />
      ))}
      <path d="M8 84 h30 v-8 h4 v8 h46 v-12 h4 v12 h60" className="t-input" />
    </g>
  ),
  // A 2×2 grid of tiles rearranged into a row: 'b h w c -> h (b w) c'.
  einops: (
    <g>
      <rect x="10" y="14" width="22" height="22" className="t-a" />
      <rect x="34" y="14" width="22" height="22" className="t-b" />
      <rect x="10" y="38" width="22" height="22" className="t-c" />
      <rect x="34" y="38" width="22" height="22" className="t-d" />
      <path d="M62 37 h16" className="t-arrow" markerEnd="url(#arrow-einops)" />
      <defs>
        <marker id="arrow-einops" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0 0 L10 5 L0 10 z" className="t-fill" />
        </marker>
      </defs>
      <rect x="84" y="26" width="17" height="22" className="t-a" />
      <rect x="101" y="26" width="17" height="22" className="t-b" />
      <rect x="118" y="26" width="17" height="22" className="t-c" />
      <rect x="135" y="26" width="17" height="22" className="t-d" />
      <text x="80" y="76" className="t-code">b h w → h (b w)</text>
    </g>
  ),
  // The same latent walk through two aligned generators.
  stylealign: (
    <g>
      <circle cx="40" cy="42" r="24" className="t-face-a" />
      <circle cx="32" cy="36" r="3" className="t-fill" />
      <circle cx="48" cy="36" r="3" className="t-fill" />
      <path d="M30 50 q10 8 20 0" className="t-mark" />
      <circle cx="120" cy="42" r="24" className="t-face-b" />
      <path d="M100 26 l6 -12 l6 10 M128 24 l6 -10 l6 12" className="t-mark" />
      <circle cx="112" cy="36" r="3" className="t-fill" />
      <circle cx="128" cy="36" r="3" className="t-fill" />
      <path d="M110 50 q10 8 20 0" className="t-mark" />
      <path d="M66 80 h28" className="t-arrow" strokeDasharray="3 3" />
      <text x="62" y="74" className="t-code">same w</text>
    </g>
  ),
};
