/**
 * Example images of every domain, drawn by the same generator and seed the run uses: shown in the
 * samples view before the first run, so a visitor sees S and T1–T3 before being asked to train.
 */
import { memo, useMemo } from 'react';
import { ImageGrid } from '../../../shared/ui/plots/ImageGrid';
import { generateDomain, imageAt, IMAGE_SIZE } from '../core/domains';
import { DOMAINS, DOMAIN_LOOKS, type Domain } from '../core/settings';

const EXAMPLES_PER_DOMAIN = 4;

export const DomainStrip = memo(function DomainStrip({ seed }: { seed: number }) {
  const rows = useMemo(
    () =>
      DOMAINS.map((d: Domain) => {
        const set = generateDomain(d, { n: EXAMPLES_PER_DOMAIN, seed, split: 'test' });
        return {
          d,
          images: Array.from({ length: set.n }, (_, i) => ({ data: imageAt(set, i), width: IMAGE_SIZE, height: IMAGE_SIZE, channels: 3 as const })),
        };
      }),
    [seed],
  );
  return (
    <div className="ntl-domain-strip" data-testid="ntl-domain-strip">
      {rows.map((r) => (
        <figure key={r.d}>
          <ImageGrid images={r.images} cols={EXAMPLES_PER_DOMAIN} scale={2} label={`Examples of domain ${r.d}`} />
          <figcaption className="small">
            <strong>{r.d}</strong> {DOMAIN_LOOKS[r.d].like}
          </figcaption>
        </figure>
      ))}
    </div>
  );
});

