/**
 * The system check (`#/system`): which tfjs backend this browser gives the demos, why, on what
 * renderer, and how fast a small probe runs on each backend. Loaded lazily: it is the only shell
 * page that imports tfjs. `?backend=webgl|wasm|cpu` forces one, as on every demo page.
 */
import { useEffect, useRef, useState } from 'react';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, onBackendChange, simulateContextLoss, type BackendInfo, type BackendName } from '../shared/tf';
import { ChartCheck } from './ChartCheck';
import { SelfTestPanel } from './SelfTest';
import { OfflinePanel } from './OfflinePanel';
import { parseHash } from './routes';
import { formatGflops, formatMs, matmulFlops, median, readRequestedBackend, withBackend, BACKEND_CHOICES, type RequestedBackend } from './systemCheck';
import { replaceQuery, useHash } from './useHash';

const PROBE_N = 96; // small enough that the CPU backend stays under 50 ms per product
const PROBE_REPEATS = 7;
const ALL_BACKENDS: BackendName[] = ['webgl', 'wasm', 'cpu'];

interface Timing {
  backend: BackendName;
  ms?: number;
  error?: string;
}

/** Starts (or confirms) the backend the link asks for, as a demo page would. */
function startBackend(requested: RequestedBackend): Promise<BackendInfo> {
  return initBackend(requested === 'auto' ? {} : { force: requested });
}

