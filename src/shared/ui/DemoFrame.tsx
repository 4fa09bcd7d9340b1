/**
 * The page skeleton every demo shares (docs/demo-pattern.md): header with the paper, live backend, seed and
 * copy-link; URL notices; controls and live view; then "paper vs. this run", "what the paper does"
 * and "how this differs from the paper". Starts tfjs (forced by `?backend=` unless 'auto') before
 * rendering the children. When the WebGL context is lost it restarts tfjs without WebGL, remounts
 * the demo on it (its settings live in the URL store) and says so.
 *
 * Loading (issue #8, fast on a phone): this file does not import tfjs. The frame (header, controls,
 * paper table, explainer, differences) paints with the page's own chunk; `src/shared/tf` (and with
 * it tfjs-core and the chosen backend) is imported dynamically after that, and the children render
 * once the backend is ready. Then, when the browser is idle, the demo's training worker
 * (`src/apps/<id>/worker/train.worker.ts`, if it has one) is prefetched into the HTTP cache, so that
 * the first Run does not wait for it; the worker itself still starts on that Run.
 */
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import type { DemoId } from '../papers';
import type { UrlStore } from '../state';
import type { BackendInfo } from '../tf';
import type { WorkerStatus } from '../run/training';
import { BackendInfoContext } from './backendContext';
import { publishBackendStamp } from './stamp';
import { CopyLinkButton } from './CopyLinkButton';
import { CiteButton } from './CiteButton';
import { ShareQrButton } from './ShareQrButton';
import { OfflineButton } from './OfflineButton';
import { PaperHeader } from './PaperHeader';
import { UrlNotices, type UrlNotice } from './UrlNotices';
import './ui.css';
import './results.css';

export { useBackendInfo } from './backendContext';

export type RequestedBackend = 'auto' | 'webgl' | 'wasm' | 'cpu';

/**
 * The DemoFrame props that every demo takes from its URL store (the schema's common `seed` and
 * `backend` fields, and the link notices), so a page writes `<DemoFrame {...useUrlFrameProps(store)}>`.
 */
export function useUrlFrameProps<V extends { seed: number; backend: RequestedBackend }>(store: UrlStore<V>) {
  const seed = store((s) => s.values.seed);
  const requestedBackend = store((s) => s.values.backend);
  const notices = store((s) => s.notices);
  const onDismissNotice = store((s) => s.dismissNotice);
  return { seed, requestedBackend, notices, onDismissNotice };
}

export interface DemoFrameProps {
  paperId: DemoId;
  seed: number;
  requestedBackend?: RequestedBackend;
  usesTf?: boolean;
  /**
   * For a page that loads no tfjs itself (`usesTf={false}`) while its Web Worker does (the DEG demo's
   * F_θ update): that worker's status, so the header's badge shows the worker's backend (or that the
   * worker has not started yet) instead of saying the demo does not use tfjs.
   */
  tfInWorker?: WorkerStatus;
  notices?: readonly UrlNotice[];
  onDismissNotice?: (index: number) => void;
  /** Above the controls, rendered at once: what the demo does in two sentences, examples, a shared-link banner. */
  intro?: ReactNode;
  /** The control panel. Its form controls are disabled until tfjs is ready. */
  controls?: ReactNode;
  /** The live view, rendered once tfjs is ready. */
  children: ReactNode;
  paperTable?: ReactNode;
  differences?: ReactNode;
  explainer?: ReactNode;
  className?: string;
}

export type Startup = { phase: 'starting' } | { phase: 'ready'; info: BackendInfo | null } | { phase: 'failed'; message: string };

/** tfjs start-up, in a chunk of its own (with tfjs-core): loaded after the frame has painted. */
const loadTf = () => import('../tf');

/**
 * The built URL of each demo's training worker (Vite's `?worker&url`: the same file that
 * `new Worker(new URL('../worker/train.worker.ts', import.meta.url))` starts), by demo id. Only the
 * URL strings are in this chunk; nothing of a worker is loaded until `prefetchWorker`.
 */
const WORKER_URLS: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>('../../apps/*/worker/train.worker.ts', { query: '?worker&url', import: 'default', eager: true })).map(
    ([path, url]) => [path.split('/')[3], url],
  ),
);

