/**
 * The system page's self-test and capability line (issue #15). The self-test trains a small
 * conv-net for 20 fixed-seed steps on each backend and compares every step's loss with the committed
 * reference (src/shared/tf/selfTest.reference.json, from `npx tsx scripts/selftest-reference.ts`
 * on the CPU backend in Node): pass or fail per backend, so a presenter finds a broken GPU driver
 * before the talk. Then it measures one second of matrix products on the page's own backend.
 */
import { useState } from 'react';
import * as tf from '@tensorflow/tfjs-core';
// The self-test trains (tf.grads): the page needs tfjs-core's gradient definitions.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initBackend, type BackendInfo, type BackendName } from '../shared/tf';
import reference from '../shared/tf/selfTest.reference.json';
import {
  compareWithReference,
  formatLoss,
  formatRel,
  measureThroughput,
  runSelfTest,
  SELF_TEST_SPEC,
  TOLERANCE_FLOAT16,
  TOLERANCE_FLOAT32,
  type SelfTestVerdict,
  type Throughput,
} from '../shared/tf/selfTest';
import { capabilityLine, detectCapabilities } from './capabilities';
import { formatMs, type RequestedBackend } from './systemCheck';

const BACKENDS: BackendName[] = ['webgl', 'wasm', 'cpu'];

type Row =
  | { backend: BackendName; state: 'running' }
  | { backend: BackendName; state: 'unavailable'; reason: string }
  | { backend: BackendName; state: 'error'; message: string }
  | { backend: BackendName; state: 'done'; verdict: SelfTestVerdict; losses: number[]; ms: number; precision: string };

/** 32-bit floats everywhere except on a WebGL that can only render 16-bit ones (many phone GPUs). */
function precisionOfActive(name: BackendName): { tolerance: number; precision: string } {
  if (name !== 'webgl') return { tolerance: TOLERANCE_FLOAT32, precision: 'float32' };
  let float32 = true;
  try {
    float32 = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
  } catch {
    // the flag is registered with the webgl backend; it is, since that backend is active
  }
  return float32 ? { tolerance: TOLERANCE_FLOAT32, precision: 'float32' } : { tolerance: TOLERANCE_FLOAT16, precision: 'float16 (this GPU renders no float32)' };
}