export default function SystemPage() {
  const hash = useHash();
  const { query } = parseHash(hash);
  if (new URLSearchParams(query).get('crash') === '1') {
    // A test hook for the error page: end-to-end tests open #/system?crash=1 to check that a
    // crashing page is contained and the navigation keeps working.
    throw new Error('Deliberate crash requested by ?crash=1 (this is how the error page is tested).');
  }
  const { backend: requested, notice } = readRequestedBackend(query);
  const [info, setInfo] = useState<BackendInfo | null>(null);
  const [initError, setInitError] = useState<string | null>(null);
  const [timings, setTimings] = useState<Timing[] | null>(null);
  const [timing, setTiming] = useState(false);
  const [noticeDismissed, setNoticeDismissed] = useState(false);
  const timingRef = useRef(false);

  useEffect(() => {
    let alive = true;
    setInfo(null);
    setInitError(null);
    setTimings(null);
    startBackend(requested).then(
      (i) => alive && setInfo(i),
      (e: unknown) => alive && setInitError(e instanceof Error ? e.message : String(e)),
    );
    // While timing, the page switches backends on purpose; the display keeps the chosen one.
    const off = onBackendChange((i) => alive && !timingRef.current && setInfo(i));
    return () => {
      alive = false;
      off();
    };
  }, [requested]);

  const choose = (b: RequestedBackend) => {
    const now = parseHash(window.location.hash);
    replaceQuery(now.path, withBackend(now.query, b));
  };

  const restart = () => {
    setInfo(null);
    startBackend(requested).then(setInfo, (e: unknown) => setInitError(e instanceof Error ? e.message : String(e)));
  };

  const runTimings = async () => {
    if (!info) return;
    setTiming(true);
    timingRef.current = true;
    const out: Timing[] = [];
    try {
      for (const b of ALL_BACKENDS) {
        out.push(await timeBackend(b));
        setTimings([...out]);
      }
    } finally {
      // Give the demos back the backend that was picked for them (same choice as on arrival).
      try {
        setInfo(await startBackend(requested));
      } catch (e) {
        setInitError(e instanceof Error ? e.message : String(e));
      }
      timingRef.current = false;
      setTiming(false);
    }
  };

  return (
    <div className="system-page">
      <h1>System check</h1>
      <p className="muted">
        The demos compute with TensorFlow.js, which can run on your GPU (WebGL), on the CPU through WebAssembly
        (WASM), or in plain JavaScript (CPU). This page shows which one your browser gets and why.
      </p>
      {notice && !noticeDismissed && (
        <div className="notice" role="status" data-testid="url-notice">
          <span>{notice}</span>
          <button type="button" className="btn small" data-testid="dismiss-notice" onClick={() => setNoticeDismissed(true)}>
            Dismiss
          </button>
        </div>
      )}

      <section className="panel" aria-labelledby="sys-backend">
        <h2 id="sys-backend">Backend in use</h2>
        {initError ? (
          <p className="error-detail" role="alert">
            Could not start TensorFlow.js: {initError}. Try another backend below, or another browser.
          </p>
        ) : !info ? (
          <p className="page-loading" role="status">
            <span className="spinner" aria-hidden="true" /> Starting TensorFlow.js…
          </p>
        ) : (
          <dl className="facts">
            <dt>Backend</dt>
            <dd>
              <strong data-testid="backend" data-backend={info.name}>
                {info.name}
              </strong>
              {info.forced ? ' (forced by the link)' : ' (picked automatically)'}
            </dd>
            <dt>Why</dt>
            <dd data-testid="backend-reason">{info.reason}</dd>
            {info.fellBackFrom && info.fellBackFrom.length > 0 && (
              <>
                <dt>Tried first</dt>
                <dd>{info.fellBackFrom.join(', ')}</dd>
              </>
            )}
            <dt>WebGL renderer</dt>
            <dd data-testid="renderer">{info.renderer ?? 'not known (WebGL not used or not available)'}</dd>
          </dl>
        )}
        {info?.name === 'webgl' && (
          <div className="context-loss" data-testid="context-loss-check">
            {info.contextLost ? (
              <p role="alert">
                <strong data-testid="context-lost-state">The WebGL context was lost.</strong> On a demo page this
                restarts TensorFlow.js without WebGL and starts the demo again with the link's settings, saying so,
                rather than drawing results read from a dead context.{' '}
                <button type="button" className="btn small" data-testid="restart-backend" onClick={restart}>
                  Start TensorFlow.js again
                </button>{' '}
                (WebGL is not tried again on this page: it moves to WASM or CPU.)
              </p>
            ) : (
              <p className="small muted">
                <button type="button" className="btn small" data-testid="simulate-context-loss" onClick={() => simulateContextLoss()} disabled={timing}>
                  Simulate a GPU context loss
                </button>{' '}
                loses this page's WebGL context on purpose (WEBGL_lose_context), as a driver reset or the browser
                reclaiming the GPU would, to show what the demos do then.
              </p>
            )}
          </div>
        )}
        <fieldset className="choice">
          <legend>Force a backend (adds ?backend= to the link, as on every demo page)</legend>
          {BACKEND_CHOICES.map((b) => (
            <label key={b}>
              <input type="radio" name="backend" value={b} checked={requested === b} onChange={() => choose(b)} /> {b}
            </label>
          ))}
        </fieldset>
      </section>

      <section className="panel" aria-labelledby="sys-self-test">
        <h2 id="sys-self-test">Self-test</h2>
        <SelfTestPanel
          requested={requested}
          ready={!!info}
          busy={timing}
          onBusy={(b) => {
            timingRef.current = b;
            setTiming(b);
          }}
          pageBackend={info}
        />
      </section>

      <section className="panel" aria-labelledby="sys-speed">
        <h2 id="sys-speed">Speed of each backend</h2>
        <p>
          Times a {PROBE_N}×{PROBE_N} matrix product on each backend (median of {PROBE_REPEATS}, after one warm-up).
          Takes a few seconds; on a machine without a GPU, WebGL runs in software and is often the slowest.
        </p>
        <button type="button" className="btn primary" onClick={runTimings} disabled={!info || timing} aria-busy={timing}>
          {timing ? 'Measuring…' : timings ? 'Measure again' : 'Measure'}
        </button>
        {timings && (
          <table className="table" data-testid="timings">
            <caption className="visually-hidden">Probe timing per backend</caption>
            <thead>
              <tr>
                <th scope="col">Backend</th>
                <th scope="col">Time per product</th>
                <th scope="col">Throughput</th>
              </tr>
            </thead>
            <tbody>
              {timings.map((t) => (
                <tr key={t.backend}>
                  <th scope="row">
                    {t.backend}
                    {info?.name === t.backend ? ' (in use)' : ''}
                  </th>
                  {t.error ? (
                    <td colSpan={2} className="muted">
                      not available: {t.error}
                    </td>
                  ) : (
                    <>
                      <td>{formatMs(t.ms ?? NaN)}</td>
                      <td>{formatGflops(matmulFlops(PROBE_N), t.ms ?? NaN)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="sys-chart">
        <h2 id="sys-chart">Live chart</h2>
        <ChartCheck />
      </section>

      <OfflinePanel />
      <section className="panel" aria-labelledby="sys-env">
        <h2 id="sys-env">This browser</h2>
        <dl className="facts">
          <dt>CPU threads</dt>
          <dd>{navigator.hardwareConcurrency || 'not reported'}</dd>
          <dt>Device pixel ratio</dt>
          <dd>{window.devicePixelRatio}</dd>
          <dt>Cross-origin isolated</dt>
          <dd>{String(window.crossOriginIsolated ?? false)} (the demos do not need it)</dd>
          <dt>Web Workers</dt>
          <dd>{typeof Worker === 'function' ? 'yes' : 'no'}</dd>
          <dt>OffscreenCanvas</dt>
          <dd>{typeof OffscreenCanvas === 'function' ? 'yes' : 'no'}</dd>
        </dl>
      </section>
    </div>
  );
}

/**
 * Starts one backend through the same `initBackend` the demos use (so it is probed and set up the
 * same way) and times the product there; the caller switches back.
 */
async function timeBackend(name: BackendName): Promise<Timing> {
  try {
    const started = await initBackend({ force: name });
    if (started.name !== name) return { backend: name, error: started.reason };
    const a = tf.randomUniform([PROBE_N, PROBE_N], -1, 1, 'float32', 7);
    const b = tf.randomUniform([PROBE_N, PROBE_N], -1, 1, 'float32', 8);
    try {
      const once = async () => {
        const t0 = performance.now();
        const c = tf.matMul(a, b);
        await c.data();
        c.dispose();
        return performance.now() - t0;
      };
      await once(); // warm-up: shader compilation, wasm start-up
      const times: number[] = [];
      for (let i = 0; i < PROBE_REPEATS; i++) {
        times.push(await once());
        // Let the page paint between repeats.
        await new Promise((r) => setTimeout(r, 0));
      }
      return { backend: name, ms: median(times) };
    } finally {
      a.dispose();
      b.dispose();
    }
  } catch (e) {
    return { backend: name, error: e instanceof Error ? e.message : String(e) };
  }
}
