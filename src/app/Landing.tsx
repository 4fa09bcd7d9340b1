import { PAPERS, type DemoId } from '../shared/papers';
import { countsLine, DEMO_SPLIT } from './registry';
import { hrefFor } from './routes';
import { Thumbnail } from './Thumbnails';
import { OfflineButton } from '../shared/ui/OfflineButton';

/**
 * The start page: the live demos first, each marked "Try it live", then the papers whose demos are
 * still in preparation, smaller and muted, so that nobody mistakes a plan for a demo. The count
 * line comes from the demo registry (a folder with `placeholder.ts` is "on the way").
 */
export function Landing({ present }: { present: boolean }) {
  const { live, onTheWay } = DEMO_SPLIT;
  return (
    <div className="landing">
      <section className="intro">
        <h1>ICLR 2022 orals you can run in your browser</h1>
        <p className="landing-counts" data-testid="demo-counts" data-live={live.length} data-on-the-way={onTheWay.length}>
          {countsLine(live.length, onTheWay.length)}
        </p>
        <p className="landing-offline">
          <OfflineButton route="all" label="Make every demo available offline" />
        </p>
        <p>
          Live, interactive demos of the orals of ICLR 2022&apos;s &ldquo;AI applications&rdquo; session. Models train and
          run on your device with TensorFlow.js; links reproduce exactly what you saw, seed included.
        </p>
      </section>
      {live.length > 0 && (
        <section aria-labelledby="landing-live">
          <h2 id="landing-live" className="landing-group">
            Live now
          </h2>
          <ul className="card-grid" aria-labelledby="landing-live">
            {live.map((id) => (
              <Card key={id} id={id} live present={present} />
            ))}
          </ul>
        </section>
      )}
      {onTheWay.length > 0 && (
        <section aria-labelledby="landing-soon">
          <h2 id="landing-soon" className="landing-group soon">
            On the way <span className="muted">(in preparation: what each demo will let you do)</span>
          </h2>
          <ul className="card-grid soon" aria-labelledby="landing-soon">
            {onTheWay.map((id) => (
              <Card key={id} id={id} live={false} present={present} />
            ))}
          </ul>
        </section>
      )}
      <p className="landing-foot">
        Slow or odd? The <a href={hrefFor({ kind: 'system' }, { present })}>system check</a> shows which compute backend
        your browser gives these demos and how fast it is.
      </p>
    </div>
  );
}

function Card({ id, live, present }: { id: DemoId; live: boolean; present: boolean }) {
  const p = PAPERS[id];
  return (
    <li className={'card' + (live ? ' live' : ' soon')} data-testid="demo-card" data-status={live ? 'live' : 'in-preparation'}>
      <a className="card-link" href={hrefFor({ kind: 'demo', id }, { present })} aria-describedby={`card-${id}-you-can`}>
        {live && <Thumbnail id={id} />}
        <h3 className="card-title">{p.shortTitle}</h3>
      </a>
      {live ? (
        <p className="card-live">
          <span aria-hidden="true">▶</span> Try it live
        </p>
      ) : (
        <p className="card-status">In preparation</p>
      )}
      <p className="card-paper" title={p.title}>
        {p.title}
      </p>
      {live && <p className="card-authors">{formatAuthors(p.authors)}</p>}
      <p className="card-youcan" id={`card-${id}-you-can`}>
        {live ? p.youCan : `Planned: ${lowerFirst(p.youCan)}`}
      </p>
    </li>
  );
}

function lowerFirst(s: string): string {
  return s ? s[0].toLowerCase() + s.slice(1) : s;
}

export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= 3) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} and ${authors.length - 3} more`;
}