/**
 * The chunks each worker entry imports, and those each tfjs backend adds, by the entry's file name:
 * vite.config.ts (recordWorkerChunks) writes them over this placeholder at build time. Unbuilt (the
 * dev server), only the worker's own file is prefetched.
 */
const WORKER_CHUNKS_JSON: string = '__ORAL_DEMOS_WORKER_CHUNKS__';

type WorkerChunks = Record<string, { static?: string[]; backends?: Partial<Record<string, string[]>> }>;

/** The files the demo's worker will load on a page whose tfjs runs on `backend`, as absolute URLs. */
function workerFiles(workerUrl: string, backend: string, chunksJson: string = WORKER_CHUNKS_JSON): string[] {
  const entry = new URL(workerUrl, typeof location === 'undefined' ? 'http://localhost/' : location.href);
  let chunks: WorkerChunks = {};
  try {
    chunks = JSON.parse(chunksJson) as WorkerChunks;
  } catch {
    // the placeholder itself (dev server): the entry alone
  }
  const name = entry.pathname.slice(entry.pathname.lastIndexOf('/') + 1);
  const own = chunks[name];
  const names = own ? [...(own.static ?? [name]), ...(own.backends?.[backend] ?? [])] : [name];
  return [...new Set([name, ...names])].map((n) => new URL(n, entry).href);
}

const prefetched = new Set<string>();

/** How long after the live part is ready the prefetch may start (then it waits for an idle moment). */
const PREFETCH_DELAY_MS = 3000;

/**
 * Puts the demo's worker (its script, the chunks it imports, and the chunks of the page's tfjs
 * backend) into the HTTP cache while the visitor reads, without starting it: one
 * `<link rel="prefetch">` per file, a few seconds after the live part is ready and at an idle
 * moment, so it never competes with what the page needs (a prefetch is also the browser's lowest
 * priority). Leaving the page cancels the wait; a prefetch still downloading when the visitor
 * leaves is aborted like any request, so the delay also keeps quick visits from starting one.
 * Returns a cancel function.
 */
function prefetchWorker(paperId: DemoId, backend: string): () => void {
  const workerUrl = WORKER_URLS[paperId];
  if (!workerUrl || typeof document === 'undefined') return () => {};
  let idle: number | undefined;
  const add = () => {
    for (const href of workerFiles(workerUrl, backend)) {
      if (prefetched.has(href)) continue;
      prefetched.add(href);
      const link = document.createElement('link');
      link.rel = 'prefetch';
      link.href = href;
      link.dataset.prefetch = `${paperId}-worker`;
      document.head.appendChild(link);
    }
  };
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(add, { timeout: 5000 });
    else add();
  }, PREFETCH_DELAY_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}

