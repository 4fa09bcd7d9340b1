/**
 * The system page's self-test, off the main thread (issue #15): each request starts the named tfjs
 * backend in this worker (WebGL through OffscreenCanvas, as the demos' training workers do), trains
 * the fixed-seed conv net and compares its losses with the committed reference; or measures one
 * second of matrix products. The page stays responsive while a backend trains for seconds.
 */
import * as tf from '@tensorflow/tfjs-core';
// The self-test trains (tf.grads): this worker needs tfjs-core's gradient definitions.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { initBackend, type BackendName } from '../shared/tf';
import reference from '../shared/tf/selfTest.reference.json';
import { compareWithReference, measureThroughput, runSelfTest, TOLERANCE_FLOAT16, TOLERANCE_FLOAT32 } from '../shared/tf/selfTest';
import type { SelfTestReply, SelfTestRequest } from './selfTestProtocol';

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

async function handle(req: SelfTestRequest): Promise<SelfTestReply> {
  const name = req.backend;
  try {
    const started = await initBackend({ force: name });
    if (req.kind === 'throughput') return { kind: 'throughput', backend: started.name, t: await measureThroughput() };
    if (started.name !== name) return { kind: 'row', row: { backend: name, state: 'unavailable', reason: started.reason } };
    const { tolerance, precision } = precisionOfActive(name);
    const run = await runSelfTest();
    return { kind: 'row', row: { backend: name, state: 'done', verdict: compareWithReference(run.losses, reference.losses, tolerance), losses: run.losses, ms: run.ms, precision } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return req.kind === 'throughput' ? { kind: 'throughput', backend: name, error: message } : { kind: 'row', row: { backend: name, state: 'error', message } };
  }
}

// Requests are answered one at a time, in order.
let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<SelfTestRequest>) => {
  queue = queue.then(async () => self.postMessage(await handle(e.data)));
};