async function selfTestOn(name: BackendName): Promise<Row> {
  try {
    const started = await initBackend({ force: name });
    if (started.name !== name) return { backend: name, state: 'unavailable', reason: started.reason };
    const { tolerance, precision } = precisionOfActive(name);
    const run = await runSelfTest();
    return { backend: name, state: 'done', verdict: compareWithReference(run.losses, reference.losses, tolerance), losses: run.losses, ms: run.ms, precision };
  } catch (e) {
    return { backend: name, state: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}

export interface SelfTestPanelProps {
  requested: RequestedBackend;
  /** The page's backend is up (the buttons wait for it). */
  ready: boolean;
  /** Another measurement that switches backends is running. */
  busy: boolean;
  onBusy: (busy: boolean) => void;
  /** Called with the page's backend once it is restored after the test. */
  onRestored: (info: BackendInfo) => void;
  onRestoreFailed: (message: string) => void;
}

export function SelfTestPanel({ requested, ready, busy, onBusy, onRestored, onRestoreFailed }: SelfTestPanelProps) {
  const [caps] = useState(detectCapabilities);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [running, setRunning] = useState(false);
  const [throughput, setThroughput] = useState<{ backend: string; t: Throughput } | { backend: string; error: string } | null>(null);

  const run = async () => {
    setRunning(true);
    onBusy(true);
    setThroughput(null);
    const out: Row[] = [];
    try {
      for (const b of BACKENDS) {
        setRows([...out, { backend: b, state: 'running' }]);
        out.push(await selfTestOn(b));
        setRows([...out]);
      }
    } finally {
      // Back to the backend the link asked for (as on arrival), and one second of work on it.
      try {
        const info = await initBackend(requested === 'auto' ? {} : { force: requested });
        onRestored(info);
        try {
          setThroughput({ backend: info.name, t: await measureThroughput() });
        } catch (e) {
          setThroughput({ backend: info.name, error: e instanceof Error ? e.message : String(e) });
        }
      } catch (e) {
        onRestoreFailed(e instanceof Error ? e.message : String(e));
      }
      onBusy(false);
      setRunning(false);
    }
  };

  const done = rows?.filter((r): r is Extract<Row, { state: 'done' }> => r.state === 'done') ?? [];
  const overall = rows && !running ? (done.length === 0 ? 'none' : done.every((r) => r.verdict.pass) ? 'pass' : 'fail') : null;

  return (
    <>
      <p data-testid="capabilities" className="capability-line">
        {capabilityLine(caps)}
        {throughput && (
          <>
            {' · '}
            <span data-testid="throughput" data-gflops={'t' in throughput ? throughput.t.gflops.toFixed(3) : ''}>
              {'t' in throughput
                ? `${throughput.backend} throughput: ${throughput.t.products} products of ${throughput.t.n}×${throughput.t.n} matrices in ${formatMs(throughput.t.ms)}, ${throughput.t.gflops.toFixed(2)} GFLOP/s`
                : `${throughput.backend} throughput not measured: ${throughput.error}`}
            </span>
          </>
        )}
      </p>
      <p>
        Trains a small convolutional network ({SELF_TEST_SPEC.batch} images of {SELF_TEST_SPEC.size}×{SELF_TEST_SPEC.size}, {SELF_TEST_SPEC.classes}{' '}
        classes, plain SGD, seed {SELF_TEST_SPEC.seed}) for {SELF_TEST_SPEC.steps} steps on each backend and compares the loss before every
        step with a reference computed on the {reference.backend} backend with tfjs {reference.tfjs} (made by <code>{reference.command}</code>).
        A backend passes when every loss is within {formatRel(TOLERANCE_FLOAT32)} of the reference ({formatRel(TOLERANCE_FLOAT16)} on a GPU that
        renders only 16-bit floats). It exercises convolutions and their gradients, matrix products, softmax and means, the ops the demos
        train with. Then it measures one second of {128}×{128} matrix products on the backend this page uses.
      </p>
      <button type="button" className="btn primary" data-testid="self-test-run" onClick={run} disabled={!ready || busy} aria-busy={running}>
        {running ? 'Testing…' : rows ? 'Run the self-test again' : 'Run the self-test'}
      </button>
      {overall && (
        <p data-testid="self-test-overall" data-result={overall} role="status" className={overall === 'pass' ? 'good' : 'bad'}>
          {overall === 'pass'
            ? `This machine computes correctly on ${done.map((r) => r.backend).join(', ')}.`
            : overall === 'fail'
              ? `Failed on ${done.filter((r) => !r.verdict.pass).map((r) => r.backend).join(', ')}: the demos would compute wrong numbers there. Force another backend (backend= in the link) or use another browser or machine.`
              : 'No backend could run the self-test.'}
        </p>
      )}
      {rows && (
        <div className="table-scroll">
          <table className="table" data-testid="self-test">
            <caption className="visually-hidden">Self-test result per backend</caption>
            <thead>
              <tr>
                <th scope="col">Backend</th>
                <th scope="col">Result</th>
                <th scope="col">Loss, step 1 → {SELF_TEST_SPEC.steps}</th>
                <th scope="col">Largest deviation</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.backend} data-testid={`self-test-${r.backend}`} data-result={r.state === 'done' ? (r.verdict.pass ? 'pass' : 'fail') : r.state}>
                  <th scope="row">{r.backend}</th>
                  {r.state === 'running' ? (
                    <td colSpan={4}>
                      <span className="spinner" aria-hidden="true" /> training…
                    </td>
                  ) : r.state === 'unavailable' ? (
                    <td colSpan={4} className="muted">
                      not available here: {r.reason}
                    </td>
                  ) : r.state === 'error' ? (
                    <td colSpan={4} className="bad">
                      error: {r.message}
                    </td>
                  ) : (
                    <>
                      <td className={r.verdict.pass ? 'good' : 'bad'} title={r.verdict.message}>
                        <strong>{r.verdict.pass ? 'pass' : 'FAIL'}</strong> <span className="small">({r.verdict.message})</span>
                      </td>
                      <td>
                        {formatLoss(r.losses[0])} → {formatLoss(r.losses[r.losses.length - 1])}
                        <span className="muted small"> (reference {formatLoss(reference.losses[0])} → {formatLoss(reference.losses[reference.losses.length - 1])})</span>
                      </td>
                      <td data-testid={`self-test-${r.backend}-deviation`} data-value={r.verdict.maxRelError}>
                        {formatRel(r.verdict.maxRelError)} <span className="muted small">(allowed {formatRel(r.verdict.tolerance)}, {r.precision})</span>
                      </td>
                      <td>{formatMs(r.ms)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
