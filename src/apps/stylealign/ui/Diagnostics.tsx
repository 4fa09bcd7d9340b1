/**
 * "Speed and backend check", folded under the explorer: the generator's images per second on this
 * page's backend (the issue's ≥ 30/s), and the explorer's parent and child outputs on this backend
 * against a second explorer worker on WASM, the backend every Node test and experiment runs on (the
 * issue's 1e-3). Both run in workers; the page only compares two arrays.
 */
import { useState } from 'react';
import { createWorkerClient } from '../../../shared/run/worker';
import type { StyleAlignExplorerHandlers } from '../worker/explore.worker';
import type { SpeedResult } from '../worker/protocol';
import { BACKEND_TOLERANCE, formatDifference, largestDifference } from './backendCheck';
import { useStyleAlignExplorer } from './liveStore';
import { message, newExplorerWorker, type ExplorerHandle } from './useExplorer';
import { absoluteUrls, EXPLORER_MISSING, SHIPPED_NAMES } from './weights';

/** Latents the backend check renders through each generator. */
export const PROBE_COUNT = 8;
const SPEED_BATCH = 8;
const SPEED_SECONDS = 1;

interface CheckResult {
  backend: string;
  difference: number;
  values: number;
  models: number;
}

async function compareWithWasm(explorer: ExplorerHandle, seed: number): Promise<CheckResult> {
  if (!explorer.client) throw new Error('The explorer is not loaded yet.');
  const here = await explorer.client.call('probe', { seed, count: PROBE_COUNT });
  const worker = newExplorerWorker('stylealign-wasm-reference');
  const reference = createWorkerClient<StyleAlignExplorerHandlers>(worker);
  try {
    await reference.call('load', { urls: absoluteUrls(), shippedNames: [...SHIPPED_NAMES], missing: [...EXPLORER_MISSING], backend: 'wasm' });
    const wasm = await reference.call('probe', { seed, count: PROBE_COUNT });
    if (wasm.backend !== 'wasm') throw new Error(`the reference worker could not start WASM (it runs on ${wasm.backend}), so there is nothing to compare with`);
    return { backend: here.backend, difference: largestDifference(here.values, wasm.values), values: here.values.length, models: here.models };
  } finally {
    reference.dispose();
    worker.terminate();
  }
}

export function Diagnostics({ explorer, seed }: { explorer: ExplorerHandle; seed: number }) {
  const ready = useStyleAlignExplorer((s) => s.status === 'ready' && !!(s.info?.parent || s.info?.child));
  const [busy, setBusy] = useState<'speed' | 'check' | null>(null);
  const [speed, setSpeed] = useState<SpeedResult | null>(null);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(kind: 'speed' | 'check', job: () => Promise<T>, done: (r: T) => void) => {
    setBusy(kind);
    setError(null);
    try {
      done(await job());
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  };
  const pass = check !== null && check.difference <= BACKEND_TOLERANCE;
  return (
    <details className="fold" data-testid="stylealign-speed-check">
      <summary>Speed and backend check</summary>
      {!ready && <p className="muted small">Needs a shipped generator, loaded in the explorer.</p>}
      <p className="small">
        <button type="button" className="btn small" data-testid="stylealign-speed-run" disabled={!ready || busy !== null} onClick={() => run('speed', () => explorer.client!.call('speed', { batch: SPEED_BATCH, seconds: SPEED_SECONDS }), setSpeed)}>
          {busy === 'speed' ? 'Timing…' : 'Time the generator'}
        </button>{' '}
        {speed && (
          <span data-testid="stylealign-speed" data-value={speed.imagesPerSecond} data-backend={speed.backend}>
            {Math.round(speed.imagesPerSecond).toLocaleString('en')} images per second on {speed.backend} ({speed.batches} batches of {speed.batch} latents in {(speed.ms / 1000).toFixed(1)} s, read back to the CPU)
          </span>
        )}
      </p>
      <p className="small">
        <button type="button" className="btn small" data-testid="stylealign-backend-check-run" disabled={!ready || busy !== null} onClick={() => run('check', () => compareWithWasm(explorer, seed), setCheck)}>
          {busy === 'check' ? 'Comparing…' : 'Compare with WASM'}
        </button>{' '}
        {check && (
          <span data-testid="stylealign-backend-check" data-value={check.difference} data-backend={check.backend} data-result={pass ? 'pass' : 'fail'}>
            {check.backend === 'wasm' ? 'This page already runs on WASM, the reference (open the link with ?backend=webgl to compare WebGL): ' : `${check.backend} against WASM: `}
            largest difference {formatDifference(check.difference)} over {check.values.toLocaleString('en')} outputs of {check.models} generator{check.models > 1 ? 's' : ''} on {PROBE_COUNT} latents,{' '}
            {pass ? `within ${BACKEND_TOLERANCE}` : `more than ${BACKEND_TOLERANCE}: this backend computes the generator differently here`}.
          </span>
        )}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="stylealign-diagnostics-error">
          {error}
        </p>
      )}
    </details>
  );
}
