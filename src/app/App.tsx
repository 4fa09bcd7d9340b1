import { memo, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { PAPERS, type DemoId } from '../shared/papers';
import { Landing } from './Landing';
import { NotFound } from './NotFound';
import { DEMO_SPLIT, demoLoader, lazyPage, loadSystemPage } from './registry';
import { RouteBoundary } from './RouteBoundary';
import { setPresentMode, usePresentMode } from './presentMode';
import { openPresenterWindow } from './presenterMode';
import { PresenterConsole } from './PresenterConsole';
import { KioskCaption } from './KioskCaption';
import { useUpdateNotice } from '../shared/offline';
import { usePresenterRole } from '../shared/presenter';
import { hrefFor, parseHash, routeKey, titleFor, type Route } from './routes';
import { useHash } from './useHash';
import { useTheme } from './useTheme';
import { stampText } from '../shared/provenance';
import { useBackendStamp } from '../shared/ui/stamp';

export function App() {
  const hash = useHash();
  const { route } = parseHash(hash);
  const key = routeKey(route);

  // Projector mode: taken from `?present=1` links by presentMode.ts, kept for the tab.
  const present = usePresentMode();
  const presenter = usePresenterRole();
  const update = useUpdateNotice();

  const { theme, toggle: toggleTheme } = useTheme();
  const [attempts, setAttempts] = useState<Record<string, number>>({});
  const attempt = attempts[key] ?? 0;
  const retry = () => setAttempts((a) => ({ ...a, [key]: (a[key] ?? 0) + 1 }));

  useEffect(() => {
    document.title = titleFor(route);
    // route is derived from key; the title only changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // After navigating, move focus to the page so keyboard and screen-reader users start at its top.
  const mainRef = useRef<HTMLElement>(null);
  const firstKey = useRef(key);
  useEffect(() => {
    if (key === firstKey.current) return;
    firstKey.current = '';
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [key]);

  // On a phone the demo links are one row that scrolls sideways: bring the current one into it.
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const nav = navRef.current;
    const current = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (!nav || !current || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = Math.max(0, current.offsetLeft - nav.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2);
  }, [key]);

  const togglePresent = () => setPresentMode(!present);

  const skipToMain = (e: React.MouseEvent) => {
    // A plain `href="#main"` would be taken as a route by the hash router.
    e.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <div className="app">
      <a className="skip-link" href="#/" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href={hrefFor({ kind: 'home' }, { present })} aria-current={route.kind === 'home' ? 'page' : undefined}>
          <span className="brand-mark" aria-hidden="true">◆</span> Oral Demos <span className="brand-sub">ICLR 2022 · AI applications</span>
        </a>
        <nav aria-label="Demos" className="topnav" ref={navRef}>
          {/* Live demos first; papers whose demo is in preparation after them, muted (as on the landing page). */}
          <ul className="topnav-live">
            {DEMO_SPLIT.live.map((id) => (
              <li key={id}>
                <a
                  href={hrefFor({ kind: 'demo', id }, { present })}
                  title={PAPERS[id].title}
                  aria-current={route.kind === 'demo' && route.id === id ? 'page' : undefined}
                >
                  {NAV_LABELS[id]}
                </a>
              </li>
            ))}
          </ul>
          {DEMO_SPLIT.onTheWay.length > 0 && (
            <ul className="topnav-soon" aria-label="In preparation">
              <li className="topnav-soon-label" aria-hidden="true">
                soon:
              </li>
              {DEMO_SPLIT.onTheWay.map((id) => (
                <li key={id}>
                  <a
                    href={hrefFor({ kind: 'demo', id }, { present })}
                    title={`${PAPERS[id].title} (demo in preparation)`}
                    aria-current={route.kind === 'demo' && route.id === id ? 'page' : undefined}
                  >
                    {NAV_LABELS[id]}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <ul className="topnav-misc">
            <li>
              <a href={hrefFor({ kind: 'system' }, { present })} aria-current={route.kind === 'system' ? 'page' : undefined}>
                System
              </a>
            </li>
          </ul>
        </nav>
        <div className="topbar-tools">
          <button
            type="button"
            className="btn small"
            onClick={toggleTheme}
            title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} colours (remembered on this device)`}
          >
            {theme === 'dark' ? '☀ Light theme' : '☾ Dark theme'}
          </button>
          <button
            type="button"
            className="btn small"
            aria-pressed={present}
            onClick={togglePresent}
            title="Large type for projectors (links with ?present=1 turn it on)"
          >
            Projector
          </button>
          {presenter !== 'console' && (
            <button
              type="button"
              className="btn small"
              data-testid="open-presenter"
              aria-pressed={presenter === 'stage'}
              onClick={() => openPresenterWindow()}
              title="Opens a second window with the controls, the paper's numbers and speaker notes; this window keeps the live view (for a projector)"
            >
              {presenter === 'stage' ? 'Presenter view ✓' : 'Presenter view'}
            </button>
          )}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {presenter === 'console' && <PresenterConsole route={route} />}
        {update !== 'none' && (
          <p className="notice" role="status" data-testid="update-notice">
            {update === 'updated'
              ? 'The app was updated since your last visit. Pages you had saved for offline use need saving again.'
              : 'A new version of the app is ready. It loads the next time you open the app, after every tab of it has closed; nothing changes under a running demo.'}
          </p>
        )}
        <RouteBoundary label={labelFor(route)} resetKey={`${key}:${attempt}`} onRetry={retry}>
          <Page route={route} attempt={attempt} present={present} />
        </RouteBoundary>
      </main>
      <KioskCaption />
      <footer className="footer">
        <p>
          Everything runs in your browser; nothing is sent anywhere. Numbers labelled &ldquo;paper&rdquo; are the
          authors&apos;; every other number is computed here, on your device.
        </p>
        <BuildStamp />
      </footer>
    </div>
  );
}

/** Short names for the top bar, so that it fits one line on a laptop. */
const NAV_LABELS: Record<DemoId, string> = {
  cophy: 'CoPhy',
  ntl: 'NTL',
  grammar: 'Grammar',
  ilqr: 'iLQR-VAE',
  einops: 'Einops',
  stylealign: 'StyleAlign',
};

function labelFor(route: Route): string {
  switch (route.kind) {
    case 'demo':
      return `the ${PAPERS[route.id].shortTitle} demo`;
    case 'system':
      return 'the system check';
    case 'home':
      return 'the start page';
    case 'not-found':
      return 'this page';
  }
}

interface PageProps {
  route: Route;
  attempt: number;
  present: boolean;
}

// A change of the query alone (a demo's state) must not re-render the whole demo from the top.
const Page = memo(PageInner, (a, b) => routeKey(a.route) === routeKey(b.route) && a.attempt === b.attempt && a.present === b.present);

function PageInner({ route, attempt, present }: PageProps): ReactNode {
  switch (route.kind) {
    case 'home':
      return <Landing present={present} />;
    case 'not-found':
      return <NotFound path={route.path} present={present} />;
    case 'system': {
      const SystemPage = lazyPage('system', loadSystemPage, attempt);
      return (
        <Suspense fallback={<PageLoading what="the system check" />}>
          <SystemPage />
        </Suspense>
      );
    }
    case 'demo': {
      const load = demoLoader(route.id);
      if (!load) return <NotFound path={'/' + route.id} present={present} notBuilt={route.id} />;
      const Demo = lazyPage('demo:' + route.id, load, attempt);
      return (
        <Suspense fallback={<PageLoading what={`the ${PAPERS[route.id].shortTitle} demo`} />}>
          <Demo />
        </Suspense>
      );
    }
  }
}

function PageLoading({ what }: { what: string }) {
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

/** The reproducibility stamp: the app's version and commit, and once a demo has started tfjs its version, backend and precision. */
function BuildStamp() {
  const backend = useBackendStamp();
  return (
    <p className="small muted build-stamp" data-testid="build-stamp">
      {stampText(backend)}
    </p>
  );
}
