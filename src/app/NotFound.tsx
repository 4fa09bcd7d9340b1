import { DEMO_IDS, PAPERS, type DemoId } from '../shared/papers';
import { hrefFor, suggestRoutes } from './routes';

export function NotFound({ path, present, notBuilt }: { path: string; present: boolean; notBuilt?: DemoId }) {
  const suggestions = notBuilt ? [] : suggestRoutes(path);
  return (
    <section className="panel not-found" data-testid="not-found">
      {notBuilt ? (
        <>
          <h1>{PAPERS[notBuilt].shortTitle}: not built yet</h1>
          <p>The demo for this paper is not part of this build yet. The other demos are below.</p>
        </>
      ) : (
        <>
          <h1>No page at &ldquo;{path}&rdquo;</h1>
          <p>
            The link may have a typo or come from an older version of this site. Pick a demo below, or go to the{' '}
            <a href={hrefFor({ kind: 'home' }, { present })}>start page</a>.
          </p>
          {suggestions.length > 0 && (
            <p>
              Did you mean{' '}
              {suggestions.map((id, i) => (
                <span key={id}>
                  {i > 0 && ' or '}
                  <a href={hrefFor({ kind: 'demo', id }, { present })}>#/{id}</a>
                </span>
              ))}
              ?
            </p>
          )}
        </>
      )}
      <ul className="link-list">
        {DEMO_IDS.filter((id) => id !== notBuilt).map((id) => (
          <li key={id}>
            <a href={hrefFor({ kind: 'demo', id }, { present })}>{PAPERS[id].shortTitle}</a>
            <span className="muted"> — {PAPERS[id].youCan}</span>
          </li>
        ))}
        <li>
          <a href={hrefFor({ kind: 'system' }, { present })}>System check</a>
          <span className="muted"> — which compute backend your browser offers, and how fast it is</span>
        </li>
      </ul>
    </section>
  );
}
