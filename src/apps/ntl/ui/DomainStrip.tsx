/**
 * Example images of every domain, drawn by the same generator and seed the run uses: shown in the
 * samples view before the first run, so a visitor sees S and T1–T3 before being asked to train.
 * The 16 images are drawn one per task (each a few ms; all at once was a 140 ms task on a 4×
 * throttled phone profile, right when the page became usable), and appear as they are drawn.
 */
import { memo, useEffect, useState } from 'react';
import { ImageGrid } from '../../../shared/ui/plots/ImageGrid';
import { generateDomainImage, IMAGE_SIZE } from '../core/domains';
import { DOMAINS, DOMAIN_LOOKS } from '../core/settings';

const EXAMPLES_PER_DOMAIN = 4;

type Drawn = Float32Array[][];

export const DomainStrip = memo(function DomainStrip({ seed }: { seed: number }) {
  const [drawn, setDrawn] = useState<{ seed: number; images: Drawn }>({ seed, images: DOMAINS.map(() => []) });
  useEffect(() => {
    let cancelled = false;
    let timer = 0;
    const images: Drawn = DOMAINS.map(() => []);
    let k = 0;
    const next = () => {
      if (cancelled) return;
      const d = Math.floor(k / EXAMPLES_PER_DOMAIN);
      const i = k % EXAMPLES_PER_DOMAIN;
      images[d] = [...images[d], generateDomainImage(DOMAINS[d], { n: EXAMPLES_PER_DOMAIN, seed, split: 'test' }, i).image];
      k++;
      // One state update per domain row: four images appear together.
      if (i === EXAMPLES_PER_DOMAIN - 1) setDrawn({ seed, images: images.map((row) => row) });
      if (k < DOMAINS.length * EXAMPLES_PER_DOMAIN) timer = window.setTimeout(next, 0);
    };
    timer = window.setTimeout(next, 0);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [seed]);
  const rows = drawn.seed === seed ? drawn.images : DOMAINS.map(() => []);
  return (
    <div className="ntl-domain-strip" data-testid="ntl-domain-strip" data-drawn={rows.every((r) => r.length === EXAMPLES_PER_DOMAIN)}>
      {DOMAINS.map((d, di) => (
        <figure key={d}>
          {rows[di].length === EXAMPLES_PER_DOMAIN ? (
            <ImageGrid images={rows[di].map((data) => ({ data, width: IMAGE_SIZE, height: IMAGE_SIZE, channels: 3 as const }))} cols={EXAMPLES_PER_DOMAIN} scale={2} label={`Examples of domain ${d}`} />
          ) : (
            <div className="ntl-domain-strip-pending" style={{ height: IMAGE_SIZE * 2, width: IMAGE_SIZE * 2 * EXAMPLES_PER_DOMAIN }} aria-hidden="true" />
          )}
          <figcaption className="small">
            <strong>{d}</strong> {DOMAIN_LOOKS[d].like}
          </figcaption>
        </figure>
      ))}
    </div>
  );
});
