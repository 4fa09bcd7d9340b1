/**
 * The system page's self-test and capability line (issue #15). The self-test trains a small
 * conv-net for 20 fixed-seed steps on each backend and compares every step's loss with the committed
 * reference (src/shared/tf/selfTest.reference.json, from `npx tsx scripts/selftest-reference.ts`
 * on the CPU backend in Node): pass or fail per backend, so a presenter finds a broken GPU driver
 * before the talk. Then it measures one second of matrix products on the page's own backend.
 * All of it runs in a worker (selfTest.worker.ts): the page keeps its backend and stays responsive.
 */
import { useState } from 'react';
import type { BackendInfo, BackendName } from '../shared/tf';
import reference from '../shared/tf/selfTest.reference.json';
import { formatLoss, formatRel, SELF_TEST_SPEC, TOLERANCE_FLOAT16, TOLERANCE_FLOAT32, type Throughput } from '../shared/tf/selfTest';
import { capabilityLine, detectCapabilities } from './capabilities';
import { formatMs, type RequestedBackend } from './systemCheck';
import type { Row, SelfTestReply, SelfTestRequest } from './selfTestProtocol';

const BACKENDS: BackendName[] = ['webgl', 'wasm', 'cpu'];

/** One request to the worker, one reply (the worker answers in order). */
function ask(worker: Worker, req: SelfTestRequest): Promise<SelfTestReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<SelfTestReply>) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      resolve(e.data);
    };
    const onError = (e: ErrorEvent) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      reject(new Error(e.message || 'the self-test worker failed to start'));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage(req);
  });
}

export interface SelfTestPanelProps {
  requested: RequestedBackend;
  /** The page's backend is up (the buttons wait for it). */
  ready: boolean;
  /** Another measurement that switches backends is running. */
  busy: boolean;
  onBusy: (busy: boolean) => void;
  /** The page's own backend: the throughput is measured on it (in the worker). */
  pageBackend: BackendInfo | null;
}

export function SelfTestPanel({ requested, ready, busy, onBusy, pageBackend }: SelfTestPanelProps) {
  const [caps] = useState(detectCapabilities);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [running, setRunning] = useState(false);
  const [throughput, setThroughput] = useState<{ backend: string; t: Throughput } | { backend: string; error: string } | null>(null);

  const run = async () => {
    setRunning(true);
    onBusy(true);
    setThroughput(null);
    const out: Row[] = [];
    // Everything trains in a worker: the page keeps its own backend and stays responsive.
    const worker = new Worker(new URL('./selfTest.worker.ts', import.meta.url), { type: 'module', name: 'self-test' });
    try {
      for (const b of BACKENDS) {
        setRows([...out, { backend: b, state: 'running' }]);
        try {
          const reply = await ask(worker, { kind: 'test', backend: b });
          out.push(reply.kind === 'row' ? reply.row : { backend: b, state: 'error', message: 'unexpected reply' });
        } catch (e) {
          out.push({ backend: b, state: 'error', message: e instanceof Error ? e.message : String(e) });
        }
        setRows([...out]);
      }
      // One second of work on the backend the page itself uses (as the link asked for).
      const own: BackendName = pageBackend?.name ?? (requested === 'auto' ? 'wasm' : requested);
      try {
        const reply = await ask(worker, { kind: 'throughput', backend: own });
        if (reply.kind === 'throughput') setThroughput('t' in reply ? { backend: reply.backend, t: reply.t } : { backend: reply.backend, error: reply.error });
      } catch (e) {
        setThroughput({ backend: own, error: e instanceof Error ? e.message : String(e) });
      }
    } finally {
      worker.terminate();
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