export function DemoFrame({
  paperId,
  seed,
  requestedBackend = 'auto',
  usesTf = true,
  tfInWorker,
  notices = [],
  onDismissNotice,
  intro,
  controls,
  children,
  paperTable,
  differences,
  explainer,
  className,
}: DemoFrameProps) {
  const [startup, setStartup] = useState<Startup>(usesTf ? { phase: 'starting' } : { phase: 'ready', info: null });
  /** Set when the WebGL context was lost: the frame restarted tfjs (off WebGL) and the demo, and says so. */
  const [contextLost, setContextLost] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!usesTf) {
      setStartup({ phase: 'ready', info: null });
      return;
    }
    let alive = true;
    let off = () => {};
    setStartup({ phase: 'starting' });
    const onChange = (info: BackendInfo) => {
      if (!alive) return;
      if (info.contextLost) {
        // The demo's tensors lived on the lost context and nothing read from it can be trusted: start
        // tfjs again (initBackend now leaves WebGL out) and remount the demo on it. Its settings are
        // in the URL store, so it comes back as it was, minus what it had computed.
        // Unmount the demo in the same render that restarts tfjs: React runs the demo's cleanups
        // (which stop its loops) before this effect starts the new backend, and tf ops during a
        // backend switch throw.
        setStartup({ phase: 'starting' });
        setContextLost(true);
        setAttempt((a) => a + 1);
        return;
      }
      setStartup((s) => (s.phase === 'ready' ? { phase: 'ready', info } : s));
    };
    // The WebGL check, and on a WASM plan the .wasm download, start before tfjs-core has arrived.
    import('../tf/early').then(
      (early) => early.startBackendEarly(requestedBackend === 'auto' ? undefined : requestedBackend),
      () => undefined, // loadTf below meets the same network and says so
    );
    loadTf()
      .then((tf) => {
        if (!alive) return null;
        off = tf.onBackendChange(onChange);
        return tf.initBackend(requestedBackend === 'auto' ? {} : { force: requestedBackend });
      })
      .then(
        (info) => {
          if (!alive || info === null) return;
          setStartup({ phase: 'ready', info });
        },
        (e: unknown) => alive && setStartup({ phase: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      alive = false;
      off();
    };
  }, [usesTf, requestedBackend, attempt]);

  // Once the live part can run, fetch the demo's worker while the visitor reads (see prefetchWorker).
  const readyOn = startup.phase === 'ready' ? (startup.info?.name ?? null) : null;
  useEffect(() => (usesTf && readyOn ? prefetchWorker(paperId, readyOn) : undefined), [usesTf, readyOn, paperId]);

  const info = startup.phase === 'ready' ? startup.info : null;
  // the footer's and the exports' reproducibility stamp
  useEffect(() => {
    if (info) publishBackendStamp({ name: info.name, tfjsVersion: info.tfjsVersion, precision: info.precision });
  }, [info]);

  return (
    <BackendInfoContext.Provider value={info}>
      <article className={'demo-frame' + (className ? ' ' + className : '')}>
        <PaperHeader paperId={paperId}>
          <div className="run-meta">
            <BackendBadge usesTf={usesTf} startup={startup} tfInWorker={tfInWorker} />
            <span className="meta-item">
              seed <strong data-testid="seed">{seed}</strong>
            </span>
            <CopyLinkButton />
            <ShareQrButton />
            <CiteButton paperId={paperId} />
          </div>
        </PaperHeader>

        <UrlNotices notices={notices} onDismiss={onDismissNotice} />

        {contextLost && (
          <div className="notice bad" role="alert" data-testid="context-lost">
            <span>
              <strong>The GPU context was lost.</strong> The browser took the graphics card away from this page (too many
              tabs using WebGL, a driver reset, or the laptop slept). Nothing computed on it since is shown: TensorFlow.js
              {startup.phase === 'ready' && startup.info ? <> restarted on <strong>{startup.info.name}</strong></> : ' is restarting without WebGL'}
              {' '}and the demo started again with your settings.
            </span>
            <button type="button" className="btn small" data-testid="dismiss-context-lost" onClick={() => setContextLost(false)}>
              Dismiss
            </button>
          </div>
        )}

        {intro && <div className="demo-intro">{intro}</div>}

        {startup.phase === 'failed' ? (
          <section className="demo-section" role="alert">
            <h2>TensorFlow.js could not start</h2>
            <p className="error-detail">{startup.message}</p>
            <p>
              {requestedBackend !== 'auto'
                ? `The link asks for the ${requestedBackend} backend, which this browser cannot run. Remove backend=${requestedBackend} from the link, or try backend=cpu.`
                : 'Try again, or open the link with backend=cpu added to its query to use the slow but always-available CPU backend.'}
            </p>
            <button type="button" className="btn primary" onClick={() => setAttempt((a) => a + 1)}>
              Try again
            </button>
          </section>
        ) : (
          <div className={'demo-body' + (controls ? '' : ' no-controls')}>
            {controls && (
              <section className="controls-panel" aria-label="Controls">
                <fieldset className="controls-fieldset" disabled={startup.phase !== 'ready'}>
                  <legend className="visually-hidden">Controls</legend>
                  {controls}
                </fieldset>
              </section>
            )}
            <section className="main-view" aria-label="Live view" aria-busy={startup.phase === 'starting'}>
              {startup.phase === 'ready' ? (
                // A demo may load its live part lazily (einops' workbench, NTL's training panel): same message meanwhile.
                <Suspense fallback={<StartingTf />}>{children}</Suspense>
              ) : (
                <StartingTf />
              )}
            </section>
          </div>
        )}

        {paperTable && (
          <section className="demo-section" aria-labelledby={`${paperId}-vs`}>
            <h2 id={`${paperId}-vs`}>Paper vs. this run</h2>
            <AfterFirstPaint>{paperTable}</AfterFirstPaint>
          </section>
        )}
        {explainer && (
          <section className="demo-section explainer" aria-labelledby={`${paperId}-explainer`}>
            <h2 id={`${paperId}-explainer`}>What the paper does</h2>
            <AfterFirstPaint>{explainer}</AfterFirstPaint>
          </section>
        )}
        {differences && (
          <section className="demo-section" aria-labelledby={`${paperId}-diff`}>
            <h2 id={`${paperId}-diff`}>How this differs from the paper</h2>
            <AfterFirstPaint>{differences}</AfterFirstPaint>
          </section>
        )}
        {/* At the foot, not in the header: on a phone the header must leave the primary action on the first screen. */}
        <p className="demo-foot">
          <OfflineButton route={paperId} />
        </p>
      </article>
    </BackendInfoContext.Provider>
  );
}

