// One worker thread of scripts/threadPool.ts: registers tsx (so the entry may be TypeScript), loads the
// entry, calls its `setup` with the pool's init, then answers { id, task } messages with { id, result } or
// { id, error }. Plain .mjs because it runs before any TypeScript loader exists in this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const mod = await import(workerData.entry);
  if (typeof mod.setup !== 'function') throw new Error(`${workerData.entry} exports no setup function`);
  const handle = await mod.setup(workerData.init);
  parentPort.on('message', async ({ id, task }) => {
    try {
      parentPort.postMessage({ id, result: await handle(task) });
    } catch (err) {
      parentPort.postMessage({ id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ failed: err instanceof Error ? err.stack ?? err.message : String(err) });
}
