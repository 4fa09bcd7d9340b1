import { DEMO_IDS, PAPERS } from '../shared/papers';
import { demoLoader, isPlaceholder } from './registry';
import { hrefFor } from './routes';
import { Thumbnail } from './Thumbnails';

export function Landing({ present }: { present: boolean }) {
  const builtCount = DEMO_IDS.filter((id) => demoLoader(id) !== null && !isPlaceholder(id)).length;
  return (
    <div className="landing">
      <section className="intro">
        <h1>Six ICLR 2022 orals you can run in your browser</h1>
        <p>
          One live, interactive demo per oral of ICLR 2022&apos;s &ldquo;AI applications&rdquo; session. Models train and
          run on your device with TensorFlow.js; links reproduce exactly what you saw, seed included.
        </p>
        {builtCount < DEMO_IDS.length && (
          <p>
            {builtCount} of {DEMO_IDS.length} demos are built so far; the others describe what they will let you do.
          </p>
        )}
      </section>
      <ul className="card-grid" aria-label="Demos">
        {DEMO_IDS.map((id) => {
          const p = PAPERS[id];
          const built = demoLoader(id) !== null && !isPlaceholder(id);
          return (
            <li key={id} className="card" data-testid="demo-card">
              <a className="card-link" href={hrefFor({ kind: 'demo', id }, { present })} aria-describedby={`card-${id}-you-can`}>
                <Thumbnail id={id} />
                <h2 className="card-title">{p.shortTitle}</h2>
              </a>
              <p className="card-paper" title={p.title}>
                {p.title}
              </p>
              <p className="card-authors">{formatAuthors(p.authors)}</p>
              <p className="card-youcan" id={`card-${id}-you-can`}>
                {p.youCan}
              </p>
              {!built && <p className="card-status">Not built yet</p>}
            </li>
          );
        })}
      </ul>
      <p className="landing-foot">
        Slow or odd? The <a href={hrefFor({ kind: 'system' }, { present })}>system check</a> shows which compute backend
        your browser gives these demos and how fast it is.
      </p>
    </div>
  );
}

export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= 3) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} and ${authors.length - 3} more`;
}