/**
 * Renders its children once the browser has painted the page: the sections below the live view
 * (the paper table with the committed runs, the explainer, the differences) took NTL's first render
 * from about 1.0 to 1.7 s on the phone profile of issue #8, and no one reads them first.
 */
function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer = 0;
    // A frame, then a task: the children render after the frame that paints the rest.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return painted ? <>{children}</> : <p className="muted small">Loading…</p>;
}

function StartingTf() {
  return (
    <p className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" /> Starting TensorFlow.js…
    </p>
  );
}

export function BackendBadge({ usesTf, startup, tfInWorker }: { usesTf: boolean; startup: Startup; tfInWorker?: WorkerStatus }) {
  if (!usesTf && tfInWorker) return <WorkerBackendBadge status={tfInWorker} />;
  if (!usesTf) {
    return (
      <span className="meta-item">
        backend <strong data-testid="backend" data-backend="none">none</strong>
        <span className="muted"> (this demo does not use tfjs)</span>
      </span>
    );
  }
  if (startup.phase !== 'ready' || !startup.info) {
    return (
      <span className="meta-item">
        backend{' '}
        <strong data-testid="backend" data-backend={startup.phase === 'failed' ? 'failed' : 'starting'}>
          {startup.phase === 'failed' ? 'failed' : 'starting…'}
        </strong>
      </span>
    );
  }
  const info = startup.info;
  return (
    <details className="meta-item backend-badge">
      <summary title={info.reason}>
        backend{' '}
        <strong data-testid="backend" data-backend={info.name}>
          {info.name}
        </strong>
        {info.forced && <span className="muted"> (forced)</span>}
      </summary>
      <div className="backend-detail">
        <p data-testid="backend-reason">{info.reason}</p>
        {info.renderer && <p className="muted">Renderer: {info.renderer}</p>}
        {info.fellBackFrom && info.fellBackFrom.length > 0 && <p className="muted">Tried first: {info.fellBackFrom.join(', ')}</p>}
        <p className="muted">
          Force another with <code>backend=webgl|wasm|cpu</code> in the link; the <a href="#/system">system check</a> compares them.
        </p>
      </div>
    </details>
  );
}

/**
 * The badge of a page whose tfjs runs only in its worker. `data-backend` is the worker's backend, or
 * 'worker-idle' / 'worker-starting' / 'worker-failed' before it has one (never 'starting': that is the
 * page's own start-up, which tests wait out).
 */
function WorkerBackendBadge({ status }: { status: WorkerStatus }) {
  const b = status.backend;
  const state = b ? b.name : status.error ? 'worker-failed' : status.starting ? 'worker-starting' : 'worker-idle';
  const text = b ? b.name : status.error ? 'failed' : status.starting ? 'starting…' : 'not started';
  return (
    <details className="meta-item backend-badge">
      <summary title={b?.reason ?? 'tfjs runs in the demo’s worker, which starts when the page is idle or on Run'}>
        backend{' '}
        <strong data-testid="backend" data-backend={state}>
          {text}
        </strong>
        <span className="muted"> (in the worker)</span>
      </summary>
      <div className="backend-detail">
        <p data-testid="backend-reason">
          The page itself loads no TensorFlow.js; the demo’s Web Worker does{b ? `: ${b.reason}` : status.error ? `, and could not start it: ${status.error}` : ', once it has started'}.
        </p>
        {b?.renderer && <p className="muted">Renderer: {b.renderer}</p>}
      </div>
    </details>
  );
}
